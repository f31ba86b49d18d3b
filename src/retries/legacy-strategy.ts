/**
 * Legacy mode (botocore's default unless AWS_NEW_RETRIES_2026 is on): the
 * `_retry.json` policies, up to `max_attempts` total attempts, waiting
 * `base * growth_factor ** (attempt - 1)` seconds between them (by default a
 * random fraction of 1, 2, 4, 8 s; DynamoDB 50 ms doubling, ten attempts).
 * No retry quota and no rate limiting.
 */
import { ChecksumError } from "../exceptions.js";
import type { HttpResponse } from "../http/http-response.js";
import type { ServiceModel } from "../models/service-model.js";
import { crc32, expectedCrc32 } from "./crc32.js";
import { readTimeoutRefusal } from "./idempotency.js";
import { type LegacyCheck, type LegacyPolicy, legacyDelaySeconds, legacyPolicyFor } from "./legacy-policy.js";
import { NO_RETRY, errorCodeOf, errorName, noteMaxAttempts } from "./outcome.js";
import type { RetryContext, RetryDecision, RetryInfo, RetryStrategy, RetryStrategyOptions } from "./types.js";

/** What running the checks produced: a match, an error a check raised, or nothing. */
type CheckOutcome = { readonly match: string } | { readonly raised: unknown; readonly ownError: boolean } | null;

function crc32Mismatch(check: LegacyCheck & { kind: "crc32" }, http: HttpResponse): ChecksumError | null {
  const header = http.headers[check.header];
  // A streamed body was not read by the transport; DynamoDB never streams.
  if (header === undefined || http.content === undefined) return null;
  const expected = expectedCrc32(header);
  const actual = crc32(http.content);
  if (actual === expected) return null;
  return new ChecksumError({ checksum_type: "crc32", expected_checksum: expected, actual_checksum: actual });
}

/** retryhandler.MultiChecker: the first policy that matches, in order; a check may raise instead. */
function runChecks(checks: readonly LegacyCheck[], ctx: RetryContext): CheckOutcome {
  const response = ctx.response;
  if (response === undefined && ctx.error === undefined) {
    throw new Error("Both response and caught_exception are None.");
  }
  for (const check of checks) {
    if (response !== undefined) {
      const status = response.http.status_code;
      switch (check.kind) {
        case "status":
          if (status === check.status) return { match: `HTTP status ${status} (policy ${check.name})` };
          break;
        case "service-error":
          if (status === check.status && errorCodeOf(response.parsed) === check.code) {
            return { match: `error code ${String(check.code)}, HTTP status ${status} (policy ${check.name})` };
          }
          break;
        case "crc32": {
          const mismatch = crc32Mismatch(check, response.http);
          if (mismatch !== null) return { raised: mismatch, ownError: true };
          break;
        }
        case "socket-errors":
          break;
      }
    } else if (check.kind === "socket-errors") {
      // botocore re-raises the attempt's error here and lets the policy catch it.
      return { raised: ctx.error, ownError: false };
    }
  }
  return null;
}

function isAnyOf(error: unknown, classes: LegacyPolicy["retryableErrors"]): boolean {
  for (const cls of classes) if (error instanceof cls) return true;
  return false;
}

/**
 * retryhandler.MaxAttemptsDecorator: whether the policies ask for a retry,
 * before the attempt limit is applied. Errors raised by the checks count
 * only while attempts remain; after that a ChecksumError reaches the caller.
 */
function matchedReason(policy: LegacyPolicy, ctx: RetryContext): string | null {
  const outcome = runChecks(policy.checks, ctx);
  if (outcome === null) return null;
  if ("match" in outcome) return outcome.match;
  const catching = policy.retryableErrors.length > 0 && ctx.attempt < policy.maxAttempts;
  if (catching && isAnyOf(outcome.raised, policy.retryableErrors)) return errorName(outcome.raised);
  if (outcome.ownError) throw outcome.raised;
  // botocore re-raises the attempt's own error: no retry, the pipeline rethrows it.
  return null;
}

/** The legacy retry strategy of one client. */
export class LegacyRetryStrategy implements RetryStrategy {
  /** Always "legacy". */
  readonly mode = "legacy";
  private readonly serviceModel: ServiceModel;
  private readonly retryData: unknown;
  private readonly totalMaxAttempts: number | null | undefined;
  private readonly retryNonIdempotent: boolean;
  private readonly random: () => number;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;
  private compiled: LegacyPolicy | null | undefined;

  constructor(options: RetryStrategyOptions) {
    this.serviceModel = options.serviceModel;
    this.retryData = options.retryConfigData;
    this.totalMaxAttempts = options.totalMaxAttempts;
    this.retryNonIdempotent = options.retryNonIdempotentAfterReadTimeout !== false;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
  }

  /** The service's compiled policy (built on the first call, then cached per process). */
  get policy(): LegacyPolicy | null {
    if (this.compiled === undefined) {
      this.compiled = legacyPolicyFor(this.retryData, this.serviceModel.endpoint_prefix, this.totalMaxAttempts);
    }
    return this.compiled;
  }

  /** Legacy mode never delays a send. */
  beforeAttempt(): undefined {
    return undefined;
  }

  /** Applies the policies to one attempt's outcome. */
  decide(ctx: RetryContext): RetryDecision {
    const policy = this.policy;
    if (policy === null) return NO_RETRY;
    noteMaxAttempts(ctx.requestContext, policy.maxAttempts);
    const reason = matchedReason(policy, ctx);
    if (reason === null) return NO_RETRY;
    if (ctx.attempt >= policy.maxAttempts) {
      const metadata = ctx.response?.parsed["ResponseMetadata"];
      if (metadata !== null && typeof metadata === "object") (metadata as Record<string, unknown>)["MaxAttemptsReached"] = true;
      return NO_RETRY;
    }
    const refusal = readTimeoutRefusal(this.retryNonIdempotent, ctx.operation, ctx.error);
    if (refusal !== null) return { retry: false, delaySeconds: 0, reason: refusal };
    const delaySeconds = legacyDelaySeconds(policy.delay, ctx.attempt, this.random);
    this.onRetry?.({ operation: ctx.operation.name, attempt: ctx.attempt, reason, delaySeconds });
    return { retry: true, delaySeconds, reason };
  }

  /** Legacy mode keeps no quota. */
  afterCall(): void {}
}
