/**
 * Route 53 ids: every operation keeps only the last path segment of its
 * ResourceId / DelegationSetId / ChangeId members, as botocore's
 * fix_route53_ids does; end to end, get_hosted_zone("/hostedzone/ABC")
 * requests /2013-04-01/hostedzone/ABC.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixRoute53Ids } from "../../../../src/services/route53/fix-route53-ids.js";
import { type CallCase, comparable, runBotocore, serviceModel, type CallOutcome } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const VALUES = ["/hostedzone/Z123", "Z123", "/change/C1", "a/b/c", "", "trailing/", "/delegationset/N1"];

const model = serviceModel("route53");
const UNIT_CASES: { op: string; params: Params }[] = [];
for (const op of model.operation_names) {
  const input = model.operation_model(op).input_shape;
  if (input === undefined) continue;
  for (const value of VALUES) {
    const params: Params = {};
    for (const [name, shape] of Object.entries(input.members)) if (shape.type_name === "string") params[name] = value;
    UNIT_CASES.push({ op, params });
  }
}

const CALLS: CallCase[] = [
  {
    service: "route53", method: "get_hosted_zone", params: { Id: "/hostedzone/ABC" },
    responses: [{ body: "<GetHostedZoneResponse><HostedZone><Id>/hostedzone/ABC</Id><Name>example.com.</Name><CallerReference>r</CallerReference></HostedZone></GetHostedZoneResponse>" }],
  },
  { service: "route53", method: "get_change", params: { Id: "/change/C2" }, responses: [{ body: "<GetChangeResponse><ChangeInfo><Id>/change/C2</Id><Status>INSYNC</Status><SubmittedAt>2024-01-02T03:04:05Z</SubmittedAt></ChangeInfo></GetChangeResponse>" }] },
  { service: "route53", method: "list_resource_record_sets", params: { HostedZoneId: "/hostedzone/Z9", StartRecordName: "a/b" }, responses: [{ body: "<ListResourceRecordSetsResponse><ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListResourceRecordSetsResponse>" }] },
  { service: "route53", method: "delete_reusable_delegation_set", params: { Id: "/delegationset/N1" }, responses: [{ body: "<DeleteReusableDelegationSetResponse/>" }] },
];

const botocore = runBotocore<{ unit: Params[]; calls: CallOutcome[] }>(String.raw`
unit = []
for case in CASES["unit"]:
    handlers.fix_route53_ids(params=case["params"], model=op_model("route53", case["op"]))
    unit.append(case["params"])
print(json.dumps(to_json({"unit": unit, "calls": run_calls(CASES["calls"])})))
`, { unit: UNIT_CASES, calls: CALLS });

describe("route53 ids (vs botocore)", () => {
  test(`${UNIT_CASES.length} parameter sets over every operation`, () => {
    UNIT_CASES.forEach((c, i) => {
      const params = structuredClone(c.params);
      fixRoute53Ids({ params, model: model.operation_model(c.op), context: {}, event_name: `before-parameter-build.route-53.${c.op}` });
      assert.deepEqual(params, botocore.unit[i], `${c.op} ${JSON.stringify(c.params)}`);
    });
    assert.ok(botocore.unit.some((p) => Object.values(p).includes("Z123") && Object.values(p).includes("/hostedzone/Z123")));
  });

  test("calls end to end: the same URLs and results", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), c.method));
    assert.equal(actual[0]!.sent[0]!.url, "https://route53.amazonaws.com/2013-04-01/hostedzone/ABC");
  });
});
