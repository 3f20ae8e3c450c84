package s3

// initiatorOutput renders the Initiator of a multipart upload. Unlike an
// Owner, AWS still names the initiator: its display name, which for an
// account's own canonical user the emulator derives from the account id.
func initiatorOutput(o Owner, account string) map[string]any {
	name := o.DisplayName
	if name == "" {
		name = "account-" + account
	}
	return map[string]any{"ID": o.ID, "DisplayName": name}
}
