/**
 * STS's federation calls and Cognito Identity's credential exchanges go
 * unsigned (botocore's disable_signing on choose-signer), end to end:
 * no Authorization header, exactly where botocore sends none.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UNSIGNED } from "../../../../src/config/config.js";
import { disableSigning } from "../../../../src/services/common/disable-signing.js";
import { customizationsFor } from "../../../../src/services/index.js";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const CALLS: CallCase[] = [
  { service: "sts", method: "assume_role_with_web_identity", params: { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "session", WebIdentityToken: "token-value" }, responses: [{ body: "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult/></AssumeRoleWithWebIdentityResponse>" }] },
  { service: "sts", method: "assume_role_with_saml", params: { RoleArn: "arn:aws:iam::1:role/r", PrincipalArn: "arn:aws:iam::1:saml-provider/p", SAMLAssertion: "a".repeat(8) }, responses: [{ body: "<AssumeRoleWithSAMLResponse><AssumeRoleWithSAMLResult/></AssumeRoleWithSAMLResponse>" }] },
  { service: "sts", method: "get_caller_identity", params: {}, responses: [{ body: "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>" }] },
  { service: "cognito-identity", method: "get_id", params: { IdentityPoolId: "us-east-1:p" }, responses: [{ body: '{"IdentityId": "us-east-1:i"}', headers: { "content-type": "application/x-amz-json-1.1" } }] },
  { service: "cognito-identity", method: "get_open_id_token", params: { IdentityId: "us-east-1:i" }, responses: [{ body: "{}" }] },
  { service: "cognito-identity", method: "get_credentials_for_identity", params: { IdentityId: "us-east-1:i" }, responses: [{ body: "{}" }] },
  { service: "cognito-identity", method: "unlink_identity", params: { IdentityId: "us-east-1:i", Logins: {}, LoginsToRemove: [] }, responses: [{ body: "{}" }] },
  { service: "cognito-identity", method: "list_identity_pools", params: { MaxResults: 1 }, responses: [{ body: '{"IdentityPools": []}' }] },
];

const botocore = runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", CALLS);

const signed = (outcome: CallOutcome): boolean => Object.keys(outcome.sent[0]!.headers).some((h) => h.toLowerCase() === "authorization");

describe("unsigned operations (vs botocore)", () => {
  test("the handler answers UNSIGNED, registered on botocore's six operations", () => {
    assert.equal(disableSigning({ signing_name: "sts", region_name: "us-east-1", signature_version: "v4", context: {}, event_name: "x" }), UNSIGNED as unknown as string);
    const handlers = ["sts", "cognito-identity"].flatMap((service) => customizationsFor(service).filter((c) => c.name === "disable_signing").flatMap((c) => c.handlers!));
    const events: string[] = handlers.map((r) => r.event);
    assert.deepEqual(events.sort(), [
      "choose-signer.cognito-identity.GetCredentialsForIdentity", "choose-signer.cognito-identity.GetId",
      "choose-signer.cognito-identity.GetOpenIdToken", "choose-signer.cognito-identity.UnlinkIdentity",
      "choose-signer.sts.AssumeRoleWithSAML", "choose-signer.sts.AssumeRoleWithWebIdentity",
    ]);
  });

  test("end to end: signed exactly where botocore signs", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => {
      assert.deepEqual(comparable(actual[i]!), comparable(botocore[i]!), c.method);
      assert.equal(signed(actual[i]!), signed(botocore[i]!), `${c.method} signed`);
    });
    assert.deepEqual(CALLS.map((_, i) => signed(botocore[i]!)), [false, false, true, false, false, false, false, true]);
  });
});
