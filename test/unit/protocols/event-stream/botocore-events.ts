/**
 * botocore as the oracle for modeled events: the same response bytes
 * through botocore's parser for the operation (or for a model given
 * inline), its EventStream iterated to the end or to the error that stops
 * it, all cases in one python3 process. Values come back tagged (bytes,
 * datetimes, the stream itself) and are compared as TypeScript values.
 */
import { EventStream } from "../../../../src/protocols/event-stream/index.js";
import { runPython, untag } from "../../../support/python.js";

/** One response to parse: a real service's operation, or an operation of an inline model. */
export interface ParseCase {
  service?: string;
  model?: Record<string, unknown>;
  operation: string;
  status?: number;
  headers: Record<string, string>;
  chunks: Uint8Array[];
}

/** What came out: the result without its stream, the events, then the error that stopped them. */
export interface ParseOutcome {
  parsed: Record<string, unknown> | null;
  events: unknown[];
  error: [string, string, unknown] | null;
}

const SCRIPT = `
import sys, json, base64, datetime
import botocore.session
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.eventstream import EventStream
from botocore.exceptions import EventStreamError
from urllib3._collections import HTTPHeaderDict

session = botocore.session.get_session()

class Raw:
    def __init__(self, chunks):
        self.chunks = chunks
    def stream(self):
        yield from self.chunks
    def close(self):
        pass

def tag(v):
    if isinstance(v, EventStream): return '__eventstream__'
    if isinstance(v, (bytes, bytearray)): return {'__bytes__': base64.b64encode(bytes(v)).decode()}
    if isinstance(v, datetime.datetime): return {'__datetime__': v.isoformat()}
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 - 1: return {'__bigint__': str(v)}
    if isinstance(v, dict): return {k: tag(x) for k, x in v.items()}
    if isinstance(v, list): return [tag(x) for x in v]
    return v

out = []
for case in json.load(sys.stdin):
    if case.get('model'):
        model = ServiceModel(case['model'], service_name='inline')
    else:
        model = session.get_service_model(case['service'])
    op = model.operation_model(case['operation'])
    parser = create_parser(model.resolved_protocol)
    headers = HTTPHeaderDict()
    for k, v in case['headers'].items():
        headers[k] = v
    body = Raw([base64.b64decode(c) for c in case['chunks']])
    response = {'status_code': case.get('status', 200), 'headers': headers, 'body': body, 'context': {'operation_name': op.name}}
    result = {'parsed': None, 'events': [], 'error': None}
    try:
        parsed = parser.parse(response, op.output_shape)
        result['parsed'] = tag(parsed)
        for event in parsed[op.output_shape.event_stream_name]:
            result['events'].append(tag(event))
    except EventStreamError as e:
        result['error'] = ['EventStreamError', str(e), tag(e.response)]
    except Exception as e:
        result['error'] = [type(e).__name__, str(e), None]
    out.append(result)
print(json.dumps(out))
`;

/** botocore's outcome for each case, from one python3 process. */
export function botocoreParse(cases: readonly ParseCase[]): ParseOutcome[] {
  const input = cases.map((c) => ({ ...c, chunks: c.chunks.map((chunk) => Buffer.from(chunk).toString("base64")) }));
  return (untag(untagBigints(runPython<unknown>(SCRIPT, input))) as ParseOutcome[]).map((outcome) => ({
    ...outcome,
    parsed: outcome.parsed === null ? null : withoutRetryAttempts(outcome.parsed),
  }));
}

/** Integers JSON cannot carry exactly come tagged `{"__bigint__": text}`. */
function untagBigints(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untagBigints);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.__bigint__ === "string") return BigInt(record.__bigint__);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = untagBigints(item);
    return out;
  }
  return value;
}

function withoutRetryAttempts(parsed: Record<string, unknown>): Record<string, unknown> {
  const metadata = parsed.ResponseMetadata as Record<string, unknown> | undefined;
  if (metadata === undefined) return parsed;
  const { RetryAttempts: _, ...rest } = metadata;
  return { ...parsed, ResponseMetadata: rest };
}

/**
 * A value in the oracle's form: bytes as plain Uint8Array, the stream as
 * its marker, `RetryAttempts` (added by the client, not the parser) dropped.
 */
export function comparable(value: unknown): unknown {
  if (value instanceof EventStream) return "__eventstream__";
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = comparable(item);
    return withoutRetryAttempts(out);
  }
  return value;
}

/** An error in the oracle's form. */
export function comparableError(error: unknown): [string, string, unknown] {
  const e = error as Error & { response?: unknown };
  return [e.name, e.message, e.response === undefined ? null : comparable(e.response)];
}
