/**
 * Streamed uploads: a file is streamed to the server, never held whole
 * (256 MiB with RSS under 150 MiB, measured in a process of its own, over
 * https with an aws-chunked trailer and over http with a header checksum
 * and a signed payload hash); a retried upload is sent again from its start
 * (files re-opened, Blobs re-streamed) and a once-only stream is refused
 * with UnseekableStreamError, as botocore refuses it against the same
 * server; and streamed uploads end to end against moto's S3, over http and
 * over https (trailer), read back with their checksum validated.
 */
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { checksumOf } from "../../src/checksums/algorithms.js";
import type { ServiceClient } from "../../src/client/base-client.js";
import { UnseekableStreamError } from "../../src/exceptions.js";
import type { StreamingBody } from "../../src/http/streaming-body.js";
import { Config } from "../../src/config/config.js";
import { Session } from "../../src/session.js";
import { freePort } from "../support/moto-server.js";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";
import { selfSignedCertificate, startUploadSink, type UploadSink } from "../unit/checksums/support/upload-sink.js";

const MiB = 1024 * 1024;
const BIG = 256 * MiB;
const RSS_LIMIT = 150 * MiB;

const dir = mkdtempSync(join(tmpdir(), "boto3ts-upload-"));
const bigFile = join(dir, "big.bin");
const mediumFile = join(dir, "medium.bin");
const MEDIUM = randomBytes(5 * MiB + 123);
let bigSha256 = "";
let http: UploadSink;
let https: UploadSink;

before(async () => {
  // 256 MiB of varied bytes, written a MiB at a time.
  const block = randomBytes(MiB);
  const hash = createHash("sha256");
  const fd = openSync(bigFile, "w");
  for (let i = 0; i < BIG / MiB; i++) {
    block.writeUInt32BE(i, 0);
    writeSync(fd, block);
    hash.update(block);
  }
  closeSync(fd);
  bigSha256 = hash.digest("base64");
  writeFileSync(mediumFile, MEDIUM);
  const certificate = selfSignedCertificate();
  http = await startUploadSink();
  https = await startUploadSink(certificate);
});

after(async () => {
  await http?.close();
  await https?.close();
  rmSync(dir, { recursive: true, force: true });
});

function sinkClient(url: string, config: Record<string, unknown> = {}): ServiceClient {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
  return session.client("s3", { endpoint_url: url, verify: false, config: new Config({ retries: { mode: "standard", max_attempts: 3 }, ...config }) }) as unknown as ServiceClient;
}

