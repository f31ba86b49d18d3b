/**
 * Import/Export is signed with SigV4 although its model says SigV2
 * (botocore's _set_importexport_signature_version), unless a signature
 * version is configured.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Config, UNSIGNED } from "../../../../src/config/config.js";
import { customizationsFor } from "../../../../src/services/index.js";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { recordingClient, runCalls } from "../support/client.js";

const CALLS: CallCase[] = [
  { service: "importexport", method: "list_jobs", params: {}, responses: [{ body: "<ListJobsResponse><ListJobsResult><IsTruncated>false</IsTruncated></ListJobsResult></ListJobsResponse>" }] },
];

const importExportSigv4 = customizationsFor("importexport").find((c) => c.name === "_set_importexport_signature_version")!;

const botocore = runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", CALLS);

const authorization = (outcome: CallOutcome): string =>
  Object.entries(outcome.sent[0]!.headers).find(([name]) => name.toLowerCase() === "authorization")?.[1] ?? "";

describe("importexport signing (vs botocore)", () => {
  test("requests are signed with SigV4", async () => {
    const actual = await runCalls(CALLS);
    assert.deepEqual(comparable(actual[0]!), comparable(botocore[0]!));
    assert.match(authorization(botocore[0]!), /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/IngestionService\/aws4_request/);
    assert.equal(authorization(actual[0]!).split(", ")[0]!.replace(/\d{8}/, "D"), authorization(botocore[0]!).split(", ")[0]!.replace(/\d{8}/, "D"));
  });

  test("a configured signature version wins: no handler is registered", () => {
    const { client } = recordingClient("importexport", { config: new Config({ signature_version: "v4" }) });
    assert.deepEqual(importExportSigv4.clientHandlers!(client), []);
    const { client: unsigned } = recordingClient("importexport", { config: new Config({ signature_version: UNSIGNED }) });
    assert.deepEqual(importExportSigv4.clientHandlers!(unsigned), []);
    const { client: plain } = recordingClient("importexport");
    assert.equal(importExportSigv4.clientHandlers!(plain).length, 1);
  });
});
