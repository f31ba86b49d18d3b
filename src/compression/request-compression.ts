/**
 * Request compression (botocore's compress.py): an operation with the
 * `requestcompression` trait has its body gzipped when compression is not
 * disabled and the body is at least `request_min_compression_size_bytes`
 * long; a streaming input (without `requiresLength`) is compressed whatever
 * its length. Content-Encoding gets the encoding appended. A streamed body
 * is compressed into memory, as botocore compresses a file object into a
 * BytesIO.
 */
import { Readable } from "node:stream";
import { determineContentLength } from "../http/content-length.js";
import type { RequestBody, RequestDict } from "../http/types.js";
import { getLogger } from "../logging/logger.js";
import type { OperationModel } from "../models/service-model.js";
import { appendContentEncoding } from "../checksums/request-checksum.js";
import { gzipBytes, gzipStream } from "./gzip.js";

const logger = getLogger("botocore.compress");

/** The Config settings compression reads (resolved into client.meta.config). */
export interface CompressionConfig {
  disable_request_compression?: boolean | null;
  request_min_compression_size_bytes?: number | null;
  signature_version?: unknown;
}

/** botocore's default for request_min_compression_size_bytes. */
export const DEFAULT_MIN_COMPRESSION_SIZE = 10240;

type Body = RequestBody | Blob | null | undefined;

const ENCODERS: Readonly<Record<string, (body: Body) => Promise<Uint8Array>>> = {
  gzip: gzipBody,
};

async function gzipBody(body: Body): Promise<Uint8Array> {
  if (body === null || body === undefined) return gzipBytes(new Uint8Array(0));
  if (typeof body === "string") return gzipBytes(Buffer.from(body, "utf8"));
  if (body instanceof Uint8Array) return gzipBytes(body);
  if (body instanceof Blob) return gzipStream(Readable.fromWeb(body.stream() as Parameters<typeof Readable.fromWeb>[0]));
  return gzipStream(body);
}

/** The body's length for the size threshold: text counts as its UTF-8 bytes (botocore's bodies are bytes by then). */
function bodySize(body: Body): number {
  if (body instanceof Blob) return body.size;
  const size = determineContentLength(body ?? "");
  if (size === null) {
    logger.debug("Unable to get length of the request body: %s. Skipping compression.", body);
    return 0;
  }
  return size;
}

/** botocore's _should_compress_request. */
export function shouldCompressRequest(config: CompressionConfig, requestDict: Pick<RequestDict, "body">, operation: OperationModel): boolean {
  if (config.disable_request_compression === true || config.signature_version === "v2" || operation.request_compression === undefined) return false;
  const streaming = operation.get_streaming_input();
  if (streaming !== undefined) return !("requiresLength" in streaming.metadata);
  const minSize = config.request_min_compression_size_bytes ?? DEFAULT_MIN_COMPRESSION_SIZE;
  return minSize <= bodySize(requestDict.body as Body);
}

/** Compresses the body with the first modeled encoding this package knows, when botocore would (maybe_compress_request). */
export async function maybeCompressRequest(config: CompressionConfig, requestDict: RequestDict, operation: OperationModel): Promise<void> {
  if (!shouldCompressRequest(config, requestDict, operation)) return;
  for (const encoding of operation.request_compression!.encodings) {
    const encoder = ENCODERS[encoding];
    if (encoder === undefined) {
      logger.debug("Unsupported compression encoding: %s", encoding);
      continue;
    }
    logger.debug("Compressing request with %s encoding.", encoding);
    requestDict.body = await encoder(requestDict.body as Body);
    appendContentEncoding(requestDict.headers, encoding);
    return;
  }
}
