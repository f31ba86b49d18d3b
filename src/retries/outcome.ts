/**
 * Reading an attempt's outcome and writing back what botocore's retry
 * handlers record: the error code, `retries.max` in the request context,
 * and flags in the response metadata.
 */
import type { RetryDecision } from "./types.js";

/** The decision for "do not retry", shared since it carries no state. */
export const NO_RETRY: RetryDecision = Object.freeze({ retry: false, delaySeconds: 0 });

/** `parsed.Error.Code`, or undefined when the response has no error dict (botocore's `get_error_code`). */
export function errorCodeOf(parsed: Record<string, unknown> | undefined): unknown {
  if (parsed === undefined) return undefined;
  const error = parsed["Error"];
  if (error === null || typeof error !== "object" || Array.isArray(error)) return undefined;
  return (error as Record<string, unknown>)["Code"];
}

/**
 * Raises `requestContext.retries.max` to `maxAttempts`, as botocore's max
 * attempts checks do; the pipeline's `amz-sdk-request` header reads it. Like
 * Python's `if retries_context:`, an absent or empty dict is left alone.
 */
export function noteMaxAttempts(requestContext: Record<string, unknown>, maxAttempts: number): void {
  const retries = requestContext["retries"];
  if (retries === null || typeof retries !== "object") return;
  const record = retries as Record<string, unknown>;
  let empty = true;
  for (const _ in record) {
    empty = false;
    break;
  }
  if (empty) return;
  const previous = typeof record["max"] === "number" ? (record["max"] as number) : 0;
  record["max"] = Math.max(previous, maxAttempts);
}

/**
 * Standard mode's `parsed.setdefault("ResponseMetadata", {}).update(flags)`:
 * the metadata dict is created even when there is nothing to add.
 */
export function mergeResponseMetadata(parsed: Record<string, unknown> | undefined, flags: Record<string, true> | null): void {
  if (parsed === undefined) return;
  let metadata = parsed["ResponseMetadata"];
  if (metadata === undefined) {
    metadata = {};
    parsed["ResponseMetadata"] = metadata;
  }
  if (flags !== null && metadata !== null && typeof metadata === "object") Object.assign(metadata, flags);
}

/** botocore's `hyphenize_service_id`: the service id as event names spell it (`DynamoDB Streams` → `dynamodb-streams`). */
export function hyphenizeServiceId(serviceId: string): string {
  return serviceId.replace(/ /g, "-").toLowerCase();
}

/** The class name of a thrown value, for retry reasons. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error;
}
