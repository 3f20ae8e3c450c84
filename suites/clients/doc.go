// Package clients runs tools parity did not write against the bundled
// emulator: the AWS CLI, the AWS SDK for JavaScript v3 and Terraform with the
// AWS provider. Each run gets its own emulator whose server-side call log is
// kept for the coverage report; the results form the client × service
// matrix published in the README.
package clients
