/**
 * Polly SynthesizeSpeech: a request being presigned loses its Content-Type
 * (botocore's remove_content_type_header_for_presigning).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AWSPreparedRequest } from "../../../../src/http/types.js";
import { removeContentTypeForPresigning } from "../../../../src/services/polly/presign-content-type.js";
import { runBotocore } from "../support/botocore.js";

const CASES: { presign: unknown; headers: Record<string, string> }[] = [
  { presign: true, headers: { "Content-Type": "application/json", Other: "x" } },
  { presign: true, headers: { "content-type": "application/json" } },
  { presign: false, headers: { "Content-Type": "application/json" } },
  { presign: null, headers: { "Content-Type": "application/json" } },
  { presign: "yes", headers: { "Content-Type": "application/json" } },
  { presign: true, headers: {} },
];

const botocore = runBotocore<Record<string, string>[]>(String.raw`
from botocore.awsrequest import AWSRequest
out = []
for case in CASES:
    request = AWSRequest(method="POST", url="https://polly.us-east-1.amazonaws.com/v1/speech", headers=case["headers"])
    if case["presign"] is not None:
        request.context["is_presign_request"] = case["presign"]
    handlers.remove_content_type_header_for_presigning(request=request)
    out.append(dict(request.headers.items()))
print(json.dumps(out))
`, CASES);

describe("polly presigned SynthesizeSpeech (vs botocore)", () => {
  test("Content-Type is dropped only from presign requests, whatever its case", () => {
    CASES.forEach((c, i) => {
      const request: AWSPreparedRequest = { method: "POST", url: "https://polly.us-east-1.amazonaws.com/v1/speech", headers: { ...c.headers }, body: "", stream_output: false, context: {} };
      if (c.presign !== null) request.context.is_presign_request = c.presign;
      removeContentTypeForPresigning({ request, signing_name: "polly", region_name: "us-east-1", signature_version: "v4-query", request_signer: null, operation_name: "SynthesizeSpeech", event_name: "x" });
      assert.deepEqual(request.headers, botocore[i], JSON.stringify(c));
    });
  });
});
