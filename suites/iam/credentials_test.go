package iam_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

const sscRef = refFile + "TestIAMServiceSpecificCredentials::"

// credentialUser creates a user (matched as create-user-response) and a
// service-specific credential for service.
func credentialUser(ctx context.Context, snap *harness.Session, service string) (string, *types.ServiceSpecificCredential) {
	c := harness.IAM()
	name := harness.UniqueName("user")
	out, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)}) })
	snap.Match("create-user-response", out)
	if service == "" {
		return name, nil
	}
	cred, err := c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String(name), ServiceName: aws.String(service)})
	Expect(err).NotTo(HaveOccurred())
	id := cred.ServiceSpecificCredential.ServiceSpecificCredentialId
	harness.Cleanup(func(ctx context.Context) {
		c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: aws.String(name), ServiceSpecificCredentialId: id})
	})
	snap.Match("create-service-specific-credential-response", cred)
	return name, cred.ServiceSpecificCredential
}

var _ = Describe("IAM service-specific credentials", func() {
	for _, service := range []string{"cassandra.amazonaws.com", "codecommit.amazonaws.com"} {
		It("manages a credential for "+service, harness.Reference(sscRef+"test_service_specific_credential_lifecycle["+service+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.IAM()
			user, cred := credentialUser(ctx, snap, service)
			list, err := c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String(user), ServiceName: aws.String(service)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("list-service-specific-credentials-response-before-update", list)
			upd, err := c.UpdateServiceSpecificCredential(ctx, &iam.UpdateServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId, Status: types.StatusTypeInactive})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("update-service-specific-credential-response", upd)
			list, err = c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String(user), ServiceName: aws.String(service)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("list-service-specific-credentials-response-after-update", list)
			reset, err := c.ResetServiceSpecificCredential(ctx, &iam.ResetServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("reset-service-specific-credential-response", reset)
			del, err := c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("delete-service-specific-credentials-response", del)
		})
	}

	It("refuses services without service-specific credentials", harness.Reference(sscRef+"test_create_service_specific_credential_invalid_service"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		user, _ := credentialUser(ctx, snap, "")
		for _, kv := range [][2]string{
			{"invalid-service-exception", "nonexistentservice.amazonaws.com"},
			{"invalid-service-completely-malformed-exception", "o3on3n3onosneo"},
			{"invalid-service-existing-but-unsupported-exception", "lambda.amazonaws.com"},
		} {
			snap.Match(kv[0], result(c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String(user), ServiceName: aws.String(kv[1])})))
		}
	})

	It("refuses a credential for a missing user", harness.Reference(sscRef+"test_create_service_specific_credential_invalid_user"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		snap.Match("invalid-user-name-exception", result(c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("non-existent-user"), ServiceName: aws.String("codecommit.amazonaws.com")})))
		snap.Match("invalid-user-and-service-exception", result(c.CreateServiceSpecificCredential(ctx, &iam.CreateServiceSpecificCredentialInput{UserName: aws.String("non-existent-user"), ServiceName: aws.String("nonexistentservice.amazonaws.com")})))
	})

	It("checks the user of a credential", harness.Reference(sscRef+"test_id_match_user_mismatch"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		_, cred := credentialUser(ctx, snap, "codecommit.amazonaws.com")
		id := cred.ServiceSpecificCredentialId
		snap.Match("update-wrong-user-name", result(c.UpdateServiceSpecificCredential(ctx, &iam.UpdateServiceSpecificCredentialInput{UserName: aws.String("wrong-user-name"), ServiceSpecificCredentialId: id, Status: types.StatusTypeInactive})))
		snap.Match("reset-wrong-user-name", result(c.ResetServiceSpecificCredential(ctx, &iam.ResetServiceSpecificCredentialInput{UserName: aws.String("wrong-user-name"), ServiceSpecificCredentialId: id})))
		snap.Match("delete-wrong-user-name", result(c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: aws.String("wrong-user-name"), ServiceSpecificCredentialId: id})))
	})

	It("checks the id of a credential", harness.Reference(sscRef+"test_user_match_id_mismatch[totally-wrong-credential-id-with-hyphens]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		user, _ := credentialUser(ctx, snap, "codecommit.amazonaws.com")
		id := aws.String("totally-wrong-credential-id-with-hyphens")
		snap.Match("update-wrong-id", result(c.UpdateServiceSpecificCredential(ctx, &iam.UpdateServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: id, Status: types.StatusTypeInactive})))
		snap.Match("reset-wrong-id", result(c.ResetServiceSpecificCredential(ctx, &iam.ResetServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: id})))
		snap.Match("delete-wrong-id", result(c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: id})))
	})

	It("refuses an unknown status", harness.Reference(sscRef+"test_invalid_update_parameters"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		user, cred := credentialUser(ctx, snap, "codecommit.amazonaws.com")
		snap.Match("update-invalid-status", result(c.UpdateServiceSpecificCredential(ctx, &iam.UpdateServiceSpecificCredentialInput{UserName: aws.String(user), ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId, Status: types.StatusType("Invalid")})))
	})

	It("lists credentials per service", harness.Reference(sscRef+"test_list_service_specific_credential_different_service"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		user, _ := credentialUser(ctx, snap, "codecommit.amazonaws.com")
		list, err := c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String(user), ServiceName: aws.String("cassandra.amazonaws.com")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-service-specific-credentials-response-wrong-service", list)
		snap.Match("list-service-specific-credentials-invalid-service", result(c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: aws.String(user), ServiceName: aws.String("nonexistentservice.amazonaws.com")})))
	})
})

var _ = Describe("IAM access keys and login profiles", func() {
	It("keeps at most two access keys per user", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		user := createUser(ctx)
		var ids []*string
		for i := 0; i < 2; i++ {
			k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(user)})
			Expect(err).NotTo(HaveOccurred())
			ids = append(ids, k.AccessKey.AccessKeyId)
			id := k.AccessKey.AccessKeyId
			harness.Cleanup(func(ctx context.Context) {
				c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(user), AccessKeyId: id})
			})
			snap.Match("create-key-"+string(rune('1'+i)), k)
		}
		_, err := c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String(user), AccessKeyId: ids[0], Status: types.StatusTypeInactive})
		Expect(err).NotTo(HaveOccurred())
		del, err := c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(user), AccessKeyId: ids[1]})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-key", del)
		list, err := c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(user)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-keys", list)
		last, err := c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: ids[0]})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("last-used", last)
	})

	It("manages a login profile", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		user := createUser(ctx)
		lp, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String(user), Password: aws.String("Parity-Passw0rd!"), PasswordResetRequired: true})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String(user)})
		})
		snap.Match("create-login-profile", lp)
		snap.Match("duplicate-login-profile", result(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String(user), Password: aws.String("Parity-Passw0rd!")})))
		got, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(user)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-login-profile", got)
		snap.Match("delete-user-with-login", result(c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(user)})))
		_, err = c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String(user)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("missing-login-profile", result(c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(user)})))
	})
})
