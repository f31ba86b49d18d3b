/**
 * Data integrity end to end: a corrupting HTTP proxy on 127.0.0.1 between
 * the client and moto's S3 flips one byte of every GetObject response body
 * (Content-Length and headers untouched). With response validation on (the
 * default), the caller gets FlexibleChecksumError with botocore's message —
 * never the corrupted bytes as a success, however the body is read; with
 * validation off (`response_checksum_validation: "when_required"` and no
 * ChecksumMode) the corrupted bytes come through, as botocore lets them.
 * botocore is run against the same proxy and must see the same outcomes.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Transform, type TransformCallback, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { after, before, describe, test } from "node:test";
import { checksumOf } from "../../src/checksums/algorithms.js";
import type { ServiceClient } from "../../src/client/base-client.js";
import { Config } from "../../src/config/config.js";
import { FlexibleChecksumError } from "../../src/exceptions.js";
import type { StreamingBody } from "../../src/http/streaming-body.js";
import { Session } from "../../src/session.js";
import { motoClient, motoSkipReason, motoUrl, uniqueName } from "../support/moto.js";

/** A reverse proxy to `upstream` that flips the byte at the middle of each GetObject body it relays. */
interface CorruptingProxy {
  url: string;
  corrupted: number;
  close(): Promise<void>;
}

class FlipByte extends Transform {
  private seen = 0;
  constructor(private readonly at: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.at >= this.seen && this.at < this.seen + chunk.length) {
      chunk = Buffer.from(chunk);
      chunk[this.at - this.seen] ^= 0x01;
    }
    this.seen += chunk.length;
    callback(null, chunk);
  }
}

async function startCorruptingProxy(upstream: string): Promise<CorruptingProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const proxy: CorruptingProxy = { url: "", corrupted: 0, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        const length = Number(upstreamRes.headers["content-length"] ?? 0);
        // A GetObject: a GET of a key (not a bucket listing or an API call) answered with a body.
        const isObject = req.method === "GET" && /^\/[^/?]+\/[^?]+/.test(req.url ?? "") && upstreamRes.statusCode === 200 && length > 0;
        if (isObject) {
          proxy.corrupted++;
          upstreamRes.pipe(new FlipByte(Math.floor(length / 2))).pipe(res);
        } else {
          upstreamRes.pipe(res);
        }
      },
    );
    forward.on("error", (error) => res.destroy(error));
    req.pipe(forward);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

const DATA = randomBytes(3 * 1024 * 1024 + 7);
const SMALL = Buffer.from("The quick brown fox jumps over the lazy dog.\n".repeat(40));
const corrupt = (data: Buffer): Buffer => {
  const out = Buffer.from(data);
  out[Math.floor(out.length / 2)]! ^= 0x01;
  return out;
};
const mismatch = (data: Buffer, algorithm = "crc32"): string =>
  `Expected checksum ${checksumOf(algorithm, data)} did not match calculated checksum: ${checksumOf(algorithm, corrupt(data))}`;

let proxy: CorruptingProxy;
let bucket: string;

function proxiedClient(config: Record<string, unknown> = {}): ServiceClient {
  const session = new Session({ aws_access_key_id: "testing", aws_secret_access_key: "testing", region_name: "us-east-1" });
  return session.client("s3", { endpoint_url: proxy.url, config: new Config(config) }) as unknown as ServiceClient;
}

/** botocore through the same proxy: the outcome of reading each key whole, as {data} or {error}. */
function botocoreReads(cases: { key: string; config: Record<string, unknown>; params?: Record<string, unknown> }[]): Promise<{ data?: string; error?: string; algorithm?: string | null }[]> {
  const script = String.raw`
import base64, json, sys, boto3
from botocore.config import Config
args = json.load(sys.stdin)
session = boto3.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name='us-east-1')
out = []
for case in args['cases']:
    s3 = session.client('s3', endpoint_url=args['url'], config=Config(**case['config']))
    try:
        got = s3.get_object(Bucket=args['bucket'], Key=case['key'], **case.get('params', {}))
        data = got['Body'].read()
        out.append({'data': base64.b64encode(data).decode(), 'algorithm': got['ResponseMetadata'].get('ChecksumAlgorithm')})
    except Exception as e:
        out.append({'error': f'{type(e).__name__}: {e}'})
print(json.dumps(out))
`;
  return new Promise((resolve, reject) => {
    const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
    const child = execFile(process.env.BOTO3TS_PYTHON || "python3", ["-c", script], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { data?: string; error?: string }[]);
    });
    child.stdin!.end(JSON.stringify({ url: proxy.url, bucket, cases }));
  });
}

