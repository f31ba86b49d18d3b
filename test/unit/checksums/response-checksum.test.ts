/**
 * Response checksum validation against botocore: the same canned responses
 * (returned by a before-send handler) through both SDKs, read the same
 * ways. Outcomes compared: whether the request asked for checksums
 * (x-amz-checksum-mode), the bytes the reader got before the end, the error
 * at the end (FlexibleChecksumError and botocore's message) or the data,
 * and ResponseMetadata.ChecksumAlgorithm. Streamed bodies are S3 GetObject;
 * bodies read whole use a small service model given through AWS_DATA_PATH
 * (no AWS operation validates a whole body).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { checksumOf } from "../../../src/checksums/algorithms.js";
import { Config } from "../../../src/config/config.js";
import type { ServiceClient } from "../../../src/client/base-client.js";
import { FlexibleChecksumError } from "../../../src/exceptions.js";
import type { StreamingBody } from "../../../src/http/streaming-body.js";
import type { AWSPreparedRequest } from "../../../src/http/types.js";
import { Session } from "../../../src/session.js";
import { runPython } from "../../support/python.js";

// A service whose plain (not streamed) output has response checksums.
const dataPath = mkdtempSync(join(tmpdir(), "boto3ts-data-"));
after(() => rmSync(dataPath, { recursive: true, force: true }));
mkdirSync(join(dataPath, "checksumtest", "2024-01-01"), { recursive: true });
writeFileSync(
  join(dataPath, "checksumtest", "2024-01-01", "service-2.json"),
  JSON.stringify({
    version: "2.0",
    metadata: {
      apiVersion: "2024-01-01", endpointPrefix: "checksumtest", protocol: "rest-json", protocols: ["rest-json"],
      serviceFullName: "Checksum Test", serviceId: "ChecksumTest", signatureVersion: "v4", signingName: "checksumtest", uid: "checksumtest-2024-01-01",
    },
    operations: {
      GetDocument: {
        name: "GetDocument", http: { method: "GET", requestUri: "/doc" }, input: { shape: "GetDocumentInput" }, output: { shape: "GetDocumentOutput" },
        httpChecksum: { requestValidationModeMember: "ChecksumMode", responseAlgorithms: ["CRC32", "SHA1", "SHA256", "SHA512"] },
      },
    },
    shapes: {
      GetDocumentInput: { type: "structure", members: { ChecksumMode: { shape: "Str", location: "header", locationName: "x-amz-checksum-mode" } } },
      GetDocumentOutput: { type: "structure", members: { Text: { shape: "Str" } } },
      Str: { type: "string" },
    },
  }),
);
process.env.AWS_DATA_PATH = dataPath;

type ReadMode = "read" | "read_amt" | "iter_chunks" | "iter_lines" | "none" | "whole";

interface ResponseCase {
  service: string;
  method: string;
  params: Record<string, unknown>;
  config?: Record<string, unknown>;
  headers: Record<string, string>;
  /** base64 */
  body: string;
  mode: ReadMode;
}

interface Outcome {
  mode_header: string | null;
  algorithm: string | null;
  delivered?: number;
  data?: string;
  error?: string;
}

