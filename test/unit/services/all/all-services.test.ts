/**
 * Handlers for every service, against botocore's: the Lambda recursion
 * detection header, x-amz-api-version on endpoint discovery operations,
 * and ChecksumMode=ENABLED for response checksum validation; and which
 * operations the shared registrations hook.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ServiceRuntime } from "../../../../src/client/runtime.js";
import { Config } from "../../../../src/config/config.js";
import type { RequestDict } from "../../../../src/http/types.js";
import { injectApiVersionHeader } from "../../../../src/services/all/api-version-header.js";
import { addRecursionDetectionHeader } from "../../../../src/services/all/recursion-detection-header.js";
import { handleRequestValidationModeMember } from "../../../../src/services/all/request-validation-mode-member.js";
import { customizationsFor } from "../../../../src/services/index.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore, serviceModel } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const TRACE_CASES: { env: Record<string, string>; headers: Record<string, string> }[] = [
  { env: {}, headers: {} },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "f" }, headers: {} },
  { env: { _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" }, headers: {} },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" }, headers: {} },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "", _X_AMZN_TRACE_ID: "with space\n\"quote\" [x]{y} é/?#%" }, headers: {} },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "" }, headers: {} },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "new" }, headers: { "X-Amzn-Trace-Id": "kept" } },
  { env: { AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "new" }, headers: { "x-amzn-trace-id": "other case" } },
];

const VALIDATION_CASES: { service: string; op: string; params: Params; mode: string | null }[] = [
  { service: "s3", op: "GetObject", params: { Bucket: "b", Key: "k" }, mode: "when_supported" },
  { service: "s3", op: "GetObject", params: { Bucket: "b", Key: "k" }, mode: "when_required" },
  { service: "s3", op: "GetObject", params: { Bucket: "b", Key: "k", ChecksumMode: "DISABLED" }, mode: "when_supported" },
  { service: "s3", op: "HeadObject", params: { Bucket: "b", Key: "k" }, mode: "when_supported" },
  { service: "s3", op: "PutObject", params: { Bucket: "b", Key: "k" }, mode: "when_supported" },
  { service: "s3", op: "GetObject", params: { Bucket: "b", Key: "k" }, mode: null },
];

const SERVICES = ["dynamodb", "s3", "timestream-write", "timestream-query", "sqs", "ec2", "s3control", "lambda"];

const JSON_OK = { headers: { "content-type": "application/x-amz-json-1.0" } };
const CALLS: CallCase[] = [
  { service: "dynamodb", method: "describe_endpoints", params: {}, responses: [{ ...JSON_OK, body: '{"Endpoints": [{"Address": "dynamodb.us-east-1.amazonaws.com", "CachePeriodInMinutes": 1440}]}' }] },
  { service: "dynamodb", method: "get_item", params: { TableName: "t", Key: { k: { S: "v" } } }, responses: [{ ...JSON_OK, body: "{}" }] },
];

interface Botocore {
  calls: CallOutcome[];
  trace: Record<string, string>[];
  apiVersion: Record<string, string>[];
  validation: Params[];
  discoveryOps: Record<string, string[]>;
  validationOps: Record<string, string[]>;
}

const botocore = runBotocore<Botocore>(String.raw`
from botocore.config import Config
trace = []
for case in CASES["trace"]:
    saved = dict(os.environ)
    for name in ("AWS_LAMBDA_FUNCTION_NAME", "_X_AMZN_TRACE_ID"):
        os.environ.pop(name, None)
    os.environ.update(case["env"])
    params = {"headers": dict(case["headers"])}
    handlers.add_recursion_detection_header(params=params)
    os.environ.clear(); os.environ.update(saved)
    trace.append(params["headers"])
api_version = []
for service, op in [("dynamodb", "DescribeEndpoints"), ("dynamodb", "GetItem"), ("timestream-write", "DescribeEndpoints")]:
    params = {"headers": {}}
    handlers.inject_api_version_header_if_needed(model=op_model(service, op), params=params)
    api_version.append(params["headers"])
validation = []
for case in CASES["validation"]:
    context = {} if case["mode"] is None else {"client_config": Config(response_checksum_validation=case["mode"])}
    params = case["params"]
    handlers._handle_request_validation_mode_member(params=params, model=op_model(case["service"], case["op"]), context=context)
    validation.append(params)
discovery_ops = {}
validation_ops = {}
for service in CASES["services"]:
    m = service_model(service)
    discovery_ops[service] = [n for n in m.operation_names if m.operation_model(n).is_endpoint_discovery_operation]
    validation_ops[service] = [n for n in m.operation_names if m.operation_model(n).http_checksum.get("requestValidationModeMember")]
print(json.dumps(to_json({"trace": trace, "apiVersion": api_version, "validation": validation, "discoveryOps": discovery_ops,
                          "validationOps": validation_ops, "calls": run_calls(CASES["calls"])})))
`, { trace: TRACE_CASES, validation: VALIDATION_CASES, services: SERVICES, calls: CALLS });

function requestDict(headers: Record<string, string> = {}): RequestDict {
  return { url_path: "/", query_string: {}, method: "POST", headers: { ...headers }, body: "", context: {} };
}

/** A stand-in for the client runtime's service: the registrations read only its model and id. */
function serviceRuntime(name: string): ServiceRuntime {
  const model = serviceModel(name);
  return { model, serviceId: model.service_id.replace(/ /g, "-").toLowerCase() } as unknown as ServiceRuntime;
}

