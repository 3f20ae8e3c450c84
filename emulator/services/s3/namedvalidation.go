package s3

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// validateNamed checks a configuration of an id-keyed kind before it is
// stored: the document's Id must match the id parameter (S3 words the
// mismatch MalformedXML for analytics, IdMismatch for the other kinds), and
// inventory configurations must name a bucket ARN and known values.
func validateNamed(nk namedKind, id string, cfg map[string]any) error {
	if str(cfg, "Id") != id {
		if nk.name == "Analytics" {
			return errMalformedXML()
		}
		return awserr.New("IdMismatch", 400, "Document ID does not match the specified configuration ID.")
	}
	if nk.name == "Inventory" {
		return validateInventory(cfg)
	}
	return nil
}

// Values an inventory configuration may hold.
var (
	inventoryFormats        = map[string]bool{"CSV": true, "ORC": true, "Parquet": true}
	inventoryVersions       = map[string]bool{"All": true, "Current": true}
	inventoryFrequencies    = map[string]bool{"Daily": true, "Weekly": true}
	inventoryOptionalFields = map[string]bool{"Size": true, "LastModifiedDate": true, "StorageClass": true, "ETag": true,
		"IsMultipartUploaded": true, "ReplicationStatus": true, "EncryptionStatus": true, "ObjectLockRetainUntilDate": true,
		"ObjectLockMode": true, "ObjectLockLegalHoldStatus": true, "IntelligentTieringAccessTier": true, "BucketKeyStatus": true,
		"ChecksumAlgorithm": true, "ObjectAccessControlList": true, "ObjectOwner": true}
)

// validateInventory checks an inventory configuration: the destination is
// a bucket ARN, and format, object versions, optional fields and schedule
// frequency are values S3 knows.
func validateInventory(cfg map[string]any) error {
	dest := object(object(cfg, "Destination"), "S3BucketDestination")
	if p, ok := service.ParseARN(str(dest, "Bucket")); !ok || p.Service != "s3" || p.Resource == "" {
		return awserr.New("InvalidS3DestinationBucket", 400, "Invalid bucket ARN.")
	}
	if !inventoryFormats[str(dest, "Format")] || !inventoryVersions[str(cfg, "IncludedObjectVersions")] ||
		!inventoryFrequencies[str(object(cfg, "Schedule"), "Frequency")] {
		return errMalformedXML()
	}
	for _, f := range inventoryFields(cfg) {
		if !inventoryOptionalFields[f] {
			return errMalformedXML()
		}
	}
	return nil
}

// inventoryFields lists the optional fields of an inventory configuration,
// however the decoder shaped the list.
func inventoryFields(cfg map[string]any) []string {
	var out []string
	switch v := cfg["OptionalFields"].(type) {
	case []any:
		for _, f := range v {
			if s, ok := f.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = v
	case map[string]any:
		for _, f := range list(v, "Field") {
			if s, ok := f.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// namedPutStatus is the status of a successful put of a configuration of
// kind nk: S3 answers 204 No Content to analytics and inventory puts.
func namedPutStatus(nk namedKind) int {
	switch nk.name {
	case "Analytics", "Inventory", "Metrics":
		return 204
	}
	return 200
}
