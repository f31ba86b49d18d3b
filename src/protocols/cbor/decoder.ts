/**
 * A compact CBOR (RFC 8949) decoder for Smithy RPC v2 responses, with
 * botocore's choices: tag 1 is an epoch timestamp (a Date), other tags are
 * refused, map entries whose value is null are dropped, integers past 2^53
 * come back as bigint. Malformed input raises ResponseParserError.
 */
import { ResponseParserError } from "../common/response-parser-error.js";
import { parseTimestamp } from "../common/timestamps.js";
import { describeValue } from "../common/values.js";

/** A tag other than 1, returned only when the caller asks for raw tags. */
export interface CborTag {
  tag: number | bigint;
  value: unknown;
}

/** Decoding options. */
export interface CborDecodeOptions {
  /** Return tags other than 1 as CborTag instead of failing (botocore fails). */
  rawTags?: boolean;
  /** Keep map entries whose value is null (botocore drops them). */
  keepNulls?: boolean;
  /** Turns a tag-1 epoch value into a timestamp; default: a Date. */
  timestampParser?: (value: unknown) => unknown;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const BREAK = 0xff;

function fail(message: string): ResponseParserError {
  return new ResponseParserError(message);
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** How deep items may nest (botocore recurses, and fails past Python's recursion limit of 1,000). */
const MAX_DEPTH = 900;

class Decoder {
  private pos = 0;
  private depth = 0;
  private readonly view: DataView;

  private readonly bytes: Uint8Array;

  constructor(
    input: Uint8Array,
    private readonly options: CborDecodeOptions,
  ) {
    // A plain Uint8Array view (a Buffer's slice and subarray cost more), and a copy for byte strings.
    this.bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }

  private need(count: number): void {
    if (this.pos + count > this.bytes.length) {
      throw fail("End of stream reached; this indicates a malformed CBOR response from the server or an issue in botocore");
    }
  }

  private argument(info: number, major: number): number | bigint {
    if (info < 24) return info;
    switch (info) {
      case 24:
        this.need(1);
        return this.bytes[this.pos++]!;
      case 25: {
        this.need(2);
        const value = this.view.getUint16(this.pos);
        this.pos += 2;
        return value;
      }
      case 26: {
        this.need(4);
        const value = this.view.getUint32(this.pos);
        this.pos += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const value = this.view.getBigUint64(this.pos);
        this.pos += 8;
        return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
      }
      default:
        throw fail(`Invalid CBOR integer returned from the service; unparsable additional info found for major type ${major}: ${info}`);
    }
  }

  /** A length or count; each byte or item needs at least a byte, so one past the end is malformed. */
  private length(info: number, major: number): number {
    const value = this.argument(info, major);
    if (typeof value === "bigint" || value > this.bytes.length - this.pos) this.need(Number.MAX_SAFE_INTEGER);
    return value as number;
  }

  private atBreak(): boolean {
    this.need(1);
    if (this.bytes[this.pos] === BREAK) {
      this.pos++;
      return true;
    }
    return false;
  }

  private bytesItem(info: number, major: number): Uint8Array {
    if (info !== 31) {
      const length = this.length(info, major);
      const out = this.bytes.slice(this.pos, this.pos + length);
      this.pos += length;
      return out;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (!this.atBreak()) {
      const initial = this.bytes[this.pos++]!;
      if (initial >> 5 !== major || (initial & 0x1f) === 31) {
        throw fail(`Unexpected item in an indefinite-length ${major === 2 ? "byte" : "text"} string`);
      }
      const chunk = this.bytesItem(initial & 0x1f, major);
      chunks.push(chunk);
      total += chunk.length;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** A text string; short ASCII strings (member names, most values) are read without a decoder. */
  private textItem(info: number): string {
    let raw: Uint8Array;
    if (info !== 31) {
      const length = this.length(info, 3);
      const start = this.pos;
      const end = start + length;
      this.pos = end;
      const bytes = this.bytes;
      if (length <= 32) {
        let text = "";
        let i = start;
        for (; i < end; i++) {
          const byte = bytes[i]!;
          if (byte >= 128) break;
          text += String.fromCharCode(byte);
        }
        if (i === end) return text;
      }
      raw = bytes.subarray(start, end);
    } else {
      raw = this.bytesItem(info, 3);
    }
    try {
      return UTF8.decode(raw);
    } catch (cause) {
      throw new ResponseParserError("Invalid UTF-8 in a CBOR text string", { cause });
    }
  }

  item(): unknown {
    if (++this.depth > MAX_DEPTH) throw fail(`CBOR items nested more than ${MAX_DEPTH} levels deep`);
    // A failure abandons the decoder, so the depth needs no unwinding then.
    const value = this.itemAt();
    this.depth--;
    return value;
  }

  private itemAt(): unknown {
    this.need(1);
    const initial = this.bytes[this.pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return this.argument(info, major);
      case 1: {
        const value = this.argument(info, major);
        if (typeof value === "bigint") return -1n - value;
        const negative = -1 - value;
        return Number.isSafeInteger(negative) ? negative : -1n - BigInt(value);
      }
      case 2:
        return this.bytesItem(info, major);
      case 3:
        return this.textItem(info);
      case 4: {
        const out: unknown[] = [];
        if (info === 31) {
          while (!this.atBreak()) out.push(this.item());
        } else {
          const length = this.length(info, major);
          for (let i = 0; i < length; i++) out.push(this.item());
        }
        return out;
      }
      case 5: {
        const out: Record<string, unknown> = {};
        if (info === 31) {
          while (!this.atBreak()) this.entry(out);
        } else {
          const length = this.length(info, major);
          for (let i = 0; i < length; i++) this.entry(out);
        }
        return out;
      }
      case 6: {
        const tag = this.argument(info, major);
        const value = this.item();
        if (tag === 1) {
          if (typeof value !== "number" && typeof value !== "bigint") throw fail(`Unable to parse datetime value: ${describeValue(value)}`);
          return (this.options.timestampParser ?? parseTimestamp)(value);
        }
        if (this.options.rawTags) return { tag, value } satisfies CborTag;
        throw fail(`Found CBOR tag not supported by botocore: ${String(tag)}`);
      }
      default:
        return this.simple(info);
    }
  }

  private entry(out: Record<string, unknown>): void {
    const key = this.item();
    const value = this.item();
    if (value === null && !this.options.keepNulls) return;
    let name: string;
    if (typeof key === "string") {
      name = key;
    } else {
      // Python keys a dict by any hashable item; a map or list key cannot be a member name.
      if (key !== null && typeof key === "object" && !(key instanceof Date)) throw fail("Invalid CBOR map key: expected a text string");
      name = String(key);
    }
    if (name === "__proto__") Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }

  private simple(info: number): unknown {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23:
        return null;
      case 25: {
        this.need(2);
        const value = halfToNumber(this.view.getUint16(this.pos));
        this.pos += 2;
        return value;
      }
      case 26: {
        this.need(4);
        const value = this.view.getFloat32(this.pos);
        this.pos += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const value = this.view.getFloat64(this.pos);
        this.pos += 8;
        return value;
      }
      default:
        throw fail(
          `Invalid additional info found for major type 7: ${info}.  This indicates an unsupported simple type or an indefinite float value`,
        );
    }
  }
}

/** Decodes one CBOR data item (botocore's `parse_data_item`); bytes after it are ignored, as botocore does. */
export function decodeCbor(bytes: Uint8Array, options: CborDecodeOptions = {}): unknown {
  return new Decoder(bytes, options).item();
}
