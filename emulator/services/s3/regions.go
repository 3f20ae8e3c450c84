package s3

// awsRegions are the regions S3 accepts as location constraints and
// bucket-region filters.
var awsRegions = map[string]bool{
	"us-east-1": true, "us-east-2": true, "us-west-1": true, "us-west-2": true,
	"af-south-1": true, "ap-east-1": true, "ap-east-2": true, "ap-south-1": true, "ap-south-2": true,
	"ap-southeast-1": true, "ap-southeast-2": true, "ap-southeast-3": true, "ap-southeast-4": true,
	"ap-southeast-5": true, "ap-southeast-7": true, "ap-northeast-1": true, "ap-northeast-2": true,
	"ap-northeast-3": true, "ca-central-1": true, "ca-west-1": true, "eu-central-1": true,
	"eu-central-2": true, "eu-west-1": true, "eu-west-2": true, "eu-west-3": true, "eu-south-1": true,
	"eu-south-2": true, "eu-north-1": true, "il-central-1": true, "me-south-1": true,
	"me-central-1": true, "mx-central-1": true, "sa-east-1": true, "us-gov-east-1": true,
	"us-gov-west-1": true, "cn-north-1": true, "cn-northwest-1": true,
}

// regionOfConstraint maps a LocationConstraint to the region it names.
func regionOfConstraint(c string) string {
	if c == "EU" {
		return "eu-west-1"
	}
	return c
}