const PYTHON = String.raw`
import base64, io, json, os, sys
os.environ['AWS_DATA_PATH'] = ${JSON.stringify(dataPath)}
import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config
cases = json.load(sys.stdin)
session = boto3.Session(aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret', region_name='us-east-1')
out = []
for case in cases:
    client = session.client(case['service'], endpoint_url='https://example.com', config=Config(retries={'max_attempts': 0}, **case.get('config', {})))
    seen = {}
    content = base64.b64decode(case['body'])
    def answer(request, **kwargs):
        seen['mode'] = request.headers.get('x-amz-checksum-mode')
        seen['mode'] = seen['mode'].decode() if isinstance(seen['mode'], bytes) else seen['mode']
        response = AWSResponse(request.url, 200, dict(case['headers'], **{'content-length': str(len(content))}), io.BytesIO(content))
        response._content = content
        return response
    client.meta.events.register('before-send', answer)
    entry = {}
    delivered = bytearray()
    try:
        result = getattr(client, case['method'])(**case['params'])
        entry['algorithm'] = result['ResponseMetadata'].get('ChecksumAlgorithm')
        mode = case['mode']
        if mode == 'whole':
            entry['data'] = base64.b64encode(result['Text'].encode()).decode()
        elif mode != 'none':
            body = result['Body']
            if mode == 'read':
                delivered += body.read()
            elif mode == 'read_amt':
                while True:
                    chunk = body.read(3)
                    if not chunk: break
                    delivered += chunk
            elif mode == 'iter_chunks':
                for chunk in body.iter_chunks(4): delivered += chunk
            elif mode == 'iter_lines':
                for line in body.iter_lines(keepends=True): delivered += line
            entry['data'] = base64.b64encode(bytes(delivered)).decode()
    except Exception as e:
        entry['error'] = f'{type(e).__name__}: {e}'
        if case['mode'] not in ('whole', 'none'): entry['delivered'] = len(delivered)
    entry['mode_header'] = seen.get('mode')
    entry.setdefault('algorithm', None)
    out.append(entry)
print(json.dumps(out))
`;

