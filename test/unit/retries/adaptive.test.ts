/**
 * Adaptive mode against botocore: botocore's ClientRateLimiter (TokenBucket,
 * RateClocker, CubicCalculator) on a fake clock beside a real standard-mode
 * handler, and AdaptiveRetryStrategy on the same fake clock. After every send
 * and response, the decision, the time spent waiting for tokens and the
 * limiter's state (measured rate, bucket rate and capacity, CUBIC parameters)
 * must agree.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CapacityNotAvailableError } from "../../../src/exceptions.js";
import { AdaptiveRetryStrategy } from "../../../src/retries/adaptive-strategy.js";
import { CubicCalculator } from "../../../src/retries/cubic.js";
import { RateClocker } from "../../../src/retries/rate-limiter.js";
import { TokenBucket } from "../../../src/retries/token-bucket.js";
import type { RetryClock } from "../../../src/retries/types.js";
import {
  FakeClock,
  type Scenario,
  type Step,
  type StepResult,
  assertClose,
  makeResponse,
  retryData,
  runBoto3ts,
  runBotocore,
  serviceModel,
} from "./support/differential.js";
import { type Outcome, e, r } from "./support/steps.js";

const RAND = [0.3, 0.6, 0.9];
const THROTTLE = r(400, "ThrottlingException");
const OK = r(200);

/** A send `dt` seconds after the previous step, then the attempt's outcome. */
function request(op: string, outcome: Outcome, dt: number, call: string, attempt = 1): Step[] {
  const done: Step = { op, attempt, call };
  if ("error" in outcome) done.error = outcome.error;
  else done.response = outcome;
  return [{ send: true, dt, op }, done];
}

/** `n` single-attempt calls, `dt` apart, all ending the same way. */
function burst(op: string, n: number, outcome: Outcome, dt: number, prefix: string): Step[] {
  return Array.from({ length: n }, (_, i) => request(op, outcome, dt, `${prefix}${i}`)).flat();
}

const base: Omit<Scenario, "new_retries">[] = [
  {
    name: "steady traffic, a throttling burst, then recovery",
    kind: "adaptive",
    service: "dynamodb",
    start: 1000.3,
    random: RAND,
    steps: [
      ...burst("GetItem", 30, OK, 0.1, "warm"),
      ...burst("GetItem", 5, THROTTLE, 0.1, "throttled"),
      ...burst("GetItem", 40, OK, 0.05, "fast"),
      ...burst("GetItem", 10, OK, 1.3, "slow"),
      ...burst("GetItem", 3, THROTTLE, 0.01, "again"),
      ...burst("GetItem", 10, OK, 0, "eager"),
    ],
  },
  {
    name: "throttled on the very first response: the bucket starts at its minimum rate",
    kind: "adaptive",
    service: "lambda",
    start: 50,
    random: RAND,
    steps: [...burst("ListFunctions", 1, THROTTLE, 0, "first"), ...burst("ListFunctions", 6, OK, 0, "next")],
  },
  {
    name: "connection errors and 5xx count as successes for CUBIC",
    kind: "adaptive",
    service: "lambda",
    start: 7.9,
    random: RAND,
    steps: [
      ...burst("ListFunctions", 8, OK, 0.2, "a"),
      ...burst("ListFunctions", 2, THROTTLE, 0.2, "b"),
      ...burst("ListFunctions", 6, e("ConnectionClosedError"), 0.2, "c"),
      ...burst("ListFunctions", 6, r(503), 0.2, "d"),
      ...burst("ListFunctions", 4, r(429, "TooManyRequestsException"), 0.2, "e"),
      ...burst("ListFunctions", 4, r(400, "ValidationException"), 0.2, "f"),
    ],
  },
  {
    name: "long quiet periods let the cubic curve climb",
    kind: "adaptive",
    service: "s3",
    start: 0,
    random: RAND,
    steps: [
      ...burst("HeadObject", 10, OK, 0.3, "a"),
      ...burst("HeadObject", 1, r(503, "SlowDown"), 0.3, "b"),
      ...burst("HeadObject", 3, OK, 30, "c"),
      ...burst("HeadObject", 20, OK, 0.01, "d"),
    ],
  },
  {
    name: "retried calls: decisions and rate adjustments together",
    kind: "adaptive",
    service: "dynamodb",
    start: 3,
    random: RAND,
    steps: [
      ...request("PutItem", THROTTLE, 0, "x", 1),
      ...request("PutItem", THROTTLE, 0.4, "x", 2),
      ...request("PutItem", THROTTLE, 0.8, "x", 3),
      ...request("PutItem", OK, 1.6, "x", 4),
      { call: "x", after_call: 200 },
      ...request("PutItem", r(500), 0.1, "y", 1),
      ...request("PutItem", OK, 0.1, "y", 2),
      { call: "y", after_call: 200 },
    ],
  },
];

const scenarios: Scenario[] = [false, true].flatMap((flag) =>
  base.map((s) => ({ ...s, name: `${s.name}${flag ? " [AWS_NEW_RETRIES_2026]" : ""}`, new_retries: flag })),
);
const expected = runBotocore(scenarios);

function stepsOf(i: number): StepResult[] {
  const result = expected[i]!;
  assert.ok("steps" in result, `botocore failed: ${JSON.stringify(result)}`);
  return result.steps;
}

