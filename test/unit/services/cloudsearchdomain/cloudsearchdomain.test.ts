/**
 * CloudSearch Domain: Search is sent as a form POST (botocore's
 * change_get_to_post) and takes `returnFields` for `return` (parameter
 * alias); end to end against botocore.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AWSPreparedRequest } from "../../../../src/http/types.js";
import { changeGetToPost } from "../../../../src/services/cloudsearchdomain/search-as-post.js";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { recordingClient } from "../support/client.js";

const REQUESTS: { method: string; url: string }[] = [
  { method: "GET", url: "https://search-d.us-east-1.cloudsearch.amazonaws.com/2013-01-01/search?format=sdk&pretty=true&q=a%20b" },
  { method: "GET", url: "https://host/2013-01-01/search" },
  { method: "POST", url: "https://host/2013-01-01/search?q=x" },
  { method: "GET", url: "https://host/p?a=1?b=2" },
];

const endpoint = "https://search-domain.us-east-1.cloudsearch.amazonaws.com";
const CALLS: CallCase[] = [
  { service: "cloudsearchdomain", method: "search", params: { query: "star wars", returnFields: "title,year", size: 5 }, responses: [{ body: '{"status": {"rid": "r", "timems": 1}, "hits": {"found": 0, "start": 0, "hit": []}}' }] },
  { service: "cloudsearchdomain", method: "search", params: { query: "q", return: "title" }, responses: [{ body: '{"hits": {"found": 0}}' }] },
];

const botocore = runBotocore<{ requests: { method: string; url: string; body: string | null; contentType: string | null }[]; calls: CallOutcome[] }>(String.raw`
from botocore.awsrequest import AWSRequest
out = []
for r in CASES["requests"]:
    request = AWSRequest(method=r["method"], url=r["url"], headers={})
    handlers.change_get_to_post(request=request)
    out.append({"method": request.method, "url": request.url, "body": request.data or None, "contentType": request.headers.get("Content-Type")})
calls = CASES["calls"]
import botocore.session
real_create = _session.create_client
def create_client(*a, **k):
    k["endpoint_url"] = CASES["endpoint"]
    return real_create(*a, **k)
_session.create_client = create_client
print(json.dumps(to_json({"requests": out, "calls": run_calls(calls)})))
`, { requests: REQUESTS, calls: CALLS, endpoint });

describe("cloudsearchdomain (vs botocore)", () => {
  test("GET with a query becomes a form POST", () => {
    REQUESTS.forEach((r, i) => {
      const request: AWSPreparedRequest = { method: r.method, url: r.url, headers: {}, body: undefined, stream_output: false, context: {} };
      changeGetToPost({ request, operation_name: "Search", event_name: "x" });
      const body = typeof request.body === "string" && request.body !== "" ? request.body : null;
      assert.deepEqual({ method: request.method, url: request.url, body, contentType: request.headers["Content-Type"] ?? null }, botocore.requests[i], r.url);
    });
  });

  test("end to end: Search as a signed POST, returnFields sent as return", async () => {
    const outcomes: CallOutcome[] = [];
    for (const c of CALLS) {
      const recording = recordingClient(c.service, { endpoint_url: endpoint }, c.responses);
      const result = await recording.client.search(structuredClone(c.params));
      delete (result as Record<string, unknown>).ResponseMetadata;
      outcomes.push({ sent: recording.sent.map((r) => ({ method: r.method, url: r.url, headers: r.headers, body: String(r.body) })), result });
    }
    CALLS.forEach((c, i) => assert.deepEqual(comparable(outcomes[i]!), comparable(botocore.calls[i]!), JSON.stringify(c.params)));
    assert.equal(outcomes[0]!.sent[0]!.method, "POST");
    assert.match(outcomes[0]!.sent[0]!.body, /return=title%2Cyear/);
  });
});
