/**
 * Request checksums on the wire, against botocore: the same calls through
 * both SDKs stop in before-send, and the requests must be the same — headers
 * (x-amz-checksum-*, x-amz-sdk-checksum-algorithm, X-Amz-Content-SHA256,
 * Content-Encoding, X-Amz-Trailer, X-Amz-Decoded-Content-Length,
 * Transfer-Encoding, Content-Length) and body bytes, aws-chunked framing and
 * trailer included. CRC32C and CRC64NVME need awscrt in botocore (not
 * installed): those are checked against the published check values and
 * against botocore's CRC32 request with only the algorithm changed.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { checksumOf } from "../../../src/checksums/algorithms.js";
import { type BodySpec, type CaptureCase, type Captured, bodyOf, captureBotocore, captureTs } from "./support/capture.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-checksum-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = Buffer.from("hello");
// More than three aws-chunked chunks (1 MiB each), the last one short.
const BIG = randomBytes(3 * 1024 * 1024 + 5);
const bigFile = join(dir, "big.bin");
const smallFile = join(dir, "small.txt");
writeFileSync(bigFile, BIG);
writeFileSync(smallFile, SMALL);

const HTTPS = undefined; // the default endpoint: https://<bucket>.s3.us-west-2.amazonaws.com
const HTTP = "http://127.0.0.1:9";

const b64 = (data: Buffer): string => data.toString("base64");
const BODIES: Record<string, BodySpec> = {
  bytes: { bytes: b64(SMALL) },
  text: { text: "héllo wörld" },
  empty: { bytes: "" },
  big: { bytes: b64(BIG) },
  smallFile: { file: smallFile },
  bigFile: { file: bigFile },
};

function putObject(endpoint: string | undefined, body: BodySpec, extra: Record<string, unknown> = {}, config?: Record<string, unknown>): CaptureCase {
  const c: CaptureCase = { service: "s3", method: "put_object", params: { Bucket: "my-bucket", Key: "dir/k.txt", ...extra }, body };
  if (endpoint !== undefined) c.endpoint_url = endpoint;
  if (config !== undefined) c.config = config;
  return c;
}

const CASES: CaptureCase[] = [];
for (const endpoint of [HTTPS, HTTP]) {
  for (const body of Object.values(BODIES)) {
    for (const algorithm of [undefined, "CRC32", "SHA1", "SHA256"]) {
      CASES.push(putObject(endpoint, body, algorithm === undefined ? {} : { ChecksumAlgorithm: algorithm }));
    }
    CASES.push(putObject(endpoint, body, {}, { request_checksum_calculation: "when_required" }));
  }
  CASES.push(
    putObject(endpoint, BODIES.bytes!, { ChecksumAlgorithm: "SHA512" }),
    putObject(endpoint, BODIES.bytes!, { ChecksumCRC32: "AAAAAA==" }),
    putObject(endpoint, BODIES.bytes!, { ContentMD5: "XUFAKrxLKna5cZ2REBfFkg==" }),
    putObject(endpoint, BODIES.bytes!, { ContentEncoding: "gzip" }),
    putObject(endpoint, BODIES.bytes!, { ChecksumAlgorithm: "MD5" }),
    // The xxhash family needs awscrt in botocore and is not implemented here: the same error.
    putObject(endpoint, BODIES.bytes!, { ChecksumAlgorithm: "XXHASH64" }),
    putObject(endpoint, BODIES.bytes!, { ChecksumAlgorithm: "crc32" }),
    putObject(endpoint, BODIES.bigFile!, { ContentLength: BIG.length }),
    { service: "s3", method: "upload_part", params: { Bucket: "my-bucket", Key: "k", PartNumber: 2, UploadId: "u-1" }, body: BODIES.bigFile!, ...(endpoint ? { endpoint_url: endpoint } : {}) },
    { service: "s3", method: "put_bucket_policy", params: { Bucket: "my-bucket", Policy: '{"Version": "2012-10-17"}' }, ...(endpoint ? { endpoint_url: endpoint } : {}) },
    { service: "s3", method: "put_bucket_policy", params: { Bucket: "my-bucket", Policy: "{}", ChecksumAlgorithm: "SHA256" }, ...(endpoint ? { endpoint_url: endpoint } : {}) },
    { service: "s3", method: "delete_objects", params: { Bucket: "my-bucket", Delete: { Objects: [{ Key: "a" }] } }, ...(endpoint ? { endpoint_url: endpoint } : {}) },
    { service: "s3", method: "delete_objects", params: { Bucket: "my-bucket", Delete: { Objects: [{ Key: "a" }] } }, config: { request_checksum_calculation: "when_required" }, ...(endpoint ? { endpoint_url: endpoint } : {}) },
  );
}
// Over https a once-only stream is sent as it comes (botocore cannot hash one over http, so only https here).
CASES.push(putObject(HTTPS, { stream: b64(BIG) }));
CASES.push(putObject(HTTPS, { stream: b64(SMALL) }, { ContentLength: SMALL.length }));
CASES.push(putObject(HTTPS, { stream: b64(SMALL) }, { ChecksumAlgorithm: "SHA256" }));
// httpChecksumRequired (the old trait): botocore 1.43 sends CRC32, not Content-MD5.
CASES.push({ service: "s3control", method: "create_access_grants_instance", params: { AccountId: "123456789012" } });
CASES.push({ service: "s3control", method: "put_bucket_lifecycle_configuration", params: { AccountId: "123456789012", Bucket: "b" } });
// Presigned-style and unsigned clients keep to the same rules.
CASES.push({ ...putObject(HTTPS, BODIES.bytes!), config: { signature_version: "s3v4", s3: { payload_signing_enabled: true } } });

function describeCase(c: CaptureCase): string {
  const body = c.body === undefined ? "" : ` Body=${Object.keys(c.body)[0]}`;
  const config = c.config === undefined ? "" : ` config=${JSON.stringify(c.config)}`;
  return `${c.service}.${c.method} ${c.endpoint_url ?? "https"}${body} ${JSON.stringify({ ...c.params, Body: undefined })}${config}`;
}

/** Comparable form: the body as text when it is text (aws-chunked framing shows), else base64. */
function comparable(captured: Captured): Captured {
  if (captured.error !== undefined) return captured;
  const body = bodyOf(captured);
  const text = body.toString("latin1");
  return { ...captured, body: /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) ? text : `${body.length} bytes, sha-256 ${checksumOf("sha256", body)}` };
}

