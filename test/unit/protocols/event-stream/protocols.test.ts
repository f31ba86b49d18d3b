/**
 * Every way a model binds event members, under each protocol's parser
 * (json, rest-json, rest-xml, smithy-rpc-v2-cbor), against botocore's
 * parser on the same inline model and bytes: header members of every wire
 * type, blob / string / structure payload members, events read whole,
 * events without the `event` trait, unknown and non-string event types,
 * messages without `:message-type`, the json and cbor initial-response,
 * and a modeled exception ending the stream.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { type RawServiceModel, ServiceModel } from "../../../../src/models/service-model.js";
import { CborWriter } from "../../../../src/protocols/cbor/encoder.js";
import { EventStream, readInitialResponse } from "../../../../src/protocols/event-stream/index.js";
import { createParser } from "../../../../src/protocols/index.js";
import { type ParseCase, type ParseOutcome, botocoreParse, comparable, comparableError } from "./botocore-events.js";
import { type TestHeader, frame, random } from "./frames.js";

type Protocol = "json" | "rest-json" | "rest-xml" | "smithy-rpc-v2-cbor";
const PROTOCOLS: Protocol[] = ["json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"];

function modelFor(protocol: Protocol): Record<string, unknown> {
  const rest = protocol === "rest-json" || protocol === "rest-xml";
  const metadata: Record<string, unknown> = { protocol, apiVersion: "2024-01-01", serviceId: "Inline", endpointPrefix: "inline", signatureVersion: "v4" };
  if (protocol === "json") Object.assign(metadata, { jsonVersion: "1.0", targetPrefix: "Inline" });
  if (protocol === "smithy-rpc-v2-cbor") Object.assign(metadata, { protocols: ["smithy-rpc-v2-cbor"], targetPrefix: "Inline" });
  return {
    metadata,
    operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Out" } } },
    shapes: {
      Out: rest
        ? { type: "structure", payload: "Stream", members: { Stream: { shape: "Events" }, Initial: { shape: "Text", location: "header", locationName: "x-initial" } } }
        : { type: "structure", members: { Stream: { shape: "Events" }, Initial: { shape: "Text" } } },
      Events: {
        type: "structure",
        eventstream: true,
        members: {
          Headers: { shape: "HeaderEvent" },
          Text: { shape: "TextEvent" },
          Doc: { shape: "DocEvent" },
          Body: { shape: "BodyEvent" },
          Plain: { shape: "PlainShape" },
          Oops: { shape: "Oops" },
        },
      },
      HeaderEvent: {
        type: "structure",
        event: true,
        members: {
          s: { shape: "Text", eventheader: true },
          by: { shape: "Int", eventheader: true },
          sh: { shape: "Int", eventheader: true },
          i: { shape: "Int", eventheader: true },
          l: { shape: "Long", eventheader: true },
          yes: { shape: "Bool", eventheader: true },
          no: { shape: "Bool", eventheader: true },
          bin: { shape: "Blob", eventheader: true },
          u: { shape: "Blob", eventheader: true },
          t: { shape: "Time", eventheader: true },
          missing: { shape: "Text", eventheader: true },
          Payload: { shape: "Blob", eventpayload: true },
        },
      },
      TextEvent: { type: "structure", event: true, members: { Message: { shape: "Text", eventpayload: true } } },
      DocEvent: { type: "structure", event: true, members: { Id: { shape: "Text", eventheader: true }, Detail: { shape: "Detail", eventpayload: true } } },
      BodyEvent: {
        type: "structure",
        event: true,
        members: { Name: { shape: "Text" }, Count: { shape: "Int" }, When: { shape: "Time" }, Data: { shape: "Blob" }, Tags: { shape: "TagList" } },
      },
      PlainShape: { type: "structure", members: { Name: { shape: "Text" } } },
      Oops: { type: "structure", exception: true, members: { message: { shape: "Text" }, Reason: { shape: "Text" } } },
      Detail: { type: "structure", members: { Size: { shape: "Long" }, Label: { shape: "Text" } } },
      TagList: { type: "list", member: { shape: "Text" } },
      Text: { type: "string" },
      Int: { type: "integer" },
      Long: { type: "long" },
      Bool: { type: "boolean" },
      Blob: { type: "blob" },
      Time: { type: "timestamp" },
    },
  };
}

const text = (name: string, value: string): TestHeader => ({ name, type: "string", value });
const event = (type: string, extra: TestHeader[] = []): TestHeader[] => [text(":message-type", "event"), text(":event-type", type), ...extra];

function cbor(build: (w: CborWriter) => void): Uint8Array {
  const writer = new CborWriter();
  build(writer);
  return writer.finish();
}

/** The bodies each protocol sends: JSON, XML or CBOR. */
function payloads(protocol: Protocol): { initial: Uint8Array | string; detail: Uint8Array | string; body: Uint8Array | string; oops: Uint8Array | string } {
  if (protocol === "rest-xml") {
    return {
      initial: "",
      detail: "<Detail><Size>9007199254740993</Size><Label>big</Label></Detail>",
      body: "<BodyEvent><Name>n</Name><Count>3</Count><When>2024-01-02T03:04:05.678Z</When><Data>aGk=</Data><Tags><member>a</member><member>b</member></Tags><Other>x</Other></BodyEvent>",
      oops: "<Oops><message>it broke</message><Reason>r</Reason></Oops>",
    };
  }
  if (protocol === "smithy-rpc-v2-cbor") {
    return {
      initial: cbor((w) => {
        w.head(5, 2);
        w.text("Initial");
        w.text("hello");
        w.text("Extra");
        w.integer(1);
      }),
      detail: cbor((w) => {
        w.head(5, 2);
        w.text("Size");
        w.integer(9007199254740993n);
        w.text("Label");
        w.text("big");
      }),
      body: cbor((w) => {
        w.head(5, 5);
        w.text("Name");
        w.text("n");
        w.text("Count");
        w.integer(3);
        w.text("When");
        w.head(6, 1);
        w.float(1704164645.5, true);
        w.text("Data");
        w.bytes(Buffer.from("hi"));
        w.text("Other");
        w.text("x");
      }),
      oops: cbor((w) => {
        w.head(5, 2);
        w.text("message");
        w.text("it broke");
        w.text("Reason");
        w.text("r");
      }),
    };
  }
  return {
    initial: JSON.stringify({ Initial: "hello", Unmodeled: 1 }),
    detail: '{"Size":9007199254740993,"Label":"big"}',
    body: JSON.stringify({ Name: "n", Count: 3, When: 1704164645.5, Data: "aGk=", Tags: ["a", "b"], Other: "x" }),
    oops: JSON.stringify({ message: "it broke", Reason: "r" }),
  };
}

