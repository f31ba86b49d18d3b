/**
 * The contract between the client pipeline and the retry strategies: what the
 * pipeline reports after each attempt, and what a strategy answers.
 */
import type { HttpResponse } from "../http/http-response.js";
import type { OperationModel, ServiceModel } from "../models/service-model.js";

/** botocore's retry modes (`Config(retries={"mode": ...})`, `AWS_RETRY_MODE`). */
export type RetryMode = "legacy" | "standard" | "adaptive";

/** What one attempt produced: botocore's needs-retry arguments. */
export interface RetryContext {
  /** 1-based number of the attempt that just finished. */
  attempt: number;
  /** The operation being called. */
  operation: OperationModel;
  /** The HTTP response and its parsed form (`Error.Code`, `ResponseMetadata`), when one arrived. */
  response?: { http: HttpResponse; parsed: Record<string, unknown> } | undefined;
  /** The error the transport threw instead of a response (botocore's `caught_exception`). */
  error?: unknown;
  /** The call's request context; `retries` (attempt, invocation-id, max) and the quota's bookkeeping live here. */
  requestContext: Record<string, unknown>;
}

/** A strategy's answer after one attempt. */
export interface RetryDecision {
  /** True: send the request again after `delaySeconds`. */
  readonly retry: boolean;
  /**
   * Seconds to wait: before the next attempt when `retry` is true; otherwise
   * before giving up (non-zero only for long-polling operations whose retry
   * quota is spent, under AWS_NEW_RETRIES_2026).
   */
  readonly delaySeconds: number;
  /** Why: the retry condition that matched, or why a retry was refused. */
  readonly reason?: string | undefined;
}

/** What the `onRetry` debug hook receives for each retry decided. */
export interface RetryInfo {
  /** The operation's model name, e.g. `GetItem`. */
  readonly operation: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** The condition that matched, e.g. `HTTP status 503`. */
  readonly reason: string;
  /** How long the pipeline will wait before the next attempt. */
  readonly delaySeconds: number;
}

/** Time as the adaptive rate limiter sees it: seconds, and a sleep that a rate change can cut short. */
export interface RetryClock {
  /** Current time in seconds (botocore uses `time.time()`). */
  now(): number;
  /** Resolves after `seconds`; rejects early when `signal` aborts. */
  sleep(seconds: number, signal?: AbortSignal): Promise<void>;
}

/** How a client's retry strategy is built (once per client). */
export interface RetryStrategyOptions {
  /** The resolved retry mode; an unknown mode gives a strategy that never retries, as botocore registers none. */
  mode: RetryMode | (string & {});
  /** Config `retries.total_max_attempts` (or `max_attempts` + 1, or AWS_MAX_ATTEMPTS), as botocore's args compute it. */
  totalMaxAttempts?: number | null | undefined;
  /** The client's service model. */
  serviceModel: ServiceModel;
  /** `loader.load_data("_retry")`: legacy mode's policies. Shared and never modified. */
  retryConfigData: unknown;
  /**
   * Beyond botocore (default true, botocore's behaviour). When false, a request
   * that ended in ReadTimeoutError — it may have reached the service — is sent
   * again only if the operation is idempotent: the model marks it `idempotent`,
   * it has an idempotency-token member (the same token is sent on every
   * attempt), or its HTTP method is GET, HEAD or OPTIONS. PUT and DELETE do not
   * count: AWS models use PUT for non-idempotent actions (e.g. Connect
   * CreateQueue, Clouddirectory BatchWrite).
   */
  retryNonIdempotentAfterReadTimeout?: boolean | undefined;
  /** Beyond botocore: called for each retry decided, for debug logging. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Whether AWS_NEW_RETRIES_2026 behaviour applies; default: that variable, read once per process as botocore does at import. */
  newRetries?: boolean | undefined;
  /** The jitter source, `Math.random` by default (tests fix it). */
  random?: (() => number) | undefined;
  /** The adaptive rate limiter's clock (tests inject one). */
  clock?: RetryClock | undefined;
}

/** One client's retry behaviour, called directly by the pipeline's attempt loop. */
export interface RetryStrategy {
  /** The mode this strategy implements. */
  readonly mode: string;
  /**
   * Before each send (botocore's before-send): adaptive mode's rate limiter
   * may make the attempt wait. Returns undefined when there is nothing to await.
   */
  beforeAttempt(ctx: { operation: OperationModel }): Promise<void> | undefined;
  /**
   * After each attempt (botocore's needs-retry): retry or not, and the delay.
   * Marks `parsed.ResponseMetadata.MaxAttemptsReached` (and `RetryQuotaReached`)
   * as botocore does and records `requestContext.retries.max`. Throws when
   * botocore's handler raises: legacy mode's CRC32 mismatch on the last
   * attempt surfaces as ChecksumError. When it declines a thrown transport
   * error, the pipeline rethrows that error.
   */
  decide(ctx: RetryContext): RetryDecision;
  /** Once per call with its final HTTP response (botocore's after-call): a 2xx refills the retry quota. */
  afterCall(ctx: { http: HttpResponse; requestContext: Record<string, unknown> }): void;
}