async function runTs(cases: readonly ResponseCase[]): Promise<Outcome[]> {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
  const out: Outcome[] = [];
  for (const c of cases) {
    const client = session.client(c.service, { endpoint_url: "https://example.com", config: new Config({ retries: { max_attempts: 0 }, ...(c.config ?? {}) }) }) as ServiceClient;
    const content = Buffer.from(c.body, "base64");
    let modeHeader: string | null = null;
    client.meta.events.register("before-send", ({ request }: { request: AWSPreparedRequest }) => {
      modeHeader = request.headers["x-amz-checksum-mode"] ?? null;
      return { status_code: 200, headers: { ...c.headers, "content-length": String(content.length) }, body: Readable.from([content]) } as never;
    });
    const entry: Outcome = { mode_header: null, algorithm: null };
    const delivered: Buffer[] = [];
    try {
      const result = await client[c.method]!(c.params);
      entry.algorithm = (result.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm ?? null;
      if (c.mode === "whole") entry.data = Buffer.from(String(result.Text)).toString("base64");
      else if (c.mode !== "none") {
        const body = result.Body as StreamingBody;
        if (c.mode === "read") delivered.push(Buffer.from(await body.read()));
        else if (c.mode === "read_amt") {
          for (let chunk = await body.read(3); chunk.length > 0; chunk = await body.read(3)) delivered.push(Buffer.from(chunk));
        } else if (c.mode === "iter_chunks") {
          for await (const chunk of body.iter_chunks(4)) delivered.push(Buffer.from(chunk));
        } else {
          for await (const line of body.iter_lines(1024, true)) delivered.push(Buffer.from(line));
        }
        entry.data = Buffer.concat(delivered).toString("base64");
      }
    } catch (error) {
      entry.error = `${(error as Error).name}: ${(error as Error).message}`;
      if (c.mode !== "whole" && c.mode !== "none") entry.delivered = Buffer.concat(delivered).length;
    }
    entry.mode_header = modeHeader;
    out.push(entry);
  }
  return out;
}

const TEXT = Buffer.from("line one\nline two\r\nline three");
const JSON_BODY = Buffer.from('{"Text": "hello from a checked body"}');
const b64 = (data: Buffer): string => data.toString("base64");
const right = (algorithm: string, body: Buffer): string => checksumOf(algorithm, body);
const wrong = (algorithm: string, body: Buffer): string => checksumOf(algorithm, Buffer.concat([body, Buffer.from("x")]));

/** Response header sets: the right checksum, a wrong one, a multipart one, none, and several at once. */
function headerSets(body: Buffer): Record<string, string>[] {
  const sets: Record<string, string>[] = [{}];
  for (const algorithm of ["crc32", "sha1", "sha256", "sha512"]) {
    sets.push({ [`x-amz-checksum-${algorithm}`]: right(algorithm, body) }, { [`x-amz-checksum-${algorithm}`]: wrong(algorithm, body) });
  }
  sets.push(
    { "x-amz-checksum-crc32": "abcd-3" },
    { "x-amz-checksum-crc32": "abcd-3", "x-amz-checksum-sha256": wrong("sha256", body) },
    { "x-amz-checksum-crc32": wrong("crc32", body), "x-amz-checksum-sha256": right("sha256", body) },
    { "x-amz-checksum-sha1": right("sha1", body), "x-amz-checksum-sha256": wrong("sha256", body) },
    { "x-amz-checksum-md5": "nope" },
  );
  return sets;
}

const CONFIGS: (Record<string, unknown> | undefined)[] = [undefined, { response_checksum_validation: "when_required" }];

const CASES: ResponseCase[] = [];
for (const config of CONFIGS) {
  for (const headers of headerSets(TEXT)) {
    for (const mode of ["read", "read_amt", "iter_chunks", "iter_lines", "none"] as const) {
      CASES.push({ service: "s3", method: "get_object", params: { Bucket: "b", Key: "k" }, headers, body: b64(TEXT), mode, ...(config ? { config } : {}) });
    }
    // Asking for checksums explicitly validates whatever the setting.
    CASES.push({ service: "s3", method: "get_object", params: { Bucket: "b", Key: "k", ChecksumMode: "ENABLED" }, headers, body: b64(TEXT), mode: "read", ...(config ? { config } : {}) });
  }
  for (const headers of headerSets(JSON_BODY)) {
    CASES.push({ service: "checksumtest", method: "get_document", params: {}, headers, body: b64(JSON_BODY), mode: "whole", ...(config ? { config } : {}) });
  }
}

describe("response checksum validation (vs botocore)", () => {
  test(`${CASES.length} responses: validated, skipped or refused as botocore does`, async () => {
    const expected = runPython<Outcome[]>(PYTHON, CASES);
    const actual = await runTs(CASES);
    const mismatches: string[] = [];
    let refused = 0;
    let validated = 0;
    CASES.forEach((c, i) => {
      try {
        assert.deepEqual(actual[i], expected[i]);
      } catch {
        mismatches.push(`${c.method} ${c.mode} ${JSON.stringify(c.headers)} ${JSON.stringify(c.config ?? {})}\n  botocore: ${JSON.stringify(expected[i])}\n  boto3-ts: ${JSON.stringify(actual[i])}`);
      }
      if (expected[i]!.error?.startsWith("FlexibleChecksumError")) refused++;
      if (expected[i]!.algorithm !== null) validated++;
    });
    assert.equal(mismatches.length, 0, mismatches.join("\n"));
    assert.ok(refused >= 30 && validated >= 60, `${refused} refused, ${validated} validated`);
  });
});

/** A GetObject answered with `body` and `headers`, in a client with these settings. */
async function getObject(body: Buffer, headers: Record<string, string>, params: Record<string, unknown> = {}, config: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
  const client = session.client("s3", { endpoint_url: "https://example.com", config: new Config(config) }) as unknown as ServiceClient;
  client.meta.events.register("before-send", () => ({ status_code: 200, headers: { ...headers, "content-length": String(body.length) }, body: Readable.from([body]) }) as never);
  return client.get_object!({ Bucket: "b", Key: "k", ...params });
}

describe("response checksums beyond botocore without awscrt", () => {
  test("CRC32C and CRC64NVME responses are validated (as botocore does with awscrt), first in priority", async () => {
    for (const algorithm of ["crc32c", "crc64nvme"]) {
      const good = await getObject(TEXT, { [`x-amz-checksum-${algorithm}`]: right(algorithm, TEXT), "x-amz-checksum-crc32": wrong("crc32", TEXT) });
      assert.deepEqual(Buffer.from(await (good.Body as StreamingBody).read()), TEXT);
      assert.equal((good.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, algorithm);
      const bad = await getObject(TEXT, { [`x-amz-checksum-${algorithm}`]: wrong(algorithm, TEXT) });
      await assert.rejects((bad.Body as StreamingBody).read(), (error: unknown) => {
        assert.ok(error instanceof FlexibleChecksumError);
        assert.equal(error.message, `Expected checksum ${wrong(algorithm, TEXT)} did not match calculated checksum: ${right(algorithm, TEXT)}`);
        return true;
      });
    }
  });

  test("no way of reading a corrupted streamed body succeeds: readlines and stream() fail at the end too", async () => {
    const headers = { "x-amz-checksum-crc32": wrong("crc32", TEXT) };
    const lines = await getObject(TEXT, headers);
    await assert.rejects((lines.Body as StreamingBody).readlines(), FlexibleChecksumError);
    const piped = await getObject(TEXT, headers);
    const received: Buffer[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of (piped.Body as StreamingBody).stream()) received.push(chunk as Buffer);
      })(),
      FlexibleChecksumError,
    );
    const iterated = await getObject(TEXT, headers);
    await assert.rejects(
      (async () => {
        for await (const chunk of iterated.Body as StreamingBody) received.push(Buffer.from(chunk));
      })(),
      FlexibleChecksumError,
    );
    // Reading again after the failure fails again: the end is never reported as a clean end.
    const again = await getObject(TEXT, headers);
    const body = again.Body as StreamingBody;
    await assert.rejects(body.read(), FlexibleChecksumError);
    await assert.rejects(body.read(), FlexibleChecksumError);
    // A good body reads the same every way.
    const good = { "x-amz-checksum-crc32": right("crc32", TEXT) };
    assert.equal((await ((await getObject(TEXT, good)).Body as StreamingBody).readlines()).length, 3);
    const streamed: Buffer[] = [];
    for await (const chunk of ((await getObject(TEXT, good)).Body as StreamingBody).stream()) streamed.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(streamed), TEXT);
  });

  test("a response without the asked-for header is returned unchecked, with no ChecksumAlgorithm", async () => {
    const result = await getObject(TEXT, {});
    assert.deepEqual(Buffer.from(await (result.Body as StreamingBody).read()), TEXT);
    assert.equal((result.ResponseMetadata as { ChecksumAlgorithm?: string }).ChecksumAlgorithm, undefined);
  });
});

