/**
 * The seed's scenario: a Lambda invoke whose function answers after 2 s,
 * called with `read_timeout: 1`. botocore (and so boto3-ts, by default)
 * sends it again after each read timeout, running the function once per
 * attempt; `retries: { max_attempts: 0 }` sends it once; `read_timeout: 5`
 * lets it succeed. boto3-ts's opt-in `resend_after_read_timeout:
 * "idempotent_only"` sends a non-idempotent invoke once while still
 * retrying idempotent operations. The fault server counts the invokes;
 * botocore runs each case against the same server.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Config } from "../../src/config/config.js";
import { InvalidConfigError, InvalidRetryConfigurationError } from "../../src/exceptions.js";
import { BotocoreCalls, type CallOutcome, type CallSpec, loggedDelays, tsCall } from "../support/call-differential.js";
import { normalize } from "../support/fault-matrix.js";
import { type FaultServer, type RequestRecord, startFaultServer } from "../support/fault-server.js";

interface Run {
  outcome: CallOutcome;
  requests: RequestRecord[];
}

describe("the seed scenario: a slow Lambda invoke and read_timeout", { concurrency: true }, () => {
  let server: FaultServer;
  let botocore: BotocoreCalls;
  before(async () => {
    server = await startFaultServer();
    botocore = new BotocoreCalls();
  });
  after(async () => {
    await botocore?.close();
    await server?.close();
  });

  /** Runs one call against a fresh "answers after 2 s" scenario, in boto3-ts or botocore. */
  async function run(sdk: "ts" | "py", operation: "invoke" | "get_function", config: Record<string, unknown>): Promise<Run> {
    const scenario = server.scenario({ faults: ["stall-headers"], stallMs: 2000 });
    const spec: CallSpec = {
      service: "lambda",
      operation,
      params: operation === "invoke" ? { FunctionName: "seed-fn", InvocationType: "RequestResponse", Payload: "{}" } : { FunctionName: "seed-fn" },
      endpoint_url: scenario.endpointUrl,
      config,
      read_streams: true,
    };
    const outcome = normalize(sdk === "ts" ? await tsCall(spec) : await botocore.call(spec), scenario.token);
    await new Promise((resolve) => setTimeout(resolve, 30));
    return { outcome, requests: scenario.requests };
  }

  /** Both SDKs, side by side. */
  async function both(operation: "invoke" | "get_function", config: Record<string, unknown>): Promise<{ ts: Run; py: Run }> {
    const [ts, py] = await Promise.all([run("ts", operation, config), run("py", operation, config)]);
    return { ts, py };
  }

  const READ_TIMEOUT_MESSAGE = /^Read timeout on endpoint URL: "http:\/\/127\.0\.0\.1:\d+\/f\/TOKEN\/2015-03-31\/functions\/seed-fn\/invocations"$/;

  test("legacy mode (the default): ReadTimeoutError after 5 invokes, as botocore", async () => {
    const { ts, py } = await both("invoke", { read_timeout: 1 });
    assert.equal(py.requests.length, 5, "botocore's legacy policy for lambda: 5 attempts");
    assert.equal(ts.requests.length, py.requests.length, "invokes the server saw");
    assert.equal(ts.outcome.error?.type, "ReadTimeoutError");
    assert.match(ts.outcome.error!.message, READ_TIMEOUT_MESSAGE);
    assert.deepEqual(ts.outcome.error, py.outcome.error);
    // Each retry waited rand * 2^(n-1) seconds, and said so.
    const delays = loggedDelays(ts.outcome.log);
    assert.equal(delays.length, 4);
    delays.forEach((delay, i) => assert.ok(delay >= 0 && delay <= 2 ** i, `delay ${delay} before attempt ${i + 2}`));
  });

  test("standard mode: ReadTimeoutError after 3 invokes, as botocore", async () => {
    const { ts, py } = await both("invoke", { read_timeout: 1, retries: { mode: "standard" } });
    assert.equal(py.requests.length, 3);
    assert.equal(ts.requests.length, py.requests.length);
    assert.equal(ts.outcome.error?.type, "ReadTimeoutError");
    assert.deepEqual(ts.outcome.error, py.outcome.error);
  });

  test("retries: { max_attempts: 0 }: exactly one invoke, in legacy and in standard mode", async () => {
    for (const retries of [{ max_attempts: 0 }, { max_attempts: 0, mode: "standard" }]) {
      const { ts, py } = await both("invoke", { read_timeout: 1, retries });
      assert.equal(ts.requests.length, 1, JSON.stringify(retries));
      assert.equal(py.requests.length, 1, JSON.stringify(retries));
      assert.deepEqual(ts.outcome.error, py.outcome.error);
      assert.equal(ts.outcome.error?.type, "ReadTimeoutError");
    }
  });

  test("read_timeout: 5: the invoke succeeds after 2 s, once", async () => {
    const { ts, py } = await both("invoke", { read_timeout: 5 });
    assert.equal(ts.requests.length, 1);
    assert.equal(py.requests.length, 1);
    assert.ok(ts.outcome.ok, JSON.stringify(ts.outcome.error));
    assert.deepEqual(ts.outcome.result, py.outcome.result);
    assert.deepEqual(ts.outcome.result?.Payload, { $b: Buffer.from(JSON.stringify({ echo: "seed-fn" })).toString("base64") });
    assert.equal(ts.outcome.result?.StatusCode, 200);
    assert.ok(ts.outcome.seconds >= 1.9, `took ${ts.outcome.seconds} s`);
  });

  test("opt-in resend_after_read_timeout: 'idempotent_only': one invoke, in every mode", async () => {
    for (const mode of ["legacy", "standard", "adaptive"]) {
      const ts = await run("ts", "invoke", { read_timeout: 1, retries: { mode, resend_after_read_timeout: "idempotent_only" } });
      assert.equal(ts.requests.length, 1, `${mode}: the server saw one invoke`);
      assert.equal(ts.outcome.error?.type, "ReadTimeoutError");
      assert.match(ts.outcome.error!.message, READ_TIMEOUT_MESSAGE);
      assert.equal(ts.outcome.log.length, 1, `${mode}: one line says why it was not resent: ${JSON.stringify(ts.outcome.log)}`);
      assert.match(ts.outcome.log[0]!, /^botocore\.retryhandler: No retry for Invoke \(attempt 1\): not retried: ReadTimeoutError on non-idempotent operation Invoke$/);
    }
  });

  test("opt-in: an idempotent operation (GET get_function) is still retried, as botocore retries it", async () => {
    const [ts, py] = await Promise.all([
      run("ts", "get_function", { read_timeout: 1, retries: { mode: "standard", resend_after_read_timeout: "idempotent_only" } }),
      run("py", "get_function", { read_timeout: 1, retries: { mode: "standard" } }),
    ]);
    assert.equal(py.requests.length, 3);
    assert.equal(ts.requests.length, 3);
    assert.deepEqual(ts.outcome.error, py.outcome.error);
  });

  test("opt-in off (the default, or 'always'): botocore's behaviour", async () => {
    const ts = await run("ts", "invoke", { read_timeout: 1, retries: { mode: "standard", resend_after_read_timeout: "always" } });
    assert.equal(ts.requests.length, 3);
  });

  test("a debug line per retry names the operation, the attempt, the reason and the delay", async () => {
    const { ts } = await both("invoke", { read_timeout: 1, retries: { mode: "standard" } });
    assert.equal(ts.outcome.log.length, 2, JSON.stringify(ts.outcome.log));
    ts.outcome.log.forEach((line, i) => {
      assert.match(line, new RegExp(`^botocore\\.retryhandler: Retry needed for Invoke \\(attempt ${i + 1}: ReadTimeoutError\\), retrying request after delay of: [0-9.e-]+$`));
    });
    // The delay named is the one waited: the next invoke came at least that long after the timeout.
    const delays = loggedDelays(ts.outcome.log);
    for (let i = 0; i < delays.length; i++) {
      const gap = (ts.requests[i + 1]!.arrivedAt - ts.requests[i]!.doneAt!) / 1000;
      assert.ok(gap >= delays[i]! - 0.35, `gap ${gap} vs delay ${delays[i]}`);
    }
  });

  test("the opt-in is validated: only 'always' or 'idempotent_only'; botocore's own message for unknown keys", () => {
    assert.doesNotThrow(() => new Config({ retries: { resend_after_read_timeout: "idempotent_only" } }));
    assert.throws(
      () => new Config({ retries: { resend_after_read_timeout: "never" as "always" } }),
      (error: unknown) => error instanceof InvalidConfigError && /retries\.resend_after_read_timeout/.test((error as Error).message),
    );
    assert.throws(
      () => new Config({ retries: { bogus: 1 } as never }),
      (error: unknown) =>
        error instanceof InvalidRetryConfigurationError &&
        (error as Error).message ===
          `Cannot provide retry configuration for "bogus". Valid retry configuration options are: ('max_attempts', 'mode', 'total_max_attempts')`,
    );
  });
});
