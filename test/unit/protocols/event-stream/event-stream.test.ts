/**
 * The EventStream object itself: iteration, close(), leaving a loop early,
 * corrupted and truncated streams (an error or a quiet end, never a hang),
 * a failing body, get_initial_response, and how a second loop behaves after
 * an error, each checked against botocore's EventStream on the same bytes.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { BotoCoreError, EventStreamError, ResponseStreamingError } from "../../../../src/exceptions.js";
import { type RawServiceModel, ServiceModel } from "../../../../src/models/service-model.js";
import type { Shape } from "../../../../src/models/shape.js";
import {
  ChecksumMismatch, EventStream, EventStreamParser, NoInitialResponseError,
} from "../../../../src/protocols/event-stream/index.js";
import { parseTimestamp } from "../../../../src/protocols/common/timestamps.js";
import { runPython } from "../../../support/python.js";
import { errorFrame, eventFrame } from "./frames.js";

const MODEL = new ServiceModel({
  metadata: { protocol: "rest-json", apiVersion: "1" },
  operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Out" } } },
  shapes: {
    Out: { type: "structure", payload: "Stream", members: { Stream: { shape: "Events" } } },
    Events: { type: "structure", eventstream: true, members: { A: { shape: "A" } } },
    A: { type: "structure", event: true, members: { Data: { shape: "Blob", eventpayload: true } } },
    Blob: { type: "blob" },
  },
} as unknown as RawServiceModel);
const SHAPE: Shape = MODEL.operation_model("Op").output_shape!.members.Stream!;
const PARSER = new EventStreamParser(() => ({}), parseTimestamp);

const a = (text: string): Buffer => eventFrame("A", text);

function corruptLastByte(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1]! ^= 0xff;
  return copy;
}

/** A body that hands out `chunks`, then either ends or stays open. */
function body(chunks: Buffer[], end = true): Readable {
  const stream = new Readable({ read() {} });
  for (const chunk of chunks) stream.push(chunk);
  if (end) stream.push(null);
  return stream;
}

function streamOver(raw: Readable | Uint8Array): EventStream<{ A: { Data: Uint8Array } }> {
  return new EventStream(raw, SHAPE, PARSER, "Op");
}

async function texts(stream: EventStream<{ A: { Data: Uint8Array } }>): Promise<string[]> {
  const out: string[] = [];
  for await (const event of stream) out.push(Buffer.from(event.A.Data).toString());
  return out;
}

// botocore's EventStream on the same bytes: the events and error of a first loop, then of a second.
const STREAMS = {
  corrupted: [a("one"), corruptLastByte(a("two")), a("three")],
  truncated: [a("one"), a("two").subarray(0, 20)],
  errorFrame: [a("one"), errorFrame("Bad", "bad thing"), a("three")],
  initialFirst: [eventFrame("initial-response", "{}"), a("one")],
  eventFirst: [a("one"), a("two")],
};
const BOTOCORE = runPython<Record<string, { loops: [string[], string | null][]; initial: string | null }>>(
  `
import sys, json, base64
from botocore.model import ServiceModel
from botocore.parsers import create_parser
data = json.load(sys.stdin)
model = ServiceModel(data['model'], service_name='inline')
op = model.operation_model('Op')
class Raw:
    def __init__(self, chunks): self.chunks = chunks
    def stream(self): yield from self.chunks
    def close(self): pass
out = {}
for name, chunks in data['streams'].items():
    def fresh():
        raw = Raw([base64.b64decode(c) for c in chunks])
        return create_parser('rest-json').parse({'status_code': 200, 'headers': {}, 'body': raw, 'context': {'operation_name': 'Op'}}, op.output_shape)['Stream']
    stream = fresh()
    loops = []
    for _ in range(2):
        events, error = [], None
        try:
            for event in stream:
                events.append(event['A']['Data'].decode())
        except Exception as e:
            error = type(e).__name__
        loops.append([events, error])
    initial = None
    try:
        initial = fresh().get_initial_response().headers[':event-type']
    except Exception as e:
        initial = type(e).__name__
    out[name] = {'loops': loops, 'initial': initial}
print(json.dumps(out))
`,
  {
    model: {
      metadata: { protocol: "rest-json", apiVersion: "1" },
      operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Out" } } },
      shapes: {
        Out: { type: "structure", payload: "Stream", members: { Stream: { shape: "Events" } } },
        Events: { type: "structure", eventstream: true, members: { A: { shape: "A" } } },
        A: { type: "structure", event: true, members: { Data: { shape: "Blob", eventpayload: true } } },
        Blob: { type: "blob" },
      },
    },
    streams: Object.fromEntries(Object.entries(STREAMS).map(([name, frames]) => [name, frames.map((f) => f.toString("base64"))])),
  },
);

/** Two loops over one stream, as the oracle runs them. */
async function twoLoops(stream: EventStream<{ A: { Data: Uint8Array } }>): Promise<[string[], string | null][]> {
  const loops: [string[], string | null][] = [];
  for (let i = 0; i < 2; i++) {
    const events: string[] = [];
    let error: string | null = null;
    try {
      for await (const event of stream) events.push(Buffer.from(event.A.Data).toString());
    } catch (e) {
      error = (e as Error).name;
    }
    loops.push([events, error]);
  }
  return loops;
}

