/**
 * botocore's EventStreamBuffer as the oracle for the frame decoder: many
 * byte streams decoded by one python3 process, and the same decode here, in
 * one comparable form (header values tagged with their Python type).
 */
import { EventStreamBuffer, type EventStreamMessage, type HeaderValue } from "../../../../src/protocols/event-stream/index.js";
import { runPython } from "../../../support/python.js";

/** A header as [name, kind, value] with kind bool, int (as text), bytes (base64) or str. */
export type TaggedHeader = [string, "bool" | "int" | "bytes" | "str", boolean | string];

/** A decoded message in comparable form. */
export interface DecodedMessage {
  total_length: number;
  headers_length: number;
  prelude_crc: number;
  /** Sorted by name: JavaScript objects put integer-like keys first, so order is not compared. */
  headers: TaggedHeader[];
  payload: string;
  crc: number;
}

/** What decoding one stream gave: the messages, then the error (class name and message) that stopped it, if any. */
export interface DecodeOutcome {
  messages: DecodedMessage[];
  error: [string, string] | null;
}

const DECODE_SCRIPT = `
import sys, json, base64
from botocore.eventstream import EventStreamBuffer
def tag(v):
    if isinstance(v, bool): return ['bool', v]
    if isinstance(v, int): return ['int', str(v)]
    if isinstance(v, (bytes, bytearray)): return ['bytes', base64.b64encode(v).decode()]
    return ['str', v]
out = []
for chunks in json.load(sys.stdin):
    buf = EventStreamBuffer()
    messages = []
    error = None
    try:
        for chunk in chunks:
            buf.add_data(base64.b64decode(chunk))
            for m in buf:
                messages.append({
                    'total_length': m.prelude.total_length,
                    'headers_length': m.prelude.headers_length,
                    'prelude_crc': m.prelude.crc,
                    'headers': sorted([[k, *tag(v)] for k, v in m.headers.items()]),
                    'payload': base64.b64encode(m.payload).decode(),
                    'crc': m.crc,
                })
    except Exception as e:
        error = [type(e).__name__, str(e)]
    out.append({'messages': messages, 'error': error})
print(json.dumps(out))
`;

/** Decodes each stream (a list of chunks) with botocore, all in one python3 process. */
export function botocoreDecode(streams: readonly (readonly Uint8Array[])[]): DecodeOutcome[] {
  const input = streams.map((chunks) => chunks.map((chunk) => Buffer.from(chunk).toString("base64")));
  return runPython<DecodeOutcome[]>(DECODE_SCRIPT, input);
}

function tag(value: HeaderValue): [TaggedHeader[1], TaggedHeader[2]] {
  if (typeof value === "boolean") return ["bool", value];
  if (typeof value === "number" || typeof value === "bigint") return ["int", String(value)];
  if (value instanceof Uint8Array) return ["bytes", Buffer.from(value).toString("base64")];
  return ["str", value];
}

/** A message in the oracle's form. */
export function describe(message: EventStreamMessage): DecodedMessage {
  const headers = Object.entries(message.headers)
    .map(([name, value]): TaggedHeader => [name, ...tag(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    total_length: message.prelude.total_length,
    headers_length: message.prelude.headers_length,
    prelude_crc: message.prelude.crc,
    headers,
    payload: Buffer.from(message.payload).toString("base64"),
    crc: message.crc,
  };
}

/** Decodes a stream here, chunk by chunk, as the oracle does. */
export function localDecode(chunks: readonly Uint8Array[]): DecodeOutcome {
  const buffer = new EventStreamBuffer();
  const messages: DecodedMessage[] = [];
  try {
    for (const chunk of chunks) {
      buffer.add_data(chunk);
      for (const message of buffer) messages.push(describe(message));
    }
  } catch (error) {
    const e = error as Error;
    return { messages, error: [e.name, e.message] };
  }
  return { messages, error: null };
}
