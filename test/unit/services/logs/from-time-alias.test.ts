/**
 * CloudWatch Logs CreateExportTask takes `fromTime` for `from` (botocore's
 * parameter alias), end to end against botocore.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const OK = [{ body: '{"taskId": "t"}', headers: { "content-type": "application/x-amz-json-1.1" } }];
const CALLS: CallCase[] = [
  { service: "logs", method: "create_export_task", params: { logGroupName: "g", fromTime: 1000, to: 2000, destination: "b" }, responses: OK },
  { service: "logs", method: "create_export_task", params: { logGroupName: "g", from: 1000, to: 2000, destination: "b" }, responses: OK },
  { service: "logs", method: "create_export_task", params: { logGroupName: "g", from: 1, fromTime: 1000, to: 2000, destination: "b" }, responses: OK },
];

const botocore = runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", CALLS);

describe("logs fromTime alias (vs botocore)", () => {
  test("fromTime is sent as from; giving both is AliasConflictParameterError", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore[i]!), JSON.stringify(c.params)));
    assert.equal(JSON.parse(actual[0]!.sent[0]!.body).from, 1000);
    assert.equal(actual[2]!.error!.error, "AliasConflictParameterError");
  });
});