describe("request checksums on the wire (vs botocore)", () => {
  test(`${CASES.length} calls: headers, aws-chunked framing and trailers as botocore sends them`, async () => {
    const expected = captureBotocore(CASES);
    const actual = await captureTs(CASES);
    const mismatches: string[] = [];
    let trailers = 0;
    let headerChecksums = 0;
    CASES.forEach((c, i) => {
      const want = comparable(expected[i]!);
      const got = comparable(actual[i]!);
      try {
        assert.deepEqual(got, want);
      } catch {
        mismatches.push(`${describeCase(c)}\n  botocore: ${JSON.stringify(want).slice(0, 1500)}\n  boto3-ts: ${JSON.stringify(got).slice(0, 1500)}`);
      }
      if (want.headers?.["x-amz-trailer"] !== undefined) trailers++;
      else if (Object.keys(want.headers ?? {}).some((h) => /^x-amz-checksum-/.test(h))) headerChecksums++;
    });
    assert.equal(mismatches.length, 0, mismatches.join("\n"));
    // The matrix covers both placements, several times over.
    assert.ok(trailers >= 20 && headerChecksums >= 20, `${trailers} trailers, ${headerChecksums} header checksums`);
  });
});

// CRC-32C and CRC-64/NVME check values ("123456789"), and AWS's "Hello world" examples.
const VECTORS: Record<string, Record<string, string>> = {
  CRC32C: { "123456789": Buffer.from("e3069283", "hex").toString("base64"), "Hello world": "crUfeA==" },
  CRC64NVME: { "123456789": Buffer.from("ae8b14860a799888", "hex").toString("base64"), "Hello world": "OOJZ0D8xKts=" },
};

describe("CRC32C and CRC64NVME requests (botocore needs awscrt for them)", () => {
  test("the value is the algorithm's check value; the rest is botocore's CRC32 request with the algorithm renamed", async () => {
    const cases: CaptureCase[] = [];
    const keys: [string, string, string][] = [];
    for (const endpoint of [HTTPS, HTTP]) {
      for (const text of ["123456789", "Hello world"]) {
        for (const algorithm of ["CRC32C", "CRC64NVME"]) {
          cases.push(putObject(endpoint, { bytes: b64(Buffer.from(text)) }, { ChecksumAlgorithm: algorithm }));
          keys.push([algorithm, text, endpoint ?? "https"]);
        }
      }
    }
    const botocore = captureBotocore(cases);
    for (const captured of botocore) assert.match(captured.error ?? "", /^MissingDependencyException: Missing Dependency: Using CRC(32C|64NVME) requires an additional dependency/);
    const baseline = captureBotocore(cases.map((c) => ({ ...c, params: { ...c.params, ChecksumAlgorithm: "CRC32" } })));
    const actual = await captureTs(cases);
    actual.forEach((got, i) => {
      const [algorithm, text, where] = keys[i]!;
      const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
      const value = VECTORS[algorithm]![text]!;
      const crc32 = checksumOf("crc32", text);
      const base = baseline[i]!;
      // botocore's CRC32 request, with CRC32 replaced by this algorithm and its value.
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(base.headers!)) {
        const key = k === "x-amz-checksum-crc32" ? name : k;
        headers[key] = k === "x-amz-checksum-crc32" ? value : v === "x-amz-checksum-crc32" ? name : v === "CRC32" ? algorithm : v;
      }
      const body = bodyOf(base).toString("latin1").replace(`x-amz-checksum-crc32:${crc32}`, `${name}:${value}`);
      assert.deepEqual(got.headers, headers, `${algorithm} ${text} ${where}`);
      assert.equal(bodyOf(got).toString("latin1"), body, `${algorithm} ${text} ${where}`);
      if (where === "https") assert.ok(body.includes(`${name}:${value}\r\n\r\n`));
      else assert.equal(got.headers![name], value);
    });
  });
});
