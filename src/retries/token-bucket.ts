/**
 * The token bucket of adaptive mode (botocore's retries/bucket.py): tokens
 * refill at `max_rate` per second up to a capacity of max(max_rate, 1); each
 * send takes one, waiting for it when the bucket is empty. The rate never
 * goes below 0.5 per second.
 */
import { CapacityNotAvailableError } from "../exceptions.js";
import type { RetryClock } from "./types.js";

const MIN_RATE = 0.5;

/** botocore's TokenBucket, with an awaitable acquire. */
export class TokenBucket {
  private fillRate = 0;
  private maxCapacity = 1;
  private currentCapacity = 0;
  private lastTimestamp: number;
  private readonly clock: RetryClock;
  private readonly minRate: number;
  // Sends waiting for tokens; a rate change wakes the oldest to recompute its wait.
  private readonly waiters: AbortController[] = [];

  /** `startTime` stands for the clock reading botocore takes when it builds the bucket. */
  constructor(maxRate: number, clock: RetryClock, options: { minRate?: number; startTime?: number } = {}) {
    this.clock = clock;
    this.minRate = options.minRate ?? MIN_RATE;
    // botocore's constructor sets the rate through the setter, whose first
    // refill only stamps the time: the bucket starts empty.
    this.lastTimestamp = options.startTime ?? clock.now();
    this.fillRate = Math.max(maxRate, this.minRate);
    this.maxCapacity = maxRate >= 1 ? maxRate : 1;
  }

  /** Tokens per second. */
  get max_rate(): number {
    return this.fillRate;
  }

  /** Changes the rate, first crediting the tokens earned at the old rate. */
  set max_rate(value: number) {
    this.refill();
    this.fillRate = Math.max(value, this.minRate);
    this.maxCapacity = value >= 1 ? value : 1;
    this.currentCapacity = Math.min(this.currentCapacity, this.maxCapacity);
    this.waiters.shift()?.abort();
  }

  /** The most tokens the bucket holds. */
  get max_capacity(): number {
    return this.maxCapacity;
  }

  /** Tokens available now (as of the last refill). */
  get available_capacity(): number {
    return this.currentCapacity;
  }

  /**
   * Takes `amount` tokens, waiting until they have accumulated. With
   * `block` false, rejects with CapacityNotAvailableError instead of waiting.
   */
  async acquire(amount = 1, block = true): Promise<true> {
    this.refill();
    if (amount <= this.currentCapacity) {
      this.currentCapacity -= amount;
      return true;
    }
    if (!block) throw new CapacityNotAvailableError();
    let wait = this.sleepAmount(amount);
    while (wait > 0) {
      await this.waitFor(wait);
      this.refill();
      wait = this.sleepAmount(amount);
    }
    this.currentCapacity -= amount;
    return true;
  }

  private sleepAmount(amount: number): number {
    return (amount - this.currentCapacity) / this.fillRate;
  }

  private async waitFor(seconds: number): Promise<void> {
    const wake = new AbortController();
    this.waiters.push(wake);
    try {
      await this.clock.sleep(seconds, wake.signal);
    } catch (error) {
      if (!wake.signal.aborted) throw error;
    } finally {
      const index = this.waiters.indexOf(wake);
      if (index >= 0) this.waiters.splice(index, 1);
    }
  }

  private refill(): void {
    const timestamp = this.clock.now();
    const fillAmount = (timestamp - this.lastTimestamp) * this.fillRate;
    this.currentCapacity = Math.min(this.maxCapacity, this.currentCapacity + fillAmount);
    this.lastTimestamp = timestamp;
  }
}
