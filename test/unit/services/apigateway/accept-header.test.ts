/**
 * API Gateway asks for plain JSON unless the request already sets Accept
 * (botocore's add_accept_header), unit and end to end.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RequestDict } from "../../../../src/http/types.js";
import { addAcceptHeader } from "../../../../src/services/apigateway/accept-header.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const HEADER_CASES: Record<string, string>[] = [{}, { Accept: "application/hal+json" }, { accept: "text/plain" }, { Other: "x" }];

const CALLS: CallCase[] = [
  { service: "apigateway", method: "get_rest_apis", params: {}, responses: [{ body: '{"item": [{"id": "a1", "name": "api"}]}' }] },
  { service: "apigateway", method: "get_export", params: { restApiId: "a1", stageName: "s", exportType: "swagger", accepts: "application/yaml" }, responses: [{ body: "openapi: 3", headers: { "content-type": "application/yaml" } }] },
];

const botocore = runBotocore<{ unit: Record<string, string>[]; calls: CallOutcome[] }>(String.raw`
unit = []
for headers in CASES["headers"]:
    params = {"headers": dict(headers)}
    handlers.add_accept_header(model=op_model("apigateway", "GetRestApis"), params=params)
    unit.append(params["headers"])
print(json.dumps(to_json({"unit": unit, "calls": run_calls(CASES["calls"])})))
`, { headers: HEADER_CASES, calls: CALLS });

describe("apigateway Accept header (vs botocore)", () => {
  test("Accept: application/json unless set (the check is on the exact name, as botocore's dict)", () => {
    HEADER_CASES.forEach((headers, i) => {
      const params: RequestDict = { url_path: "/", query_string: {}, method: "GET", headers: { ...headers }, body: "", context: {} };
      addAcceptHeader({ params, model: operationModel("apigateway", "GetRestApis"), request_signer: null, context: {}, event_name: "x" });
      assert.deepEqual(params.headers, botocore.unit[i]);
    });
  });

  test("end to end", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), c.method));
    assert.equal(actual[0]!.sent[0]!.headers.Accept, "application/json");
  });
});
