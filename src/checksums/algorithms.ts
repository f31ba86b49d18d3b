/**
 * The checksum algorithms of AWS flexible checksums, each as an incremental
 * hasher whose digest is sent base64-encoded (botocore's httpchecksum.py).
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

/** An incremental checksum. */
export interface Checksum {
  update(chunk: Uint8Array): void;
  /** The digest, base64-encoded, as AWS expects it in x-amz-checksum-* headers. */
  b64digest(): string;
}

class Crc32 implements Checksum {
  private value = 0;
  update(chunk: Uint8Array): void {
    this.value = crc32(chunk, this.value);
  }
  b64digest(): string {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.value >>> 0);
    return out.toString("base64");
  }
}

// CRC-32C (Castagnoli), reflected polynomial 0x82F63B78.
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

class Crc32c implements Checksum {
  private value = 0xffffffff;
  update(chunk: Uint8Array): void {
    let c = this.value;
    for (let i = 0; i < chunk.length; i++) c = CRC32C_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
    this.value = c >>> 0;
  }
  b64digest(): string {
    const out = Buffer.alloc(4);
    out.writeUInt32BE((this.value ^ 0xffffffff) >>> 0);
    return out.toString("base64");
  }
}

// CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5.
const CRC64_TABLE = (() => {
  const poly = 0x9a6c9329ac4bc9b5n;
  const table = new Array<bigint>(256);
  for (let i = 0n; i < 256n; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    table[Number(i)] = c;
  }
  return table;
})();

class Crc64Nvme implements Checksum {
  private value = 0xffffffffffffffffn;
  update(chunk: Uint8Array): void {
    let c = this.value;
    for (let i = 0; i < chunk.length; i++) c = CRC64_TABLE[Number((c ^ BigInt(chunk[i]!)) & 0xffn)]! ^ (c >> 8n);
    this.value = c;
  }
  b64digest(): string {
    const out = Buffer.alloc(8);
    out.writeBigUInt64BE(this.value ^ 0xffffffffffffffffn);
    return out.toString("base64");
  }
}

class Digest implements Checksum {
  private readonly hash;
  constructor(algorithm: "sha1" | "sha256") {
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  b64digest(): string {
    return this.hash.digest("base64");
  }
}

/** The algorithms this package computes, by botocore's lower-case names. */
export const CHECKSUM_ALGORITHMS: Readonly<Record<string, () => Checksum>> = {
  crc32: () => new Crc32(),
  crc32c: () => new Crc32c(),
  crc64nvme: () => new Crc64Nvme(),
  sha1: () => new Digest("sha1"),
  sha256: () => new Digest("sha256"),
};

/** The base64 checksum of a whole body. */
export function checksumOf(algorithm: string, body: string | Uint8Array): string {
  const make = CHECKSUM_ALGORITHMS[algorithm];
  if (make === undefined) throw new Error(`Unknown checksum algorithm: ${algorithm}`);
  const checksum = make();
  checksum.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return checksum.b64digest();
}
