/**
 * What boto3-ts adds to botocore's retries, and the factory's contract:
 * the opt-in that stops re-sending non-idempotent requests after a read
 * timeout, the onRetry debug hook, unknown modes, and cheap construction.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRetryStrategy, isIdempotentOperation } from "../../../src/retries/index.js";
import type { RetryInfo, RetryStrategyOptions } from "../../../src/retries/index.js";
import { FakeClock, makeError, makeResponse, retryData, serviceModel } from "./support/differential.js";

const MODES = ["legacy", "standard", "adaptive"] as const;

function strategy(mode: string, service: string, extra: Partial<RetryStrategyOptions> = {}) {
  return createRetryStrategy({
    mode,
    serviceModel: serviceModel(service),
    retryConfigData: retryData(),
    random: () => 0.5,
    newRetries: false,
    clock: new FakeClock(0),
    ...extra,
  });
}

function afterError(mode: string, service: string, op: string, error: string, extra: Partial<RetryStrategyOptions> = {}) {
  return strategy(mode, service, extra).decide({
    attempt: 1,
    operation: serviceModel(service).operation_model(op),
    error: makeError(error),
    requestContext: {},
  });
}

describe("retryNonIdempotentAfterReadTimeout: false", () => {
  const off = { retryNonIdempotentAfterReadTimeout: false };

  for (const mode of MODES) {
    test(`${mode}: a read timeout is not retried for a non-idempotent POST`, () => {
      const decision = afterError(mode, "dynamodb", "PutItem", "ReadTimeoutError", off);
      assert.equal(decision.retry, false);
      assert.equal(decision.delaySeconds, 0);
      assert.equal(decision.reason, "not retried: ReadTimeoutError on non-idempotent operation PutItem");
    });

    test(`${mode}: by default (botocore) the same read timeout is retried`, () => {
      assert.equal(afterError(mode, "dynamodb", "PutItem", "ReadTimeoutError").retry, true);
    });

    test(`${mode}: idempotent operations are still retried`, () => {
      assert.equal(afterError(mode, "ec2", "RunInstances", "ReadTimeoutError", off).retry, true, "idempotency token");
      assert.equal(afterError(mode, "lambda", "CreateFunction", "ReadTimeoutError", off).retry, true, "idempotent trait");
      assert.equal(afterError(mode, "s3", "GetObject", "ReadTimeoutError", off).retry, true, "GET");
      assert.equal(afterError(mode, "s3", "HeadObject", "ReadTimeoutError", off).retry, true, "HEAD");
    });

    test(`${mode}: errors before the request was sent are still retried`, () => {
      assert.equal(afterError(mode, "dynamodb", "PutItem", "ConnectTimeoutError", off).retry, true);
      assert.equal(afterError(mode, "dynamodb", "PutItem", "EndpointConnectionError", off).retry, true);
    });
  }

  test("standard: a refused retry spends no quota", () => {
    const s = strategy("standard", "dynamodb", off);
    s.decide({ attempt: 1, operation: serviceModel("dynamodb").operation_model("PutItem"), error: makeError("ReadTimeoutError"), requestContext: {} });
    s.decide({ attempt: 1, operation: serviceModel("dynamodb").operation_model("GetItem"), error: makeError("ConnectionClosedError"), requestContext: {} });
    assert.equal((s as unknown as { quota: { available_capacity: number } }).quota.available_capacity, 495);
  });

  test("which operations count as idempotent", () => {
    const op = (service: string, name: string) => serviceModel(service).operation_model(name);
    assert.equal(isIdempotentOperation(op("s3", "PutObject")), false, "PUT alone does not vouch");
    assert.equal(isIdempotentOperation(op("s3", "DeleteObject")), false, "DELETE alone does not vouch");
    assert.equal(isIdempotentOperation(op("lambda", "Invoke")), false);
    assert.equal(isIdempotentOperation(op("dynamodb", "GetItem")), false, "a POST without traits");
    assert.equal(isIdempotentOperation(op("lambda", "ListFunctions")), true);
    assert.equal(isIdempotentOperation(op("ec2", "RunInstances")), true);
    assert.equal(isIdempotentOperation(op("lambda", "CreateFunction")), true);
  });
});

describe("onRetry", () => {
  for (const mode of MODES) {
    test(`${mode}: called once per retry decided, with the reason and delay`, () => {
      const seen: RetryInfo[] = [];
      const s = strategy(mode, "lambda", { onRetry: (info) => seen.push(info), totalMaxAttempts: 2 });
      const operation = serviceModel("lambda").operation_model("ListFunctions");
      const first = s.decide({ attempt: 1, operation, response: makeResponse({ status: 503 }), requestContext: {} });
      s.decide({ attempt: 2, operation, response: makeResponse({ status: 503 }), requestContext: {} });
      s.decide({ attempt: 1, operation, response: makeResponse({ status: 200 }), requestContext: {} });
      assert.equal(seen.length, 1);
      assert.deepEqual(seen[0], {
        operation: "ListFunctions",
        attempt: 1,
        reason: first.reason,
        delaySeconds: first.delaySeconds,
      });
      assert.equal(seen[0]!.delaySeconds, 0.5);
      assert.match(seen[0]!.reason, /503/);
    });
  }
});

describe("createRetryStrategy", () => {
  test("builds the mode asked for", () => {
    for (const mode of MODES) assert.equal(strategy(mode, "lambda").mode, mode);
  });

  test("an unknown mode never retries, as botocore registers no handler", () => {
    const s = strategy("bogus", "lambda");
    assert.equal(s.mode, "bogus");
    const operation = serviceModel("lambda").operation_model("ListFunctions");
    assert.equal(s.decide({ attempt: 1, operation, response: makeResponse({ status: 503 }), requestContext: {} }).retry, false);
    assert.equal(s.beforeAttempt({ operation }), undefined);
  });

  test("creating a strategy is cheap: nothing is compiled until the first call", () => {
    const model = serviceModel("dynamodb");
    const data = retryData();
    for (const mode of MODES) {
      // Best of five rounds, so that a busy machine does not fail the test.
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const n = 20000;
        const start = process.hrtime.bigint();
        for (let i = 0; i < n; i++) createRetryStrategy({ mode, serviceModel: model, retryConfigData: data });
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / n);
      }
      // The whole client has 20 µs; a retry strategy measures about 0.3 µs.
      assert.ok(best < 2, `${mode}: ${best.toFixed(3)} µs per strategy`);
    }
  });

  test("a decision on success touches only the request context's retries.max", () => {
    for (const mode of MODES) {
      const context: Record<string, unknown> = { retries: { attempt: 1, "invocation-id": "x" } };
      const response = makeResponse({ status: 200 });
      const decision = strategy(mode, "lambda").decide({
        attempt: 1,
        operation: serviceModel("lambda").operation_model("ListFunctions"),
        response,
        requestContext: context,
      });
      assert.deepEqual(decision, { retry: false, delaySeconds: 0 });
      assert.deepEqual(context, { retries: { attempt: 1, "invocation-id": "x", max: mode === "legacy" ? 5 : 3 } });
      assert.deepEqual(response.parsed, { ResponseMetadata: { HTTPStatusCode: 200 } });
    }
  });
});
