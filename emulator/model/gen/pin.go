//go:build tools

package main

// The models are read from this module's files; the import keeps it in go.mod.
import _ "github.com/aws/aws-sdk-go/aws"
