/**
 * The framing headers botocore adds when it prepares a request
 * (AWSRequestPreparer): Content-Length when the body's size is known,
 * Transfer-Encoding: chunked otherwise. They are signed, so the pipeline
 * applies this before signing.
 */
import { statSync } from "node:fs";
import { ReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { getHeader, type Headers, type RequestBody } from "./types.js";

const NO_LENGTH_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The number of bytes a body will send, or null when only sending it can
 * tell (botocore.utils.determine_content_length). Strings count as UTF-8.
 */
export function determineContentLength(body: RequestBody | null | undefined): number | null {
  if (body === null || body === undefined) return 0;
  if (typeof body === "string") return body.length === 0 ? 0 : Buffer.byteLength(body, "utf8");
  if (body instanceof Uint8Array) return body.byteLength;
  return streamLength(body);
}

// A file stream not yet read knows its size from the file, as botocore
// learns a file object's size by seeking; other streams cannot tell.
function streamLength(stream: Readable): number | null {
  if (!(stream instanceof ReadStream) || stream.bytesRead > 0 || typeof stream.path !== "string") return null;
  const file = stream as ReadStream & { start?: number; end?: number };
  try {
    const size = statSync(stream.path).size;
    const start = file.start ?? 0;
    const end = file.end === undefined || file.end === Infinity ? size - 1 : Math.min(file.end, size - 1);
    return Math.max(0, end - start + 1);
  } catch {
    return null;
  }
}

/**
 * Adds Content-Length (or Transfer-Encoding: chunked) as botocore does:
 * never for GET, HEAD and OPTIONS, never when either header is already set.
 * Edits `headers` in place.
 */
export function addFramingHeaders(method: string, headers: Headers, body: RequestBody | null | undefined): void {
  if (getHeader(headers, "Transfer-Encoding") !== undefined || getHeader(headers, "Content-Length") !== undefined) return;
  if (NO_LENGTH_METHODS.has(method)) return;
  const length = determineContentLength(body);
  if (length === null) headers["Transfer-Encoding"] = "chunked";
  else headers["Content-Length"] = String(length);
}
