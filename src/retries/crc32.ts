/**
 * CRC-32 (IEEE) of a response body, for DynamoDB's `x-amz-crc32` header.
 * Node ≥ 20.15 computes it natively; older Node 20 releases use a table.
 */
import * as zlib from "node:zlib";
import { pyInt } from "../config/python-text.js";

const native: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
let table: Uint32Array | undefined;

function buildTable(): Uint32Array {
  const out = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    out[n] = c >>> 0;
  }
  return out;
}

/** The unsigned CRC-32 of `data`, as Python's `binascii.crc32(data) & 0xffffffff`. */
export function crc32(data: Uint8Array): number {
  if (native !== undefined) return native(data) >>> 0;
  table ??= buildTable();
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The CRC32 an `x-amz-crc32` header announces, read with Python's `int()`
 * as botocore does: a malformed value raises ValueError to the caller.
 */
export function expectedCrc32(header: string): number {
  return pyInt(header);
}
