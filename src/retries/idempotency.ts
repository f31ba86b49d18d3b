/**
 * Whether resending an operation is harmless, for the opt-in that stops
 * retrying after a read timeout (the first request may have been processed).
 */
import { ReadTimeoutError } from "../exceptions.js";
import type { OperationModel } from "../models/service-model.js";

// RFC 9110 §9.2.1 "safe" methods: read-only, so a repeat changes nothing.
// PUT and DELETE are idempotent in the RFC, but AWS models use PUT for
// actions that are not (Connect CreateQueue, StartTaskContact, Clouddirectory
// BatchWrite), so only the model's own traits vouch for them.
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

const verdicts = new WeakMap<OperationModel, boolean>();

/**
 * True when the model says a repeat is safe: the `idempotent` trait, an
 * idempotency-token member (the same token goes out on every attempt, so the
 * service deduplicates), or a safe HTTP method (only REST protocols use any
 * method but POST).
 */
export function isIdempotentOperation(operation: OperationModel): boolean {
  let verdict = verdicts.get(operation);
  if (verdict === undefined) {
    verdict =
      operation.raw.idempotent === true ||
      SAFE_METHODS.has((operation.http.method ?? "POST").toUpperCase()) ||
      operation.idempotent_members.length > 0;
    verdicts.set(operation, verdict);
  }
  return verdict;
}

/**
 * The reason the opt-in refuses a retry, or null: a ReadTimeoutError on an
 * operation that is not idempotent, when non-idempotent retries are off.
 */
export function readTimeoutRefusal(retryNonIdempotent: boolean, operation: OperationModel, error: unknown): string | null {
  if (retryNonIdempotent || !(error instanceof ReadTimeoutError)) return null;
  if (isIdempotentOperation(operation)) return null;
  return `not retried: ReadTimeoutError on non-idempotent operation ${operation.name}`;
}
