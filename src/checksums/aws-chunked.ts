/**
 * The aws-chunked content encoding with a checksum trailer (botocore's
 * AwsChunkedWrapper): the body in chunks of 1 MiB, each framed as
 * `<hex length>\r\n<bytes>\r\n`, then `0\r\n<trailer name>:<base64 checksum>\r\n\r\n`.
 * The checksum is computed as the bytes go by, so a streamed body is never
 * held whole; only one chunk is buffered at a time.
 */
import { Readable } from "node:stream";
import type { RequestBody } from "../http/types.js";
import { createChecksum } from "./algorithms.js";

/** botocore's AwsChunkedWrapper._DEFAULT_CHUNK_SIZE. */
export const AWS_CHUNK_SIZE = 1024 * 1024;

const CRLF = Buffer.from("\r\n");

/** One framed chunk: a single buffer, so each is one write (and one HTTP chunk) on the wire. */
function frame(parts: readonly Buffer[], length: number): Buffer {
  const head = Buffer.from(`${length.toString(16)}\r\n`, "latin1");
  const out = Buffer.allocUnsafe(head.length + length + 2);
  head.copy(out, 0);
  let at = head.length;
  for (const part of parts) {
    part.copy(out, at);
    at += part.length;
  }
  CRLF.copy(out, at);
  return out;
}

/** The chunks of a body, each exactly `size` bytes but the last (as reading a file `size` bytes at a time gives them). */
async function* fixedChunks(body: RequestBody, size: number): AsyncGenerator<{ parts: Buffer[]; length: number }> {
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    for (let at = 0; at < bytes.length; at += size) {
      const part = bytes.subarray(at, Math.min(at + size, bytes.length));
      yield { parts: [part], length: part.length };
    }
    return;
  }
  let parts: Buffer[] = [];
  let length = 0;
  for await (const raw of body) {
    let chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : (raw as Buffer);
    while (chunk.length > 0) {
      const take = Math.min(size - length, chunk.length);
      parts.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      length += take;
      chunk = chunk.subarray(take);
      if (length === size) {
        yield { parts, length };
        parts = [];
        length = 0;
      }
    }
  }
  if (length > 0) yield { parts, length };
}

/** The aws-chunked frames of `body`, ending with the checksum trailer. */
export async function* awsChunkedFrames(
  body: RequestBody,
  algorithm: string,
  trailerName: string,
  chunkSize: number = AWS_CHUNK_SIZE,
): AsyncGenerator<Buffer, void, undefined> {
  const checksum = createChecksum(algorithm);
  if (checksum === undefined) throw new Error(`Unknown checksum algorithm: ${algorithm}`);
  for await (const { parts, length } of fixedChunks(body, chunkSize)) {
    for (const part of parts) checksum.update(part);
    yield frame(parts, length);
  }
  yield Buffer.from(`0\r\n${trailerName}:${checksum.b64digest()}\r\n\r\n`, "latin1");
}

/** `body` encoded as aws-chunked with a checksum trailer, as a stream to send. */
export function awsChunkedStream(body: RequestBody, algorithm: string, trailerName: string, chunkSize?: number): Readable {
  return Readable.from(awsChunkedFrames(body, algorithm, trailerName, chunkSize), { objectMode: false });
}
