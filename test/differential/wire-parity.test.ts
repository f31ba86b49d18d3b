/**
 * The same parameters through botocore and boto3-ts give the same request on
 * the wire: method, path, query, body (compared per protocol) and headers
 * other than date, signature, user agent and per-attempt ids. Both sides
 * capture the request in a `before-send` handler, which reads a streamed
 * body (an S3 upload over https is aws-chunked with a checksum trailer) and
 * then stops the call, so nothing is sent.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Session } from "../../src/index.js";
import type { AWSPreparedRequest } from "../../src/http/types.js";
import type { ServiceClient } from "../../src/client/base-client.js";
import { PYTHON_DECODE_HELPERS, runPython, untag } from "../support/python.js";
import { WIRE_CASES, type WireCase } from "./wire-cases.js";

/** A captured request: body as UTF-8 text, or base64 when it is not text. */
interface Wire {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  protocol: string;
  error?: string;
}

// Headers that legitimately differ between two SDKs or two runs.
const IGNORED_HEADERS = new Set(["authorization", "x-amz-date", "user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "expect"]);

const PYTHON_CAPTURE = `${PYTHON_DECODE_HELPERS}
import boto3
from botocore.config import Config
cases = json.load(sys.stdin)
session = boto3.Session(aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret', region_name='us-west-2')
clients = {}
class Stop(Exception): pass
out = []
for case in cases:
    svc = case['service']
    key = (svc, case.get('endpoint_url'))
    if key not in clients:
        clients[key] = session.client(svc, endpoint_url=case.get('endpoint_url'), config=Config(retries={'max_attempts': 0}))
    client = clients[key]
    captured = {}
    def capture(request, **kwargs):
        captured['method'] = request.method
        captured['url'] = request.url
        captured['headers'] = {k.lower(): (v.decode() if isinstance(v, bytes) else str(v)) for k, v in request.headers.items()}
        captured['body'] = to_text(request.body)
        raise Stop()
    client.meta.events.register_first('before-send', capture, unique_id='capture')
    try:
        getattr(client, case['method'])(**untag(case['params']))
        captured['error'] = 'no request was sent'
    except Stop:
        pass
    except Exception as e:
        captured['error'] = f'{type(e).__name__}: {e}'
    client.meta.events.unregister('before-send', unique_id='capture')
    captured['protocol'] = client.meta.service_model.resolved_protocol
    out.append(captured)
print(json.dumps(out))
`;

class Stop extends Error {}

/** The body as sent: a stream (an aws-chunked upload) is read to its end, as the Python side reads botocore's. */
async function bodyText(body: AWSPreparedRequest["body"]): Promise<string> {
  if (body === undefined) return "";
  let bytes: Buffer;
  if (typeof body === "string") bytes = Buffer.from(body);
  else if (body instanceof Uint8Array) bytes = Buffer.from(body);
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    bytes = Buffer.concat(chunks);
  }
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? text : bytes.toString("base64");
}

async function captureTs(cases: readonly WireCase[]): Promise<Wire[]> {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-west-2" });
  const clients = new Map<string, ServiceClient>();
  const out: Wire[] = [];
  for (const c of cases) {
    const key = `${c.service} ${c.endpoint_url ?? ""}`;
    let client = clients.get(key);
    if (client === undefined) {
      client = session.client(c.service, { endpoint_url: c.endpoint_url ?? null }) as ServiceClient;
      clients.set(key, client);
    }
    let captured: Wire | undefined;
    const capture = async ({ request }: { request: AWSPreparedRequest }): Promise<never> => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = String(v);
      captured = { method: request.method, url: request.url, headers, body: await bodyText(request.body), protocol: client.meta.service_model.resolved_protocol };
      throw new Stop();
    };
    client.meta.events.register_first("before-send", capture, "capture");
    try {
      await client[c.method]!(untag(c.params) as Record<string, unknown>);
      captured = { method: "", url: "", headers: {}, body: "", protocol: "", error: "no request was sent" };
    } catch (err) {
      if (!(err instanceof Stop)) captured = { method: "", url: "", headers: {}, body: "", protocol: "", error: `${(err as Error).name}: ${(err as Error).message}` };
    }
    client.meta.events.unregister("before-send", null, "capture");
    out.push(captured!);
  }
  return out;
}

/** The parts compared, with the body canonicalized for its protocol. */
function comparable(wire: Wire): Record<string, unknown> {
  if (wire.error !== undefined) return { error: wire.error };
  const url = new URL(wire.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.headers)) if (!IGNORED_HEADERS.has(k)) headers[k] = v;
  let body: unknown = wire.body;
  const isJson = (wire.protocol === "json" || wire.protocol === "rest-json") && wire.body.trim().startsWith("{");
  if (isJson) {
    body = JSON.parse(wire.body);
    // botocore writes JSON with ", " and ": " separators, boto3-ts compactly: same document, other length.
    delete headers["content-length"];
  }
  return { method: wire.method, origin: url.origin, path: url.pathname, query: url.search, headers, body };
}

describe("wire parity with botocore", () => {
  test(`${WIRE_CASES.length} operations across query, ec2, json, rest-json and rest-xml`, async () => {
    const expected = runPython<Wire[]>(PYTHON_CAPTURE, WIRE_CASES);
    const actual = await captureTs(WIRE_CASES);
    const protocols = new Set(expected.map((w) => w.protocol));
    for (const p of ["query", "ec2", "json", "rest-json", "rest-xml"]) assert.ok(protocols.has(p), `no case uses ${p}`);
    const mismatches: string[] = [];
    const perProtocol: Record<string, [number, number]> = {};
    WIRE_CASES.forEach((c, i) => {
      const want = comparable(expected[i]!);
      const got = comparable(actual[i]!);
      const tally = (perProtocol[expected[i]!.protocol] ??= [0, 0]);
      tally[1]++;
      try {
        assert.deepEqual(got, want);
        tally[0]++;
      } catch {
        mismatches.push(`${c.service}.${c.method}:\n  botocore: ${JSON.stringify(want)}\n  boto3-ts: ${JSON.stringify(got)}`);
      }
    });
    console.log(`wire parity: ${Object.entries(perProtocol).map(([p, [ok, n]]) => `${p} ${ok}/${n}`).join(", ")}`);
    assert.equal(mismatches.length, 0, mismatches.join("\n"));
    assert.ok(WIRE_CASES.length >= 50);
  });
});
