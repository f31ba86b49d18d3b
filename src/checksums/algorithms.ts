/**
 * The checksum algorithms of AWS flexible checksums, each as an incremental
 * hasher whose digest is sent base64-encoded (botocore's httpchecksum.py).
 *
 * botocore computes CRC32C and CRC64NVME only with the optional awscrt
 * package; here they are always available (table-driven, eight bytes a
 * step), so boto3-ts behaves as botocore with awscrt installed for them.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

/** An incremental checksum. */
export interface Checksum {
  update(chunk: Uint8Array): void;
  /** The digest's bytes. */
  digest(): Uint8Array;
  /** The digest, base64-encoded, as AWS expects it in x-amz-checksum-* headers. */
  b64digest(): string;
}

abstract class BaseChecksum implements Checksum {
  abstract update(chunk: Uint8Array): void;
  abstract digest(): Uint8Array;
  b64digest(): string {
    const bytes = this.digest();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  }
}

class Crc32 extends BaseChecksum {
  private value = 0;
  update(chunk: Uint8Array): void {
    this.value = crc32(chunk, this.value);
  }
  digest(): Uint8Array {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.value >>> 0);
    return out;
  }
}

/** Slice-by-8 tables for a reflected 32-bit CRC: table k maps a byte k positions ahead. */
function crc32Tables(polynomial: number): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    tables[0]![i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    for (let t = 1; t < 8; t++) {
      const previous = tables[t - 1]![i]!;
      tables[t]![i] = (tables[0]![previous & 0xff]! ^ (previous >>> 8)) >>> 0;
    }
  }
  return tables;
}

let crc32cTables: Uint32Array[] | undefined;

// CRC-32C (Castagnoli), reflected polynomial 0x82F63B78.
class Crc32c extends BaseChecksum {
  private value = 0xffffffff;
  update(chunk: Uint8Array): void {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = (crc32cTables ??= crc32Tables(0x82f63b78)) as [
      Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
    ];
    let c = this.value;
    let i = 0;
    const n = chunk.length;
    for (const end = n - (n % 8); i < end; i += 8) {
      const a = (c ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24))) >>> 0;
      c =
        t7[a & 0xff]! ^ t6[(a >>> 8) & 0xff]! ^ t5[(a >>> 16) & 0xff]! ^ t4[a >>> 24]! ^
        t3[chunk[i + 4]!]! ^ t2[chunk[i + 5]!]! ^ t1[chunk[i + 6]!]! ^ t0[chunk[i + 7]!]!;
    }
    for (; i < n; i++) c = t0[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
    this.value = c >>> 0;
  }
  digest(): Uint8Array {
    const out = Buffer.alloc(4);
    out.writeUInt32BE((this.value ^ 0xffffffff) >>> 0);
    return out;
  }
}

/** Slice-by-8 tables for CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), as 32-bit halves. */
interface Crc64Tables {
  lo: Uint32Array[];
  hi: Uint32Array[];
}

let crc64Tables: Crc64Tables | undefined;

function makeCrc64Tables(): Crc64Tables {
  const polyLo = 0xac4bc9b5;
  const polyHi = 0x9a6c9329;
  const lo = Array.from({ length: 8 }, () => new Uint32Array(256));
  const hi = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let i = 0; i < 256; i++) {
    let l = i;
    let h = 0;
    for (let k = 0; k < 8; k++) {
      const odd = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (odd) {
        l = (l ^ polyLo) >>> 0;
        h = (h ^ polyHi) >>> 0;
      }
    }
    lo[0]![i] = l;
    hi[0]![i] = h;
  }
  for (let i = 0; i < 256; i++) {
    for (let t = 1; t < 8; t++) {
      const pl = lo[t - 1]![i]!;
      const ph = hi[t - 1]![i]!;
      const index = pl & 0xff;
      lo[t]![i] = (lo[0]![index]! ^ ((pl >>> 8) | (ph << 24))) >>> 0;
      hi[t]![i] = (hi[0]![index]! ^ (ph >>> 8)) >>> 0;
    }
  }
  return { lo, hi };
}

