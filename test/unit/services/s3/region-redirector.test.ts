/**
 * The S3 region redirector (botocore's S3RegionRedirectorv2), run the same
 * way in both: a needs-retry event emitted on a real us-west-2 S3 client
 * with an error response, then the request URL, signing context and the
 * region cache compared. End to end: a call answered by a
 * PermanentRedirect is re-sent to the bucket's region, the next call goes
 * there directly, and a region found only by HeadBucket is used.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import type { HttpResponse } from "../../../../src/http/http-response.js";
import type { RequestDict } from "../../../../src/http/types.js";
import { recordingClient } from "../support/client.js";
import { runBotocore } from "../support/botocore.js";

type Params = Record<string, unknown>;

interface RedirectCase {
  name: string;
  op: string;
  bucket: string;
  status: number;
  headers: Record<string, string>;
  error: Params | null;
  redirected?: boolean;
}

const REGION = { "x-amz-bucket-region": "eu-west-1" };
const CASES: RedirectCase[] = [
  { name: "PermanentRedirect", op: "GetObject", bucket: "mybucket", status: 301, headers: REGION, error: { Code: "PermanentRedirect", Message: "m" } },
  { name: "AuthorizationHeaderMalformed naming the region", op: "GetObject", bucket: "mybucket", status: 400, headers: {}, error: { Code: "AuthorizationHeaderMalformed", Region: "ap-south-1" } },
  { name: "AuthorizationHeaderMalformed without a region", op: "GetObject", bucket: "mybucket", status: 400, headers: REGION, error: { Code: "AuthorizationHeaderMalformed" } },
  { name: "bare 400 on HeadObject", op: "HeadObject", bucket: "mybucket", status: 400, headers: REGION, error: { Code: "400", Message: "Bad Request" } },
  { name: "bare 301 on HeadBucket with the region header", op: "HeadBucket", bucket: "mybucket", status: 301, headers: REGION, error: { Code: "301" } },
  { name: "bare 400 on GetObject", op: "GetObject", bucket: "mybucket", status: 400, headers: REGION, error: { Code: "400" } },
  { name: "307 redirect", op: "PutObject", bucket: "mybucket", status: 307, headers: { "x-amz-bucket-region": "us-east-2" }, error: { Code: "TemporaryRedirect" } },
  { name: "IllegalLocationConstraintException", op: "GetObject", bucket: "mybucket", status: 400, headers: REGION, error: { Code: "IllegalLocationConstraintException" } },
  { name: "IllegalLocationConstraintException on CreateBucket", op: "CreateBucket", bucket: "mybucket", status: 400, headers: REGION, error: { Code: "IllegalLocationConstraintException" } },
  { name: "already redirected", op: "GetObject", bucket: "mybucket", status: 301, headers: REGION, error: { Code: "PermanentRedirect" }, redirected: true },
  { name: "access point ARN", op: "GetObject", bucket: "arn:aws:s3:us-west-2:123456789012:accesspoint/ap", status: 301, headers: REGION, error: { Code: "PermanentRedirect" } },
  { name: "unrelated error", op: "GetObject", bucket: "mybucket", status: 404, headers: REGION, error: { Code: "NoSuchKey" } },
  { name: "success", op: "GetObject", bucket: "mybucket", status: 200, headers: REGION, error: null },
  { name: "dotted bucket (path style)", op: "GetObject", bucket: "my.bucket", status: 301, headers: REGION, error: { Code: "PermanentRedirect" } },
];

function urlFor(bucket: string): string {
  return bucket.includes(".") ? `https://s3.us-west-2.amazonaws.com/${bucket}/key` : `https://${bucket}.s3.us-west-2.amazonaws.com/key`;
}

interface Outcome {
  result: number | null;
  url: string;
  redirected: boolean;
  auth_type: unknown;
  signing: unknown;
  cached_region: unknown;
}

const botocore = runBotocore<Outcome[]>(String.raw`
from botocore.awsrequest import AWSResponse
client = _session.create_client("s3", region_name="us-west-2", aws_access_key_id="a", aws_secret_access_key="b")
out = []
for case in CASES:
    params = {"Bucket": case["bucket"], "Key": "key"}
    context = {"client_region": "us-west-2", "s3_redirect": {"redirected": bool(case.get("redirected")), "bucket": case["bucket"], "params": params},
               "signing": {"region": "us-west-2", "signing_name": "s3"}, "auth_type": "v4"}
    request_dict = {"url": case["url"], "context": context, "headers": {}, "body": b"", "method": "GET"}
    http = AWSResponse(case["url"], case["status"], case["headers"], None)
    parsed = {"ResponseMetadata": {"HTTPStatusCode": case["status"], "HTTPHeaders": case["headers"]}}
    if case["error"] is not None:
        parsed["Error"] = case["error"]
    op = op_model("s3", case["op"])
    responses = client.meta.events.emit("needs-retry.s3." + case["op"], response=(http, parsed), endpoint=None, operation=op,
                                        attempts=1, caught_exception=None, request_dict=request_dict)
    result = next((r for _, r in responses if r is not None), None)
    builtins = {"AWS::Region": "us-west-2", "AWS::S3::ForcePathStyle": False, "AWS::S3::UseGlobalEndpoint": False}
    client.meta.events.emit("before-endpoint-resolution.s3", builtins=builtins, model=op, params=params, context={})
    out.append({"result": result, "url": request_dict["url"], "redirected": context["s3_redirect"]["redirected"],
                "auth_type": context.get("auth_type"), "signing": context.get("signing"), "cached_region": builtins["AWS::Region"]})
print(json.dumps(out))
`, CASES.map((c) => ({ ...c, url: urlFor(c.bucket) })));

describe("s3 region redirector (vs botocore)", () => {
  test(`${CASES.length} error responses: retry decision, new URL, signing context and region cache`, async () => {
    const { client } = recordingClient("s3", { region_name: "us-west-2" });
    for (const [i, c] of CASES.entries()) {
      const params = { Bucket: c.bucket, Key: "key" };
      const context: Params = {
        client_region: "us-west-2",
        s3_redirect: { redirected: Boolean(c.redirected), bucket: c.bucket, params },
        signing: { region: "us-west-2", signing_name: "s3" },
        auth_type: "v4",
      };
      const requestDict: RequestDict = { url_path: "/key", query_string: {}, method: "GET", headers: {}, body: "", url: urlFor(c.bucket), context };
      const http: HttpResponse = { status_code: c.status, headers: c.headers, body: Readable.from([]) };
      const parsed: Params = { ResponseMetadata: { HTTPStatusCode: c.status, HTTPHeaders: c.headers } };
      if (c.error !== null) parsed.Error = c.error;
      const op = client.meta.service_model.operation_model(c.op);
      const responses = await client.meta.events.emit(`needs-retry.s3.${c.op}`, {
        response: [http, parsed], endpoint: null, operation: op, attempts: 1, caught_exception: null, request_dict: requestDict,
      });
      const result = responses.map(([, r]) => r).find((r) => r !== null && r !== undefined) ?? null;
      const builtins: Params = { "AWS::Region": "us-west-2", "AWS::S3::ForcePathStyle": false, "AWS::S3::UseGlobalEndpoint": false };
      await client.meta.events.emit("before-endpoint-resolution.s3", { builtins, model: op, params, context: {} });
      const actual: Outcome = {
        result: result as number | null,
        url: requestDict.url!,
        redirected: (context.s3_redirect as { redirected: boolean }).redirected,
        auth_type: context.auth_type,
        signing: context.signing,
        cached_region: builtins["AWS::Region"],
      };
      assert.deepEqual(actual, botocore[i], c.name);
    }
    assert.ok(botocore.filter((o) => o.result === 0).length >= 6);
  });
});

describe("s3 region redirector (end to end)", () => {
  const redirect = `<Error><Code>PermanentRedirect</Code><Message>use the right endpoint</Message><Bucket>mybucket</Bucket></Error>`;

  test("a PermanentRedirect is retried at once in the bucket's region, and later calls go there directly", async () => {
    const recording = recordingClient("s3", { region_name: "us-west-2" }, [
      { status_code: 301, headers: { "x-amz-bucket-region": "eu-west-1" }, body: redirect },
      { status_code: 200, body: "" },
    ]);
    await recording.client.put_object({ Bucket: "mybucket", Key: "k", Body: "x" });
    assert.deepEqual(recording.sent.map((r) => r.url), ["https://mybucket.s3.us-west-2.amazonaws.com/k", "https://mybucket.s3.eu-west-1.amazonaws.com/k"]);
    assert.match(recording.sent[1]!.headers.Authorization!, /\/eu-west-1\/s3\/aws4_request/);
    await recording.client.head_object({ Bucket: "mybucket", Key: "k" });
    assert.equal(recording.sent[2]!.url, "https://mybucket.s3.eu-west-1.amazonaws.com/k");
    // Only one redirect per call: a second wrong-region answer is an error.
    recording.responses = [{ status_code: 301, headers: { "x-amz-bucket-region": "ap-south-1" }, body: redirect }];
    await assert.rejects(recording.client.get_object({ Bucket: "otherbucket", Key: "k" }), /PermanentRedirect/);
    assert.equal(recording.sent.length, 5);
  });

  test("without a region in the error, HeadBucket finds it", async () => {
    const recording = recordingClient("s3", { region_name: "us-west-2" }, [
      { status_code: 400, body: "<Error><Code>AuthorizationHeaderMalformed</Code><Message>m</Message></Error>" },
      { status_code: 301, headers: { "x-amz-bucket-region": "sa-east-1" } },
      { status_code: 200, body: "<ListBucketResult><Name>mybucket</Name><KeyCount>0</KeyCount></ListBucketResult>" },
    ]);
    // AuthorizationHeaderMalformed without Region is not a redirect: only when S3 names the region.
    await assert.rejects(recording.client.list_objects_v2({ Bucket: "mybucket" }), /AuthorizationHeaderMalformed/);
    // The HeadBucket is itself redirected (a bare 301 with the region header), as in botocore.
    recording.responses = [
      { status_code: 301, body: redirect },
      { status_code: 301, headers: { "x-amz-bucket-region": "sa-east-1" } },
      { status_code: 200, headers: { "x-amz-bucket-region": "sa-east-1" } },
      { status_code: 200, body: "<ListBucketResult><Name>mybucket</Name><KeyCount>0</KeyCount></ListBucketResult>" },
    ];
    const out = await recording.client.list_objects_v2({ Bucket: "mybucket" });
    assert.equal(out.KeyCount, 0);
    const urls = recording.sent.slice(1).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(urls, [
      "GET https://mybucket.s3.us-west-2.amazonaws.com/?list-type=2&encoding-type=url",
      "HEAD https://mybucket.s3.us-west-2.amazonaws.com/",
      "HEAD https://mybucket.s3.sa-east-1.amazonaws.com/",
      "GET https://mybucket.s3.sa-east-1.amazonaws.com/?list-type=2&encoding-type=url",
    ]);
  });
});