describe("iterating, as botocore's EventStream iterates", () => {
  test("a corrupted message raises ChecksumMismatch after the good ones; a second loop finds nothing more", async () => {
    const raw = body(STREAMS.corrupted);
    assert.deepEqual(await twoLoops(streamOver(raw)), BOTOCORE.corrupted!.loops);
    assert.deepEqual(BOTOCORE.corrupted!.loops, [[["one"], "ChecksumMismatch"], [[], null]]);
    assert.equal(raw.destroyed, true, "a stream that failed to decode releases its body");
  });

  test("a stream cut in the middle of a frame ends quietly after the whole ones", async () => {
    assert.deepEqual(await twoLoops(streamOver(body(STREAMS.truncated))), BOTOCORE.truncated!.loops);
    assert.deepEqual(BOTOCORE.truncated!.loops[0], [["one"], null]);
  });

  test("after an error message, a second loop goes on with the next event", async () => {
    assert.deepEqual(await twoLoops(streamOver(body(STREAMS.errorFrame))), BOTOCORE.errorFrame!.loops);
    assert.deepEqual(BOTOCORE.errorFrame!.loops, [[["one"], "EventStreamError"], [["three"], null]]);
  });

  test("get_initial_response returns the initial-response, or consumes the first event and throws", async () => {
    const first = await streamOver(body(STREAMS.initialFirst)).get_initial_response();
    assert.equal(first.headers[":event-type"], BOTOCORE.initialFirst!.initial);
    assert.equal(BOTOCORE.eventFirst!.initial, "NoInitialResponseError");
    const stream = streamOver(body(STREAMS.eventFirst));
    await assert.rejects(stream.get_initial_response(), NoInitialResponseError);
    assert.deepEqual(await texts(stream), ["two"]);
    await assert.rejects(streamOver(body([])).get_initial_response(), (error: unknown) => {
      assert.ok(error instanceof NoInitialResponseError);
      assert.equal((error as Error).message, "First event was not of the initial-response type");
      return true;
    });
  });
});

describe("never hanging, always releasing", () => {
  test("a corrupted prelude on a body that stays open raises at once", async () => {
    const bad = Buffer.from(a("x"));
    bad[9]! ^= 1;
    const raw = body([bad], false);
    await assert.rejects(texts(streamOver(raw)), ChecksumMismatch);
    assert.equal(raw.destroyed, true);
  });

  test("events come out as soon as their frame is in, while the body stays open", async () => {
    const raw = body([a("now"), a("later").subarray(0, 10)], false);
    const stream = streamOver(raw);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.equal(Buffer.from((first.value as { A: { Data: Uint8Array } }).A.Data).toString(), "now");
    raw.push(a("later").subarray(10));
    const second = await iterator.next();
    assert.equal(Buffer.from((second.value as { A: { Data: Uint8Array } }).A.Data).toString(), "later");
    await iterator.return!();
    assert.equal(raw.destroyed, true);
  });

  test("leaving a for-await loop early destroys the body", async () => {
    const raw = body([a("one"), a("two")], false);
    const stream = streamOver(raw);
    for await (const _ of stream) break;
    assert.equal(raw.destroyed, true);
    assert.deepEqual(await texts(stream), []);
  });

  test("close() destroys the body; a closed stream yields nothing", async () => {
    const raw = body([a("one")], false);
    const stream = streamOver(raw);
    stream.close();
    assert.equal(raw.destroyed, true);
    assert.deepEqual(await texts(stream), []);
    stream.close();
  });

  test("close() while a read waits ends that read", async () => {
    const raw = body([], false);
    const stream = streamOver(raw);
    const pending = texts(stream);
    await new Promise((resolve) => setImmediate(resolve));
    stream.close();
    assert.deepEqual(await pending, []);
  });

  test("a body that fails raises ResponseStreamingError, a BotoCoreError", async () => {
    const raw = body([a("one")], false);
    const stream = streamOver(raw);
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) {
          seen.push(Buffer.from(event.A.Data).toString());
          raw.destroy(new Error("socket hang up"));
        }
      })(),
      (error: unknown) => error instanceof ResponseStreamingError && error instanceof BotoCoreError,
    );
    assert.deepEqual(seen, ["one"]);
  });

  test("a body read whole (bytes) is a stream too", async () => {
    assert.deepEqual(await texts(streamOver(Buffer.concat([a("x"), a("y")]))), ["x", "y"]);
  });

  test("an EventStreamError leaves the body open for the next loop", async () => {
    const raw = body([errorFrame("E", "m"), a("after")], false);
    const stream = streamOver(raw);
    await assert.rejects(texts(stream), EventStreamError);
    assert.equal(raw.destroyed, false);
    stream.close();
  });

  test("util.inspect shows a short form", () => {
    assert.equal(inspect(streamOver(body([]))), "EventStream { Events }");
  });
});
