/**
 * The binary frames of AWS event streams (`application/vnd.amazon.eventstream`),
 * decoded incrementally as botocore's `EventStreamBuffer` decodes them.
 *
 * A frame is a 12-byte prelude (total length, headers length, CRC32 of the
 * first 8 bytes), typed headers, the payload and a CRC32 of everything
 * before it. Bytes arrive in chunks split anywhere; a message comes out once
 * all of its bytes are in. Checks and their order are botocore's: prelude
 * CRC, header and payload limits (as soon as the prelude is in), then the
 * message CRC, then duplicate headers. Leftover bytes that never make a
 * whole message are not an error (botocore ends the stream quietly).
 */
import { isUtf8 } from "node:buffer";
import { crc32 } from "node:zlib";
import {
  ChecksumMismatch, DuplicateHeader, InvalidHeadersLength, InvalidPayloadLength, MAX_HEADERS_LENGTH, MAX_PAYLOAD_LENGTH,
  ParserError,
} from "./errors.js";

/** Bytes of the prelude: total length, headers length, prelude CRC. */
const PRELUDE_LENGTH = 12;
/** The prelude and the message CRC: the smallest possible frame. */
const MIN_MESSAGE_LENGTH = PRELUDE_LENGTH + 4;

/**
 * A header value as botocore decodes it: booleans; byte, short, integer,
 * long and timestamp (epoch milliseconds) as numbers, or bigints past 2^53;
 * strings; byte arrays and UUIDs as bytes.
 */
export type HeaderValue = boolean | number | bigint | string | Uint8Array;

/** A message's headers by name. */
export type EventStreamHeaders = Record<string, HeaderValue>;

/** The prelude of a message (botocore.eventstream.MessagePrelude). */
export class MessagePrelude {
  constructor(
    /** Bytes in the whole message, prelude and message CRC included. */
    readonly total_length: number,
    /** Bytes of the header block. */
    readonly headers_length: number,
    /** CRC32 of the first 8 bytes. */
    readonly crc: number,
  ) {}

  /** Bytes of the payload. */
  get payload_length(): number {
    return this.total_length - this.headers_length - PRELUDE_LENGTH - 4;
  }

  /** Offset of the end of the payload (where the message CRC starts). */
  get payload_end(): number {
    return this.total_length - 4;
  }

  /** Offset of the end of the header block. */
  get headers_end(): number {
    return PRELUDE_LENGTH + this.headers_length;
  }
}

/** One decoded message (botocore.eventstream.EventStreamMessage). */
export class EventStreamMessage {
  constructor(
    readonly prelude: MessagePrelude,
    readonly headers: EventStreamHeaders,
    readonly payload: Uint8Array,
    /** The message CRC32. */
    readonly crc: number,
  ) {}

  /** The message as a response dict for a parser: `error` and `exception` messages get status 400. */
  to_response_dict(status_code = 200): { status_code: number; headers: EventStreamHeaders; body: Uint8Array } {
    const type = this.headers[":message-type"];
    return { status_code: type === "error" || type === "exception" ? 400 : status_code, headers: this.headers, body: this.payload };
  }
}

/**
 * Text of a header name or string value. Headers are nearly always ASCII
 * (`:event-type`, `:content-type`), read here without a decoder; anything
 * else must be valid UTF-8, as botocore's strict decode requires.
 */
