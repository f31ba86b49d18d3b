/**
 * IAM policy documents: URL-encoded JSON in policyDocumentType members,
 * wherever they sit in the output, decode to objects as botocore's
 * json_decode_policies decodes them; text that is not JSON stays.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { jsonDecodePolicies } from "../../../../src/services/iam/json-decode-policies.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const POLICY = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }));
const DOCUMENTS = [POLICY, "%7B%22a%22%3A%201%7D", "not json", "%7Bbroken", "{\"plain\": true}", "%22text%22", "[1,%202]", "%E2%82%AC", "%FF%7B%7D", "a+b", "null"];

const UNIT_CASES: { op: string; parsed: Params }[] = [];
for (const doc of DOCUMENTS) {
  UNIT_CASES.push({ op: "GetRolePolicy", parsed: { RoleName: "r", PolicyName: "p", PolicyDocument: doc } });
  UNIT_CASES.push({ op: "GetRole", parsed: { Role: { RoleName: "r", AssumeRolePolicyDocument: doc, Path: "/" } } });
  UNIT_CASES.push({ op: "GetPolicyVersion", parsed: { PolicyVersion: { Document: doc, VersionId: "v1" } } });
  UNIT_CASES.push({
    op: "GetAccountAuthorizationDetails",
    parsed: {
      UserDetailList: [{ UserName: "u", UserPolicyList: [{ PolicyName: "p", PolicyDocument: doc }] }],
      RoleDetailList: [{ RoleName: "r", AssumeRolePolicyDocument: doc, RolePolicyList: [{ PolicyName: "p", PolicyDocument: doc }] }],
      Policies: [{ PolicyName: "m", PolicyVersionList: [{ Document: doc, VersionId: "v1" }] }],
    },
  });
}
UNIT_CASES.push({ op: "ListRoles", parsed: { Roles: [{ RoleName: "r", AssumeRolePolicyDocument: POLICY }, { RoleName: "s" }], IsTruncated: false } });
UNIT_CASES.push({ op: "DeleteRole", parsed: {} });

const CALLS: CallCase[] = [
  {
    service: "iam", method: "get_role_policy", params: { RoleName: "r", PolicyName: "p" },
    responses: [{ body: `<GetRolePolicyResponse><GetRolePolicyResult><RoleName>r</RoleName><PolicyName>p</PolicyName><PolicyDocument>${POLICY}</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>` }],
  },
];

const botocore = runBotocore<{ unit: Params[]; calls: CallOutcome[] }>(String.raw`
unit = []
for case in CASES["unit"]:
    handlers.json_decode_policies(parsed=case["parsed"], model=op_model("iam", case["op"]))
    unit.append(case["parsed"])
print(json.dumps(to_json({"unit": unit, "calls": run_calls(CASES["calls"])})))
`, { unit: UNIT_CASES, calls: CALLS });

describe("iam policy documents (vs botocore)", () => {
  test(`${UNIT_CASES.length} results with documents at every depth`, () => {
    UNIT_CASES.forEach((c, i) => {
      const parsed = structuredClone(c.parsed);
      jsonDecodePolicies({ parsed, model: operationModel("iam", c.op), http_response: undefined as never, context: {}, event_name: "x" });
      assert.deepEqual(parsed, botocore.unit[i], `${c.op} ${JSON.stringify(c.parsed).slice(0, 80)}`);
    });
  });

  test("end to end: get_role_policy returns the document as an object", async () => {
    const actual = await runCalls(CALLS);
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[0]!));
    assert.equal((actual[0]!.result!.PolicyDocument as { Version: string }).Version, "2012-10-17");
  });
});
