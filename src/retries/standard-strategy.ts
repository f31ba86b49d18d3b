/**
 * Standard mode (botocore's retries/standard.py): at most 3 attempts by
 * default, retrying the conditions of standard-conditions.ts while the
 * client's retry quota lasts, after a "full jitter" exponential backoff:
 *
 *   delay = random() * min(2 ** (attempt - 1), 20) seconds
 *
 * Quota: 500 tokens per client; a retry costs 5, or 10 after a connect or
 * read timeout; a call that succeeds without retrying gives 1 back, one that
 * succeeds after retrying gives back the cost of its last retry.
 *
 * With AWS_NEW_RETRIES_2026 (botocore 1.43's opt-in, also standard mode's
 * default there), everything below changes:
 *   - default max attempts 4 for DynamoDB and DynamoDB Streams (still 3 for
 *     the rest), and an explicit total of 0 means no retry (not 3);
 *   - the backoff is scaled: 1 for throttling errors, else 0.05 (DynamoDB
 *     0.025), so `delay = random() * min(scale * 2 ** (attempt - 1), 20)`;
 *     an `x-amz-retry-after` header (milliseconds) raises the delay to at
 *     most 5 s above it;
 *   - a retry costs 5 tokens for a throttling error, else 14;
 *   - when the quota is spent, long-polling operations (SQS ReceiveMessage,
 *     SFN GetActivityTask, SWF PollForActivityTask / PollForDecisionTask)
 *     still wait the backoff before failing.
 */
import { ConnectTimeoutError, ReadTimeoutError } from "../exceptions.js";
import type { HttpResponse } from "../http/http-response.js";
import { pyInt } from "../config/python-text.js";
import type { ServiceModel } from "../models/service-model.js";
import { readTimeoutRefusal } from "./idempotency.js";
import { NO_RETRY, hyphenizeServiceId, mergeResponseMetadata, noteMaxAttempts } from "./outcome.js";
import { RetryQuota } from "./retry-quota.js";
import { dynamodbChecksumError, isThrottlingError, standardRetryReason } from "./standard-conditions.js";
import type { RetryContext, RetryDecision, RetryInfo, RetryStrategy, RetryStrategyOptions } from "./types.js";

/** Total attempts when nothing configures them. */
export const DEFAULT_MAX_ATTEMPTS = 3;
// AWS_NEW_RETRIES_2026 only: services that get one more attempt by default.
const SERVICE_MAX_ATTEMPTS: ReadonlyMap<string, number> = new Map([["dynamodb", 4], ["dynamodb-streams", 4]]);

const MAX_BACKOFF_SECONDS = 20;
const RETRY_AFTER_HEADER = "x-amz-retry-after";
const RETRY_AFTER_MAX_ADDITIONAL_SECONDS = 5;
const THROTTLING_BASE_SCALE = 1;
const NON_THROTTLING_BASE_SCALE = 0.05;
const SERVICE_NON_THROTTLING_BASE_SCALE: ReadonlyMap<string, number> = new Map([["dynamodb", 0.025], ["dynamodb-streams", 0.025]]);

const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const NEW_RETRY_COST = 14;
const NEW_THROTTLING_RETRY_COST = 5;
const NO_RETRY_INCREMENT = 1;

// Until models carry a long-poll trait, botocore lists them (by hyphenized service id).
const LONG_POLLING_OPERATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["sqs", ["ReceiveMessage"]],
  ["sfn", ["GetActivityTask"]],
  ["swf", ["PollForActivityTask", "PollForDecisionTask"]],
]);

/** The request-context key that remembers what the last retry of a call cost. */
const QUOTA_KEY = "retry_quota_capacity";

/** Per-client state, built on the first call so that creating a client costs nothing. */
interface StandardState {
  readonly maxAttempts: number;
  readonly serviceEventName: string;
  readonly quota: RetryQuota;
}

