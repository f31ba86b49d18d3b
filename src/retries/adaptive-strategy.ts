/**
 * Adaptive mode: standard mode's decisions (attempts, quota, backoff), plus a
 * client-side rate limiter that every attempt reports to and every send waits
 * on once the service has throttled this client.
 */
import type { OperationModel } from "../models/service-model.js";
import { systemClock } from "./clock.js";
import { ClientRateLimiter } from "./rate-limiter.js";
import { StandardRetryStrategy } from "./standard-strategy.js";
import type { RetryClock, RetryContext, RetryDecision, RetryStrategyOptions } from "./types.js";

/** The adaptive retry strategy of one client. */
export class AdaptiveRetryStrategy extends StandardRetryStrategy {
  override readonly mode: string = "adaptive";
  private readonly clock: RetryClock;
  // botocore starts the limiter's clocks when the client is created; the
  // limiter itself is built on first use from that reading.
  private readonly createdAt: number;
  private lazyLimiter: ClientRateLimiter | undefined;

  constructor(options: RetryStrategyOptions, newRetries: boolean) {
    super(options, newRetries);
    this.clock = options.clock ?? systemClock;
    this.createdAt = this.clock.now();
  }

  /** This client's rate limiter. */
  get limiter(): ClientRateLimiter {
    return (this.lazyLimiter ??= new ClientRateLimiter(this.clock, this.createdAt));
  }

  /** Waits for the rate limiter's token once throttling has switched it on. */
  override beforeAttempt(_ctx: { operation: OperationModel }): Promise<void> | undefined {
    return this.lazyLimiter?.beforeSend();
  }

  /** Standard mode's decision; then the outcome adjusts the allowed send rate. */
  override decide(ctx: RetryContext): RetryDecision {
    const decision = super.decide(ctx);
    this.limiter.onResponse(ctx);
    return decision;
  }
}
