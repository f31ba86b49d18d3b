/**
 * Presigned URLs: presignV4 against botocore's SigV4QueryAuth and
 * S3SigV4QueryAuth (one python3 process, time fixed); the URLs must be
 * identical.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { presignV4 } from "../../../src/auth/sigv4-query.js";
import { runPythonBatch } from "../validate/python-values.js";

interface PresignCase {
  title: string;
  method: string;
  url: string;
  headers?: [string, string][];
  /** Sent to botocore as `request.data`: a dict for query protocols, a string otherwise. */
  pyData?: Record<string, string> | string;
  /** The same body as the TS serializer would write it. */
  body?: string;
  s3?: boolean;
  token?: string | null;
  expires?: number;
  service?: string;
  region?: string;
}

const FORM: [string, string] = ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"];
const TIME = new Date("2023-12-31T23:59:59Z");

const CASES: PresignCase[] = [
  { title: "STS query-protocol body moves into the query", method: "POST", url: "https://sts.amazonaws.com/", headers: [FORM],
    pyData: { Action: "GetCallerIdentity", Version: "2011-06-15" }, body: "Action=GetCallerIdentity&Version=2011-06-15",
    service: "sts" },
  { title: "S3 GetObject with token and expiry", method: "GET", url: "https://b.s3.us-west-2.amazonaws.com/key%20with%20space?versionId=3",
    s3: true, token: "SESSION/TOKEN+=", expires: 900, service: "s3", region: "us-west-2" },
  { title: "S3 response override re-encoded", method: "GET",
    url: "https://s3.amazonaws.com/b/k?response-content-disposition=attachment%3B%20filename%3D%22a.txt%22", s3: true, service: "s3" },
  { title: "S3 empty token still sent", method: "PUT", url: "https://b.s3.amazonaws.com/k", s3: true, token: "", service: "s3" },
  { title: "query with plus, blank values and repeated keys", method: "GET", url: "https://svc.amazonaws.com/p/./q?a=b+c&d&e=&a=2" },
  { title: "signed custom header and a port", method: "GET", url: "https://localhost:9000/bucket/obj",
    headers: [["x-amz-meta-foo", "  bar  baz "]], s3: true, service: "s3" },
  { title: "JSON body fields join the query", method: "POST", url: "https://svc.amazonaws.com/", pyData: '{"Name": "x y", "Flag": true, "N": 3}',
    body: '{"Name": "x y", "Flag": true, "N": 3}' },
];

const PY_SCRIPT = `
import sys, json, datetime
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: datetime.datetime(2023, 12, 31, 23, 59, 59)
for line in sys.stdin:
    r = json.loads(line)
    req = AWSRequest(method=r['method'], url=r['url'], data=r['data'])
    for name, value in r['headers']:
        req.headers[name] = value
    creds = Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', r['token'])
    cls = botocore.auth.S3SigV4QueryAuth if r['s3'] else botocore.auth.SigV4QueryAuth
    cls(creds, r['service'], r['region'], expires=r['expires']).add_auth(req)
    print(json.dumps(req.url))
`;

describe("presignV4 agrees with botocore", () => {
  const expected = runPythonBatch(
    PY_SCRIPT,
    CASES.map((c) => ({
      method: c.method,
      url: c.url,
      headers: c.headers ?? [],
      data: c.pyData ?? "",
      token: c.token ?? null,
      s3: c.s3 ?? false,
      expires: c.expires ?? 3600,
      service: c.service ?? "svc",
      region: c.region ?? "us-east-1",
    })),
  ) as string[];
  CASES.forEach((c, i) => {
    test(c.title, () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of c.headers ?? []) headers[name] = value;
      const request = { method: c.method, url: c.url, headers, body: c.body, context: {} };
      presignV4(
        request,
        { access_key: "AKIDEXAMPLE", secret_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token: c.token ?? null },
        {
          signingName: c.service ?? "svc",
          region: c.region ?? "us-east-1",
          signatureVersion: c.s3 ? "s3v4" : "v4",
          time: TIME,
          ...(c.expires === undefined ? {} : { expires: c.expires }),
        },
      );
      assert.equal(request.url, expected[i]);
      if (c.body !== undefined) assert.equal(request.body, "", "the body moved into the query");
    });
  });

  test("the form content type botocore sets itself is dropped", () => {
    const request = { method: "POST", url: "https://sts.amazonaws.com/", headers: { "Content-Type": FORM[1] }, body: "", context: {} };
    presignV4(request, { access_key: "A", secret_key: "S" }, { signingName: "sts", region: "us-east-1", time: TIME });
    assert.deepEqual(request.headers, {});
    assert.match(request.url, /X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/);
  });
});
