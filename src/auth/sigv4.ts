/**
 * AWS Signature Version 4 in the Authorization header (botocore's
 * `SigV4Auth`, and `S3SigV4Auth` with `signatureVersion: "s3v4"`).
 *
 * `signV4` mutates the request's headers: it removes any earlier
 * Authorization (a retry is re-signed), sets X-Amz-Date (or rewrites Date
 * when the request carries one), X-Amz-Security-Token for session
 * credentials, X-Amz-Content-SHA256 for S3 or unsigned payloads, then
 * Authorization.
 *
 * Request context flags read, under botocore's names:
 * - `payload_signing_enabled` (false: sign `UNSIGNED-PAYLOAD` over https),
 * - `checksum.request_algorithm` (`{in: "trailer"}`: streaming trailer
 *   payload; `{in: "header", name}`: the checksum header S3 looks for),
 * - `has_streaming_input` and `client_config.s3.payload_signing_enabled` (S3).
 * It writes `context.timestamp` (`YYYYMMDDTHHMMSSZ`), as botocore does.
 *
 * A stream body cannot be hashed without consuming it. When the payload must
 * be hashed and the body is a stream, pass `payloadHash` (or buffer the body
 * first); otherwise `signV4` throws UnhashablePayloadError.
 */
import * as crypto from "node:crypto";
import { BotoCoreError, NoCredentialsError } from "../exceptions.js";
import type { AWSPreparedRequest } from "../http/types.js";
import { canonicalHeaders, canonicalQueryString, normalizedCanonicalPath } from "./canonical.js";
import type { SigningCredentials } from "./credentials.js";
import { signingKey } from "./signing-key.js";
import { hostFromUrl, splitUrl } from "./url-split.js";

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** Signed in place of the payload hash when the payload is not signed. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** Signed in place of the payload hash when a checksum trailer follows a streamed body. */
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/** The fields of a request the signer reads and writes. */
export type SignableRequest = Pick<AWSPreparedRequest, "method" | "url" | "headers" | "body" | "context">;

/** How to sign: the scope, the variant, and test or pipeline overrides. */
export interface SigV4Options {
  /** The service's signing name (`signingName` in the model, or from the endpoint's auth scheme). */
  signingName: string;
  /** The signing region. */
  region: string;
  /**
   * `v4` (default) or `s3v4`: S3's rules — the path is signed as sent (no
   * normalization, no second encoding), X-Amz-Content-SHA256 is always set,
   * and the payload goes unsigned over https when a checksum protects it.
   */
  signatureVersion?: "v4" | "s3v4";
  /** The signing time; now by default. */
  time?: Date;
  /** The body's hex SHA-256, when already known (required for a stream body that must be hashed). */
  payloadHash?: string;
}

/** The intermediate strings of a signature, for debugging and tests. */
export interface SigV4Result {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** The body is a stream and its SHA-256 is needed: buffer it or pass `payloadHash`. */
export class UnhashablePayloadError extends BotoCoreError {
  static override fmt =
    "Cannot compute the SHA-256 payload hash of a streaming request body for SigV4 signing without reading it; " +
    "buffer the body or pass its hash as payloadHash";
}

// Requests signed within the same second share one formatted timestamp.
let lastSecond = Number.NaN;
let lastAmzDate = "";

/** `YYYYMMDDTHHMMSSZ`, the SigV4 timestamp. */
export function amzDate(time: Date): string {
  const second = Math.floor(time.getTime() / 1000);
  if (second !== lastSecond) {
    const iso = time.toISOString();
    lastAmzDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    lastSecond = second;
  }
  return lastAmzDate;
}

/** RFC 2822 date as Python's `email.utils.formatdate(t)`: `Sun, 30 Aug 2015 12:36:00 -0000`. */
function rfc2822Date(time: Date): string {
  return time.toUTCString().replace("GMT", "-0000");
}

// crypto.hash (Node 20.12+) is a one-shot digest, several times cheaper than createHash for small inputs.
const oneShotHash = typeof crypto.hash === "function" ? crypto.hash : undefined;

function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash !== undefined ? oneShotHash("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function requestAlgorithm(context: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const checksum = context.checksum;
  const algorithm = isRecord(checksum) ? checksum.request_algorithm : undefined;
  return isRecord(algorithm) && !Array.isArray(algorithm) ? algorithm : undefined;
}

function hasHeader(headers: Readonly<Record<string, string>>, lower: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lower) return true;
  return false;
}

/** botocore's `_should_sha256_sign_payload` for SigV4: always over http, else the context's choice. */
function shouldSignPayload(request: SignableRequest): boolean {
  if (!request.url.startsWith("https")) return true;
  const enabled = request.context.payload_signing_enabled;
  return enabled === undefined ? true : Boolean(enabled);
}