describe("a corrupting proxy between the client and moto's S3", { skip: motoSkipReason() }, () => {
  before(async () => {
    proxy = await startCorruptingProxy(await motoUrl());
    bucket = uniqueName("integrity");
    const s3 = await motoClient("s3");
    await s3.create_bucket!({ Bucket: bucket });
    // Uploaded with their checksums (CRC32 by default; SHA256 asked for), straight to moto.
    await s3.put_object!({ Bucket: bucket, Key: "big.bin", Body: DATA });
    await s3.put_object!({ Bucket: bucket, Key: "small.txt", Body: SMALL, ChecksumAlgorithm: "SHA256" });
  });
  after(() => proxy?.close());

  test("validation on: every way of reading ends in FlexibleChecksumError, never in the corrupted bytes", async () => {
    const s3 = proxiedClient();
    const before = proxy.corrupted;

    const whole = await s3.get_object!({ Bucket: bucket, Key: "big.bin" });
    assert.equal(whole.ContentLength, DATA.length);
    await assert.rejects((whole.Body as StreamingBody).read(), (error: unknown) => {
      assert.ok(error instanceof FlexibleChecksumError);
      assert.equal(error.message, mismatch(DATA));
      return true;
    });

    const pieces = await s3.get_object!({ Bucket: bucket, Key: "big.bin" });
    let delivered = 0;
    await assert.rejects(
      (async () => {
        for await (const chunk of (pieces.Body as StreamingBody).iter_chunks(64 * 1024)) delivered += chunk.length;
      })(),
      FlexibleChecksumError,
    );
    // Every byte went by in pieces, as botocore's read(amt) gives them; the read that reaches the end raises.
    assert.equal(delivered, DATA.length);

    const piped = await s3.get_object!({ Bucket: bucket, Key: "big.bin" });
    let written = 0;
    await assert.rejects(
      pipeline((piped.Body as StreamingBody).stream(), new Writable({ write(chunk: Buffer, _e, done) { written += chunk.length; done(); } })),
      FlexibleChecksumError,
    );

    const sha = await s3.get_object!({ Bucket: bucket, Key: "small.txt" });
    assert.equal((sha.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, "sha256");
    await assert.rejects((sha.Body as StreamingBody).read(), { name: "FlexibleChecksumError", message: mismatch(SMALL, "sha256") });
    assert.equal(proxy.corrupted - before, 4);
  });

  test("validation off: the corrupted bytes come through, as botocore lets them", async () => {
    const s3 = proxiedClient({ response_checksum_validation: "when_required" });
    const got = await s3.get_object!({ Bucket: bucket, Key: "big.bin" });
    assert.equal((got.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, undefined);
    const bytes = Buffer.from(await (got.Body as StreamingBody).read());
    assert.deepEqual(bytes, corrupt(DATA));
    assert.notDeepEqual(bytes, DATA);
    // Asking for the checksum explicitly turns validation back on.
    const asked = await s3.get_object!({ Bucket: bucket, Key: "big.bin", ChecksumMode: "ENABLED" });
    await assert.rejects((asked.Body as StreamingBody).read(), FlexibleChecksumError);
  });

  test("straight from moto (no proxy) the same objects validate and read back intact", async () => {
    const s3 = await motoClient("s3");
    const got = await s3.get_object!({ Bucket: bucket, Key: "big.bin" });
    assert.equal((got.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, "crc32");
    assert.deepEqual(Buffer.from(await (got.Body as StreamingBody).read()), DATA);
  });

  test("botocore through the same proxy: the same errors, messages and bytes", async () => {
    const cases = [
      { key: "big.bin", config: {} },
      { key: "small.txt", config: {} },
      { key: "big.bin", config: { response_checksum_validation: "when_required" } },
      { key: "small.txt", config: { response_checksum_validation: "when_required" } },
      { key: "small.txt", config: { response_checksum_validation: "when_required" }, params: { ChecksumMode: "ENABLED" } },
    ];
    const expected = await botocoreReads(cases);
    const actual: { data?: string; error?: string; algorithm?: string | null }[] = [];
    for (const c of cases) {
      const s3 = proxiedClient(c.config);
      try {
        const got = await s3.get_object!({ Bucket: bucket, Key: c.key, ...(c.params ?? {}) });
        const data = Buffer.from(await (got.Body as StreamingBody).read()).toString("base64");
        actual.push({ data, algorithm: (got.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm ?? null });
      } catch (error) {
        actual.push({ error: `${(error as Error).name}: ${(error as Error).message}` });
      }
    }
    assert.deepEqual(actual, expected);
    assert.deepEqual(expected.map((e) => (e.error ?? "data").split(":")[0]), ["FlexibleChecksumError", "FlexibleChecksumError", "data", "data", "FlexibleChecksumError"]);
  });
});
