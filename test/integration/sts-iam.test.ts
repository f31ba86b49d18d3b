/** STS and IAM (a global service) against moto. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Session } from "../../src/index.js";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("sts and iam against moto", { skip: motoSkipReason() }, () => {
  test("sts get_caller_identity returns moto's account", async () => {
    const sts = await motoClient("sts");
    const out = await sts.get_caller_identity();
    assert.equal(out.Account, "123456789012");
    assert.match(String(out.Arn), /^arn:aws:(iam|sts)::123456789012:/);
    assert.equal(typeof out.UserId, "string");
    assert.equal(typeof out.ResponseMetadata.RequestId, "string");
  });

  test("iam: a global endpoint client creates and reads a user and a role", async () => {
    // Without endpoint_url, IAM resolves to its global endpoint from any region, signing for us-east-1.
    const global = new Session({ region_name: "eu-west-1", aws_access_key_id: "testing", aws_secret_access_key: "testing" }).client("iam");
    assert.equal(global.meta.region_name, "aws-global");
    assert.equal(global.meta.endpoint_url, "https://iam.amazonaws.com");
    const iam = await motoClient("iam");
    assert.equal(iam.meta.region_name, "us-east-1");
    const name = uniqueName("user");
    const created = await iam.create_user({ UserName: name, Tags: [{ Key: "team", Value: "core" }] });
    const user = created.User as { UserName: string; Arn: string; CreateDate: Date };
    assert.equal(user.UserName, name);
    assert.equal(user.Arn, `arn:aws:iam::123456789012:user/${name}`);
    assert.ok(user.CreateDate instanceof Date);
    const listed = await iam.list_users();
    assert.ok((listed.Users as { UserName: string }[]).some((u) => u.UserName === name));

    const roleName = uniqueName("role");
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    await iam.create_role({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(policy) });
    const role = (await iam.get_role({ RoleName: roleName })).Role as { RoleName: string; AssumeRolePolicyDocument: unknown };
    assert.equal(role.RoleName, roleName);
    // botocore decodes IAM policy documents into objects (json_decode_policies).
    assert.deepEqual(role.AssumeRolePolicyDocument, policy);
  });
});
