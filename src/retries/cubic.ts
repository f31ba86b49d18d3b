/**
 * CUBIC congestion control applied to request rates (botocore's
 * retries/throttling.py): after a throttling error the rate drops to 70% of
 * what was measured; then it grows along a cubic curve that flattens near the
 * rate that failed and probes above it.
 *
 *   rate(t) = C * (t - last_fail - K) ** 3 + W_max,   K = cbrt(W_max * (1 - beta) / C)
 */

const SCALE_CONSTANT = 0.4;
const BETA = 0.7;

/** A read-only copy of the curve's parameters, for debugging. */
export interface CubicParams {
  readonly w_max: number;
  readonly k: number;
  readonly last_fail: number;
}

/** botocore's CubicCalculator. */
export class CubicCalculator {
  private wMax: number;
  private k: number;
  private lastFail: number;
  private readonly scaleConstant: number;
  private readonly beta: number;

  constructor(startingMaxRate: number, startTime: number, scaleConstant = SCALE_CONSTANT, beta = BETA) {
    this.wMax = startingMaxRate;
    this.scaleConstant = scaleConstant;
    this.beta = beta;
    this.k = this.zeroPoint();
    this.lastFail = startTime;
  }

  // `** (1 / 3)` rather than Math.cbrt: the same operation as Python's, so the same bits.
  private zeroPoint(): number {
    return ((this.wMax * (1 - this.beta)) / this.scaleConstant) ** (1 / 3);
  }

  /** The rate allowed at `timestamp` after a response that was not throttled. */
  success_received(timestamp: number): number {
    const dt = timestamp - this.lastFail;
    return this.scaleConstant * (dt - this.k) ** 3 + this.wMax;
  }

  /** Records a throttling error at `timestamp` while sending at `currentRate`; returns the reduced rate. */
  error_received(currentRate: number, timestamp: number): number {
    this.wMax = currentRate;
    this.k = this.zeroPoint();
    this.lastFail = timestamp;
    return currentRate * this.beta;
  }

  /** The current parameters. */
  get_params_snapshot(): CubicParams {
    return { w_max: this.wMax, k: this.k, last_fail: this.lastFail };
  }
}
