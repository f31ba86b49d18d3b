/**
 * Request bodies and blob parameters as bytes: users pass text, bytes or
 * streams where botocore takes str, bytes or file objects.
 */
import { Readable } from "node:stream";

const UTF8 = new TextEncoder();

/** Text as UTF-8 bytes (Python's `str.encode("utf-8")`); bytes as they are. */
export function utf8Bytes(value: string | Uint8Array): Uint8Array {
  return typeof value === "string" ? UTF8.encode(value) : value;
}

/** True for the bodies botocore would see as file objects (they have `read`): streams and Blobs. */
export function isFileLike(value: unknown): value is Readable | Blob {
  return value instanceof Readable || value instanceof Blob;
}

/** Reads a stream or Blob to its end. */
export async function readAll(body: Readable | Blob): Promise<Uint8Array> {
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