function utf8(block: Buffer, start: number, end: number, what: string): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (block[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return block.toString("latin1", start, end);
  if (!isUtf8(block.subarray(start, end))) throw new ParserError({ msg: `${what} is not valid UTF-8` });
  return block.toString("utf8", start, end);
}

/** An int64 as a number when exact, else a bigint (as the parsers give longs). */
function int64(view: Buffer, at: number): number | bigint {
  const value = view.readBigInt64BE(at);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * Reads a header block (botocore's EventStreamHeaderParser). Unlike
 * botocore, which slices past the end of the block and reads what is left,
 * a header that runs past the block is an error.
 */
export function parseHeaders(block: Buffer): EventStreamHeaders {
  const headers: EventStreamHeaders = {};
  let at = 0;
  const need = (count: number): void => {
    if (at + count > block.length) throw new ParserError({ msg: `Header data ended early: needed ${count} more bytes at offset ${at} of ${block.length}` });
  };
  while (at < block.length) {
    const nameLength = block[at++]!;
    need(nameLength);
    const name = utf8(block, at, at + nameLength, "Header name");
    at += nameLength;
    need(1);
    const type = block[at++]!;
    let value: HeaderValue;
    switch (type) {
      case 0:
        value = true;
        break;
      case 1:
        value = false;
        break;
      case 2:
        need(1);
        value = block.readInt8(at);
        at += 1;
        break;
      case 3:
        need(2);
        value = block.readInt16BE(at);
        at += 2;
        break;
      case 4:
        need(4);
        value = block.readInt32BE(at);
        at += 4;
        break;
      case 5: // long
      case 8: // timestamp: epoch milliseconds, left as the number botocore leaves it
        need(8);
        value = int64(block, at);
        at += 8;
        break;
      case 6:
      case 7: {
        need(2);
        const length = block.readUInt16BE(at);
        at += 2;
        need(length);
        value = type === 6 ? block.subarray(at, at + length) : utf8(block, at, at + length, `Header "${name}"`);
        at += length;
        break;
      }
      case 9:
        need(16);
        value = block.subarray(at, at + 16);
        at += 16;
        break;
      default:
        throw new ParserError({ msg: `Unknown header type ${type} for header "${name}"` });
    }
    if (Object.hasOwn(headers, name)) throw new DuplicateHeader({ header: name });
    // A header named __proto__ is an ordinary key, never the object's prototype.
    if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    else headers[name] = value;
  }
  return headers;
}

function parsePrelude(bytes: Buffer): MessagePrelude {
  const prelude = new MessagePrelude(bytes.readUInt32BE(0), bytes.readUInt32BE(4), bytes.readUInt32BE(8));
  const calculated = crc32(bytes.subarray(0, 8));
  if (calculated !== prelude.crc) throw new ChecksumMismatch({ expected: prelude.crc, calculated });
  if (prelude.headers_length > MAX_HEADERS_LENGTH) throw new InvalidHeadersLength({ length: prelude.headers_length });
  if (prelude.payload_length > MAX_PAYLOAD_LENGTH) throw new InvalidPayloadLength({ length: prelude.payload_length });
  // botocore reads a frame too short for its own headers by slicing backwards; it is malformed.
  if (prelude.total_length < MIN_MESSAGE_LENGTH + prelude.headers_length) {
    throw new ParserError({
      msg: `Message length of ${prelude.total_length} is too short for a prelude, ${prelude.headers_length} bytes of headers and a message CRC`,
    });
  }
  return prelude;
}

function parseMessage(bytes: Buffer, prelude: MessagePrelude): EventStreamMessage {
  const payloadEnd = prelude.payload_end;
  const expected = bytes.readUInt32BE(payloadEnd);
  // Continuing from the prelude CRC covers the whole frame before the message CRC.
  const calculated = crc32(bytes.subarray(PRELUDE_LENGTH - 4, payloadEnd), prelude.crc);
  if (calculated !== expected) throw new ChecksumMismatch({ expected, calculated });
  const headers = parseHeaders(bytes.subarray(PRELUDE_LENGTH, prelude.headers_end));
  return new EventStreamMessage(prelude, headers, bytes.subarray(prelude.headers_end, payloadEnd), expected);
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Turns chunks of an event stream into messages (botocore's
 * EventStreamBuffer): `add_data` as bytes arrive, then iterate (or call
 * `next`) for the messages they complete. A failed check throws and keeps
 * the bytes, so calling again throws again, as botocore does.
 */
export class EventStreamBuffer implements IterableIterator<EventStreamMessage> {
  /** Chunks not yet consumed; the first starts at `offset`. */
  private chunks: Buffer[] = [];
  private offset = 0;
  /** Unconsumed bytes across the chunks. */
  private length = 0;
  /** The prelude of the message being assembled, once it has been read and checked. */
  private prelude: MessagePrelude | null = null;

  /** Adds bytes from the stream. */
  add_data(data: Uint8Array): void {
    if (data.byteLength === 0) return;
    this.chunks.push(asBuffer(data));
    this.length += data.byteLength;
  }

  /** The next whole message, or done when the bytes so far do not complete one. */
  next(): IteratorResult<EventStreamMessage, undefined> {
    if (this.length < PRELUDE_LENGTH) return DONE;
    this.prelude ??= parsePrelude(this.contiguous(PRELUDE_LENGTH));
    const total = this.prelude.total_length;
    if (this.length < total) return DONE;
    const message = parseMessage(this.contiguous(total), this.prelude);
    this.consume(total);
    this.prelude = null;
    return { done: false, value: message };
  }

  [Symbol.iterator](): IterableIterator<EventStreamMessage> {
    return this;
  }

  /** Bytes held that do not yet make a whole message. */
  get buffered_bytes(): number {
    return this.length;
  }

  /**
   * The first `count` unconsumed bytes as one buffer. When they span chunks,
   * exactly those bytes are merged into one chunk, so a message is copied
   * at most once however finely it was split, and bytes after it never.
   */
  private contiguous(count: number): Buffer {
    const chunks = this.chunks;
    const first = chunks[0]!;
    if (first.length - this.offset >= count) return first.subarray(this.offset, this.offset + count);
    const merged = Buffer.allocUnsafe(count);
    let have = first.copy(merged, 0, this.offset);
    let used = 1;
    let rest: Buffer | undefined;
    while (have < count) {
      const chunk = chunks[used++]!;
      const take = Math.min(chunk.length, count - have);
      have += chunk.copy(merged, have, 0, take);
      if (take < chunk.length) rest = chunk.subarray(take);
    }
    if (rest === undefined) chunks.splice(0, used, merged);
    else chunks.splice(0, used, merged, rest);
    this.offset = 0;
    return merged;
  }

  private consume(count: number): void {
    this.length -= count;
    let left = count;
    while (left > 0) {
      const first = this.chunks[0]!;
      const available = first.length - this.offset;
      if (available > left) {
        this.offset += left;
        return;
      }
      left -= available;
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