describe("handlers for every service (vs botocore)", () => {
  test("X-Amzn-Trace-Id inside Lambda", () => {
    const saved = { name: process.env.AWS_LAMBDA_FUNCTION_NAME, trace: process.env._X_AMZN_TRACE_ID };
    try {
      TRACE_CASES.forEach((c, i) => {
        delete process.env.AWS_LAMBDA_FUNCTION_NAME;
        delete process.env._X_AMZN_TRACE_ID;
        Object.assign(process.env, c.env);
        const params = requestDict(c.headers);
        addRecursionDetectionHeader({ params, model: operationModel("s3", "GetObject"), request_signer: null, context: {}, event_name: "x" });
        assert.deepEqual(params.headers, botocore.trace[i], JSON.stringify(c));
      });
    } finally {
      if (saved.name === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = saved.name;
      if (saved.trace === undefined) delete process.env._X_AMZN_TRACE_ID;
      else process.env._X_AMZN_TRACE_ID = saved.trace;
    }
  });

  test("x-amz-api-version on endpoint discovery operations only", () => {
    [["dynamodb", "DescribeEndpoints"], ["dynamodb", "GetItem"], ["timestream-write", "DescribeEndpoints"]].forEach(([service, op], i) => {
      const params = requestDict();
      injectApiVersionHeader({ params, model: operationModel(service!, op!), request_signer: null, context: {}, event_name: "x" });
      assert.deepEqual(params.headers, botocore.apiVersion[i]);
    });
  });

  test("ChecksumMode=ENABLED when response_checksum_validation is when_supported", () => {
    VALIDATION_CASES.forEach((c, i) => {
      const params = structuredClone(c.params);
      const context: Params = c.mode === null ? {} : { client_config: new Config({ response_checksum_validation: c.mode as "when_supported" }) };
      handleRequestValidationModeMember({ params, model: operationModel(c.service, c.op), context, event_name: "x" });
      assert.deepEqual(params, botocore.validation[i], JSON.stringify(c));
    });
  });

  test("the shared registrations hook exactly the operations botocore's handlers act on", () => {
    const byName = (service: string, name: string) => customizationsFor(service).find((c) => c.name === name)!;
    for (const name of SERVICES) {
      const apiVersionHeader = byName(name, "inject_api_version_header_if_needed");
      const requestValidationModeMember = byName(name, "_handle_request_validation_mode_member");
      const service = serviceRuntime(name);
      const id = service.serviceId;
      const discovery = apiVersionHeader.serviceHandlers!(service).map((r) => String(r.event));
      assert.deepEqual(discovery, botocore.discoveryOps[name]!.map((op) => `before-call.${id}.${op}`), name);
      const validation = requestValidationModeMember.serviceHandlers!(service).map((r) => String(r.event));
      assert.deepEqual(validation, botocore.validationOps[name]!.map((op) => `before-parameter-build.${id}.${op}`), name);
    }
  });

  test("end to end: DynamoDB's DescribeEndpoints names its API version, GetItem does not", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), c.method));
    assert.equal(actual[0]!.sent[0]!.headers["x-amz-api-version"], "2012-08-10");
    assert.equal(actual[1]!.sent[0]!.headers["x-amz-api-version"], undefined);
  });
});
