/**
 * Response checksum validation (botocore's handle_checksum_body): when the
 * request asked for response checksums (`context.checksum.response_algorithms`),
 * the first algorithm in priority order whose x-amz-checksum-* header the
 * response carries is checked against the body — a body read whole before
 * the call returns, a streamed body when its reader reaches the end. A
 * checksum of checksums (S3's multipart `...-N`) cannot be checked and is
 * skipped, as botocore skips it.
 */
import { FlexibleChecksumError } from "../exceptions.js";
import { getLogger } from "../logging/logger.js";
import { createChecksum, type Checksum } from "./algorithms.js";
import type { ChecksumContext } from "./request-checksum.js";

const logger = getLogger("botocore.httpchecksum");

/** The checksum a response is to be validated with. */
export interface ResponseChecksum {
  /** botocore's lower-case algorithm name. */
  algorithm: string;
  /** The base64 value of the response's x-amz-checksum-<algorithm> header. */
  expected: string;
}

/**
 * Which checksum to validate a response with, or undefined (nothing asked
 * for, no header found, or only a multipart checksum). `headers` have
 * lower-cased names.
 */
export function responseChecksumFor(requestContext: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>>): ResponseChecksum | undefined {
  const algorithms = (requestContext.checksum as ChecksumContext | undefined)?.response_algorithms;
  if (algorithms === undefined || algorithms.length === 0) return undefined;
  for (const algorithm of algorithms) {
    const expected = headers[`x-amz-checksum-${algorithm}`];
    if (expected === undefined) continue;
    // Not base64: S3's checksum of part checksums ends in -<parts>. It cannot be checked; try the next one.
    if (expected.includes("-")) continue;
    return { algorithm, expected };
  }
  logger.debug("Skipping checksum validation. Response did not contain one of the following algorithms: %s.", algorithms);
  return undefined;
}

/** Records in the response context that the response was validated (botocore sets `ResponseMetadata.ChecksumAlgorithm` from it). */
export function markValidated(responseContext: Record<string, unknown>, algorithm: string): void {
  const checksum = (responseContext.checksum ?? {}) as ChecksumContext;
  checksum.response_algorithm = algorithm;
  responseContext.checksum = checksum;
}

/** True when a computed digest equals the expected base64 value (decoded as Python's b64decode does, leniently). */
export function digestMatches(checksum: Checksum, expected: string): boolean {
  return Buffer.from(checksum.digest()).equals(Buffer.from(expected, "base64"));
}

/** botocore's mismatch error: FlexibleChecksumError with the expected and the calculated values. */
export function checksumMismatch(checksum: Checksum, expected: string): FlexibleChecksumError {
  return new FlexibleChecksumError({
    error_msg: `Expected checksum ${expected} did not match calculated checksum: ${checksum.b64digest()}`,
  });
}

/** Validates a whole body; throws FlexibleChecksumError on a mismatch (botocore's _handle_bytes_response). */
export function validateBody(body: Uint8Array, { algorithm, expected }: ResponseChecksum): void {
  const checksum = createChecksum(algorithm)!;
  checksum.update(body);
  if (!digestMatches(checksum, expected)) throw checksumMismatch(checksum, expected);
}
