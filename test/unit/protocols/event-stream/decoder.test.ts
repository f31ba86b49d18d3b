/**
 * The frame decoder against the wire format and against botocore's
 * EventStreamBuffer: frames written byte by byte, every header type, frames
 * split at every boundary, corrupted CRCs, truncated streams, the size
 * limits, and 60 generated frames decoded by both (one python3 process for
 * the whole file).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { crc32 } from "node:zlib";
import { BotoCoreError } from "../../../../src/exceptions.js";
import {
  ChecksumMismatch, DuplicateHeader, EventStreamBuffer, type EventStreamMessage, InvalidHeadersLength, InvalidPayloadLength,
  MAX_HEADERS_LENGTH, MAX_PAYLOAD_LENGTH, ParserError,
} from "../../../../src/protocols/event-stream/index.js";
import { type TestHeader, encodeHeaders, eventFrame, frame, random } from "./frames.js";
import { botocoreDecode, type DecodeOutcome, localDecode } from "./oracle.js";

function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ""), "hex");
}

function decodeAll(...chunks: Uint8Array[]): EventStreamMessage[] {
  const buffer = new EventStreamBuffer();
  const out: EventStreamMessage[] = [];
  for (const chunk of chunks) {
    buffer.add_data(chunk);
    for (const message of buffer) out.push(message);
  }
  return out;
}

// --- Cases for botocore, gathered first so one python3 process decodes them all.

/** The AWS test vector for a message with no headers and no payload. */
const EMPTY_MESSAGE = hex("00000010 00000000 05c248eb 7d98c8ff");

/** One header of each of the ten types, then the payload `{}`, written out byte by byte. */
const ALL_HEADER_TYPES = hex(`
  00000063 00000051 a7dcb396
  01 74 00
  01 66 01
  01 62 02 fe
  01 73 03 fed4
  01 69 04 00011170
  01 6c 05 fffffffed5fa0e00
  01 61 06 0002 dead
  01 6e 07 0006 68c3a96c6c6f
  01 64 08 0000018bcfe5687b
  01 75 09 00112233445566778899aabbccddeeff
  7b7d
  d935bdc7`);

const HEADER_NAMES = ["a", ":event-type", "content-type", "x", "héllo", "数据", "Z_9", "k-long-name-for-a-header", "__proto__", "constructor", "7"];

function generatedFrame(next: () => number, index: number): Buffer {
  const pick = (n: number): number => Math.floor(next() * n);
  const headers: TestHeader[] = [];
  const names = new Set<string>();
  const count = pick(9);
  while (headers.length < count) {
    const name = HEADER_NAMES[pick(HEADER_NAMES.length)]! + (pick(3) === 0 ? String(pick(100)) : "");
    if (names.has(name)) continue;
    names.add(name);
    const bytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => pick(256));
    switch (pick(10)) {
      case 0:
        headers.push({ name, type: "true" });
        break;
      case 1:
        headers.push({ name, type: "false" });
        break;
      case 2:
        headers.push({ name, type: "byte", value: pick(256) - 128 });
        break;
      case 3:
        headers.push({ name, type: "short", value: pick(65536) - 32768 });
        break;
      case 4:
        headers.push({ name, type: "integer", value: pick(2 ** 32) - 2 ** 31 });
        break;
      case 5:
        headers.push({ name, type: "long", value: (BigInt(pick(2 ** 32)) << 32n) + BigInt(pick(2 ** 32)) - 2n ** 63n });
        break;
      case 6:
        headers.push({ name, type: "bytes", value: bytes(pick(40)) });
        break;
      case 7:
        headers.push({ name, type: "string", value: ["", "event", "application/json", "ünïcödé ✓", "x".repeat(pick(300))][pick(5)]! });
        break;
      case 8:
        headers.push({ name, type: "timestamp", value: BigInt(1_600_000_000_000 + pick(2 ** 31)) });
        break;
      default:
        headers.push({ name, type: "uuid", value: bytes(16) });
    }
  }
  const size = index % 7 === 0 ? 0 : pick(index % 5 === 0 ? 5000 : 300);
  return frame(headers, Uint8Array.from({ length: size }, () => pick(256)));
}

const next = random(20240611);
const GENERATED = Array.from({ length: 60 }, (_, i) => generatedFrame(next, i));

