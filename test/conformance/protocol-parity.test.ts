/**
 * Differential test of the serializers against the installed botocore,
 * over a generated corpus: every service botocore knows, under all six
 * protocols (CBOR forced on the services whose model lists it), with
 * parameters generated from each operation's input shape by a seeded
 * random source (see test/support/param-generator.ts). botocore runs in
 * one python3 process for the file, fed in batches.
 *
 * Compared: method, URL path and query, host prefix, headers (but date,
 * signature, user agent), and the body per protocol (query/ec2 exactly,
 * JSON as documents, XML canonicalized, CBOR decoded to values, raw
 * payloads as bytes). When botocore refuses the input, we must refuse it
 * with the same class; when botocore crashes (not one of its own
 * exceptions), the case is listed with the reason.
 *
 * BOTO3TS_PARITY_SEED=<n> changes the seed; BOTO3TS_PARITY_FULL=1 runs
 * every operation of every service.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RequestDict } from "../../src/http/types.js";
import type { OperationModel } from "../../src/models/service-model.js";
import { createSerializer } from "../../src/protocols/index.js";
import type { TimestampPrecision } from "../../src/protocols/common/timestamps.js";
import type { Serializer } from "../../src/protocols/types.js";
import { percentEncodeSequence } from "../../src/util/uri.js";
import { BotocoreWorker } from "../support/botocore-worker.js";
import { type Coverage, generateParams } from "../support/param-generator.js";
import { type Outcome, ParityReport, type PythonError, errorOutcome } from "../support/parity-report.js";
import { PROTOCOLS, buildCorpus } from "../support/protocol-corpus.js";
import { SeededRandom, hashString } from "../support/seeded-random.js";
import { type WireRequest, compareRequests } from "../support/wire-compare.js";
import { toPython } from "../support/wire-values.js";

const SEED = Number(process.env.BOTO3TS_PARITY_SEED ?? 1043);

/**
 * Known, explained differences, by `protocol service.Operation`. Empty:
 * every difference found so far was fixed here.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

const PYTHON = String.raw`
import botocore.serialize
from urllib.parse import urlencode
from botocore.utils import percent_encode_sequence
_serializers = {}
def _serializer(protocol, precision):
    key = (protocol, precision)
    s = _serializers.get(key)
    if s is None:
        s = _serializers[key] = botocore.serialize.create_serializer(protocol, include_validation=False, timestamp_precision=precision)
    return s
def _to_bytes(body):
    if isinstance(body, dict):
        # As AWSRequest prepares a dict body.
        pairs = [(k.encode() if isinstance(k, str) else k, v.encode() if isinstance(v, str) else v) for k, v in body.items()]
        return urlencode(pairs, doseq=True).encode()
    if isinstance(body, str): return body.encode()
    if body is None: return b''
    if hasattr(body, 'read'): return body.read()
    return bytes(body)
def handle(cases):
    out = []
    for c in cases:
        try:
            op = service_model(c['service']).operation_model(c['operation'])
            r = _serializer(c['protocol'], c['precision']).serialize_to_request(untag(c['params']), op)
            out.append({'ok': {
                'method': r['method'], 'url_path': r['url_path'],
                'query': percent_encode_sequence(r['query_string']) if r['query_string'] else '',
                'headers': {k: str(v) for k, v in r['headers'].items()},
                'host_prefix': r.get('host_prefix'),
                'body': base64.b64encode(_to_bytes(r['body'])).decode(),
            }})
        except Exception as e:
            out.append({'error': describe_error(e)})
    return out
`;

interface Case {
  service: string;
  protocol: string;
  operation: OperationModel;
  params: Record<string, unknown>;
  precision: TimestampPrecision;
}

type PythonReply = { ok: Omit<WireRequest, "body"> & { body: string } } | { error: PythonError };

function bodyBytes(body: RequestDict["body"]): Uint8Array {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  throw new Error(`unexpected body type ${typeof body}`);
}

function ourRequest(serializers: Map<string, Serializer>, c: Case): WireRequest | { error: unknown } {
  const key = `${c.protocol}/${c.precision}`;
  let serializer = serializers.get(key);
  if (serializer === undefined) {
    serializer = createSerializer(c.protocol, { timestamp_precision: c.precision });
    serializers.set(key, serializer);
  }
  try {
    const request = serializer.serialize_to_request(structuredClone(c.params), c.operation);
    return {
      method: request.method,
      url_path: request.url_path,
      query: percentEncodeSequence(request.query_string),
      headers: request.headers,
      host_prefix: request.host_prefix ?? null,
      body: bodyBytes(request.body),
    };
  } catch (error) {
    return { error };
  }
}

function compare(c: Case, ours: WireRequest | { error: unknown }, theirs: PythonReply): { outcome: Outcome; bytes: boolean } {
  if ("error" in theirs || "error" in ours) {
    return { outcome: errorOutcome("error" in ours ? ours.error : undefined, "error" in theirs ? theirs.error : undefined), bytes: false };
  }
  const wanted: WireRequest = { ...theirs.ok, body: Buffer.from(theirs.ok.body, "base64") };
  const { match, difference } = compareRequests(c.protocol, ours, wanted);
  if (difference !== undefined) return { outcome: { kind: "mismatch", detail: difference }, bytes: false };
  return { outcome: { kind: "identical" }, bytes: match === "bytes" };
}

const started = performance.now();
const corpus = buildCorpus("input", SEED);
const coverage: Coverage = new Map();
const cases: Case[] = [];
for (const entry of corpus) {
  for (const operation of entry.operations) {
    const random = new SeededRandom(SEED ^ hashString(`${entry.protocol} ${entry.service}.${operation.name}`));
    const params = generateParams(operation, random, entry.protocol, coverage);
    cases.push({ service: entry.service, protocol: entry.protocol, operation, params, precision: random.chance(0.2) ? "millisecond" : "default" });
  }
}

const worker = new BotocoreWorker(PYTHON);
const BATCH = 250;
const replies: Promise<PythonReply[]>[] = [];
for (let i = 0; i < cases.length; i += BATCH) {
  replies.push(
    worker.request<PythonReply[]>(
      cases.slice(i, i + BATCH).map((c) => ({
        service: c.service,
        protocol: c.protocol,
        operation: c.operation.name,
        params: toPython(c.params),
        precision: c.precision,
      })),
    ),
  );
}
// Our side runs while botocore works through its batches (yielding so that the pipes keep flowing).
const serializers = new Map<string, Serializer>();
const ours: (WireRequest | { error: unknown })[] = [];
for (let i = 0; i < cases.length; i += BATCH) {
  for (const c of cases.slice(i, i + BATCH)) ours.push(ourRequest(serializers, c));
  await new Promise((resolve) => setImmediate(resolve));
}
const theirs = (await Promise.all(replies)).flat();
await worker.close();
const elapsed = performance.now() - started;

const report = new ParityReport(PROTOCOLS);
const outcomes = new Map<string, { title: string; outcome: Outcome }[]>();
cases.forEach((c, i) => {
  const title = `${c.protocol} ${c.service}.${c.operation.name}`;
  report.addOperation(c.protocol, c.service);
  const known = KNOWN_DIFFERENCES[title];
  let { outcome, bytes } = compare(c, ours[i]!, theirs[i]!);
  if (known !== undefined && outcome.kind === "mismatch") outcome = { kind: "excluded", detail: known };
  report.add(c.protocol, title, outcome, bytes);
  const key = `${c.protocol}\u0000${c.service}`;
  const list = outcomes.get(key) ?? [];
  list.push({ title, outcome });
  outcomes.set(key, list);
});

describe("serializers match botocore over the generated corpus", () => {
  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      for (const entry of corpus.filter((e) => e.protocol === protocol)) {
        const results = outcomes.get(`${protocol}\u0000${entry.service}`) ?? [];
        test(`${entry.service} (${results.length} operations${entry.forced ? ", protocol forced" : ""})`, () => {
          const bad = results.filter((r) => r.outcome.kind === "mismatch");
          assert.equal(bad.length, 0, bad.map((r) => `${r.title}: ${r.outcome.detail}`).join("\n"));
        });
      }
    });
  }

  test("report", () => {
    console.log(report.render(`serializer parity against botocore (seed ${SEED}, ${(elapsed / 1000).toFixed(1)} s)`));
    const features = [...coverage.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `${name}: ${n}`);
    console.log(`coverage: ${features.join(", ")}`);
    for (const protocol of PROTOCOLS) assert.ok(corpus.some((e) => e.protocol === protocol), `no ${protocol} service in the corpus`);
  });
});
