/**
 * Retries: botocore's three retry modes as one object per client that the
 * pipeline's attempt loop calls directly —
 *
 *   await strategy.beforeAttempt(...)      before each send (adaptive waits here)
 *   strategy.decide(ctx)                   after each attempt: retry? after how long?
 *   strategy.afterCall(...)                once per call, with the final response
 *
 * Modes: `legacy` (the `_retry.json` policies, legacy-strategy.ts),
 * `standard` (standard-strategy.ts), `adaptive` (standard plus client-side
 * rate limiting, adaptive-strategy.ts). AWS_NEW_RETRIES_2026 changes standard
 * and adaptive modes as botocore 1.43 does (see standard-strategy.ts).
 *
 * Creating a strategy only stores its options: policies are compiled, and the
 * quota and rate limiter built, on the client's first call.
 */
import { newRetriesEnabled } from "../config/session-variables.js";
import { AdaptiveRetryStrategy } from "./adaptive-strategy.js";
import { LegacyRetryStrategy } from "./legacy-strategy.js";
import { NO_RETRY } from "./outcome.js";
import { StandardRetryStrategy } from "./standard-strategy.js";
import type { RetryDecision, RetryStrategy, RetryStrategyOptions } from "./types.js";

// The contract (types.ts) and the opt-in's idempotency rule (idempotency.ts).
export type {
  RetryClock,
  RetryContext,
  RetryDecision,
  RetryInfo,
  RetryMode,
  RetryStrategy,
  RetryStrategyOptions,
} from "./types.js";
export { isIdempotentOperation } from "./idempotency.js";

let newRetriesDefault: boolean | undefined;

/** AWS_NEW_RETRIES_2026, read once per process as botocore reads it at import. */
export function newRetriesFromEnvironment(): boolean {
  return (newRetriesDefault ??= newRetriesEnabled(process.env));
}

/** botocore registers no retry handler for a mode it does not know: calls are never retried. */
class NoRetryStrategy implements RetryStrategy {
  constructor(readonly mode: string) {}

  beforeAttempt(): undefined {
    return undefined;
  }

  decide(): RetryDecision {
    return NO_RETRY;
  }

  afterCall(): void {}
}

/** Builds one client's retry strategy (botocore's ClientCreator._register_retries). */
export function createRetryStrategy(options: RetryStrategyOptions): RetryStrategy {
  switch (options.mode) {
    case "legacy":
      return new LegacyRetryStrategy(options);
    case "standard":
      return new StandardRetryStrategy(options, options.newRetries ?? newRetriesFromEnvironment());
    case "adaptive":
      return new AdaptiveRetryStrategy(options, options.newRetries ?? newRetriesFromEnvironment());
    default:
      return new NoRetryStrategy(options.mode);
  }
}
