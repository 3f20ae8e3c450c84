package protocol

import (
	"strings"

	"github.com/parity-harness/parity/emulator/model"
)

// The models do not name the root element of rest-xml outputs that have no
// payload member; S3 documents them. These are the element names S3 writes.
var s3OutputRoots = map[string]string{
	"CompleteMultipartUpload":                    "CompleteMultipartUploadResult",
	"CreateMultipartUpload":                      "InitiateMultipartUploadResult",
	"CreateSession":                              "CreateSessionResult",
	"DeleteObjects":                              "DeleteResult",
	"GetBucketAccelerateConfiguration":           "AccelerateConfiguration",
	"GetBucketAcl":                               "AccessControlPolicy",
	"GetBucketCors":                              "CORSConfiguration",
	"GetBucketLifecycle":                         "LifecycleConfiguration",
	"GetBucketLifecycleConfiguration":            "LifecycleConfiguration",
	"GetBucketLocation":                          "LocationConstraint",
	"GetBucketLogging":                           "BucketLoggingStatus",
	"GetBucketNotification":                      "NotificationConfiguration",
	"GetBucketNotificationConfiguration":         "NotificationConfiguration",
	"GetBucketRequestPayment":                    "RequestPaymentConfiguration",
	"GetBucketTagging":                           "Tagging",
	"GetBucketVersioning":                        "VersioningConfiguration",
	"GetBucketWebsite":                           "WebsiteConfiguration",
	"GetObjectAcl":                               "AccessControlPolicy",
	"GetObjectAttributes":                        "GetObjectAttributesResponse",
	"GetObjectTagging":                           "Tagging",
	"ListBucketAnalyticsConfigurations":          "ListBucketAnalyticsConfigurationResult",
	"ListBucketIntelligentTieringConfigurations": "ListBucketIntelligentTieringConfigurationsOutput",
	"ListBucketInventoryConfigurations":          "ListInventoryConfigurationsResult",
	"ListBucketMetricsConfigurations":            "ListMetricsConfigurationsResult",
	"ListBuckets":                                "ListAllMyBucketsResult",
	"ListDirectoryBuckets":                       "ListAllMyDirectoryBucketsResult",
	"ListMultipartUploads":                       "ListMultipartUploadsResult",
	"ListObjectVersions":                         "ListVersionsResult",
	"ListObjects":                                "ListBucketResult",
	"ListObjectsV2":                              "ListBucketResult",
	"ListParts":                                  "ListPartsResult",
}

const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

func isS3(svc *model.Service) bool {
	return svc != nil && svc.Metadata.EndpointPrefix == "s3"
}

// restXMLRoot is the root element of a rest-xml output without payload.
func restXMLRoot(svc *model.Service, op *model.Operation) string {
	if isS3(svc) {
		if name, ok := s3OutputRoots[op.Name]; ok {
			return name
		}
	}
	if op.Output != nil {
		if s := op.Output.Shape; s.LocationName != "" {
			return s.LocationName
		}
		if op.Output.LocationName != "" {
			return op.Output.LocationName
		}
		return strings.TrimSuffix(op.Output.Shape.Name, "Output") + "Result"
	}
	return op.Name + "Result"
}

// restXMLNamespace is the default namespace of rest-xml documents.
func restXMLNamespace(svc *model.Service) string {
	if svc.Metadata.XMLNamespace != "" {
		return svc.Metadata.XMLNamespace
	}
	if isS3(svc) {
		return s3Namespace
	}
	return ""
}