function framesFor(protocol: Protocol): Buffer[] {
  const p = payloads(protocol);
  const frames: Buffer[] = [];
  if (protocol === "json" || protocol === "smithy-rpc-v2-cbor") frames.push(frame(event("initial-response"), p.initial));
  frames.push(
    frame(
      event("Headers", [
        text("s", "text ✓"),
        { name: "by", type: "byte", value: -5 },
        { name: "sh", type: "short", value: 1234 },
        { name: "i", type: "integer", value: -70000 },
        { name: "l", type: "long", value: 1n << 40n },
        { name: "yes", type: "true" },
        { name: "no", type: "false" },
        { name: "bin", type: "bytes", value: Uint8Array.from([0, 1, 254]) },
        { name: "u", type: "uuid", value: Uint8Array.from({ length: 16 }, (_, k) => k * 15) },
        { name: "t", type: "timestamp", value: 1704164645678n },
        { name: "unmodeled", type: "integer", value: 1 },
      ]),
      Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    ),
    frame(event("Text"), "héllo wörld"),
    frame(event("Doc", [text("Id", "doc-1")]), p.detail),
    frame(event("Doc"), ""),
    frame(event("Body"), p.body),
    frame(event("Plain"), p.body),
    frame(event("Unknown"), "ignored"),
    frame([text(":message-type", "event"), { name: ":event-type", type: "integer", value: 5 }], "ignored"),
    frame([text(":event-type", "Text")], "no message type"),
    frame([text(":message-type", "exception"), text(":exception-type", "Oops")], p.oops),
    frame(event("Text"), "after the exception"),
  );
  return frames;
}

function chunks(frames: Buffer[], seed: number): Uint8Array[] {
  const whole = Buffer.concat(frames);
  const next = random(seed);
  const out: Uint8Array[] = [];
  for (let at = 0; at < whole.length; ) {
    const size = 1 + Math.floor(next() * 64);
    out.push(whole.subarray(at, at + size));
    at += size;
  }
  return out;
}

interface ProtocolCase extends ParseCase {
  protocol: Protocol;
}

