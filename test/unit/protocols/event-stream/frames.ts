/**
 * Event-stream frames built byte by byte for the tests: every header type,
 * the prelude and both CRCs written out explicitly, so the decoder is
 * checked against the wire format rather than against itself.
 */
import { crc32 } from "node:zlib";

/** A header to encode, by wire type. */
export type TestHeader =
  | { name: string; type: "true" | "false" }
  | { name: string; type: "byte" | "short" | "integer"; value: number }
  | { name: string; type: "long" | "timestamp"; value: bigint }
  | { name: string; type: "bytes" | "uuid"; value: Uint8Array }
  | { name: string; type: "string"; value: string };

const TYPE_CODES = { true: 0, false: 1, byte: 2, short: 3, integer: 4, long: 5, bytes: 6, string: 7, timestamp: 8, uuid: 9 } as const;

function u8(value: number): number[] {
  return [value & 0xff];
}

function u16(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function i64(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < 8; i++) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

/** The header block for `headers`, in order. */
export function encodeHeaders(headers: readonly TestHeader[]): Buffer {
  const bytes: number[] = [];
  for (const header of headers) {
    const name = Buffer.from(header.name, "utf8");
    bytes.push(...u8(name.length), ...name, TYPE_CODES[header.type]);
    switch (header.type) {
      case "true":
      case "false":
        break;
      case "byte":
        bytes.push(...u8(header.value));
        break;
      case "short":
        bytes.push(...u16(header.value));
        break;
      case "integer":
        bytes.push(...u32(header.value));
        break;
      case "long":
      case "timestamp":
        bytes.push(...i64(header.value));
        break;
      case "bytes":
        bytes.push(...u16(header.value.length), ...header.value);
        break;
      case "string": {
        const text = Buffer.from(header.value, "utf8");
        bytes.push(...u16(text.length), ...text);
        break;
      }
      case "uuid":
        bytes.push(...header.value);
        break;
    }
  }
  return Buffer.from(bytes);
}

/** A whole frame: prelude, prelude CRC, headers (encoded here or given as bytes), payload, message CRC. */
export function frame(headers: readonly TestHeader[] | Buffer, payload: Uint8Array | string = ""): Buffer {
  const block = Buffer.isBuffer(headers) ? headers : encodeHeaders(headers);
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const total = 12 + block.length + body.length + 4;
  const prelude = Buffer.from([...u32(total), ...u32(block.length)]);
  const preludeCrc = Buffer.from(u32(crc32(prelude)));
  const withoutCrc = Buffer.concat([prelude, preludeCrc, block, body]);
  return Buffer.concat([withoutCrc, Buffer.from(u32(crc32(withoutCrc)))]);
}

function text(name: string, value: string): TestHeader {
  return { name, type: "string", value };
}

/** An event message (`:message-type` event) of `eventType`. */
export function eventFrame(eventType: string, payload: Uint8Array | string = "", contentType?: string): Buffer {
  const headers = [text(":message-type", "event"), text(":event-type", eventType)];
  if (contentType !== undefined) headers.push(text(":content-type", contentType));
  return frame(headers, payload);
}

/** A modeled exception message (`:message-type` exception). */
export function exceptionFrame(exceptionType: string, payload: Uint8Array | string, contentType = "application/json"): Buffer {
  return frame([text(":message-type", "exception"), text(":exception-type", exceptionType), text(":content-type", contentType)], payload);
}

/** An error message (`:message-type` error) with `:error-code` and `:error-message`. */
export function errorFrame(code: string, message: string): Buffer {
  return frame([text(":message-type", "error"), text(":error-code", code), text(":error-message", message)]);
}

/** A deterministic pseudo-random source (mulberry32), so generated cases are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