const THREE_FRAMES = [
  eventFrame("Records", "a,b,c\n1,2,3\n", "application/octet-stream"),
  frame([{ name: "flag", type: "true" }, { name: "n", type: "short", value: -7 }]),
  eventFrame("End"),
];
const THREE = Buffer.concat(THREE_FRAMES);

function corrupt(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x01;
  return copy;
}

const SAMPLE = ALL_HEADER_TYPES;
const CORRUPTED = {
  "prelude CRC": corrupt(SAMPLE, 9),
  "total length": corrupt(SAMPLE, 3),
  "headers length": corrupt(SAMPLE, 7),
  "a header byte": corrupt(SAMPLE, 14),
  "a payload byte": corrupt(SAMPLE, SAMPLE.length - 5),
  "message CRC": corrupt(SAMPLE, SAMPLE.length - 1),
};

const TWO = Buffer.concat([THREE_FRAMES[0]!, THREE_FRAMES[1]!]);
const PREFIXES = Array.from({ length: TWO.length + 1 }, (_, n) => TWO.subarray(0, n));

const DUPLICATE = frame([
  { name: "dup", type: "string", value: "one" },
  { name: "other", type: "integer", value: 1 },
  { name: "dup", type: "false" },
]);

/** Header blocks of exactly the limit, and one byte over it (two byte-array headers). */
function headerBlock(size: number): Buffer {
  const first = 65535;
  const second = size - 2 * 5 - first;
  return encodeHeaders([
    { name: "a", type: "bytes", value: new Uint8Array(first) },
    { name: "b", type: "bytes", value: new Uint8Array(second) },
  ]);
}
const MAX_HEADERS = frame(headerBlock(MAX_HEADERS_LENGTH), "x");
const OVER_HEADERS = frame(headerBlock(MAX_HEADERS_LENGTH + 1), "x");

