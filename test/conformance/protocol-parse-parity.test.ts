/**
 * Differential test of the parsers against the installed botocore, over a
 * generated corpus: every service botocore knows, under all six protocols
 * (CBOR forced where the model lists it). For each operation, a successful
 * response generated from its output shape and an error response (one of
 * its modeled errors, an unmodeled code, or a generic failure), written as
 * the protocol's services write them (test/support/response-generator.ts).
 *
 * Both sides parse the same bytes as a client does: the output shape
 * first, then for an error the modeled error shape its code names
 * (botocore's `_add_modeled_error_fields`); a blob payload of a success
 * arrives as a StreamingBody, read before comparing. The parsed dicts must
 * be equal, ResponseMetadata included (timestamps to the millisecond a
 * Date holds, blobs as bytes).
 *
 * BOTO3TS_PARITY_SEED=<n> changes the seed; BOTO3TS_PARITY_FULL=1 runs
 * every operation of every service.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { StreamingBody } from "../../src/http/streaming-body.js";
import type { ResponseDict } from "../../src/http/types.js";
import type { OperationModel } from "../../src/models/service-model.js";
import { createParser } from "../../src/protocols/index.js";
import type { Parser } from "../../src/protocols/types.js";
import { BotocoreWorker } from "../support/botocore-worker.js";
import type { Coverage } from "../support/param-generator.js";
import { type Outcome, ParityReport, type PythonError, errorOutcome } from "../support/parity-report.js";
import { PROTOCOLS, buildCorpus } from "../support/protocol-corpus.js";
import { type GeneratedResponse, ResponseGenerator } from "../support/response-generator.js";
import { SeededRandom, hashString } from "../support/seeded-random.js";
import { firstDifference, normalize } from "../support/wire-values.js";

const SEED = Number(process.env.BOTO3TS_PARITY_SEED ?? 1043);

/**
 * Where this package deliberately differs, by `protocol service.Operation`
 * (applied only when the case differs). botocore hands a scalar member
 * whose element repeats (S3's deprecated `Event` next to the `Events` list
 * of the same element name) the list of raw ElementTree nodes; here it is
 * the first element's text.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  "rest-xml s3.GetBucketNotification": "botocore returns raw XML nodes for the repeated deprecated Event member",
};

const PYTHON = String.raw`
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
_parsers = {}
def handle(cases):
    out = []
    for c in cases:
        try:
            model = service_model(c['service'])
            op = model.operation_model(c['operation'])
            parser = _parsers.get(c['protocol'])
            if parser is None:
                parser = _parsers[c['protocol']] = create_parser(c['protocol'])
            data = base64.b64decode(c['body'])
            body = StreamingBody(io.BytesIO(data), len(data)) if c['streaming'] else data
            response = {'status_code': c['status'], 'headers': HeadersDict(c['headers']), 'body': body, 'context': {'operation_name': op.name}}
            parsed = parser.parse(response, op.output_shape)
            if c['status'] >= 300:
                # botocore's Endpoint._add_modeled_error_fields
                code = parsed.get('Error', {}).get('Code')
                shape = model.shape_for_error_code(code)
                if shape is not None:
                    parsed.update(parser.parse(dict(response, body=data), shape))
            out.append({'ok': tag(parsed)})
        except Exception as e:
            out.append({'error': describe_error(e)})
    return out
`;

interface Case {
  service: string;
  protocol: string;
  operation: OperationModel;
  response: GeneratedResponse;
}

type PythonReply = { ok: unknown } | { error: PythonError };

/** Parses as the pipeline does: output shape, then the modeled error's fields. */
async function ourParse(parsers: Map<string, Parser>, c: Case): Promise<{ ok: unknown } | { error: unknown }> {
  let parser = parsers.get(c.protocol);
  if (parser === undefined) {
    parser = createParser(c.protocol);
    parsers.set(c.protocol, parser);
  }
  const { response, operation } = c;
  const bytes = response.body;
  const body = response.streaming ? (new StreamingBody(Readable.from([Buffer.from(bytes)]), String(bytes.length), "https://example.com") as unknown as Readable) : bytes;
  const dict: ResponseDict = { status_code: response.status_code, headers: { ...response.headers }, body, context: { operation_name: operation.name } };
  try {
    const parsed = parser.parse(dict, operation.output_shape);
    if (response.status_code >= 300) {
      const code = (parsed.Error as { Code?: unknown } | undefined)?.Code;
      const shape = typeof code === "string" ? operation.service_model.shape_for_error_code(code) : undefined;
      if (shape !== undefined) Object.assign(parsed, parser.parse({ ...dict, body: bytes }, shape));
    }
    return { ok: await normalize(parsed) };
  } catch (error) {
    return { error };
  }
}