const CASES: ProtocolCase[] = PROTOCOLS.flatMap((protocol, i) => {
  const model = modelFor(protocol);
  const headers = { "x-amzn-requestid": `req-${protocol}`, "x-initial": "from-header" };
  const unknownException = frame([text(":message-type", "exception"), text(":exception-type", "NotModeled")], payloads(protocol).oops);
  return [
    { protocol, model, operation: "Op", headers, chunks: chunks(framesFor(protocol), 100 + i) },
    {
      protocol,
      model,
      operation: "Op",
      headers,
      chunks: [
        ...(protocol === "json" || protocol === "smithy-rpc-v2-cbor" ? [frame(event("initial-response"), payloads(protocol).initial)] : []),
        unknownException,
      ],
    },
  ];
});
const ORACLE: ParseOutcome[] = botocoreParse(CASES);

async function parseHere(c: ProtocolCase): Promise<ParseOutcome> {
  const model = new ServiceModel(c.model as unknown as RawServiceModel);
  const shape = model.operation_model("Op").output_shape!;
  const outcome: ParseOutcome = { parsed: null, events: [], error: null };
  try {
    const body = Readable.from(c.chunks.map((chunk) => Buffer.from(chunk)));
    const parsed = createParser(c.protocol).parse({ status_code: 200, headers: c.headers, body, context: { operation_name: "Op" } }, shape);
    await readInitialResponse(parsed);
    outcome.parsed = comparable(parsed) as Record<string, unknown>;
    for await (const item of parsed.Stream as EventStream) outcome.events.push(comparable(item));
  } catch (error) {
    outcome.error = comparableError(error);
  }
  return outcome;
}

describe("event members under each protocol, against botocore", () => {
  for (let i = 0; i < CASES.length; i++) {
    const c = CASES[i]!;
    test(`${c.protocol}: ${i % 2 === 0 ? "every kind of member" : "an exception type the model lacks"}`, async () => {
      assert.deepEqual(await parseHere(c), ORACLE[i]);
    });
  }

  test("the comparison covers what it claims", () => {
    const json = ORACLE[0]!;
    assert.equal(json.parsed?.Initial, "hello");
    assert.deepEqual(
      json.events.map((e) => Object.keys(e as object)[0]),
      ["Headers", "Text", "Doc", "Doc", "Body", "Plain", "Text"],
    );
    const headers = (json.events[0] as { Headers: Record<string, unknown> }).Headers;
    assert.deepEqual(Object.keys(headers).sort(), ["Payload", "bin", "by", "i", "l", "no", "s", "sh", "t", "u", "yes"]);
    assert.equal((headers.t as Date).getTime(), 1704164645678);
    assert.equal(json.error?.[1], "An error occurred (Oops) when calling the Op operation: it broke");
    const cborCase = ORACLE[6]!;
    assert.equal(cborCase.parsed?.Extra, 1);
    assert.equal(ORACLE[1]!.error?.[1], "An error occurred () when calling the Op operation: ");
  });
});

describe("the json initial-response", () => {
  test("read by readInitialResponse: its members come first in the result, as in botocore's dict", async () => {
    const c = CASES[0]!;
    const model = new ServiceModel(c.model as unknown as RawServiceModel);
    const body = Readable.from(c.chunks.map((chunk) => Buffer.from(chunk)));
    const parsed = createParser("json").parse({ status_code: 200, headers: c.headers, body, context: {} }, model.operation_model("Op").output_shape);
    assert.deepEqual(Object.keys(parsed), ["Stream", "ResponseMetadata"]);
    await readInitialResponse(parsed);
    assert.deepEqual(Object.keys(parsed), ["Initial", "Stream", "ResponseMetadata"]);
    assert.equal(parsed.Initial, "hello");
  });

  test("without readInitialResponse, the first read takes it first", async () => {
    const c = CASES[0]!;
    const model = new ServiceModel(c.model as unknown as RawServiceModel);
    const body = Readable.from(c.chunks.map((chunk) => Buffer.from(chunk)));
    const parsed = createParser("json").parse({ status_code: 200, headers: c.headers, body, context: {} }, model.operation_model("Op").output_shape);
    const first = await (parsed.Stream as EventStream)[Symbol.asyncIterator]().next();
    assert.deepEqual(Object.keys(first.value as object), ["Headers"]);
    assert.equal(parsed.Initial, "hello");
  });
});