/** `x-amz-retry-after` in seconds, or null when absent, negative or not an integer. */
function retryAfterSeconds(http: HttpResponse | undefined): number | null {
  const raw = http?.headers[RETRY_AFTER_HEADER];
  if (raw === undefined) return null;
  let millis: number;
  try {
    millis = pyInt(raw);
  } catch {
    return null;
  }
  const seconds = millis / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** The standard retry strategy of one client. */
export class StandardRetryStrategy implements RetryStrategy {
  /** "standard", or "adaptive" for the subclass. */
  readonly mode: string = "standard";
  /** Whether AWS_NEW_RETRIES_2026 behaviour applies. */
  readonly newRetries: boolean;
  private readonly serviceModel: ServiceModel;
  private readonly totalMaxAttempts: number | null | undefined;
  private readonly retryNonIdempotent: boolean;
  private readonly random: () => number;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;
  private lazyState: StandardState | undefined;

  constructor(options: RetryStrategyOptions, newRetries: boolean) {
    this.serviceModel = options.serviceModel;
    this.totalMaxAttempts = options.totalMaxAttempts;
    this.retryNonIdempotent = options.retryNonIdempotentAfterReadTimeout !== false;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
    this.newRetries = newRetries;
  }

  private get state(): StandardState {
    if (this.lazyState === undefined) {
      const serviceEventName = hyphenizeServiceId(this.serviceModel.service_id);
      const total = this.totalMaxAttempts ?? null;
      const maxAttempts = this.newRetries
        ? (total ?? SERVICE_MAX_ATTEMPTS.get(serviceEventName) ?? DEFAULT_MAX_ATTEMPTS)
        : total || DEFAULT_MAX_ATTEMPTS; // botocore's `max_attempts or 3`: 0 means the default
      this.lazyState = { maxAttempts, serviceEventName, quota: new RetryQuota() };
    }
    return this.lazyState;
  }

  /** Total attempts allowed per call. */
  get maxAttempts(): number {
    return this.state.maxAttempts;
  }

  /** This client's retry quota. */
  get quota(): RetryQuota {
    return this.state.quota;
  }

  /** Standard mode never delays a send. */
  beforeAttempt(_ctx: { operation: RetryContext["operation"] }): Promise<void> | undefined {
    return undefined;
  }

  /** Retry conditions, then the attempt limit's and the quota's verdicts, then the backoff. */
  decide(ctx: RetryContext): RetryDecision {
    const state = this.state;
    noteMaxAttempts(ctx.requestContext, state.maxAttempts);
    let flags: Record<string, true> | null = null;
    let decision = NO_RETRY;
    let reason: string | null = null;
    if (ctx.attempt < state.maxAttempts) reason = standardRetryReason(ctx);
    else flags = { MaxAttemptsReached: true };
    if (reason !== null) {
      const refusal = readTimeoutRefusal(this.retryNonIdempotent, ctx.operation, ctx.error);
      if (refusal !== null) {
        decision = { retry: false, delaySeconds: 0, reason: refusal };
      } else {
        const cost = this.retryCost(ctx);
        if (state.quota.acquire(cost)) {
          ctx.requestContext[QUOTA_KEY] = cost;
          decision = { retry: true, delaySeconds: this.backoff(ctx), reason };
        } else {
          flags = { RetryQuotaReached: true };
          decision =
            this.newRetries && this.isLongPolling(ctx)
              ? { retry: false, delaySeconds: this.backoff(ctx), reason: `retry quota exhausted (${reason}); long-poll backoff` }
              : { retry: false, delaySeconds: 0, reason: `retry quota exhausted (${reason})` };
        }
      }
    }
    mergeResponseMetadata(ctx.response?.parsed, flags);
    // Beyond botocore, whose standard mode returns such a body as a success once
    // it stops retrying: a corrupted DynamoDB result is an error, as in legacy mode.
    if (!decision.retry && ctx.response !== undefined && ctx.response.http.status_code < 300) {
      const corrupted = dynamodbChecksumError(ctx);
      if (corrupted !== null) throw corrupted;
    }
    if (decision.retry && this.onRetry !== undefined) {
      this.onRetry({ operation: ctx.operation.name, attempt: ctx.attempt, reason: decision.reason!, delaySeconds: decision.delaySeconds });
    }
    return decision;
  }

  /** A 2xx refills the quota: by the last retry's cost, or by 1 when the call needed none. */
  afterCall(ctx: { http: HttpResponse; requestContext: Record<string, unknown> }): void {
    const status = ctx.http.status_code;
    if (status < 200 || status >= 300) return;
    const spent = ctx.requestContext[QUOTA_KEY];
    this.state.quota.release(QUOTA_KEY in ctx.requestContext ? (spent as number) : NO_RETRY_INCREMENT);
  }

  /** Tokens one retry of this outcome costs. */
  private retryCost(ctx: RetryContext): number {
    if (this.newRetries) return isThrottlingError(ctx) ? NEW_THROTTLING_RETRY_COST : NEW_RETRY_COST;
    return ctx.error instanceof ConnectTimeoutError || ctx.error instanceof ReadTimeoutError ? TIMEOUT_RETRY_COST : RETRY_COST;
  }

  /** Seconds before the next attempt: exponential backoff with full jitter. */
  private backoff(ctx: RetryContext): number {
    const growth = 2 ** (ctx.attempt - 1);
    if (!this.newRetries) return this.random() * Math.min(growth, MAX_BACKOFF_SECONDS);
    const delay = this.random() * Math.min(this.baseScale(ctx) * growth, MAX_BACKOFF_SECONDS);
    const retryAfter = retryAfterSeconds(ctx.response?.http);
    if (retryAfter === null) return delay;
    return Math.max(delay, Math.min(retryAfter, RETRY_AFTER_MAX_ADDITIONAL_SECONDS + delay));
  }

  private baseScale(ctx: RetryContext): number {
    if (isThrottlingError(ctx)) return THROTTLING_BASE_SCALE;
    return SERVICE_NON_THROTTLING_BASE_SCALE.get(this.state.serviceEventName) ?? NON_THROTTLING_BASE_SCALE;
  }

  private isLongPolling(ctx: RetryContext): boolean {
    return LONG_POLLING_OPERATIONS.get(this.state.serviceEventName)?.includes(ctx.operation.name) ?? false;
  }
}
