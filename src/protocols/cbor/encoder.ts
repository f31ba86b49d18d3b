/**
 * A compact CBOR encoder: a growable byte buffer with the writes botocore's
 * CBORSerializer makes (smallest integer heads, float32 for `float`,
 * float64 for `double`, half-precision for the special floats).
 */

const UTF8 = new TextEncoder();

/**
 * One buffer lent to the writer being used (encoding is synchronous), so a
 * request does not allocate and zero a fresh one; a writer that is not
 * finished simply never returns it, and the next one allocates.
 */
let spare: Uint8Array | undefined = new Uint8Array(4096);
let spareView: DataView | undefined = new DataView(spare.buffer);
const SPARE_LIMIT = 1 << 16;
/** What a finished writer holds (a write after `finish` grows a fresh buffer). */
const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY.buffer);

/** Appends CBOR items to a growing buffer. */
export class CborWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor() {
    const lent = spare;
    const lentView = spareView;
    spare = spareView = undefined;
    this.buffer = lent ?? new Uint8Array(256);
    this.view = lentView ?? new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  }

  private reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.buffer.length) return;
    let size = Math.max(256, this.buffer.length * 2);
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** A head: major type and argument in the fewest bytes. */
  head(major: number, argument: number | bigint): void {
    this.reserve(9);
    const top = major << 5;
    if (typeof argument === "bigint" || argument > 0xffffffff) {
      this.buffer[this.length++] = top | 27;
      this.view.setBigUint64(this.length, BigInt(argument));
      this.length += 8;
    } else if (argument < 24) {
      this.buffer[this.length++] = top | argument;
    } else if (argument < 0x100) {
      this.buffer[this.length++] = top | 24;
      this.buffer[this.length++] = argument;
    } else if (argument < 0x10000) {
      this.buffer[this.length++] = top | 25;
      this.view.setUint16(this.length, argument);
      this.length += 2;
    } else {
      this.buffer[this.length++] = top | 26;
      this.view.setUint32(this.length, argument);
      this.length += 4;
    }
  }

  /** An integer: major 0 for >= 0, else major 1 with -1 - value. */
  integer(value: number | bigint): void {
    if (typeof value === "bigint") {
      if (value >= 0n) this.head(0, value);
      else this.head(1, -1n - value);
    } else if (value >= 0) {
      this.head(0, value);
    } else {
      this.head(1, -1 - value);
    }
  }

  /** A byte string. */
  bytes(value: Uint8Array): void {
    this.head(2, value.length);
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  /** A text string. */
  text(value: string): void {
    const n = value.length;
    if (n < 512) {
      // ASCII (member names, most values): one byte per character, written in place.
      let i = 0;
      while (i < n && value.charCodeAt(i) < 128) i++;
      if (i === n) {
        this.head(3, n);
        this.reserve(n);
        const buffer = this.buffer;
        let at = this.length;
        for (let k = 0; k < n; k++) buffer[at++] = value.charCodeAt(k);
        this.length = at;
        return;
      }
    }
    const encoded = UTF8.encode(value);
    this.head(3, encoded.length);
    this.reserve(encoded.length);
    this.buffer.set(encoded, this.length);
    this.length += encoded.length;
  }

  /** true / false. */
  boolean(value: boolean): void {
    this.reserve(1);
    this.buffer[this.length++] = value ? 0xf5 : 0xf4;
  }

  /** Infinity, -Infinity and NaN as half floats; others as float32 or float64. */
  float(value: number, double: boolean): void {
    this.reserve(9);
    if (!Number.isFinite(value)) {
      this.buffer[this.length++] = 0xf9;
      this.view.setUint16(this.length, Number.isNaN(value) ? 0x7e00 : value > 0 ? 0x7c00 : 0xfc00);
      this.length += 2;
    } else if (double) {
      this.buffer[this.length++] = 0xfb;
      this.view.setFloat64(this.length, value);
      this.length += 8;
    } else {
      this.buffer[this.length++] = 0xfa;
      this.view.setFloat32(this.length, value);
      this.length += 4;
    }
  }

  /** The bytes written (a copy); the writer's buffer goes back to be lent again. */
  finish(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    if (this.buffer.length <= SPARE_LIMIT) {
      spare = this.buffer;
      spareView = this.view;
    }
    this.buffer = EMPTY;
    this.view = EMPTY_VIEW;
    this.length = 0;
    return out;
  }
}
