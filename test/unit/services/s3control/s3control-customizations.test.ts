/**
 * S3 Control customizations against botocore's: the model's `{AccountId}.`
 * host prefix is dropped where the rule set adds it
 * (remove_accid_host_prefix_from_model, every operation), and ARN-valued
 * Name/Bucket parameters are checked and fill AccountId
 * (S3ControlArnParamHandlerv2).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Config } from "../../../../src/config/config.js";
import { handleS3ControlArn } from "../../../../src/services/s3control/arn-params.js";
import { removeAccountIdHostPrefix } from "../../../../src/services/s3control/remove-account-id-host-prefix.js";
import { type CallCase, type CallOutcome, comparable, errorOf, freshServiceModel, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const OUTPOST_AP = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/myaccesspoint";
const OUTPOST_BUCKET = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/bucket/mybucket";
const ARN_CASES: { op: string; params: Params; accelerate?: boolean }[] = [
  { op: "GetAccessPoint", params: { Name: "plain-name", AccountId: "123456789012" } },
  { op: "GetAccessPoint", params: { Name: OUTPOST_AP } },
  { op: "GetAccessPoint", params: { Name: OUTPOST_AP, AccountId: "123456789012" } },
  { op: "GetAccessPoint", params: { Name: OUTPOST_AP, AccountId: "999999999999" } },
  { op: "GetAccessPoint", params: { Name: "arn:aws:s3:us-west-2:123456789012:accesspoint/ap" } },
  { op: "GetAccessPoint", params: { Name: OUTPOST_AP.replace("us-west-2", "fips-us-west-2") } },
  { op: "GetAccessPoint", params: { Name: OUTPOST_AP }, accelerate: true },
  { op: "CreateAccessPoint", params: { Name: OUTPOST_AP, Bucket: OUTPOST_BUCKET } },
  { op: "GetBucket", params: { Bucket: OUTPOST_BUCKET } },
  { op: "GetBucket", params: { Bucket: OUTPOST_AP } },
  { op: "GetBucket", params: { Bucket: "plain", AccountId: "1" } },
  { op: "GetBucket", params: { Bucket: "a:b:c:d:e:f" } },
  { op: "CreateBucket", params: { Bucket: "b", OutpostId: "op-1" } },
  { op: "ListRegionalBuckets", params: { AccountId: "1" } },
];

const CALLS: CallCase[] = [
  { service: "s3control", region: "us-west-2", method: "get_access_point", params: { Name: OUTPOST_AP }, responses: [{ body: "<GetAccessPointResult><Name>myaccesspoint</Name></GetAccessPointResult>" }] },
  { service: "s3control", region: "us-west-2", method: "get_public_access_block", params: { AccountId: "123456789012" }, responses: [{ body: "<PublicAccessBlockConfiguration/>" }] },
];

interface Botocore {
  calls: CallOutcome[];
  prefixes: Record<string, string | null>;
  arns: ({ params: Params; context: Params } | { error: string; message: string })[];
}

const botocore = runBotocore<Botocore>(String.raw`
from botocore.utils import S3ControlArnParamHandlerv2
from botocore.config import Config
m = service_model("s3control")
prefixes = {}
for name in m.operation_names:
    op = m.operation_model(name)
    handlers.remove_accid_host_prefix_from_model(params={}, model=op, context={})
    prefixes[name] = (op.endpoint or {}).get("hostPrefix")
handler = S3ControlArnParamHandlerv2()
arns = []
for case in CASES["arns"]:
    context = {"client_config": Config(s3={"use_accelerate_endpoint": True} if case.get("accelerate") else None)}
    params = case["params"]
    try:
        handler.handle_arn(params=params, model=op_model("s3control", case["op"]), context=context)
        context.pop("client_config")
        arns.append({"params": params, "context": context})
    except Exception as e:
        arns.append(error_of(e))
print(json.dumps(to_json({"prefixes": prefixes, "arns": arns, "calls": run_calls(CASES["calls"])})))
`, { arns: ARN_CASES, calls: CALLS });

describe("s3control (vs botocore)", () => {
  test("the {AccountId}. host prefix leaves exactly the operations botocore strips it from", () => {
    const model = freshServiceModel("s3control");
    const actual: Record<string, string | null> = {};
    for (const name of model.operation_names) {
      const op = model.operation_model(name);
      removeAccountIdHostPrefix({ params: {}, model: op, context: {}, event_name: "x" });
      actual[name] = op.endpoint?.hostPrefix ?? null;
    }
    assert.deepEqual(actual, botocore.prefixes);
  });

  test(`${ARN_CASES.length} ARN parameter cases: AccountId filled, unsupported ARNs and settings refused`, () => {
    ARN_CASES.forEach((c, i) => {
      const params = structuredClone(c.params);
      const context: Params = { client_config: new Config(c.accelerate ? { s3: { use_accelerate_endpoint: true } } : {}) };
      const error = errorOf(() => handleS3ControlArn({ builtins: {}, params, model: operationModel("s3control", c.op), context, event_name: "x" }));
      delete context.client_config;
      assert.deepEqual(error ?? { params, context }, botocore.arns[i], JSON.stringify(c));
    });
  });

  test("end to end: the account id prefix once, from the model's parameter", async () => {
    const actual = await runCalls(CALLS.slice(1));
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[1]!));
    assert.equal(actual[0]!.sent[0]!.url, "https://123456789012.s3-control.us-west-2.amazonaws.com/v20180820/configuration/publicAccessBlock");
  });

  test("end to end: an outpost access point ARN supplies the AccountId", async () => {
    const actual = await runCalls(CALLS.slice(0, 1));
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[0]!));
  });
});