function compare(ours: { ok: unknown } | { error: unknown }, theirs: PythonReply): Outcome {
  if ("error" in theirs || "error" in ours) return errorOutcome("error" in ours ? ours.error : undefined, "error" in theirs ? theirs.error : undefined);
  const difference = firstDifference(ours.ok, theirs.ok);
  return difference === undefined ? { kind: "identical" } : { kind: "mismatch", detail: difference };
}

const started = performance.now();
const corpus = buildCorpus("output", SEED);
const coverage: Coverage = new Map();
const cases: Case[] = [];
for (const entry of corpus) {
  for (const operation of entry.operations) {
    const random = new SeededRandom(SEED ^ hashString(`${entry.protocol} ${entry.service}.${operation.name} response`));
    const generator = new ResponseGenerator(entry.protocol, operation, random, coverage);
    cases.push({ service: entry.service, protocol: entry.protocol, operation, response: generator.success() });
    cases.push({ service: entry.service, protocol: entry.protocol, operation, response: generator.error() });
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
        status: c.response.status_code,
        headers: c.response.headers,
        body: Buffer.from(c.response.body).toString("base64"),
        streaming: c.response.streaming,
      })),
    ),
  );
}
const parsers = new Map<string, Parser>();
const ours: ({ ok: unknown } | { error: unknown })[] = [];
for (let i = 0; i < cases.length; i += BATCH) {
  for (const c of cases.slice(i, i + BATCH)) ours.push(await ourParse(parsers, c));
  await new Promise((resolve) => setImmediate(resolve));
}
const theirs = (await Promise.all(replies)).flat();
await worker.close();
const elapsed = performance.now() - started;

const report = new ParityReport(PROTOCOLS);
const outcomes = new Map<string, { title: string; outcome: Outcome }[]>();
const counted = new Set<string>();
cases.forEach((c, i) => {
  const title = `${c.protocol} ${c.service}.${c.operation.name}`;
  if (!counted.has(title)) {
    counted.add(title);
    report.addOperation(c.protocol, c.service);
  }
  let outcome = compare(ours[i]!, theirs[i]!);
  const known = KNOWN_DIFFERENCES[title];
  if (known !== undefined && outcome.kind === "mismatch") outcome = { kind: "excluded", detail: known };
  const label = `${title} (${c.response.kind}, status ${c.response.status_code})`;
  report.add(c.protocol, label, outcome);
  const key = `${c.protocol}\u0000${c.service}`;
  const list = outcomes.get(key) ?? [];
  list.push({ title: label, outcome });
  outcomes.set(key, list);
});

describe("parsers match botocore over the generated corpus", () => {
  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      for (const entry of corpus.filter((e) => e.protocol === protocol)) {
        const results = outcomes.get(`${protocol}\u0000${entry.service}`) ?? [];
        test(`${entry.service} (${results.length} responses${entry.forced ? ", protocol forced" : ""})`, () => {
          const bad = results.filter((r) => r.outcome.kind === "mismatch");
          assert.equal(bad.length, 0, bad.map((r) => `${r.title}: ${r.outcome.detail}`).join("\n"));
        });
      }
    });
  }

  test("report", () => {
    console.log(report.render(`parser parity against botocore (seed ${SEED}, ${(elapsed / 1000).toFixed(1)} s)`));
    const features = [...coverage.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `${name}: ${n}`);
    console.log(`coverage: ${features.join(", ")}`);
    for (const protocol of PROTOCOLS) assert.ok(corpus.some((e) => e.protocol === protocol), `no ${protocol} service in the corpus`);
  });
});
