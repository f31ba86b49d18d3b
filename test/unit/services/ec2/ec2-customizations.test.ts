/**
 * EC2 customizations against botocore's handlers on the same input:
 * decode_console_output (Python's lenient base64 and UTF-8 replacement),
 * base64_encode_user_data, the Filter → Filters alias, and
 * inject_presigned_url_ec2 (CopySnapshot), whose presigned URL is compared
 * byte for byte at a fixed signing time.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AliasConflictParameterError } from "../../../../src/exceptions.js";
import { base64EncodeUserData } from "../../../../src/services/ec2/base64-user-data.js";
import { decodeConsoleOutput } from "../../../../src/services/ec2/decode-console-output.js";
import { aliasEc2Filters } from "../../../../src/services/ec2/filters-alias.js";
import { type CallCase, type CallOutcome, comparable, errorOf, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const b64 = (bytes: number[] | string): string => Buffer.from(typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes)).toString("base64");

const OUTPUTS: unknown[] = [
  b64("hello console\r\n"), b64("caf\u00e9 \u20ac"), b64([0x66, 0xff, 0x6f, 0xc3, 0x28, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98]),
  "aGVsbG8", "aGVsbG8=", "aGVsbG8==", "aGVsbA", "aGVsb", "a", "ab", "abc", "abcd", "ab=cd", "ab==cd", "YQ==YQ==", "Y=Q==",
  "aGVs\nbG8g\td29y bGQ=", "aGVsbG8*&^%", "aGV-sbG_8=", "", "====", "=aGVsbG8=", "aGVsbG8\u00e9", "aGVsbG8\u20ac", null, 12,
  b64([0xef, 0xbb, 0xbf, 0x41]), b64([0xed, 0xa0, 0x80]), b64([0xf4, 0x90, 0x80, 0x80]), b64([0xc0, 0xaf]), b64([0xe0, 0x80, 0xaf]),
];

const USER_DATA: unknown[] = ["#!/bin/bash\necho hi", "", "ünïcödé €", new Uint8Array([0, 1, 2, 255]), null];

// Operations whose model member is the singular `Filter` (the alias applies only to them).
const ec2Model = operationModel("ec2", "DescribeInstances").service_model;
const FILTER_OPS = ec2Model.operation_names.filter((name) => "Filter" in (ec2Model.operation_model(name).input_shape?.members ?? {}));

const ALIAS_CASES: { op: string; params: Params }[] = [
  { op: "DescribeInstances", params: { Filters: [{ Name: "n", Values: ["v"] }] } },
  ...FILTER_OPS.map((op) => ({ op, params: { Filters: [{ Name: "n", Values: ["v"] }], Other: 1 } })),
  { op: "DescribeSnapshots", params: {} },
];
const CONFLICT = { op: FILTER_OPS[0]!, params: { Filters: [], Filter: [] } };

const botocore = runBotocore<{ console: Params[]; userData: Params[]; alias: ({ params: Params } | { error: string; message: string })[]; filterOps: string[]; calls: CallOutcome[] }>(String.raw`
console_out = []
for output in CASES["outputs"]:
    parsed = {"Output": output, "InstanceId": "i-1"}
    handlers.decode_console_output(parsed=parsed)
    console_out.append(parsed)
user_data = []
for value in CASES["userData"]:
    params = {"UserData": value, "ImageId": "ami-1"}
    try:
        handlers.base64_encode_user_data(params=params)
    except TypeError:
        pass
    user_data.append(params)
alias = handlers.ParameterAlias("Filter", "Filters")
alias_out = []
for case in CASES["alias"]:
    try:
        alias.alias_parameter_in_call(params=case["params"], model=op_model("ec2", case["op"]))
        alias_out.append({"params": case["params"]})
    except Exception as e:
        alias_out.append(error_of(e))
m = service_model("ec2")
filter_ops = [n for n in m.operation_names if m.operation_model(n).input_shape and "Filter" in m.operation_model(n).input_shape.members]
print(json.dumps(to_json({"console": console_out, "userData": user_data, "alias": alias_out, "filterOps": filter_ops, "calls": run_calls(CASES["calls"])})))
`, {
  outputs: OUTPUTS,
  userData: USER_DATA,
  alias: [...ALIAS_CASES, CONFLICT],
  calls: copySnapshotCalls(),
});

function copySnapshotCalls(): CallCase[] {
  const response = { body: '<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-2</snapshotId></CopySnapshotResponse>' };
  const freezeTime = "2024-01-02T03:04:05Z";
  return [
    { service: "ec2", region: "us-west-2", freezeTime, method: "copy_snapshot", params: { SourceRegion: "us-east-1", SourceSnapshotId: "snap-1", Description: "copy of snap-1 +/=" }, responses: [response] },
    { service: "ec2", region: "eu-central-1", freezeTime, method: "copy_snapshot", params: { SourceRegion: "us-east-1", SourceSnapshotId: "snap-1", DestinationRegion: "eu-central-1" }, responses: [response] },
    { service: "ec2", region: "us-west-2", freezeTime, method: "copy_snapshot", params: { SourceRegion: "us-east-1", SourceSnapshotId: "snap-1", PresignedUrl: "https://given" }, responses: [response] },
    { service: "ec2", region: "us-west-2", method: "run_instances", params: { ImageId: "ami-1", MinCount: 1, MaxCount: 1, UserData: "#!/bin/sh\necho é", ClientToken: "t" }, responses: [{ body: "<RunInstancesResponse><reservationId>r-1</reservationId></RunInstancesResponse>" }] },
    { service: "ec2", region: "us-west-2", method: "describe_spot_price_history", params: { Filters: [{ Name: "product-description", Values: ["Linux/UNIX"] }] }, responses: [{ body: "<DescribeSpotPriceHistoryResponse><spotPriceHistorySet/></DescribeSpotPriceHistoryResponse>" }] },
    {
      service: "ec2", region: "us-west-2", method: "get_console_output", params: { InstanceId: "i-1" },
      responses: [{ body: `<GetConsoleOutputResponse><instanceId>i-1</instanceId><output>${b64("boot log é\n")}</output></GetConsoleOutputResponse>` }],
    },
  ];
}

describe("ec2 console output (vs botocore)", () => {
  test(`${OUTPUTS.length} outputs: Python's base64 rules (skipped characters, padding, errors) and UTF-8 replacement`, () => {
    OUTPUTS.forEach((output, i) => {
      const parsed: Params = { Output: output, InstanceId: "i-1" };
      decodeConsoleOutput({ parsed, model: operationModel("ec2", "GetConsoleOutput"), http_response: undefined as never, context: {}, event_name: "x" });
      assert.deepEqual(parsed, botocore.console[i], JSON.stringify(output));
    });
    // Both outcomes occur: decoded text, and text left alone after a padding error.
    assert.equal(botocore.console[0]!.Output, "hello console\r\n");
    assert.equal(botocore.console[6]!.Output, "aGVsbA");
  });
});

describe("ec2 user data (vs botocore)", () => {
  test("text and bytes are base64-encoded", () => {
    USER_DATA.forEach((value, i) => {
      const params: Params = { UserData: value, ImageId: "ami-1" };
      base64EncodeUserData({ params, model: operationModel("ec2", "RunInstances"), context: {}, event_name: "x" });
      assert.deepEqual(params, botocore.userData[i], JSON.stringify(value));
    });
  });
});

describe("ec2 Filters alias (vs botocore)", () => {
  test("Filters becomes Filter where the model says Filter; both at once is an error", () => {
    ALIAS_CASES.forEach((c, i) => {
      const params = structuredClone(c.params);
      aliasEc2Filters({ params, model: operationModel("ec2", c.op), context: {}, event_name: "x" });
      assert.deepEqual({ params }, botocore.alias[i], c.op);
    });
    const conflict = errorOf(() => aliasEc2Filters({ params: structuredClone(CONFLICT.params), model: operationModel("ec2", CONFLICT.op), context: {}, event_name: "x" }));
    assert.deepEqual(conflict, botocore.alias[ALIAS_CASES.length]);
    assert.deepEqual(FILTER_OPS, botocore.filterOps);
    assert.throws(
      () => aliasEc2Filters({ params: { Filters: [], Filter: [] }, model: operationModel("ec2", botocore.filterOps[0]!), context: {}, event_name: "x" }),
      AliasConflictParameterError,
    );
  });
});

describe("ec2 end to end (vs botocore)", () => {
  test("CopySnapshot's presigned URL, user data and console output, byte for byte", async () => {
    const calls = copySnapshotCalls();
    const actual = await runCalls(calls);
    calls.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), `${c.method} ${JSON.stringify(c.params)}`));
    const body = new URLSearchParams(actual[0]!.sent[0]!.body);
    assert.match(body.get("PresignedUrl")!, /^https:\/\/ec2\.us-east-1\.amazonaws\.com\/\?Action=CopySnapshot&.*X-Amz-Signature=[0-9a-f]{64}$/);
    assert.equal(body.get("DestinationRegion"), "us-west-2");
  });
});
