/**
 * Request compression against botocore's compress.py: the decision (trait,
 * disable_request_compression, request_min_compression_size_bytes,
 * signature version, streaming input with and without requiresLength, body
 * types and sizes around the threshold), the Content-Encoding header, and
 * the body, which must decompress to the original. The gzip container is
 * Python's (header with the time, XFL 2, OS 255; CRC-32 and length
 * trailer); the deflate stream inside comes from Node's zlib, whose output
 * for the same level differs from Python's zlib (both decompress the same).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { gzipBytes, gzipStream } from "../../../src/compression/gzip.js";
import { maybeCompressRequest, shouldCompressRequest } from "../../../src/compression/request-compression.js";
import type { RequestDict } from "../../../src/http/types.js";
import { type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import { runPython } from "../../support/python.js";
import { captureBotocore, captureTs, bodyOf, type CaptureCase } from "../checksums/support/capture.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-compress-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// Operations with the trait: a blob payload read whole, a streaming one, a streaming one that requires its length.
const RAW_MODEL = {
  version: "2.0",
  metadata: { apiVersion: "2024-01-01", endpointPrefix: "ctest", protocol: "rest-json", serviceId: "CTest", signatureVersion: "v4", uid: "ctest-2024-01-01" },
  operations: {
    PutBlob: { name: "PutBlob", http: { method: "PUT", requestUri: "/b" }, input: { shape: "BlobInput" }, requestcompression: { encodings: ["gzip"] } },
    PutStream: { name: "PutStream", http: { method: "PUT", requestUri: "/s" }, input: { shape: "StreamInput" }, requestcompression: { encodings: ["gzip"] } },
    PutSized: { name: "PutSized", http: { method: "PUT", requestUri: "/z" }, input: { shape: "SizedInput" }, requestcompression: { encodings: ["gzip"] } },
    PutOther: { name: "PutOther", http: { method: "PUT", requestUri: "/o" }, input: { shape: "BlobInput" }, requestcompression: { encodings: ["br", "gzip"] } },
    PutPlain: { name: "PutPlain", http: { method: "PUT", requestUri: "/p" }, input: { shape: "BlobInput" } },
  },
  shapes: {
    BlobInput: { type: "structure", members: { Data: { shape: "Blob" } }, payload: "Data" },
    StreamInput: { type: "structure", members: { Data: { shape: "StreamBlob" } }, payload: "Data" },
    SizedInput: { type: "structure", members: { Data: { shape: "SizedBlob" } }, payload: "Data" },
    Blob: { type: "blob" },
    StreamBlob: { type: "blob", streaming: true },
    SizedBlob: { type: "blob", streaming: true, requiresLength: true },
  },
};
const model = new ServiceModel(structuredClone(RAW_MODEL) as unknown as RawServiceModel, "ctest");

type BodyKind = "bytes" | "text" | "file" | "stream" | "empty";
interface DecisionCase {
  operation: string;
  body: BodyKind;
  size: number;
  disable: boolean | null;
  minSize: number;
  signature: string;
  contentEncoding?: string;
}

const SIZES = [0, 1, 10239, 10240, 10241, 70000];
const CASES: DecisionCase[] = [];
for (const operation of ["PutBlob", "PutStream", "PutSized", "PutOther", "PutPlain"]) {
  for (const body of ["bytes", "text", "file", "stream"] as const) {
    for (const size of SIZES) {
      for (const minSize of [0, 10240, 10485760]) CASES.push({ operation, body, size, disable: null, minSize, signature: "v4" });
    }
    CASES.push({ operation, body, size: 20000, disable: true, minSize: 10240, signature: "v4" });
    CASES.push({ operation, body, size: 20000, disable: false, minSize: 10240, signature: "v4" });
    CASES.push({ operation, body, size: 20000, disable: null, minSize: 10240, signature: "v2" });
    CASES.push({ operation, body, size: 20000, disable: null, minSize: 10240, signature: "v4", contentEncoding: "custom" });
  }
}

// Compressible content of a given size: text with some repetition (each body different).
function content(size: number, seed: number): Buffer {
  let text = "";
  for (let i = 0; text.length < size; i++) text += `metric-${seed}-${i % 97} value=${(i * 7919) % 1000}; `;
  return Buffer.from(text.slice(0, size));
}

const PYTHON = String.raw`
import base64, gzip, io, json, os, sys
from botocore.compress import maybe_compress_request
from botocore.config import Config
from botocore.model import ServiceModel
cases = json.load(sys.stdin)
model = ServiceModel(cases['model'], 'ctest')
class OnceOnly:
    def __init__(self, data): self._data = data; self._at = 0
    def read(self, size=-1):
        if size is None or size < 0: size = len(self._data) - self._at
        out = self._data[self._at:self._at + size]; self._at += len(out); return out
out = []
for case in cases['cases']:
    data = base64.b64decode(case['data'])
    kind = case['body']
    if kind == 'bytes': body = data
    elif kind == 'text': body = data.decode()
    elif kind == 'file': body = open(case['path'], 'rb')
    else: body = OnceOnly(data)
    headers = {}
    if case.get('contentEncoding'): headers['Content-Encoding'] = case['contentEncoding']
    request = {'body': body, 'headers': headers}
    config = Config(disable_request_compression=case['disable'], request_min_compression_size_bytes=case['minSize'], signature_version=case['signature'])
    maybe_compress_request(config, request, model.operation_model(case['operation']))
    sent = request['body']
    if hasattr(sent, 'read'): sent = sent.read()
    if isinstance(sent, str): sent = sent.encode()
    compressed = sent != data
    out.append({'compressed': compressed, 'encoding': request['headers'].get('Content-Encoding'),
                'plain': base64.b64encode(gzip.decompress(sent) if compressed else sent).decode()})
print(json.dumps(out))
`;

function bodyFor(c: DecisionCase, data: Buffer, path: string): RequestDict["body"] | Blob {
  switch (c.body) {
    case "bytes":
      return new Uint8Array(data);
    case "text":
      return data.toString("utf8");
    case "file":
      return createReadStream(path);
    default:
      return Readable.from([data]);
  }
}

async function readBody(body: unknown): Promise<Buffer> {
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("request compression decisions (vs botocore's compress.py)", () => {
  test(`${CASES.length} bodies × settings: compressed or not, Content-Encoding, and the content`, async () => {
    const inputs = CASES.map((c, i) => {
      const data = content(c.size, i);
      const path = join(dir, `body-${i}.txt`);
      if (c.body === "file") writeFileSync(path, data);
      return { ...c, data: data.toString("base64"), path };
    });
    const expected = runPython<{ compressed: boolean; encoding: string | null; plain: string }[]>(PYTHON, { model: RAW_MODEL, cases: inputs });
    const mismatches: string[] = [];
    let compressed = 0;
    for (let i = 0; i < CASES.length; i++) {
      const c = CASES[i]!;
      const data = Buffer.from(inputs[i]!.data, "base64");
      const requestDict = { body: bodyFor(c, data, inputs[i]!.path), headers: c.contentEncoding ? { "Content-Encoding": c.contentEncoding } : {} } as unknown as RequestDict;
      const config = { disable_request_compression: c.disable, request_min_compression_size_bytes: c.minSize, signature_version: c.signature };
      const operation = model.operation_model(c.operation);
      const decided = shouldCompressRequest(config, requestDict, operation);
      await maybeCompressRequest(config, requestDict, operation);
      const sent = await readBody(requestDict.body);
      const got = {
        compressed: decided,
        encoding: requestDict.headers["Content-Encoding"] ?? null,
        plain: (decided ? gunzipSync(sent) : sent).toString("base64"),
      };
      if (decided) compressed++;
      try {
        assert.deepEqual(got, expected[i]);
      } catch {
        mismatches.push(`${JSON.stringify(c)}: botocore ${JSON.stringify({ ...expected[i], plain: undefined })}, boto3-ts ${JSON.stringify({ ...got, plain: undefined })}${got.plain === expected[i]!.plain ? "" : " (content differs)"}`);
      }
    }
    assert.equal(mismatches.length, 0, mismatches.join("\n"));
    assert.ok(compressed > 100 && compressed < CASES.length - 100, `${compressed} of ${CASES.length} compressed`);
  });
});

describe("gzip as Python writes it", () => {
  test("header and trailer are Python's gzip.compress bytes; the content decompresses in Python", () => {
    const inputs = [Buffer.alloc(0), Buffer.from("a"), content(100000, 1), Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))];
    const mtime = 1700000000;
    const ours = inputs.map((data) => gzipBytes(data, mtime));
    const python = runPython<{ header: string; trailer: string; plain: string }[]>(
      String.raw`
import base64, gzip, json, sys
out = []
for item in json.load(sys.stdin):
    data = base64.b64decode(item['data']); ours = base64.b64decode(item['ours'])
    theirs = gzip.compress(data, mtime=${mtime})
    out.append({'header': base64.b64encode(theirs[:10]).decode(), 'trailer': base64.b64encode(theirs[-8:]).decode(),
                'plain': base64.b64encode(gzip.decompress(ours)).decode()})
print(json.dumps(out))
`,
      inputs.map((data, i) => ({ data: data.toString("base64"), ours: ours[i]!.toString("base64") })),
    );
    inputs.forEach((data, i) => {
      assert.equal(ours[i]!.subarray(0, 10).toString("base64"), python[i]!.header);
      assert.equal(ours[i]!.subarray(-8).toString("base64"), python[i]!.trailer);
      assert.equal(python[i]!.plain, data.toString("base64"));
    });
  });

  test("a stream compresses to the same content as its bytes, with the current time in the header", async () => {
    const data = content(300000, 2);
    const before = Math.floor(Date.now() / 1000);
    const streamed = await gzipStream(Readable.from([data.subarray(0, 1000), data.subarray(1000, 250000), data.subarray(250000)]));
    assert.deepEqual(gunzipSync(streamed), data);
    const mtime = streamed.readUInt32LE(4);
    assert.ok(mtime >= before && mtime <= Math.floor(Date.now() / 1000) + 1);
    assert.deepEqual(streamed.subarray(8, 10), Buffer.from([2, 255]));
  });
});

describe("compression through clients (CloudWatch PutMetricData, vs botocore)", () => {
  const metrics = (n: number): Record<string, unknown> => ({
    Namespace: "App",
    MetricData: Array.from({ length: n }, (_, i) => ({ MetricName: `Latency${i}`, Dimensions: [{ Name: "Op", Value: `Get${i % 7}` }], Value: i * 1.5, Unit: "Milliseconds" })),
  });
  const CLIENT_CASES: CaptureCase[] = [];
  for (const n of [1, 50, 200]) {
    CLIENT_CASES.push({ service: "cloudwatch", method: "put_metric_data", params: metrics(n) });
    CLIENT_CASES.push({ service: "cloudwatch", method: "put_metric_data", params: metrics(n), config: { disable_request_compression: true } });
    CLIENT_CASES.push({ service: "cloudwatch", method: "put_metric_data", params: metrics(n), config: { request_min_compression_size_bytes: 100 } });
    CLIENT_CASES.push({ service: "cloudwatch", method: "put_metric_data", params: metrics(n), env: { AWS_DISABLE_REQUEST_COMPRESSION: "true" } });
    CLIENT_CASES.push({ service: "cloudwatch", method: "put_metric_data", params: metrics(n), env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "1000" } });
  }

  test(`${CLIENT_CASES.length} calls: the same Content-Encoding, headers and (decompressed) body`, async () => {
    const expected = captureBotocore(CLIENT_CASES);
    const actual = await captureTs(CLIENT_CASES);
    let compressed = 0;
    CLIENT_CASES.forEach((c, i) => {
      const want = expected[i]!;
      const got = actual[i]!;
      const label = `${(c.params.MetricData as unknown[]).length} metrics ${JSON.stringify(c.config ?? c.env ?? {})}`;
      assert.equal(got.error, want.error, label);
      const gzipped = want.headers!["content-encoding"] === "gzip";
      if (gzipped) compressed++;
      const plain = (captured: typeof want): Buffer => (gzipped ? gunzipSync(bodyOf(captured)) : bodyOf(captured));
      // CloudWatch speaks JSON (its first protocol); botocore writes ", " and ": " separators, boto3-ts none.
      assert.deepEqual(JSON.parse(plain(got).toString()), JSON.parse(plain(want).toString()), label);
      const { "content-length": ourLength, ...ourHeaders } = got.headers!;
      const { "content-length": theirLength, ...theirHeaders } = want.headers!;
      assert.deepEqual(ourHeaders, theirHeaders, label);
      assert.equal(Number(ourLength), bodyOf(got).length, label);
      assert.equal(Number(theirLength), bodyOf(want).length, label);
    });
    assert.ok(compressed >= 4 && compressed <= 10, `${compressed} compressed`);
  });
});