/** A prelude (with a valid CRC) announcing a payload of `payload` bytes and no headers. */
function preludeFor(payload: number): Buffer {
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(payload + 16, 0);
  prelude.writeUInt32BE(0, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  return prelude;
}

const AT_PAYLOAD_LIMIT = preludeFor(MAX_PAYLOAD_LENGTH);
const OVER_PAYLOAD_LIMIT = preludeFor(MAX_PAYLOAD_LENGTH + 1);

const CASES: Uint8Array[][] = [
  [EMPTY_MESSAGE],
  [ALL_HEADER_TYPES],
  ...GENERATED.map((f) => [f]),
  [Buffer.concat(GENERATED)],
  ...Object.values(CORRUPTED).map((bytes) => [bytes]),
  [Buffer.concat([THREE_FRAMES[0]!, CORRUPTED["message CRC"]])],
  ...PREFIXES.map((bytes) => [bytes]),
  [DUPLICATE],
  [MAX_HEADERS],
  [OVER_HEADERS],
  [AT_PAYLOAD_LIMIT],
  [OVER_PAYLOAD_LIMIT],
];
const ORACLE: DecodeOutcome[] = botocoreDecode(CASES);
let cursor = 0;
/** botocore's outcomes for the next `count` cases, in the order CASES lists them. */
function oracle(count = 1): DecodeOutcome[] {
  const out = ORACLE.slice(cursor, cursor + count);
  cursor += count;
  return out;
}
const [EMPTY_ORACLE] = oracle();
const [ALL_TYPES_ORACLE] = oracle();
const GENERATED_ORACLE = oracle(GENERATED.length);
const [ALL_GENERATED_ORACLE] = oracle();
const CORRUPTED_ORACLE = oracle(Object.keys(CORRUPTED).length);
const [CORRUPT_SECOND_ORACLE] = oracle();
const PREFIX_ORACLE = oracle(PREFIXES.length);
const [DUPLICATE_ORACLE, MAX_HEADERS_ORACLE, OVER_HEADERS_ORACLE, AT_PAYLOAD_ORACLE, OVER_PAYLOAD_ORACLE] = oracle(5);

describe("frames written byte by byte", () => {
  test("the AWS empty-message vector: no headers, no payload", () => {
    const [message] = decodeAll(EMPTY_MESSAGE);
    assert.equal(message!.prelude.total_length, 16);
    assert.equal(message!.prelude.headers_length, 0);
    assert.equal(message!.prelude.crc, 0x05c248eb);
    assert.equal(message!.prelude.payload_length, 0);
    assert.deepEqual(message!.headers, {});
    assert.equal(message!.payload.length, 0);
    assert.equal(message!.crc, 0x7d98c8ff);
    assert.deepEqual(localDecode([EMPTY_MESSAGE]), EMPTY_ORACLE);
  });

  test("every header type decodes to botocore's value", () => {
    const [message] = decodeAll(ALL_HEADER_TYPES);
    const headers = message!.headers;
    assert.equal(headers.t, true);
    assert.equal(headers.f, false);
    assert.equal(headers.b, -2);
    assert.equal(headers.s, -300);
    assert.equal(headers.i, 70000);
    assert.equal(headers.l, -5000000000);
    assert.deepEqual(Uint8Array.from(headers.a as Uint8Array), Uint8Array.from([0xde, 0xad]));
    assert.equal(headers.n, "héllo");
    // A timestamp header stays the epoch milliseconds it carries, as in botocore.
    assert.equal(headers.d, 1700000000123);
    assert.equal(Buffer.from(headers.u as Uint8Array).toString("hex"), "00112233445566778899aabbccddeeff");
    assert.deepEqual(Object.keys(headers), ["t", "f", "b", "s", "i", "l", "a", "n", "d", "u"]);
    assert.equal(Buffer.from(message!.payload).toString(), "{}");
    assert.equal(message!.crc, 0xd935bdc7);
    assert.equal(message!.prelude.headers_end, 93);
    assert.equal(message!.prelude.payload_end, 95);
    assert.deepEqual(localDecode([ALL_HEADER_TYPES]), ALL_TYPES_ORACLE);
  });

  test("longs past 2^53 are bigints; the extremes of every integer type", () => {
    const [message] = decodeAll(
      frame([
        { name: "big", type: "long", value: 2n ** 62n },
        { name: "min", type: "long", value: -(2n ** 63n) },
        { name: "max", type: "long", value: 2n ** 63n - 1n },
        { name: "safe", type: "long", value: BigInt(Number.MAX_SAFE_INTEGER) },
        { name: "b", type: "byte", value: -128 },
        { name: "s", type: "short", value: 32767 },
        { name: "i", type: "integer", value: -(2 ** 31) },
        { name: "ts", type: "timestamp", value: -1n },
      ]),
    );
    assert.deepEqual(message!.headers, {
      big: 2n ** 62n,
      min: -(2n ** 63n),
      max: 2n ** 63n - 1n,
      safe: Number.MAX_SAFE_INTEGER,
      b: -128,
      s: 32767,
      i: -(2 ** 31),
      ts: -1,
    });
  });

  test("a header named __proto__ is an ordinary header", () => {
    const [message] = decodeAll(frame([{ name: "__proto__", type: "string", value: "x" }]));
    assert.equal(Object.getPrototypeOf(message!.headers), Object.prototype);
    assert.deepEqual(Object.keys(message!.headers), ["__proto__"]);
  });

  test("an empty payload and an empty header block", () => {
    const [a, b] = decodeAll(frame([], ""), frame([{ name: "x", type: "true" }], ""));
    assert.equal(a!.payload.length, 0);
    assert.deepEqual(a!.headers, {});
    assert.equal(b!.payload.length, 0);
    assert.deepEqual(b!.headers, { x: true });
  });

  test("to_response_dict gives exception and error messages status 400, as botocore", () => {
    const [event, exception, error] = decodeAll(
      eventFrame("A", "{}"),
      frame([{ name: ":message-type", type: "string", value: "exception" }]),
      frame([{ name: ":message-type", type: "string", value: "error" }]),
    );
    assert.equal(event!.to_response_dict().status_code, 200);
    assert.equal(event!.to_response_dict(206).status_code, 206);
    assert.equal(exception!.to_response_dict().status_code, 400);
    assert.equal(error!.to_response_dict(200).status_code, 400);
    assert.equal(event!.to_response_dict().body, event!.payload);
  });
});

describe("against botocore's EventStreamBuffer", () => {
  test("60 generated frames, each alone, decode as botocore decodes them", () => {
    assert.equal(GENERATED.length, 60);
    for (let i = 0; i < GENERATED.length; i++) {
      const local = localDecode([GENERATED[i]!]);
      assert.equal(local.messages.length, 1);
      assert.deepEqual(local, GENERATED_ORACLE[i], `frame ${i}`);
    }
  });

  test("the 60 frames as one stream, in chunks of random sizes, decode as botocore decodes the whole", () => {
    const whole = Buffer.concat(GENERATED);
    const sizes = random(7);
    const chunks: Buffer[] = [];
    for (let at = 0; at < whole.length; ) {
      const size = 1 + Math.floor(sizes() * 700);
      chunks.push(whole.subarray(at, at + size));
      at += size;
    }
    assert.deepEqual(localDecode(chunks), ALL_GENERATED_ORACLE);
    assert.equal(ALL_GENERATED_ORACLE!.messages.length, 60);
  });

  test("a corrupted prelude or message raises ChecksumMismatch with botocore's message", () => {
    const names = Object.keys(CORRUPTED);
    for (let i = 0; i < names.length; i++) {
      const bytes = CORRUPTED[names[i] as keyof typeof CORRUPTED];
      const expected = CORRUPTED_ORACLE[i]!;
      assert.equal(expected.error?.[0], "ChecksumMismatch", names[i]);
      assert.deepEqual(localDecode([bytes]), expected, names[i]);
      assert.throws(() => decodeAll(bytes), ChecksumMismatch);
    }
  });

  test("the prelude CRC is checked before the rest of the message arrives", () => {
    const bytes = CORRUPTED["prelude CRC"];
    const buffer = new EventStreamBuffer();
    buffer.add_data(bytes.subarray(0, 12));
    assert.throws(() => buffer.next(), (error: unknown) => {
      assert.ok(error instanceof ChecksumMismatch);
      assert.ok(error instanceof ParserError);
      assert.ok(error instanceof BotoCoreError);
      assert.equal(error.message, "Checksum mismatch: expected 0xa7ddb396, calculated 0xa7dcb396");
      return true;
    });
    // The bytes are kept: asking again fails again, as botocore's buffer does.
    assert.throws(() => buffer.next(), ChecksumMismatch);
  });

  test("messages before a corrupted one come out; then the error", () => {
    assert.deepEqual(localDecode([Buffer.concat([THREE_FRAMES[0]!, CORRUPTED["message CRC"]])]), CORRUPT_SECOND_ORACLE);
    assert.equal(CORRUPT_SECOND_ORACLE!.messages.length, 1);
  });

  test("every truncation of a two-frame stream ends quietly with the whole messages, as in botocore", () => {
    for (let n = 0; n < PREFIXES.length; n++) {
      assert.deepEqual(localDecode([PREFIXES[n]!]), PREFIX_ORACLE[n], `first ${n} bytes`);
      assert.equal(PREFIX_ORACLE[n]!.error, null);
    }
  });

  test("a duplicate header raises DuplicateHeader", () => {
    assert.deepEqual(localDecode([DUPLICATE]), DUPLICATE_ORACLE);
    assert.deepEqual(DUPLICATE_ORACLE!.error, ["DuplicateHeader", 'Duplicate header present: "dup"']);
    assert.throws(() => decodeAll(DUPLICATE), DuplicateHeader);
  });
});

describe("size limits", () => {
  test("a header block of exactly 128 KiB decodes; one byte more raises InvalidHeadersLength", () => {
    assert.equal(MAX_HEADERS.readUInt32BE(4), MAX_HEADERS_LENGTH);
    assert.deepEqual(localDecode([MAX_HEADERS]), MAX_HEADERS_ORACLE);
    assert.equal(MAX_HEADERS_ORACLE!.messages.length, 1);
    assert.deepEqual(localDecode([OVER_HEADERS]), OVER_HEADERS_ORACLE);
    assert.deepEqual(OVER_HEADERS_ORACLE!.error, ["InvalidHeadersLength", "Header length of 131073 exceeded the maximum of 131072"]);
    assert.throws(() => decodeAll(OVER_HEADERS), InvalidHeadersLength);
  });

  test("a payload of exactly 24 MiB decodes; a prelude announcing one byte more raises InvalidPayloadLength at once", () => {
    const payload = Buffer.alloc(MAX_PAYLOAD_LENGTH, 0x61);
    const big = frame([{ name: ":event-type", type: "string", value: "Big" }], payload);
    const [message] = decodeAll(big.subarray(0, 1000), big.subarray(1000));
    assert.equal(message!.payload.length, MAX_PAYLOAD_LENGTH);
    assert.equal(message!.headers[":event-type"], "Big");
    // botocore waits for the rest of a frame at the limit, and refuses one over it from its prelude alone.
    assert.deepEqual(localDecode([AT_PAYLOAD_LIMIT]), AT_PAYLOAD_ORACLE);
    assert.deepEqual(AT_PAYLOAD_ORACLE, { messages: [], error: null });
    assert.deepEqual(localDecode([OVER_PAYLOAD_LIMIT]), OVER_PAYLOAD_ORACLE);
    assert.deepEqual(OVER_PAYLOAD_ORACLE!.error, ["InvalidPayloadLength", "Payload length of 25165825 exceeded the maximum of 25165824"]);
    assert.throws(() => decodeAll(OVER_PAYLOAD_LIMIT), InvalidPayloadLength);
  });

  test("a frame split into a thousand pieces is copied once, not once per piece", () => {
    const big = frame([], Buffer.alloc(1 << 20, 0x62));
    const buffer = new EventStreamBuffer();
    const piece = Math.ceil(big.length / 1000);
    const started = process.hrtime.bigint();
    let messages = 0;
    for (let at = 0; at < big.length; at += piece) {
      buffer.add_data(big.subarray(at, at + piece));
      for (const _ of buffer) messages++;
    }
    assert.equal(messages, 1);
    assert.equal(buffer.buffered_bytes, 0);
    // A quadratic buffer copies ~500 MiB here; a linear one copies 1 MiB.
    assert.ok(process.hrtime.bigint() - started < 2_000_000_000n);
  });
});

describe("frames split across chunks", () => {
  const expected = decodeAll(THREE).map((m) => [m.headers, Buffer.from(m.payload).toString("hex")]);

  function same(chunks: Uint8Array[], label: string): void {
    const got = decodeAll(...chunks).map((m) => [m.headers, Buffer.from(m.payload).toString("hex")]);
    assert.deepEqual(got, expected, label);
  }

  test("three frames decode the same at every two-way split", () => {
    assert.equal(expected.length, 3);
    for (let i = 0; i <= THREE.length; i++) same([THREE.subarray(0, i), THREE.subarray(i)], `split at ${i}`);
  });

  test("three frames decode the same at every three-way split", () => {
    for (let i = 0; i <= THREE.length; i++) {
      for (let j = i; j <= THREE.length; j++) same([THREE.subarray(0, i), THREE.subarray(i, j), THREE.subarray(j)], `split at ${i}, ${j}`);
    }
  });

  test("one byte at a time, and messages come out as soon as their last byte is in", () => {
    const buffer = new EventStreamBuffer();
    const ends = THREE_FRAMES.reduce<number[]>((acc, f) => [...acc, (acc.at(-1) ?? 0) + f.length], []);
    const seenAt: number[] = [];
    for (let i = 0; i < THREE.length; i++) {
      buffer.add_data(THREE.subarray(i, i + 1));
      for (const _ of buffer) seenAt.push(i + 1);
    }
    assert.deepEqual(seenAt, ends);
  });
});

describe("malformed frames botocore has no error class for", () => {
  function withHeaderBlock(block: Buffer): Buffer {
    return frame(block, "p");
  }

  test("an unknown header type raises ParserError", () => {
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([1, 0x78, 10]))), (error: unknown) => {
      assert.ok(error instanceof ParserError);
      assert.equal((error as Error).message, 'Unknown header type 10 for header "x"');
      return true;
    });
  });

  test("a header running past the header block raises ParserError", () => {
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([1, 0x78, 7, 0, 9, 0x61]))), ParserError);
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([1, 0x78, 4, 0, 0]))), ParserError);
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([9, 0x78]))), ParserError);
  });

  test("a header that is not UTF-8 raises ParserError", () => {
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([1, 0xff, 0]))), ParserError);
    assert.throws(() => decodeAll(withHeaderBlock(Buffer.from([1, 0x78, 7, 0, 1, 0xc3]))), ParserError);
  });

  test("a frame too short for its own header block raises ParserError", () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(20, 0);
    prelude.writeUInt32BE(10, 4);
    prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
    assert.throws(() => decodeAll(prelude), ParserError);
  });
});
