package s3

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// restoreOngoing is the x-amz-restore value of an object whose restore was
// requested and has not completed. Archive retrievals take hours on AWS
// (minutes at best with the Expedited tier), so a requested restore stays
// ongoing: GetObject keeps answering InvalidObjectState.
const restoreOngoing = `ongoing-request="true"`

// restoreTiers are the retrieval tiers a restore may ask for.
var restoreTiers = map[string]bool{"Standard": true, "Bulk": true, "Expedited": true}

// restoreObject starts the restore of an archived object: 202 Accepted the
// first time, RestoreAlreadyInProgress while it is ongoing.
func (s *Service) restoreObject(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "POST")
	if err != nil {
		return nil, err
	}
	req := object(in, "RestoreRequest")
	if tier := str(object(req, "GlacierJobParameters"), "Tier"); tier != "" && !restoreTiers[tier] {
		return nil, errMalformedXML()
	}
	if tier := str(req, "Tier"); tier != "" && !restoreTiers[tier] {
		return nil, errMalformedXML()
	}
	if !archived(o.StorageClass) {
		return nil, awserr.New("InvalidObjectState", 403, "Restore is not allowed for the object's current storage class").With("StorageClass", storageClassOf(o))
	}
	if o.Restore == restoreOngoing {
		return nil, awserr.New("RestoreAlreadyInProgress", 409, "Object restore is already in progress")
	}
	if _, err := s.updateVersion(b, o, func(x *Object) error { x.Restore = restoreOngoing; return nil }); err != nil {
		return nil, err
	}
	setStatus(ctx, 202)
	return map[string]any{}, nil
}
