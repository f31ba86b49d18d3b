/**
 * gzip as Python's `gzip.compress` and `GzipFile` write it (what botocore
 * sends): a ten-byte header with the current time, "best" compression
 * (level 9, XFL 2) and OS 255 (unknown), a raw deflate stream, then the
 * CRC-32 and length of the input.
 */
import { crc32, deflateRawSync, createDeflateRaw, constants } from "node:zlib";

const LEVEL = constants.Z_BEST_COMPRESSION;

/** The gzip header Python writes (`gzip._create_simple_gzip_header`). */
function header(mtimeSeconds: number): Buffer {
  const out = Buffer.alloc(10);
  out[0] = 0x1f;
  out[1] = 0x8b;
  out[2] = 8;
  out[3] = 0;
  out.writeUInt32LE(mtimeSeconds >>> 0, 4);
  out[8] = 2;
  out[9] = 255;
  return out;
}

function trailer(crc: number, length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32LE(crc >>> 0, 0);
  out.writeUInt32LE(length >>> 0, 4);
  return out;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** gzip of bytes in memory (Python's `gzip.compress(data)`). */
export function gzipBytes(data: Uint8Array, mtimeSeconds: number = now()): Buffer {
  return Buffer.concat([header(mtimeSeconds), deflateRawSync(data, { level: LEVEL }), trailer(crc32(data), data.byteLength)]);
}

/** gzip of a stream, read to its end, into memory (botocore's `_gzip_compress_fileobj`). */
export async function gzipStream(body: AsyncIterable<unknown>, mtimeSeconds: number = now()): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: LEVEL });
  const out: Buffer[] = [header(mtimeSeconds)];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  let crc = 0;
  let length = 0;
  const finished = new Promise<void>((resolve, reject) => {
    deflate.once("end", resolve);
    deflate.once("error", reject);
  });
  for await (const raw of body) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : (raw as Buffer);
    crc = crc32(chunk, crc);
    length += chunk.length;
    if (!deflate.write(chunk)) await new Promise<void>((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await finished;
  out.push(trailer(crc, length));
  return Buffer.concat(out);
}