/** Uploads the big file from a process of its own and reports that process's peak RSS and the time the call took. */
function uploadInChild(url: string, algorithm: string): Promise<{ maxRss: number; ms: number; etag: string }> {
  const index = fileURLToPath(new URL("../../src/index.js", import.meta.url));
  const script = `
    import { Session } from ${JSON.stringify(index)};
    import { createReadStream } from "node:fs";
    const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
    const s3 = session.client("s3", { endpoint_url: ${JSON.stringify(url)}, verify: false });
    const started = performance.now();
    const out = await s3.put_object({ Bucket: "bucket", Key: "big.bin", Body: createReadStream(${JSON.stringify(bigFile)}), ChecksumAlgorithm: ${JSON.stringify(algorithm)} });
    const ms = performance.now() - started;
    console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, ms, etag: out.ETag }));
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split("\n").pop()!) as { maxRss: number; ms: number; etag: string });
    });
  });
}

/** Runs a Python script without blocking this process's event loop (the servers under test live here). */
function runPythonAsync<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
    const child = execFile(process.env.BOTO3TS_PYTHON || "python3", ["-c", script], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
    child.stdin!.end(JSON.stringify(input));
  });
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

describe("a 256 MiB upload streamed from a file", () => {
  test("over https: aws-chunked with a CRC32 trailer, RSS under 150 MiB", async () => {
    const before = https.uploads.length;
    const { maxRss, ms } = await uploadInChild(https.url, "CRC32");
    console.log(`256 MiB over https (aws-chunked, CRC32 trailer): peak RSS ${mib(maxRss)}, ${(ms / 1000).toFixed(2)} s`);
    const upload = https.uploads[before]!;
    assert.equal(upload.bytes, BIG);
    assert.equal(upload.checksumIn, "trailer");
    assert.equal(upload.checksumOk, true);
    assert.equal(upload.headers["x-amz-decoded-content-length"], String(BIG));
    assert.equal(upload.headers["transfer-encoding"], "chunked");
    assert.ok(maxRss < RSS_LIMIT, `peak RSS ${mib(maxRss)}`);
  });

  test("over http: a SHA256 header and the signed SHA-256 of the payload (the file read once for both, then streamed), RSS under 150 MiB", async () => {
    const before = http.uploads.length;
    const { maxRss, ms } = await uploadInChild(http.url, "SHA256");
    console.log(`256 MiB over http (SHA256 header, signed payload): peak RSS ${mib(maxRss)}, ${(ms / 1000).toFixed(2)} s`);
    const upload = http.uploads[before]!;
    assert.equal(upload.bytes, BIG);
    assert.equal(upload.checksumIn, "header");
    assert.equal(upload.checksumOk, true);
    assert.equal(upload.headers["x-amz-checksum-sha256"], bigSha256);
    assert.equal(upload.headers["x-amz-content-sha256"], Buffer.from(bigSha256, "base64").toString("hex"));
    assert.equal(upload.headers["content-length"], String(BIG));
    assert.ok(maxRss < RSS_LIMIT, `peak RSS ${mib(maxRss)}`);
  });
});

describe("retried streamed uploads are sent again from their start", () => {
  for (const scheme of ["http", "https"] as const) {
    test(`${scheme}: a file stream is re-opened; a Blob is re-streamed; the server gets every byte twice`, async () => {
      const sink = scheme === "http" ? http : https;
      const s3 = sinkClient(sink.url);
      for (const body of [() => createReadStream(mediumFile), () => new Blob([MEDIUM])]) {
        const before = sink.uploads.length;
        sink.failFirst = 1;
        const out = await s3.put_object!({ Bucket: "bucket", Key: "k", Body: body() });
        assert.equal((out.ResponseMetadata as { RetryAttempts: number }).RetryAttempts, 1);
        const seen = sink.uploads.slice(before);
        assert.deepEqual(seen.map((u) => [u.status, u.bytes, u.checksumOk, u.checksumIn]), [
          [500, MEDIUM.length, true, scheme === "https" ? "trailer" : "header"],
          [200, MEDIUM.length, true, scheme === "https" ? "trailer" : "header"],
        ]);
      }
    });
  }

  test("https: a once-only stream is not sent twice: UnseekableStreamError after the first attempt, as botocore", async () => {
    const s3 = sinkClient(https.url);
    const before = https.uploads.length;
    https.failFirst = 1;
    await assert.rejects(s3.put_object!({ Bucket: "bucket", Key: "k", Body: Readable.from([MEDIUM]) }), (error: unknown) => {
      assert.ok(error instanceof UnseekableStreamError);
      assert.equal(error.message, "Need to rewind the stream <Readable>, but stream is not seekable.");
      return true;
    });
    assert.equal(https.uploads.length - before, 1);

    const botocoreBefore = https.uploads.length;
    https.failFirst = 1;
    const python = await runPythonAsync<{ error: string }>(String.raw`
import json, sys, boto3
from botocore.config import Config
class OnceOnly:
    def __init__(self, data): self._data = data; self._at = 0
    def read(self, size=-1):
        if size is None or size < 0: size = len(self._data) - self._at
        out = self._data[self._at:self._at + size]; self._at += len(out); return out
args = json.load(sys.stdin)
s3 = boto3.Session(aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret', region_name='us-east-1').client(
    's3', endpoint_url=args['url'], verify=False, config=Config(retries={'mode': 'standard', 'max_attempts': 3}))
try:
    s3.put_object(Bucket='bucket', Key='k', Body=OnceOnly(b'x' * 100000))
    print(json.dumps({'error': None}))
except Exception as e:
    print(json.dumps({'error': type(e).__name__}))
`, { url: https.url });
    assert.equal(python.error, "UnseekableStreamError");
    assert.equal(https.uploads.length - botocoreBefore, 1);
  });

  test("http: a once-only stream must be hashed for the signature, so it is read into memory first, and a retry re-sends it", async () => {
    const s3 = sinkClient(http.url);
    const before = http.uploads.length;
    http.failFirst = 1;
    const out = await s3.put_object!({ Bucket: "bucket", Key: "k", Body: Readable.from([MEDIUM.subarray(0, 1000), MEDIUM.subarray(1000)]) });
    assert.equal((out.ResponseMetadata as { RetryAttempts: number }).RetryAttempts, 1);
    assert.deepEqual(http.uploads.slice(before).map((u) => [u.status, u.bytes, u.checksumOk]), [
      [500, MEDIUM.length, true],
      [200, MEDIUM.length, true],
    ]);
  });
});

/** Starts moto with TLS (its own self-signed certificate) on a free port; stops it after the tests. */
async function startMotoTls(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.env.BOTO3TS_PYTHON || "python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port), "-s"], {
    stdio: "ignore",
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  const url = `https://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const req = httpsRequest(`${url}/moto-api/`, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", () => resolve(false));
      req.on("timeout", () => req.destroy());
      req.end();
    });
    if (up) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error("moto with TLS did not start");
}

const ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"];

async function roundTrip(s3: ServiceClient, bucket: string, algorithm: string | undefined, body: () => unknown): Promise<void> {
  const key = `file-${algorithm ?? "default"}`;
  const put = await s3.put_object!({ Bucket: bucket, Key: key, Body: body(), ...(algorithm ? { ChecksumAlgorithm: algorithm } : {}) });
  const name = (algorithm ?? "CRC32").toLowerCase();
  const field = `Checksum${(algorithm ?? "CRC32").replace("NVME", "NVME")}`;
  assert.equal(put[field], checksumOf(name, MEDIUM), `${algorithm}: the checksum moto stored`);
  const got = await s3.get_object!({ Bucket: bucket, Key: key });
  assert.equal((got.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, name, `${algorithm}: validated on the way back`);
  assert.deepEqual(Buffer.from(await (got.Body as StreamingBody).read()), MEDIUM);
}

describe("streamed uploads against moto's S3", { skip: motoSkipReason() }, () => {
  test("over http: file streams with header checksums (every algorithm), read back validated", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("streamed");
    await s3.create_bucket!({ Bucket: bucket });
    for (const algorithm of [undefined, ...ALGORITHMS]) await roundTrip(s3, bucket, algorithm, () => createReadStream(mediumFile));
    await roundTrip(s3, bucket, "SHA256", () => Readable.from([MEDIUM]));
  });

  test("over https: file streams with trailing checksums (aws-chunked, every algorithm), read back validated", async (t) => {
    const moto = await startMotoTls();
    t.after(() => {
      moto.child.kill("SIGTERM");
    });
    const session = new Session({ aws_access_key_id: "testing", aws_secret_access_key: "testing", region_name: "us-east-1" });
    const s3 = session.client("s3", { endpoint_url: moto.url, verify: false }) as unknown as ServiceClient;
    const bucket = uniqueName("trailer");
    await s3.create_bucket!({ Bucket: bucket });
    const trailers: string[] = [];
    s3.meta.events.register("before-send", ({ request }: { request: { headers: Record<string, string> } }) => {
      if (request.headers["X-Amz-Trailer"] !== undefined) trailers.push(request.headers["X-Amz-Trailer"]);
    });
    for (const algorithm of [undefined, ...ALGORITHMS]) await roundTrip(s3, bucket, algorithm, () => createReadStream(mediumFile));
    await roundTrip(s3, bucket, "CRC32", () => Readable.from([MEDIUM]));
    await roundTrip(s3, bucket, "SHA1", () => new Blob([MEDIUM]));
    assert.equal(trailers.length, ALGORITHMS.length + 3);
  });
});