/** S3's rules: explicit config first; unsigned only over https with a checksum, e.g. for streaming uploads. */
function shouldSignPayloadS3(request: SignableRequest): boolean {
  const config = request.context.client_config;
  const s3 = isRecord(config) ? config.s3 : undefined;
  const explicit = isRecord(s3) ? s3.payload_signing_enabled : undefined;
  if (explicit !== undefined && explicit !== null) return Boolean(explicit);
  const algorithm = requestAlgorithm(request.context);
  const checksumHeader = algorithm?.in === "header" && typeof algorithm.name === "string" ? algorithm.name : "Content-MD5";
  if (!request.url.startsWith("https") || !hasHeader(request.headers, checksumHeader.toLowerCase())) return true;
  if (request.context.has_streaming_input) return false;
  return shouldSignPayload(request);
}

/** The payload hash to sign (botocore's `payload`): a marker string, the given hash, or the body's SHA-256. */
export function payloadHash(request: SignableRequest, s3: boolean, override: string | undefined): string {
  if (requestAlgorithm(request.context)?.in === "trailer") return STREAMING_UNSIGNED_PAYLOAD_TRAILER;
  if (!(s3 ? shouldSignPayloadS3(request) : shouldSignPayload(request))) return UNSIGNED_PAYLOAD;
  if (override !== undefined) return override;
  const body = request.body;
  if (body === undefined || body === "") return EMPTY_SHA256_HASH;
  if (typeof body === "string") return sha256Hex(body);
  if (body instanceof Uint8Array) return body.byteLength === 0 ? EMPTY_SHA256_HASH : sha256Hex(body);
  throw new UnhashablePayloadError();
}

/**
 * Signs `request` in place with SigV4 and returns the intermediate strings.
 * Throws NoCredentialsError without credentials, as botocore does.
 */
export function signV4(
  request: SignableRequest,
  credentials: SigningCredentials | null | undefined,
  options: SigV4Options,
): SigV4Result {
  if (credentials === null || credentials === undefined) throw new NoCredentialsError();
  const s3 = options.signatureVersion === "s3v4";
  const time = options.time ?? new Date();
  const timestamp = amzDate(time);
  request.context.timestamp = timestamp;
  const headers = request.headers;
  const token = credentials.token;
  const unsignedFlag = request.context.payload_signing_enabled;
  const forceUnsigned = unsignedFlag !== undefined && !unsignedFlag;
  const replaceContentHash = s3 || forceUnsigned;

  // One pass removes every header this signature replaces, whatever its case.
  let hasDate = false;
  for (const name in headers) {
    switch (name.toLowerCase()) {
      case "authorization":
      case "x-amz-date":
        delete headers[name];
        break;
      case "date":
        hasDate = true;
        delete headers[name];
        break;
      case "x-amz-security-token":
        if (token) delete headers[name];
        break;
      case "x-amz-content-sha256":
        if (replaceContentHash) delete headers[name];
        break;
    }
  }
  // Either date header may carry the signing time; botocore keeps Date when the caller set one.
  if (hasDate) headers.Date = rfc2822Date(new Date(Math.floor(time.getTime() / 1000) * 1000));
  else headers["X-Amz-Date"] = timestamp;
  if (token) headers["X-Amz-Security-Token"] = token;
  if (s3) headers["X-Amz-Content-SHA256"] = payloadHash(request, true, options.payloadHash);
  else if (forceUnsigned) headers["X-Amz-Content-SHA256"] = UNSIGNED_PAYLOAD;

  const url = splitUrl(request.url);
  const path = s3 ? url.path : normalizedCanonicalPath(url.path);
  const { canonical, signed, contentSha256 } = canonicalHeaders(headers, () => hostFromUrl(url));
  // A payload hash already in the headers (set above for S3, or by the caller) is what gets signed.
  const bodyHash = contentSha256 ?? payloadHash(request, s3, options.payloadHash);

  const canonicalRequest =
    `${request.method.toUpperCase()}\n${path}\n${canonicalQueryString(url.query)}\n${canonical}\n\n${signed}\n${bodyHash}`;
  const result = signCanonicalRequest(canonicalRequest, credentials.secret_key, timestamp, options);
  headers.Authorization =
    `AWS4-HMAC-SHA256 Credential=${credentials.access_key}/${credentialScope(timestamp, options)}, ` +
    `SignedHeaders=${signed}, Signature=${result.signature}`;
  return result;
}

/** `date/region/service/aws4_request`. */
export function credentialScope(timestamp: string, options: Pick<SigV4Options, "region" | "signingName">): string {
  return `${timestamp.slice(0, 8)}/${options.region}/${options.signingName}/aws4_request`;
}

/** The string to sign for a canonical request, and its signature with the day's derived key. */
export function signCanonicalRequest(
  canonicalRequest: string,
  secret: string,
  timestamp: string,
  options: Pick<SigV4Options, "region" | "signingName">,
): SigV4Result {
  const stringToSign = `AWS4-HMAC-SHA256\n${timestamp}\n${credentialScope(timestamp, options)}\n${sha256Hex(canonicalRequest)}`;
  const key = signingKey(secret, timestamp.slice(0, 8), options.region, options.signingName);
  const signature = crypto.createHmac("sha256", key).update(stringToSign).digest("hex");
  return { canonicalRequest, stringToSign, signature };
}
