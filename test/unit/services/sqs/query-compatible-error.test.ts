/**
 * SQS errors are raised as the class their query-era code names
 * (botocore's _handle_sqs_compatible_error), unit and end to end.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { handleSqsCompatibleError } from "../../../../src/services/sqs/query-compatible-error.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

type Params = Record<string, unknown>;

const PARSED: Params[] = [
  {}, { Error: {} }, { Error: { Code: "X" } }, { Error: { Code: "AWS.SimpleQueueService.NonExistentQueue", QueryErrorCode: "QueueDoesNotExist" } },
  { Error: { Code: "X", QueryErrorCode: "" } }, { QueueUrl: "u" },
];

const notFound = (type: string, header?: string): CallCase["responses"][number] => ({
  status_code: 400,
  headers: { "content-type": "application/x-amz-json-1.0", ...(header !== undefined ? { "x-amzn-query-error": header } : {}) },
  body: JSON.stringify({ __type: type, message: "The specified queue does not exist." }),
});

const CALLS: CallCase[] = [
  { service: "sqs", method: "get_queue_url", params: { QueueName: "q" }, responses: [notFound("com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue;Sender")] },
  { service: "sqs", method: "get_queue_url", params: { QueueName: "q" }, responses: [notFound("com.amazonaws.sqs#QueueDoesNotExist")] },
  { service: "sqs", method: "delete_message", params: { QueueUrl: "https://sqs/q", ReceiptHandle: "r" }, responses: [notFound("com.amazonaws.sqs#ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid;Sender")] },
  { service: "sqs", method: "get_queue_url", params: { QueueName: "q" }, responses: [{ body: '{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q"}', headers: { "content-type": "application/x-amz-json-1.0" } }] },
];

const botocore = runBotocore<{ unit: Params[]; calls: CallOutcome[] }>(String.raw`
unit = []
for parsed in CASES["parsed"]:
    context = {}
    handlers._handle_sqs_compatible_error(parsed=parsed, context=context)
    unit.append(context)
print(json.dumps(to_json({"unit": unit, "calls": run_calls(CASES["calls"])})))
`, { parsed: PARSED, calls: CALLS });

describe("sqs query-compatible errors (vs botocore)", () => {
  test("the error code override comes from QueryErrorCode", () => {
    PARSED.forEach((parsed, i) => {
      const context: Params = {};
      handleSqsCompatibleError({ parsed, context, model: operationModel("sqs", "GetQueueUrl"), http_response: undefined as never, event_name: "x" });
      assert.deepEqual(context, botocore.unit[i], JSON.stringify(parsed));
    });
  });

  test("end to end: the raised class, code and message", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), JSON.stringify(c.responses)));
    assert.equal(actual[0]!.error!.class, "QueueDoesNotExist");
  });
});
