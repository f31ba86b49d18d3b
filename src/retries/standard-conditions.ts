/**
 * What standard and adaptive modes count as retryable (botocore's
 * retries/standard.py and retries/special.py):
 *
 *   transient:  error codes RequestTimeout, RequestTimeoutException,
 *               PriorRequestNotComplete; HTTP 500, 502, 503, 504; a thrown
 *               ConnectionError or HTTPClientError (connect/read timeouts,
 *               closed connections, endpoint and proxy errors, SSL errors)
 *   throttling: the fixed list of throttling error codes below
 *   modeled:    an error shape of the operation with the `retryable` trait
 *   special:    STS IDPCommunicationError; a DynamoDB body whose CRC32
 *               differs from its `x-amz-crc32` header
 *
 * Throttling errors (fixed list, or modeled `retryable: {throttling: true}`)
 * also drive adaptive mode's rate limiter and, with AWS_NEW_RETRIES_2026,
 * the quota cost and backoff scale.
 */
import { ChecksumError, ConnectionError, HTTPClientError } from "../exceptions.js";
import type { OperationModel } from "../models/service-model.js";
import { crc32, expectedCrc32 } from "./crc32.js";
import { errorCodeOf } from "./outcome.js";
import type { RetryContext } from "./types.js";

/** Error codes of transient failures. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<unknown> = new Set([
  "RequestTimeout",
  "RequestTimeoutException",
  "PriorRequestNotComplete",
]);

/** HTTP status codes of transient failures. */
export const TRANSIENT_STATUS_CODES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Every error code AWS services use for throttling. */
export const THROTTLING_ERROR_CODES: ReadonlySet<unknown> = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

/** How the model classifies a retryable error shape. */
export type ModeledErrorKind = "transient" | "throttling";

const modeledKinds = new WeakMap<OperationModel, ReadonlyMap<unknown, ModeledErrorKind>>();

/** The operation's `retryable` error shapes by error code (the modeled code, else the shape name); first shape wins. */
function modeledKindsOf(operation: OperationModel): ReadonlyMap<unknown, ModeledErrorKind> {
  let kinds = modeledKinds.get(operation);
  if (kinds === undefined) {
    const map = new Map<unknown, ModeledErrorKind>();
    for (const shape of operation.error_shapes) {
      const retryable = shape.metadata.retryable;
      if (retryable === undefined || retryable === null) continue;
      const code = shape.metadata.error?.code || shape.name;
      if (!map.has(code)) map.set(code, retryable.throttling ? "throttling" : "transient");
    }
    kinds = map;
    modeledKinds.set(operation, kinds);
  }
  return kinds;
}

/** botocore's ModeledRetryErrorDetector: the kind of a modeled retryable error, if the code is one. */
export function modeledErrorKind(ctx: RetryContext): ModeledErrorKind | undefined {
  const code = errorCodeOf(ctx.response?.parsed);
  if (code === undefined || code === null) return undefined;
  return modeledKindsOf(ctx.operation).get(code);
}

/** botocore's ThrottlingErrorDetector: a throttling error code, listed or modeled. */
export function isThrottlingError(ctx: RetryContext): boolean {
  if (THROTTLING_ERROR_CODES.has(errorCodeOf(ctx.response?.parsed))) return true;
  return modeledErrorKind(ctx) === "throttling";
}

/** retries/special.py RetryDDBChecksumError: a DynamoDB body that does not match `x-amz-crc32`. */
function dynamodbChecksumMismatch(ctx: RetryContext): boolean {
  return dynamodbChecksumError(ctx) !== null;
}

/** The ChecksumError legacy mode raises for a DynamoDB body that does not match `x-amz-crc32`, or null. */
export function dynamodbChecksumError(ctx: RetryContext): ChecksumError | null {
  if (ctx.operation.service_model.service_name !== "dynamodb") return null;
  const http = ctx.response?.http;
  if (http === undefined) return null;
  const header = http.headers["x-amz-crc32"];
  // A streamed body was not read by the transport; DynamoDB never streams.
  if (header === undefined || http.content === undefined) return null;
  const expected = expectedCrc32(header);
  const actual = crc32(http.content);
  return actual === expected ? null : new ChecksumError({ checksum_type: "crc32", expected_checksum: expected, actual_checksum: actual });
}

/**
 * StandardRetryConditions without the attempt limit: why this outcome may be
 * retried, or null. Checked in botocore's order.
 */
export function standardRetryReason(ctx: RetryContext): string | null {
  const parsed = ctx.response?.parsed;
  const code = errorCodeOf(parsed);
  if (TRANSIENT_ERROR_CODES.has(code)) return `transient error code ${String(code)}`;
  const http = ctx.response?.http;
  if (http !== undefined && TRANSIENT_STATUS_CODES.has(http.status_code)) return `HTTP status ${http.status_code}`;
  if (ctx.error !== undefined && ctx.error !== null) {
    // botocore's transient check ends here for a thrown error, retryable or not;
    // the other checks need an error code or a response, which a thrown error lacks.
    if (ctx.error instanceof ConnectionError || ctx.error instanceof HTTPClientError) return ctx.error.name;
  }
  if (THROTTLING_ERROR_CODES.has(code)) return `throttling error code ${String(code)}`;
  if (code !== undefined && code !== null) {
    const kind = modeledErrorKind(ctx);
    if (kind !== undefined) return `modeled ${kind} error ${String(code)}`;
  }
  if (code === "IDPCommunicationError" && ctx.operation.service_model.service_name === "sts") return "IDPCommunicationError";
  if (dynamodbChecksumMismatch(ctx)) return "crc32 mismatch";
  return null;
}
