/**
 * Varied requests signed by botocore's SigV4Auth / S3SigV4Auth (one python3
 * process, time fixed) and by signV4: the Authorization header must match
 * byte for byte, and the final header sets must be the same.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { signV4 } from "../../../src/auth/sigv4.js";
import { runPythonBatch } from "../validate/python-values.js";

interface SignCase {
  title: string;
  method: string;
  url: string;
  headers: [string, string][];
  body?: string | Uint8Array;
  context?: Record<string, unknown>;
  token?: string;
  s3?: boolean;
  service?: string;
  region?: string;
}

const TIME = new Date("2024-02-29T23:59:58Z");
const JSON_HEADERS: [string, string][] = [
  ["X-Amz-Target", "DynamoDB_20120810.GetItem"],
  ["Content-Type", "application/x-amz-json-1.0"],
  ["User-Agent", "Boto3/1.43.11 md/Botocore#1.43.11"],
];
const MD5: [string, string] = ["Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="];

const CASES: SignCase[] = [
  { title: "DynamoDB GetItem", method: "POST", url: "https://dynamodb.us-west-2.amazonaws.com/", headers: JSON_HEADERS,
    body: '{"TableName":"t","Key":{"id":{"S":"1"}}}', service: "dynamodb", region: "us-west-2" },
  { title: "query params sorted by key then value", method: "GET",
    url: "https://ec2.amazonaws.com/?Version=2016-11-15&Action=DescribeInstances&Filter.1.Value.1=a%20b&Filter.1.Name=tag%3AName&A=2&A=1",
    headers: [] },
  { title: "session token added", method: "GET", url: "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
    headers: [], token: "FwoGZXIvYXdzEJr//////////wEaDH" },
  { title: "stale token and Authorization replaced (retry)", method: "POST", url: "https://sqs.us-east-1.amazonaws.com/",
    headers: [["x-amz-security-token", "old"], ["authorization", "AWS4-HMAC-SHA256 old"], ["X-Amz-Date", "20000101T000000Z"]],
    body: "Action=ListQueues", token: "new-token" },
  { title: "Date header kept and rewritten", method: "GET", url: "https://iam.amazonaws.com/",
    headers: [["Date", "Mon, 01 Jan 2001 00:00:00 GMT"], ["X-Amz-Date", "20010101T000000Z"]] },
  { title: "non-default port signed in host", method: "GET", url: "https://localhost:8443/path", headers: [] },
  { title: "default https port dropped", method: "GET", url: "https://Example.COM:443/", headers: [] },
  { title: "plain http, port 80 dropped", method: "PUT", url: "http://example.com:80/a/b", headers: [], body: "data" },
  { title: "IPv6 literal with port", method: "GET", url: "http://[::1]:8080/x", headers: [] },
  { title: "user info left out of host", method: "GET", url: "https://user:pw@host.example/", headers: [] },
  { title: "path normalized and encoded twice", method: "GET", url: "https://svc.amazonaws.com//a/./b/../c%2Fd/e f/~x/", headers: [] },
  { title: "headers: case duplicates, whitespace, unsigned names", method: "POST", url: "https://svc.amazonaws.com/",
    headers: [["My-Header", "  a   b  "], ["my-header", "c"], ["Expect", "100-continue"], ["Transfer-Encoding", "chunked"],
      ["X-Amzn-Trace-Id", "Root=1"], ["X-Custom", "tab\there"], ["Connection", "keep-alive"]], body: new Uint8Array([0, 1, 2]) },
  { title: "v4 with payload signing disabled over https", method: "POST", url: "https://svc.amazonaws.com/", headers: [],
    body: "x", context: { payload_signing_enabled: false } },
  { title: "v4 with payload signing disabled over http still hashes", method: "POST", url: "http://svc.amazonaws.com/", headers: [],
    body: "x", context: { payload_signing_enabled: false } },
  { title: "s3 PUT over https without checksum: sha256", method: "PUT", url: "https://b.s3.amazonaws.com/k", headers: [],
    body: "hello", s3: true, service: "s3" },
  { title: "s3 streaming PUT with Content-MD5 over https: unsigned", method: "PUT", url: "https://b.s3.amazonaws.com/k",
    headers: [MD5], body: "hello", s3: true, service: "s3", context: { has_streaming_input: true } },
  { title: "s3 streaming PUT with Content-MD5 over http: sha256", method: "PUT", url: "http://b.s3.amazonaws.com/k",
    headers: [MD5], body: "hello", s3: true, service: "s3", context: { has_streaming_input: true } },
  { title: "s3 config disables payload signing", method: "PUT", url: "https://b.s3.amazonaws.com/k", headers: [],
    body: "hello", s3: true, service: "s3", context: { client_config: { s3: { payload_signing_enabled: false } } } },
  { title: "s3 config forces payload signing", method: "PUT", url: "https://b.s3.amazonaws.com/k", headers: [MD5],
    body: "hello", s3: true, service: "s3", context: { has_streaming_input: true, client_config: { s3: { payload_signing_enabled: true } } } },
  { title: "s3 key path signed as sent", method: "GET", url: "https://s3.us-east-1.amazonaws.com/bucket/a%20b//c/./d%2Fe?versionId=1&acl",
    headers: [], s3: true, service: "s3" },
  { title: "s3 checksum trailer", method: "PUT", url: "https://b.s3.amazonaws.com/k",
    headers: [["Content-Encoding", "aws-chunked"], ["X-Amz-Trailer", "x-amz-checksum-crc32"]], body: "hello", s3: true, service: "s3",
    context: { checksum: { request_algorithm: { in: "trailer", name: "x-amz-checksum-crc32", algorithm: "crc32" } } } },
  { title: "s3 checksum header with streaming input", method: "PUT", url: "https://b.s3.amazonaws.com/k",
    headers: [["x-amz-checksum-crc32", "NhCmhg=="]], body: "hello", s3: true, service: "s3",
    context: { has_streaming_input: true, checksum: { request_algorithm: { in: "header", name: "x-amz-checksum-crc32" } } } },
  { title: "s3 query presence keys and token", method: "POST", url: "https://b.s3.amazonaws.com/k?uploads", headers: [],
    s3: true, service: "s3", token: "tok", region: "eu-central-1" },
  { title: "caller-supplied X-Amz-Content-SHA256 on v4", method: "POST", url: "https://svc.amazonaws.com/",
    headers: [["x-amz-content-sha256", "UNSIGNED-PAYLOAD"]], body: "x" },
];

const PY_SCRIPT = `
import sys, json, base64, datetime
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: datetime.datetime(2024, 2, 29, 23, 59, 58)
for line in sys.stdin:
    r = json.loads(line)
    body = r['body']
    if isinstance(body, dict):
        body = base64.b64decode(body['b64'])
    req = AWSRequest(method=r['method'], url=r['url'], data=body)
    for name, value in r['headers']:
        req.headers[name] = value
    context = r['context']
    if 'client_config' in context:
        context['client_config'] = Config(s3=context['client_config']['s3'])
    req.context.update(context)
    creds = Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', r['token'])
    cls = botocore.auth.S3SigV4Auth if r['s3'] else botocore.auth.SigV4Auth
    cls(creds, r['service'], r['region']).add_auth(req)
    print(json.dumps(list(req.headers.items())))
`;

function sortedPairs(pairs: [string, string][]): [string, string][] {
  return [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
}

describe("signV4 agrees with botocore", () => {
  const requests = CASES.map((c) => ({
    method: c.method,
    url: c.url,
    headers: c.headers,
    body: c.body instanceof Uint8Array ? { b64: Buffer.from(c.body).toString("base64") } : (c.body ?? ""),
    context: c.context ?? {},
    token: c.token ?? null,
    s3: c.s3 ?? false,
    service: c.service ?? "svc",
    region: c.region ?? "us-east-1",
  }));
  const expected = runPythonBatch(PY_SCRIPT, requests) as [string, string][][];
  let same = 0;
  CASES.forEach((c, i) => {
    test(c.title, () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of c.headers) headers[name] = value;
      const request = { method: c.method, url: c.url, headers, body: c.body, context: structuredClone(c.context ?? {}) };
      signV4(
        request,
        { access_key: "AKIDEXAMPLE", secret_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token: c.token ?? null },
        { signingName: c.service ?? "svc", region: c.region ?? "us-east-1", signatureVersion: c.s3 ? "s3v4" : "v4", time: TIME },
      );
      const want = expected[i]!;
      const wantAuth = want.find(([name]) => name === "Authorization")?.[1];
      assert.equal(request.headers.Authorization, wantAuth, "Authorization");
      assert.deepEqual(sortedPairs(Object.entries(request.headers)), sortedPairs(want), "headers after signing");
      same++;
    });
  });
  test("summary", () => {
    console.log(`SigV4 vs botocore: ${same}/${CASES.length} requests identical`);
    assert.equal(same, CASES.length);
  });
});
