import { IAMClient, CreateRoleCommand, GetRoleCommand, CreatePolicyCommand, AttachRolePolicyCommand, ListAttachedRolePoliciesCommand,
  DetachRolePolicyCommand, DeletePolicyCommand, DeleteRoleCommand, PutRolePolicyCommand, GetRolePolicyCommand, DeleteRolePolicyCommand } from "@aws-sdk/client-iam";
import { config, name, expect, expectError } from "./_lib.mjs";

const iam = new IAMClient(config);
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] });
await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
const role = await iam.send(new GetRoleCommand({ RoleName: name }));
expect("trust policy", JSON.parse(decodeURIComponent(role.Role.AssumeRolePolicyDocument)), trust);
const policy = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc }));
await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policy.Policy.Arn }));
const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
expect("attached", attached.AttachedPolicies.map((p) => p.PolicyName), [name]);
await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "inline", PolicyDocument: doc }));
const inline = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: "inline" }));
expect("inline policy", decodeURIComponent(inline.PolicyDocument), doc);
await expectError("delete attached", "DeleteConflictException", iam.send(new DeleteRoleCommand({ RoleName: name })));
await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: "inline" }));
await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: policy.Policy.Arn }));
await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Policy.Arn }));
await iam.send(new DeleteRoleCommand({ RoleName: name }));
await expectError("missing role", "NoSuchEntityException", iam.send(new GetRoleCommand({ RoleName: name })));