describe("adaptive mode matches botocore's ClientRateLimiter", () => {
  scenarios.forEach((scenario, i) => {
    test(scenario.name, async () => {
      assertClose(await runBoto3ts(scenario), expected[i]);
    });
  });
});

describe("adaptive mode: the values botocore gives", () => {
  test("the limiter stays off until the first throttling error, then sends wait for tokens", () => {
    const steps = stepsOf(0);
    const firstThrottle = 60 + 1; // 30 warm calls of 2 steps, then the throttled response
    assert.equal(steps[firstThrottle - 2]!.limiter!["enabled"], false);
    assert.equal(steps[firstThrottle]!.limiter!["enabled"], true);
    const waited = steps.filter((s) => (s.slept ?? []).length > 0);
    assert.ok(waited.length > 10, `only ${waited.length} sends waited`);
  });

  test("a throttle before any rate was measured drops the bucket to 0.5 tokens/s", () => {
    const steps = stepsOf(1);
    assert.equal(steps[1]!.limiter!["max_rate"], 0.5);
    assert.deepEqual(steps[2]!.slept, [2]);
  });
});

/** A clock whose sleeps finish only when the test moves time past them. */
class ManualClock implements RetryClock {
  t = 0;
  private sleepers: { until: number; resolve: () => void }[] = [];

  now(): number {
    return this.t;
  }

  sleep(seconds: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = { until: this.t + seconds, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(new Error("aborted"));
      });
    });
  }

  advance(seconds: number): void {
    this.t += seconds;
    const due = this.sleepers.filter((s) => s.until <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.until > this.t);
    for (const s of due) s.resolve();
  }

  get pending(): number {
    return this.sleepers.length;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("token bucket", () => {
  test("a rate increase wakes a waiting send, which takes its token sooner", async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(0.5, clock);
    let done = false;
    const waiting = bucket.acquire().then(() => (done = true));
    await tick();
    assert.equal(clock.pending, 1);
    clock.advance(1); // half a token at 0.5/s
    await tick();
    assert.equal(done, false);
    bucket.max_rate = 10; // credits the half token, then wakes the waiter to recompute
    await tick();
    assert.equal(clock.pending, 1);
    clock.advance(0.05); // the missing half token at 10/s
    await waiting;
    assert.equal(done, true);
    assert.ok(Math.abs(bucket.available_capacity) < 1e-9);
  });

  test("non-blocking acquire fails with CapacityNotAvailableError", async () => {
    const bucket = new TokenBucket(1, new FakeClock(0));
    await assert.rejects(bucket.acquire(1, false), (err: unknown) => err instanceof CapacityNotAvailableError);
  });

  test("capacity is max(rate, 1) and the rate floor is 0.5", () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(4, clock);
    clock.t = 10;
    bucket.max_rate = 0.1;
    assert.equal(bucket.max_rate, 0.5);
    assert.equal(bucket.max_capacity, 1);
    assert.equal(bucket.available_capacity, 1);
  });
});

describe("CUBIC and the rate clocker", () => {
  test("after a throttle the rate is 70% and climbs back to W_max at t = K", () => {
    const cubic = new CubicCalculator(0, 0);
    assert.equal(cubic.error_received(10, 100), 7);
    const { k } = cubic.get_params_snapshot();
    assert.ok(Math.abs(cubic.success_received(100 + k) - 10) < 1e-9);
    assert.ok(cubic.success_received(100 + k + 1) > 10);
  });

  test("the measured rate updates once per half-second bucket, smoothed by 0.8", () => {
    const clock = new FakeClock(10);
    const clocker = new RateClocker(clock);
    clock.t = 10.2;
    assert.equal(clocker.record(), 0);
    clock.t = 10.6;
    assert.equal(clocker.record(), (2 / 0.5) * 0.8);
  });
});

describe("adaptive strategy wiring", () => {
  test("beforeAttempt returns nothing to await until the service throttles", async () => {
    const clock = new FakeClock(100);
    const strategy = new AdaptiveRetryStrategy(
      { mode: "adaptive", serviceModel: serviceModel("dynamodb"), retryConfigData: retryData(), clock, random: () => 0.5 },
      false,
    );
    const operation = serviceModel("dynamodb").operation_model("GetItem");
    assert.equal(strategy.beforeAttempt({ operation }), undefined);
    strategy.decide({ attempt: 1, operation, response: makeResponse({ status: 200 }), requestContext: {} });
    assert.equal(strategy.beforeAttempt({ operation }), undefined);
    const decision = strategy.decide({ attempt: 1, operation, response: makeResponse({ status: 400, code: "ThrottlingException" }), requestContext: {} });
    assert.equal(decision.retry, true);
    assert.equal(decision.delaySeconds, 0.5);
    const wait = strategy.beforeAttempt({ operation });
    assert.ok(wait instanceof Promise);
    await wait;
    assert.deepEqual(clock.slept, [2]);
  });

  test("the limiter's clocks start when the client is created, not at its first call", () => {
    const clock = new FakeClock(5);
    const strategy = new AdaptiveRetryStrategy(
      { mode: "adaptive", serviceModel: serviceModel("dynamodb"), retryConfigData: retryData(), clock },
      false,
    );
    clock.t = 65;
    assert.equal(strategy.limiter.cubicParams.last_fail, 5);
  });
});
