package s3

import (
	"regexp"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// Group URIs S3 accepts as grantees.
const (
	groupAllUsers  = "http://acs.amazonaws.com/groups/global/AllUsers"
	groupAuthUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	groupLog       = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

var validGroups = map[string]bool{groupAllUsers: true, groupAuthUsers: true, groupLog: true}

var validPermissions = map[string]bool{"FULL_CONTROL": true, "WRITE": true, "WRITE_ACP": true, "READ": true, "READ_ACP": true}

var canonicalIDPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

var bucketCannedACLs = map[string]bool{"private": true, "public-read": true, "public-read-write": true, "authenticated-read": true, "log-delivery-write": true}

var objectCannedACLs = map[string]bool{"private": true, "public-read": true, "public-read-write": true, "authenticated-read": true, "aws-exec-read": true, "bucket-owner-read": true, "bucket-owner-full-control": true}

// cannedACL expands a canned ACL for owner (bucketOwner for the
// bucket-owner-* ACLs of objects).
func cannedACL(name string, owner, bucketOwner Owner) ACL {
	acl := ACL{Owner: owner, Grants: []Grant{userGrant(owner, "FULL_CONTROL")}}
	group := func(uri, perm string) Grant { return Grant{GranteeType: "Group", URI: uri, Permission: perm} }
	switch name {
	case "public-read":
		acl.Grants = append(acl.Grants, group(groupAllUsers, "READ"))
	case "public-read-write":
		acl.Grants = append(acl.Grants, group(groupAllUsers, "READ"), group(groupAllUsers, "WRITE"))
	case "authenticated-read":
		acl.Grants = append(acl.Grants, group(groupAuthUsers, "READ"))
	case "log-delivery-write":
		acl.Grants = append(acl.Grants, group(groupLog, "WRITE"), group(groupLog, "READ_ACP"))
	case "bucket-owner-read":
		if bucketOwner.ID != owner.ID {
			acl.Grants = append(acl.Grants, userGrant(bucketOwner, "READ"))
		}
	case "bucket-owner-full-control":
		if bucketOwner.ID != owner.ID {
			acl.Grants = append(acl.Grants, userGrant(bucketOwner, "FULL_CONTROL"))
		}
	}
	return acl
}

func userGrant(o Owner, perm string) Grant {
	return Grant{GranteeType: "CanonicalUser", ID: o.ID, DisplayName: o.DisplayName, Permission: perm}
}

// grantHeaders maps the x-amz-grant-* members to permissions.
var grantHeaders = []struct{ member, header, perm string }{
	{"GrantFullControl", "x-amz-grant-full-control", "FULL_CONTROL"},
	{"GrantRead", "x-amz-grant-read", "READ"},
	{"GrantReadACP", "x-amz-grant-read-acp", "READ_ACP"},
	{"GrantWrite", "x-amz-grant-write", "WRITE"},
	{"GrantWriteACP", "x-amz-grant-write-acp", "WRITE_ACP"},
}

// aclFromRequest builds the ACL a write asks for: a canned ACL, grant
// headers, or (when neither is given) the default private ACL. ok is false
// when the request set neither.
func aclFromRequest(in service.Params, cannedSet map[string]bool, owner, bucketOwner Owner) (ACL, bool, error) {
	canned := str(in, "ACL")
	var grants []Grant
	for _, g := range grantHeaders {
		v := str(in, g.member)
		if v == "" {
			continue
		}
		parsed, err := parseGrantHeader(g.header, v, g.perm)
		if err != nil {
			return ACL{}, false, err
		}
		grants = append(grants, parsed...)
	}
	if canned != "" && len(grants) > 0 {
		return ACL{}, false, errInvalidRequest("Specifying both Canned ACLs and Header Grants is not allowed")
	}
	if canned != "" {
		if !cannedSet[canned] {
			return ACL{}, false, awserr.New("InvalidArgument", 400, "").With("ArgumentName", "x-amz-acl").With("ArgumentValue", canned)
		}
		return cannedACL(canned, owner, bucketOwner), true, nil
	}
	if len(grants) > 0 {
		return ACL{Owner: owner, Grants: grants}, true, nil
	}
	return cannedACL("private", owner, bucketOwner), false, nil
}

// parseGrantHeader parses `id="…", uri="…", emailAddress="…"` lists.
func parseGrantHeader(name, value, perm string) ([]Grant, error) {
	var out []Grant
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		k, v, ok := strings.Cut(item, "=")
		if !ok {
			return nil, errInvalidArgument("Argument format not recognized", name, item)
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.TrimSpace(k) {
		case "id":
			if !canonicalIDPattern.MatchString(v) {
				return nil, errInvalidArgument("Invalid id", "id", v)
			}
			out = append(out, Grant{GranteeType: "CanonicalUser", ID: v, Permission: perm})
		case "uri":
			if !validGroups[v] {
				return nil, errInvalidArgument("Invalid group uri", "uri", v)
			}
			out = append(out, Grant{GranteeType: "Group", URI: v, Permission: perm})
		case "emailAddress":
			out = append(out, Grant{GranteeType: "AmazonCustomerByEmail", Email: v, Permission: perm})
		default:
			return nil, errInvalidArgument("Argument format not recognized", name, item)
		}
	}
	return out, nil
}

func errMalformedACL() error {
	return awserr.New("MalformedACLError", 400, "The XML you provided was not well-formed or did not validate against our published schema")
}

// aclFromPolicy validates an AccessControlPolicy body.
func aclFromPolicy(p map[string]any) (ACL, error) {
	owner := object(p, "Owner")
	if owner == nil || str(owner, "ID") == "" {
		return ACL{}, errMalformedACL()
	}
	acl := ACL{Owner: Owner{ID: str(owner, "ID"), DisplayName: str(owner, "DisplayName")}}
	for _, g := range list(p, "Grants") {
		gm, _ := g.(map[string]any)
		grantee := object(gm, "Grantee")
		perm := str(gm, "Permission")
		if grantee == nil || !validPermissions[perm] {
			return ACL{}, errMalformedACL()
		}
		grant := Grant{GranteeType: str(grantee, "Type"), Permission: perm}
		switch grant.GranteeType {
		case "CanonicalUser":
			grant.ID = str(grantee, "ID")
			if !canonicalIDPattern.MatchString(grant.ID) {
				return ACL{}, errInvalidArgument("Invalid id", "CanonicalUser/ID", grant.ID)
			}
		case "Group":
			grant.URI = str(grantee, "URI")
			if !validGroups[grant.URI] {
				return ACL{}, errInvalidArgument("Invalid group uri", "Group/URI", grant.URI)
			}
		case "AmazonCustomerByEmail":
			grant.Email = str(grantee, "EmailAddress")
		default:
			return ACL{}, errMalformedACL()
		}
		acl.Grants = append(acl.Grants, grant)
	}
	return acl, nil
}

// putACL resolves the ACL of a Put…Acl request: canned, grant headers or
// an AccessControlPolicy body, exactly one of them.
func putACL(in service.Params, cannedSet map[string]bool, owner, bucketOwner Owner) (ACL, error) {
	policy := object(in, "AccessControlPolicy")
	acl, set, err := aclFromRequest(in, cannedSet, owner, bucketOwner)
	if err != nil {
		return ACL{}, err
	}
	if set && policy != nil {
		return ACL{}, awserr.New("UnexpectedContent", 400, "This request does not support content")
	}
	if set {
		return acl, nil
	}
	if policy == nil {
		return ACL{}, awserr.New("MissingSecurityHeader", 400, "Your request was missing a required header").With("MissingHeaderName", "x-amz-acl")
	}
	return aclFromPolicy(policy)
}

// aclOutput renders an ACL as GetBucketAcl/GetObjectAcl output members.
func aclOutput(acl ACL) map[string]any {
	grants := make([]any, 0, len(acl.Grants))
	for _, g := range acl.Grants {
		grantee := map[string]any{"Type": g.GranteeType}
		switch g.GranteeType {
		case "CanonicalUser":
			grantee["ID"] = g.ID
			if g.DisplayName != "" {
				grantee["DisplayName"] = g.DisplayName
			}
		case "Group":
			grantee["URI"] = g.URI
		case "AmazonCustomerByEmail":
			grantee["EmailAddress"] = g.Email
		}
		grants = append(grants, map[string]any{"Grantee": grantee, "Permission": g.Permission})
	}
	return map[string]any{"Owner": ownerOutput(acl.Owner), "Grants": grants}
}

func ownerOutput(o Owner) map[string]any {
	m := map[string]any{"ID": o.ID}
	if o.DisplayName != "" {
		m["DisplayName"] = o.DisplayName
	}
	return m
}
