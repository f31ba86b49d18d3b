/**
 * The request a call would send, through botocore and through boto3-ts:
 * both clients stop the call in a `before-send` handler that reads the body
 * whole (an aws-chunked body by reading its stream), so nothing is sent.
 * One python3 process runs every case of a batch.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { Config } from "../../../../src/config/config.js";
import type { ServiceClient } from "../../../../src/client/base-client.js";
import type { AWSPreparedRequest } from "../../../../src/http/types.js";
import { Session } from "../../../../src/session.js";
import { runPython } from "../../../support/python.js";

/** How the call's body member is given: bytes, a file (opened as a stream on both sides), or a once-only stream. */
export type BodySpec = { bytes: string } | { text: string } | { file: string } | { stream: string };

/** One call to capture. */
export interface CaptureCase {
  service: string;
  method: string;
  params: Record<string, unknown>;
  /** The body member's value, given as described; `member` names it (Body by default). */
  body?: BodySpec;
  member?: string;
  endpoint_url?: string;
  region?: string;
  config?: Record<string, unknown>;
  /** Environment variables set while the client is created and called (both sides). */
  env?: Record<string, string>;
}

/** A captured request; `body` is base64, `error` is `Class: message` when the call failed before sending. */
export interface Captured {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string;
  error?: string;
}

const VOLATILE = new Set(["user-agent", "authorization", "x-amz-date", "amz-sdk-invocation-id", "amz-sdk-request"]);

const PYTHON = String.raw`
import base64, json, os, sys
import boto3
from botocore.config import Config
cases = json.load(sys.stdin)
VOLATILE = set(${JSON.stringify([...VOLATILE])})
class Stop(Exception): pass
class OnceOnly:
    """A file object that can be read once: no seek, no tell, no len (a pipe)."""
    def __init__(self, data): self._data = data; self._at = 0
    def read(self, size=-1):
        if size is None or size < 0: size = len(self._data) - self._at
        out = self._data[self._at:self._at + size]; self._at += len(out); return out
def body_of(spec):
    if 'bytes' in spec: return base64.b64decode(spec['bytes'])
    if 'text' in spec: return spec['text']
    if 'file' in spec: return open(spec['file'], 'rb')
    return OnceOnly(base64.b64decode(spec['stream']))
def read_all(body):
    if body is None: return b''
    if isinstance(body, str): return body.encode('utf-8')
    if isinstance(body, (bytes, bytearray)): return bytes(body)
    return body.read()
out = []
for case in cases:
    saved = {k: os.environ.get(k) for k in case.get('env', {})}
    os.environ.update(case.get('env', {}))
    captured = {}
    try:
        session = boto3.Session(aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret', region_name=case.get('region') or 'us-west-2')
        config = Config(retries={'max_attempts': 0}, **case.get('config', {}))
        client = session.client(case['service'], endpoint_url=case.get('endpoint_url'), config=config)
        def capture(request, **kwargs):
            captured['method'] = request.method
            captured['url'] = request.url
            captured['headers'] = {k.lower(): (v.decode() if isinstance(v, bytes) else str(v)) for k, v in request.headers.items() if k.lower() not in VOLATILE}
            captured['body'] = base64.b64encode(read_all(request.body)).decode()
            raise Stop()
        client.meta.events.register_first('before-send', capture)
        params = dict(case['params'])
        if 'body' in case: params[case.get('member') or 'Body'] = body_of(case['body'])
        getattr(client, case['method'])(**params)
        captured = {'error': 'no request was sent'}
    except Stop:
        pass
    except Exception as e:
        captured = {'error': f'{type(e).__name__}: {e}'}
    finally:
        for k, v in saved.items():
            if v is None: os.environ.pop(k, None)
            else: os.environ[k] = v
    out.append(captured)
print(json.dumps(out))
`;

/** Every case through botocore, in one python3 process. */
export function captureBotocore(cases: readonly CaptureCase[]): Captured[] {
  return runPython<Captured[]>(PYTHON, cases);
}

class Stop extends Error {}

function bodyValue(spec: BodySpec): unknown {
  if ("bytes" in spec) return new Uint8Array(Buffer.from(spec.bytes, "base64"));
  if ("text" in spec) return spec.text;
  if ("file" in spec) return createReadStream(spec.file);
  return Readable.from([Buffer.from(spec.stream, "base64")]);
}

/** Reads a request body whole, whatever form it has. */
export async function bodyBytes(body: AWSPreparedRequest["body"]): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Every case through boto3-ts. */
export async function captureTs(cases: readonly CaptureCase[]): Promise<Captured[]> {
  const out: Captured[] = [];
  for (const c of cases) {
    const saved: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(c.env ?? {})) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    let captured: Captured = { error: "no request was sent" };
    try {
      const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: c.region ?? "us-west-2" });
      const config = new Config({ retries: { max_attempts: 0 }, ...(c.config ?? {}) });
      const client = session.client(c.service, { endpoint_url: c.endpoint_url ?? null, config }) as ServiceClient;
      client.meta.events.register_first("before-send", async ({ request }: { request: AWSPreparedRequest }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(request.headers)) if (!VOLATILE.has(k.toLowerCase())) headers[k.toLowerCase()] = String(v);
        captured = { method: request.method, url: request.url, headers, body: (await bodyBytes(request.body)).toString("base64") };
        throw new Stop();
      });
      const params: Record<string, unknown> = { ...c.params };
      if (c.body !== undefined) params[c.member ?? "Body"] = bodyValue(c.body);
      await client[c.method]!(params);
    } catch (error) {
      if (!(error instanceof Stop)) captured = { error: `${(error as Error).name}: ${(error as Error).message}` };
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    out.push(captured);
  }
  return out;
}

/** The body of a capture as text (aws-chunked framing is ASCII around the payload). */
export function bodyOf(captured: Captured): Buffer {
  return Buffer.from(captured.body ?? "", "base64");
}
