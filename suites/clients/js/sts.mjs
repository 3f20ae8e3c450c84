import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { IAMClient, CreateRoleCommand, DeleteRoleCommand } from "@aws-sdk/client-iam";
import { config, name, expect, expectError } from "./_lib.mjs";

const sts = new STSClient(config);
const iam = new IAMClient(config);
const me = await sts.send(new GetCallerIdentityCommand({}));
expect("account", me.Account, "000000000000");
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: me.Account }, Action: "sts:AssumeRole" }] });
const role = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role.Arn, RoleSessionName: "js" }));
const session = new STSClient({ ...config, credentials: {
  accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken } });
const who = await session.send(new GetCallerIdentityCommand({}));
expect("assumed identity", who.Arn, `arn:aws:sts::000000000000:assumed-role/${name}/js`);
await expectError("invalid session name", "ValidationError", sts.send(new AssumeRoleCommand({ RoleArn: role.Role.Arn, RoleSessionName: "a:b" })));
await iam.send(new DeleteRoleCommand({ RoleName: name }));