class Crc64Nvme extends BaseChecksum {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(chunk: Uint8Array): void {
    const { lo: L, hi: H } = (crc64Tables ??= makeCrc64Tables());
    const [l0, l1, l2, l3, l4, l5, l6, l7] = L as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    const [h0, h1, h2, h3, h4, h5, h6, h7] = H as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    let lo = this.lo;
    let hi = this.hi;
    let i = 0;
    const n = chunk.length;
    for (const end = n - (n % 8); i < end; i += 8) {
      const a = (lo ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24))) >>> 0;
      const b = (hi ^ (chunk[i + 4]! | (chunk[i + 5]! << 8) | (chunk[i + 6]! << 16) | (chunk[i + 7]! << 24))) >>> 0;
      const a0 = a & 0xff, a1 = (a >>> 8) & 0xff, a2 = (a >>> 16) & 0xff, a3 = a >>> 24;
      const b0 = b & 0xff, b1 = (b >>> 8) & 0xff, b2 = (b >>> 16) & 0xff, b3 = b >>> 24;
      lo = l7[a0]! ^ l6[a1]! ^ l5[a2]! ^ l4[a3]! ^ l3[b0]! ^ l2[b1]! ^ l1[b2]! ^ l0[b3]!;
      hi = h7[a0]! ^ h6[a1]! ^ h5[a2]! ^ h4[a3]! ^ h3[b0]! ^ h2[b1]! ^ h1[b2]! ^ h0[b3]!;
    }
    for (; i < n; i++) {
      const index = (lo ^ chunk[i]!) & 0xff;
      lo = l0[index]! ^ ((lo >>> 8) | (hi << 24));
      hi = h0[index]! ^ (hi >>> 8);
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }
  digest(): Uint8Array {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}

class Digest extends BaseChecksum {
  private readonly hash;
  // Node's digest ends the hash; Python's may be asked again (botocore does, for its error message).
  private done: Uint8Array | undefined;
  constructor(algorithm: "sha1" | "sha256" | "sha512") {
    super();
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    if (this.done !== undefined) throw new Error("update after digest");
    this.hash.update(chunk);
  }
  digest(): Uint8Array {
    return (this.done ??= this.hash.digest());
  }
}

/** The algorithms this package computes, by botocore's lower-case names (botocore's `_CHECKSUM_CLS`). */
export const CHECKSUM_ALGORITHMS: Readonly<Record<string, () => Checksum>> = {
  crc32: () => new Crc32(),
  crc32c: () => new Crc32c(),
  crc64nvme: () => new Crc64Nvme(),
  sha1: () => new Digest("sha1"),
  sha256: () => new Digest("sha256"),
  sha512: () => new Digest("sha512"),
};

/** Algorithms botocore computes only with awscrt; the xxhash family is not implemented here. */
export const CRT_CHECKSUM_ALGORITHMS: readonly string[] = ["crc32", "crc32c", "crc64nvme", "xxhash64", "xxhash3", "xxhash128"];

/** botocore's `_ALGORITHMS_PRIORITY_LIST`: which response checksum to validate first. */
export const ALGORITHMS_PRIORITY_LIST: readonly string[] = [
  "xxhash128", "xxhash3", "crc64nvme", "xxhash64", "crc32c", "crc32", "sha1", "sha256", "sha512",
];

/** A new incremental checksum of `algorithm` (a lower-case name), or undefined when it is not supported. */
export function createChecksum(algorithm: string): Checksum | undefined {
  const make = Object.hasOwn(CHECKSUM_ALGORITHMS, algorithm) ? CHECKSUM_ALGORITHMS[algorithm] : undefined;
  return make?.();
}

/** The base64 checksum of a whole body. */
export function checksumOf(algorithm: string, body: string | Uint8Array): string {
  const checksum = createChecksum(algorithm);
  if (checksum === undefined) throw new Error(`Unknown checksum algorithm: ${algorithm}`);
  checksum.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return checksum.b64digest();
}
