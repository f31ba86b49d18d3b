/**
 * The retry quota of standard and adaptive modes: a per-client budget that
 * stops retry storms when a service is failing. Each retry spends tokens;
 * each call that succeeds gives some back, never above the initial 500.
 */

/** Tokens a client starts with. */
export const INITIAL_RETRY_TOKENS = 500;

/** botocore's retries/quota.py RetryQuota. */
export class RetryQuota {
  private readonly max: number;
  private available: number;

  constructor(initialCapacity = INITIAL_RETRY_TOKENS) {
    this.max = initialCapacity;
    this.available = initialCapacity;
  }

  /** Spends `amount` tokens; false (and nothing spent) when fewer remain. */
  acquire(amount: number): boolean {
    if (amount > this.available) return false;
    this.available -= amount;
    return true;
  }

  /** Gives tokens back, capped at the initial capacity. */
  release(amount: number): void {
    if (this.available === this.max) return;
    this.available += Math.min(this.max - this.available, amount);
  }

  /** Tokens left. */
  get available_capacity(): number {
    return this.available;
  }
}
