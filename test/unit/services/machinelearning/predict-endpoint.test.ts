/**
 * Amazon ML Predict goes to its PredictEndpoint's host (botocore's
 * switch_host_machinelearning), before signing; end to end against botocore.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AWSPreparedRequest } from "../../../../src/http/types.js";
import { switchHostMachineLearning } from "../../../../src/services/machinelearning/predict-endpoint.js";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const ENDPOINTS = ["https://realtime.machinelearning.us-east-1.amazonaws.com", "http://other.example.com:8080/ignored/path?q=1", "", "custom-host", "https://user@host"];

const CALLS: CallCase[] = [
  { service: "machinelearning", method: "predict", params: { MLModelId: "m", Record: { a: "1" }, PredictEndpoint: "https://realtime.machinelearning.us-east-1.amazonaws.com" }, responses: [{ body: '{"Prediction": {"predictedLabel": "1"}}' }] },
];

const botocore = runBotocore<{ urls: string[]; calls: CallOutcome[] }>(String.raw`
from botocore.awsrequest import AWSRequest
urls = []
for endpoint in CASES["endpoints"]:
    body = json.dumps({"MLModelId": "m", "Record": {}, "PredictEndpoint": endpoint}).encode()
    request = AWSRequest(method="POST", url="https://machinelearning.us-east-1.amazonaws.com/path?x=1", data=body)
    handlers.switch_host_machinelearning(request=request)
    urls.append(request.url)
print(json.dumps(to_json({"urls": urls, "calls": run_calls(CASES["calls"])})))
`, { endpoints: ENDPOINTS, calls: CALLS });

describe("machinelearning Predict endpoint (vs botocore)", () => {
  test("the request moves to the PredictEndpoint's scheme and host, keeping path and query", () => {
    ENDPOINTS.forEach((endpoint, i) => {
      const request: AWSPreparedRequest = {
        method: "POST", url: "https://machinelearning.us-east-1.amazonaws.com/path?x=1", headers: {},
        body: JSON.stringify({ MLModelId: "m", Record: {}, PredictEndpoint: endpoint }), stream_output: false, context: {},
      };
      switchHostMachineLearning({ request, operation_name: "Predict", event_name: "x" });
      assert.equal(request.url, botocore.urls[i], endpoint);
    });
  });

  test("end to end: sent to the real-time endpoint and signed for it", async () => {
    const actual = await runCalls(CALLS);
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[0]!));
    assert.equal(actual[0]!.sent[0]!.url, "https://realtime.machinelearning.us-east-1.amazonaws.com/");
  });
});