describe("a checksum mismatch is not retried", () => {
  test("a whole body that does not match raises at once: one attempt, in botocore too", async () => {
    const headers = { "x-amz-checksum-crc32": wrong("crc32", JSON_BODY) };
    const config = { retries: { mode: "standard" as const, max_attempts: 5 } };
    const python = runPython<{ attempts: number; error: string }>(
      String.raw`
import io, json, os, sys
os.environ['AWS_DATA_PATH'] = ${JSON.stringify(dataPath)}
import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config
args = json.load(sys.stdin)
client = boto3.Session(aws_access_key_id='a', aws_secret_access_key='b', region_name='us-east-1').client(
    'checksumtest', endpoint_url='https://example.com', config=Config(retries={'mode': 'standard', 'max_attempts': 5}))
attempts = []
content = args['body'].encode()
def answer(request, **kwargs):
    attempts.append(1)
    response = AWSResponse(request.url, 200, args['headers'], io.BytesIO(content))
    response._content = content
    return response
client.meta.events.register('before-send', answer)
try:
    client.get_document()
    error = None
except Exception as e:
    error = f'{type(e).__name__}: {e}'
print(json.dumps({'attempts': len(attempts), 'error': error}))
`,
      { body: JSON_BODY.toString(), headers },
    );
    const session = new Session({ aws_access_key_id: "a", aws_secret_access_key: "b", region_name: "us-east-1" });
    const client = session.client("checksumtest", { endpoint_url: "https://example.com", config: new Config(config) }) as ServiceClient;
    let attempts = 0;
    client.meta.events.register("before-send", () => {
      attempts++;
      return { status_code: 200, headers, content: JSON_BODY } as never;
    });
    let error = "";
    await client.get_document!({}).catch((e: Error) => {
      error = `${e.name}: ${e.message}`;
    });
    assert.deepEqual({ attempts, error }, python);
    assert.equal(attempts, 1);
  });
});
