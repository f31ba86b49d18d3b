/**
 * The pipeline's body stages, in botocore's order: after before-call the
 * body is compressed (compress.py) and given its checksum
 * (apply_request_checksum); then each attempt sends it afresh — a stream
 * re-opened from its start — with the SHA-256 SigV4 needs computed only
 * when the signature covers the payload, and framing headers from its
 * known length.
 */
import type { Readable } from "node:stream";
import { UNSIGNED } from "../config/config.js";
import { payloadHash } from "../auth/sigv4.js";
import { applyRequestChecksum } from "../checksums/request-checksum.js";
import { maybeCompressRequest } from "../compression/request-compression.js";
import { addFramingHeaders } from "../http/content-length.js";
import { getHeader, type AWSPreparedRequest, type RequestBody, type RequestDict } from "../http/types.js";
import type { OperationModel } from "../models/service-model.js";
import type { ClientRuntime } from "./runtime.js";
import { RequestBodySource } from "./request-body.js";
import type { SignatureVersion } from "./request-signer.js";

/** Compresses the body and applies the request checksum; returns what the attempts send. */
export async function prepareRequestBody(runtime: ClientRuntime, requestDict: RequestDict, operation: OperationModel): Promise<RequestBodySource> {
  await maybeCompressRequest(runtime.config, requestDict, operation);
  const body = new RequestBodySource(requestDict.body as RequestBody | Blob | undefined);
  try {
    await applyRequestChecksum(requestDict, body);
  } catch (error) {
    body.dispose();
    throw error;
  }
  return body;
}

function isStream(body: RequestBody | undefined): body is Readable {
  return body !== undefined && typeof body !== "string" && !(body instanceof Uint8Array);
}

const NEEDED = "\0payload hash needed";

/**
 * The hex SHA-256 SigV4 will sign for a streamed body, or undefined when
 * it signs a marker (UNSIGNED-PAYLOAD, the streaming trailer), takes the
 * hash from X-Amz-Content-SHA256, or the body is already in memory. A
 * once-only stream is read into memory for it, and `request.body` becomes
 * those bytes.
 */
export async function streamedPayloadHash(request: AWSPreparedRequest, version: SignatureVersion, body: RequestBodySource): Promise<string | undefined> {
  const sent = request.body;
  if (!isStream(sent) || version === UNSIGNED || (version !== "v4" && version !== "s3v4")) return undefined;
  const s3 = version === "s3v4";
  // SigV4 (not S3's) signs a payload hash the request already carries.
  if (!s3 && getHeader(request.headers, "X-Amz-Content-SHA256") !== undefined) return undefined;
  if (payloadHash(request, s3, NEEDED) !== NEEDED) return undefined;
  const { body: toSend, sha256 } = await body.payloadSha256(sent);
  request.body = toSend;
  return sha256;
}

const NO_LENGTH_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Content-Length or Transfer-Encoding, as botocore prepares them: a body
 * whose length is known ahead (bytes, a file, a Blob) is sent with
 * Content-Length, others chunked.
 */
export function addBodyFraming(request: AWSPreparedRequest, body: RequestBodySource): void {
  const headers = request.headers;
  if (
    isStream(request.body) &&
    body.isLastSent(request.body) &&
    !NO_LENGTH_METHODS.has(request.method) &&
    getHeader(headers, "Transfer-Encoding") === undefined &&
    getHeader(headers, "Content-Length") === undefined
  ) {
    const length = body.sendLength;
    if (length !== null) headers["Content-Length"] = String(length);
  }
  addFramingHeaders(request.method, headers, request.body);
}
