/** signV4 behaviour: S3 payload rules, path encoding, tokens, stream bodies, the key cache. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { NoCredentialsError } from "../../../src/exceptions.js";
import { canonicalQueryString, trimHeaderValue } from "../../../src/auth/canonical.js";
import { signingKey } from "../../../src/auth/signing-key.js";
import { EMPTY_SHA256_HASH, signV4, UnhashablePayloadError } from "../../../src/auth/sigv4.js";
import type { SignableRequest, SigV4Options } from "../../../src/auth/sigv4.js";
import { hostFromUrl, splitUrl } from "../../../src/auth/url-split.js";
import { S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth } from "../../../src/auth/signers.js";

const CREDS = { access_key: "AKID", secret_key: "secret" };
const TIME = new Date("2024-05-06T07:08:09.999Z");

function req(url: string, init: Partial<SignableRequest> = {}): SignableRequest {
  return { method: "PUT", url, headers: {}, body: "hello", context: {}, ...init };
}

function sign(request: SignableRequest, options: Partial<SigV4Options> = {}, creds: typeof CREDS & { token?: string | null } = CREDS) {
  return signV4(request, creds, { signingName: "s3", region: "us-east-1", time: TIME, ...options });
}

const hash = (text: string): string => createHash("sha256").update(text).digest("hex");
const lastLine = (text: string): string => text.slice(text.lastIndexOf("\n") + 1);

describe("S3 (s3v4) payload rules", () => {
  test("https without a checksum header: the body is hashed and sent as X-Amz-Content-SHA256", () => {
    const request = req("https://b.s3.amazonaws.com/k");
    const result = sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], hash("hello"));
    assert.equal(lastLine(result.canonicalRequest), hash("hello"));
    assert.match(request.headers.Authorization!, /SignedHeaders=host;x-amz-content-sha256;x-amz-date,/);
  });

  test("https, Content-MD5 and a streaming input: UNSIGNED-PAYLOAD", () => {
    const request = req("https://b.s3.amazonaws.com/k", {
      headers: { "Content-MD5": "XUFAKrxLKna5cZ2REBfFkg==" },
      context: { has_streaming_input: true },
    });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], "UNSIGNED-PAYLOAD");
  });

  test("plain http always signs the payload", () => {
    const request = req("http://b.s3.amazonaws.com/k", {
      headers: { "Content-MD5": "XUFAKrxLKna5cZ2REBfFkg==" },
      context: { has_streaming_input: true },
    });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], hash("hello"));
  });

  test("s3 config payload_signing_enabled wins over the implicit rules", () => {
    const request = req("https://b.s3.amazonaws.com/k", { context: { client_config: { s3: { payload_signing_enabled: false } } } });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], "UNSIGNED-PAYLOAD");
  });

  test("a checksum trailer signs STREAMING-UNSIGNED-PAYLOAD-TRAILER", () => {
    const request = req("https://b.s3.amazonaws.com/k", {
      body: Readable.from(["x"]),
      context: { checksum: { request_algorithm: { in: "trailer", name: "x-amz-checksum-crc32" } } },
    });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  });

  test("no body hashes the empty string", () => {
    const request = req("https://b.s3.amazonaws.com/", { method: "GET", body: undefined });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], EMPTY_SHA256_HASH);
  });
});

describe("canonical path", () => {
  test("S3 signs the path as sent: no second encoding, no normalization", () => {
    const result = sign(req("https://b.s3.amazonaws.com/a%20b//c/./d"), { signatureVersion: "s3v4" });
    assert.equal(result.canonicalRequest.split("\n")[1], "/a%20b//c/./d");
  });

  test("other services normalize and encode again", () => {
    const result = sign(req("https://svc.amazonaws.com/a%20b//c/./d"), { signingName: "svc" });
    assert.equal(result.canonicalRequest.split("\n")[1], "/a%2520b/c/d");
  });

  test("an empty path is /", () => {
    const result = sign(req("https://svc.amazonaws.com"), { signingName: "svc" });
    assert.equal(result.canonicalRequest.split("\n")[1], "/");
  });
});

describe("headers set by the signer", () => {
  test("session token: X-Amz-Security-Token is set and signed", () => {
    const request = req("https://svc.amazonaws.com/");
    const result = sign(request, { signingName: "svc" }, { ...CREDS, token: "TOKEN" });
    assert.equal(request.headers["X-Amz-Security-Token"], "TOKEN");
    assert.match(result.canonicalRequest, /\nx-amz-security-token:TOKEN\n/);
    assert.match(request.headers.Authorization!, /SignedHeaders=host;x-amz-date;x-amz-security-token,/);
  });

  test("no token, or an empty one: no token header", () => {
    for (const token of [undefined, null, ""]) {
      const request = req("https://svc.amazonaws.com/");
      sign(request, { signingName: "svc" }, { ...CREDS, token });
      assert.equal(request.headers["X-Amz-Security-Token"], undefined);
    }
  });

  test("X-Amz-Date, Authorization and context.timestamp; a previous Authorization is replaced", () => {
    const request = req("https://svc.amazonaws.com/", { headers: { authorization: "old", "x-amz-date": "old" } });
    sign(request, { signingName: "svc", region: "eu-west-1" });
    assert.deepEqual(Object.keys(request.headers).sort(), ["Authorization", "X-Amz-Date"]);
    assert.equal(request.headers["X-Amz-Date"], "20240506T070809Z");
    assert.equal(request.context.timestamp, "20240506T070809Z");
    assert.match(request.headers.Authorization!, /^AWS4-HMAC-SHA256 Credential=AKID\/20240506\/eu-west-1\/svc\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/);
  });

  test("no credentials: NoCredentialsError", () => {
    assert.throws(() => signV4(req("https://svc.amazonaws.com/"), null, { signingName: "svc", region: "us-east-1" }), NoCredentialsError);
  });
});

describe("stream bodies", () => {
  test("a stream that must be hashed is refused with a clear error", () => {
    const request = req("https://svc.amazonaws.com/", { body: Readable.from(["x"]) });
    assert.throws(() => sign(request, { signingName: "svc" }), (err: unknown) => {
      assert.ok(err instanceof UnhashablePayloadError);
      assert.match((err as Error).message, /buffer the body or pass its hash as payloadHash/);
      return true;
    });
  });

  test("payloadHash stands in for the stream's hash", () => {
    const request = req("https://b.s3.amazonaws.com/k", { body: Readable.from(["hello"]) });
    const result = sign(request, { signatureVersion: "s3v4", payloadHash: hash("hello") });
    assert.equal(request.headers["X-Amz-Content-SHA256"], hash("hello"));
    assert.equal(lastLine(result.canonicalRequest), hash("hello"));
  });

  test("a stream needs no hash when the payload goes unsigned", () => {
    const request = req("https://b.s3.amazonaws.com/k", {
      body: Readable.from(["x"]),
      headers: { "Content-MD5": "x" },
      context: { has_streaming_input: true },
    });
    sign(request, { signatureVersion: "s3v4" });
    assert.equal(request.headers["X-Amz-Content-SHA256"], "UNSIGNED-PAYLOAD");
  });
});

describe("helpers", () => {
  test("signing keys are derived once per secret, day, region and service", () => {
    const a = signingKey("s", "20240101", "us-east-1", "svc");
    assert.equal(signingKey("s", "20240101", "us-east-1", "svc"), a);
    assert.notEqual(signingKey("s", "20240102", "us-east-1", "svc"), a);
    // The known derivation from AWS's documentation example.
    assert.equal(
      signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam").toString("hex"),
      "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
    );
  });

  test("host from URL: lower case, IPv6 brackets, default ports dropped, user info left out", () => {
    assert.equal(hostFromUrl(splitUrl("https://u:p@Host.Example:443/x")), "host.example");
    assert.equal(hostFromUrl(splitUrl("http://host:8080")), "host:8080");
    assert.equal(hostFromUrl(splitUrl("https://[::1]:80/")), "[::1]:80");
    assert.equal(hostFromUrl(splitUrl("http://[::1]:80/")), "[::1]");
  });

  test("canonical query: sorted by key, then value; bare keys get =", () => {
    assert.equal(canonicalQueryString("b=2&a=2&a=1&a-b=0&c"), "a=1&a=2&a-b=0&b=2&c=");
    assert.equal(canonicalQueryString("uploads"), "uploads=");
  });

  test("header values: Trimall with Python's whitespace", () => {
    assert.equal(trimHeaderValue("  a \t b\n c  "), "a b c");
    assert.equal(trimHeaderValue("a\u001cb"), "a b");
    assert.equal(trimHeaderValue("plain value"), "plain value");
  });
});

describe("botocore-named signer classes", () => {
  test("SigV4Auth and S3SigV4Auth sign headers; the S3 one adds X-Amz-Content-SHA256", () => {
    const plain = req("https://svc.amazonaws.com/");
    new SigV4Auth(CREDS, "svc", "us-east-1").add_auth(plain);
    assert.match(plain.headers.Authorization!, /Credential=AKID\/\d{8}\/us-east-1\/svc\/aws4_request/);
    assert.equal(plain.headers["X-Amz-Content-SHA256"], undefined);
    const s3 = req("https://b.s3.amazonaws.com/k");
    new S3SigV4Auth(CREDS, "s3", "us-east-1").add_auth(s3);
    assert.equal(s3.headers["X-Amz-Content-SHA256"], hash("hello"));
  });

  test("SigV4QueryAuth and S3SigV4QueryAuth presign the URL with their expiry", () => {
    const request = req("https://b.s3.amazonaws.com/k", { method: "GET", body: undefined });
    new S3SigV4QueryAuth(CREDS, "s3", "us-east-1", 60).add_auth(request);
    assert.match(request.url, /^https:\/\/b\.s3\.amazonaws\.com\/k\?X-Amz-Algorithm=AWS4-HMAC-SHA256&.*X-Amz-Expires=60&.*&X-Amz-Signature=[0-9a-f]{64}$/);
    assert.equal(request.headers.Authorization, undefined);
    const plain = req("https://svc.amazonaws.com/", { method: "GET", body: undefined });
    new SigV4QueryAuth(CREDS, "svc", "us-east-1").add_auth(plain);
    assert.match(plain.url, /X-Amz-Expires=3600&/);
  });
});
