/**
 * Adaptive mode's client-side rate limiter (botocore's retries/adaptive.py).
 *
 * Every response is timed (RateClocker: a smoothed send rate, updated each
 * half second). The first throttling error switches the limiter on; from then
 * each send takes a token from a bucket whose rate follows CUBIC: cut to 70%
 * of the measured rate on throttling, regrowing on other outcomes, and never
 * above twice the measured rate.
 */
import { CubicCalculator } from "./cubic.js";
import { isThrottlingError } from "./standard-conditions.js";
import { TokenBucket } from "./token-bucket.js";
import type { RetryClock, RetryContext } from "./types.js";

const SMOOTHING = 0.8;
// botocore reads its class constant here even when given another range.
const TIME_BUCKET_SCALE = 1 / 0.5;
const MAX_RATE_ADJUST_SCALE = 2;

/** botocore's RateClocker: the client's measured send rate. */
export class RateClocker {
  private readonly clock: RetryClock;
  private readonly smoothing: number;
  private measuredRate = 0;
  private lastBucket: number;
  private count = 0;

  /** `startTime` stands for the clock reading botocore takes when it builds the clocker. */
  constructor(clock: RetryClock, options: { smoothing?: number; startTime?: number } = {}) {
    this.clock = clock;
    this.smoothing = options.smoothing ?? SMOOTHING;
    this.lastBucket = Math.floor(options.startTime ?? clock.now());
  }

  /** Counts `amount` sends now; returns the measured rate. */
  record(amount = 1): number {
    const t = this.clock.now();
    const bucket = Math.floor(t * TIME_BUCKET_SCALE) / TIME_BUCKET_SCALE;
    this.count += amount;
    if (bucket > this.lastBucket) {
      const currentRate = this.count / (bucket - this.lastBucket);
      this.measuredRate = currentRate * this.smoothing + this.measuredRate * (1 - this.smoothing);
      this.count = 0;
      this.lastBucket = bucket;
    }
    return this.measuredRate;
  }

  /** The last measured rate, in sends per second. */
  get measured_rate(): number {
    return this.measuredRate;
  }
}

/** botocore's ClientRateLimiter: one per client. */
export class ClientRateLimiter {
  private readonly clock: RetryClock;
  private readonly cubic: CubicCalculator;
  private readonly clocker: RateClocker;
  /** The bucket each send draws from once throttling has been seen. */
  readonly tokenBucket: TokenBucket;
  private isEnabled = false;

  /** `startTime`: when the client was created (botocore builds the limiter then). */
  constructor(clock: RetryClock, startTime: number = clock.now()) {
    this.clock = clock;
    this.cubic = new CubicCalculator(0, startTime);
    this.tokenBucket = new TokenBucket(1, clock, { startTime });
    this.clocker = new RateClocker(clock, { startTime });
  }

  /** True once a throttling error has been seen. */
  get enabled(): boolean {
    return this.isEnabled;
  }

  /** The measured send rate. */
  get measured_rate(): number {
    return this.clocker.measured_rate;
  }

  /** The CUBIC curve's parameters. */
  get cubicParams(): ReturnType<CubicCalculator["get_params_snapshot"]> {
    return this.cubic.get_params_snapshot();
  }

  /** Before a send (botocore's before-send): waits for a token once enabled. */
  beforeSend(): Promise<void> | undefined {
    if (!this.isEnabled) return undefined;
    return this.tokenBucket.acquire().then(() => undefined);
  }

  /** After each attempt (botocore's needs-retry): adjusts the allowed rate. */
  onResponse(ctx: RetryContext): void {
    const measured = this.clocker.record();
    const timestamp = this.clock.now();
    let newRate: number;
    if (!isThrottlingError(ctx)) {
      newRate = this.cubic.success_received(timestamp);
    } else {
      const rateToUse = this.isEnabled ? Math.min(measured, this.tokenBucket.max_rate) : measured;
      newRate = this.cubic.error_received(rateToUse, timestamp);
      this.isEnabled = true;
    }
    this.tokenBucket.max_rate = Math.min(newRate, MAX_RATE_ADJUST_SCALE * measured);
  }
}
