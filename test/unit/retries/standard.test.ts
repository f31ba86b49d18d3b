/**
 * Standard mode against botocore: each scenario runs through the handler a
 * real botocore standard-mode client registers (jitter fixed on both sides)
 * and through StandardRetryStrategy, with AWS_NEW_RETRIES_2026 off and on;
 * decisions, delays, metadata flags, request context and the client's quota
 * must agree after every step.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_MAX_ATTEMPTS, StandardRetryStrategy } from "../../../src/retries/standard-strategy.js";
import { RetryQuota } from "../../../src/retries/retry-quota.js";
import {
  type Scenario,
  type Step,
  type StepResult,
  assertClose,
  makeError,
  makeResponse,
  runBoto3ts,
  runBotocore,
  serviceModel,
} from "./support/differential.js";
import { type Outcome, attempts, crcBody, e, r, times } from "./support/steps.js";

const RAND = [0.25, 0.75, 0.5, 0.1, 0.9, 1.0];

const THROTTLING_CODES = [
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
  "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
  "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
  "EC2ThrottledException",
];

const ERRORS = [
  "ReadTimeoutError", "ConnectTimeoutError", "EndpointConnectionError", "ConnectionClosedError", "ConnectionError",
  "SSLError", "ProxyConnectionError", "HTTPClientError", "ResponseStreamingError", "NoCredentialsError", "ChecksumError",
];

/** One call per outcome, each a first attempt followed by a 200. */
function eachOnce(op: string, outcomes: readonly Outcome[]): Step[] {
  return outcomes.flatMap((outcome, i) => attempts(op, [outcome, r(200)], `call${i}`));
}

/** `calls` calls of `perCall` failed attempts each, with botocore's after-call on the final response. */
function storm(op: string, calls: number, perCall: number, outcome: Outcome & { status: number }): Step[] {
  return Array.from({ length: calls }, (_, i) => [
    ...attempts(op, times(perCall, outcome), `storm${i}`),
    { call: `storm${i}`, after_call: outcome.status },
  ]).flat();
}

const base: Omit<Scenario, "new_retries">[] = [
  { name: "dynamodb throttling to the limit", kind: "standard", service: "dynamodb", random: RAND, steps: attempts("GetItem", times(5, r(400, "ThrottlingException"))) },
  { name: "dynamodb 500s to the limit", kind: "standard", service: "dynamodb", random: RAND, steps: attempts("GetItem", times(5, r(500, "InternalServerError"))) },
  { name: "dynamodb streams defaults", kind: "standard", service: "dynamodbstreams", random: RAND, steps: attempts("GetRecords", times(5, r(503))) },
  {
    name: "transient error codes",
    kind: "standard",
    service: "s3",
    random: RAND,
    steps: eachOnce("GetObject", [r(400, "RequestTimeout"), r(408, "RequestTimeoutException"), r(400, "PriorRequestNotComplete"), r(400, "BadDigest")]),
  },
  {
    name: "transient status codes; 501 and a bare 429 are not",
    kind: "standard",
    service: "lambda",
    random: RAND,
    steps: eachOnce("ListFunctions", [r(500), r(502), r(503), r(504), r(501), r(429), r(509), r(429, "TooManyRequestsException")]),
  },
  {
    name: "every throttling code",
    kind: "standard",
    service: "lambda",
    random: RAND,
    steps: eachOnce("ListFunctions", THROTTLING_CODES.map((code) => r(400, code))),
  },
  ...ERRORS.map(
    (name): Omit<Scenario, "new_retries"> => ({
      name: `thrown ${name} to the limit`,
      kind: "standard",
      service: "lambda",
      random: RAND,
      steps: attempts("ListFunctions", times(3, e(name))),
    }),
  ),
  { name: "modeled transient: bedrock ModelNotReadyException", kind: "standard", service: "bedrock-runtime", random: RAND, steps: attempts("InvokeModel", [r(429, "ModelNotReadyException"), r(200)]) },
  {
    name: "modeled transient only on the operations that declare it",
    kind: "standard",
    service: "dynamodb",
    random: RAND,
    steps: [...attempts("PutItem", [r(409, "ReplicatedWriteConflictException")], "a"), ...attempts("GetItem", [r(409, "ReplicatedWriteConflictException")], "b")],
  },
  { name: "modeled retryable AccessDeniedException", kind: "standard", service: "migrationhuborchestrator", random: RAND, steps: attempts("CreateTemplate", [r(403, "AccessDeniedException"), r(403, "AccessDeniedException")]) },
  { name: "modeled non-throttling ThrottledRequestException", kind: "standard", service: "socialmessaging", random: RAND, steps: attempts("AssociateWhatsAppBusinessAccount", [r(400, "ThrottledRequestException"), r(400, "ThrottledRequestException")]) },
  { name: "modeled TooManyRequestException (not in the fixed list)", kind: "standard", service: "elementalinference", random: RAND, steps: attempts("CreateFeed", [r(429, "TooManyRequestException")]) },
  { name: "modeled throttling: lakeformation ThrottledException", kind: "standard", service: "lakeformation", random: RAND, steps: attempts("GetQueryStatistics", [r(400, "ThrottledException")]) },
  { name: "sts IDPCommunicationError", kind: "standard", service: "sts", random: RAND, steps: attempts("AssumeRoleWithWebIdentity", [r(400, "IDPCommunicationError"), r(400, "InvalidIdentityToken")]) },
  { name: "IDPCommunicationError outside STS", kind: "standard", service: "lambda", random: RAND, steps: attempts("ListFunctions", [r(400, "IDPCommunicationError")]) },
  {
    name: "dynamodb CRC32 mismatch, match, and a header elsewhere",
    kind: "standard",
    service: "dynamodb",
    random: RAND,
    steps: [...attempts("GetItem", [r(200, null, crcBody('{"Item":{}}', false)), r(200, null, crcBody('{"Item":{}}', true))], "a")],
  },
  { name: "dynamodb CRC32 header that is not a number raises Python's ValueError", kind: "standard", service: "dynamodb", steps: attempts("GetItem", [r(200, null, { headers: { "x-amz-crc32": "12ab" } })]) },
  { name: "CRC32 header on another service is ignored", kind: "standard", service: "lambda", steps: attempts("ListFunctions", [r(200, null, crcBody("{}", false))]) },
  { name: "quota exhaustion by 503 storms", kind: "standard", service: "lambda", random: RAND, steps: [...storm("ListFunctions", 52, 3, r(503)), ...attempts("ListFunctions", [r(503), r(200)], "after"), { call: "after", after_call: 200 }] },
  {
    name: "quota exhaustion by read timeouts, then refills",
    kind: "standard",
    service: "lambda",
    random: RAND,
    steps: [
      ...Array.from({ length: 26 }, (_, i) => attempts("ListFunctions", times(3, e("ReadTimeoutError")), `t${i}`)).flat(),
      ...Array.from({ length: 6 }, (_, i): Step[] => [...attempts("ListFunctions", [r(200)], `ok${i}`), { call: `ok${i}`, after_call: 200 }]).flat(),
      ...attempts("ListFunctions", [r(500), r(200)], "retried"),
      { call: "retried", after_call: 200 },
    ],
  },
  {
    name: "refills: 1 after a clean call, the last cost after a retried one, nothing after a failure",
    kind: "standard",
    service: "lambda",
    random: RAND,
    steps: [
      ...attempts("ListFunctions", [r(500), e("ConnectTimeoutError"), r(200)], "a"),
      { call: "a", after_call: 200 },
      ...attempts("ListFunctions", [r(500), r(404, "ResourceNotFoundException")], "b"),
      { call: "b", after_call: 404 },
      ...attempts("ListFunctions", [r(204)], "c"),
      { call: "c", after_call: 204 },
    ],
  },
  {
    name: "sqs long polling after the quota is spent",
    kind: "standard",
    service: "sqs",
    random: RAND,
    steps: [...storm("ReceiveMessage", 40, 2, r(503)), ...attempts("SendMessage", [r(503)], "send")],
  },
  {
    name: "x-amz-retry-after",
    kind: "standard",
    service: "lambda",
    random: RAND,
    steps: eachOnce(
      "ListFunctions",
      ["1500", "-5", "abc", "100000", " 20 ", "1_000", "0", "3.5"].map((v) => r(503, null, { headers: { "x-amz-retry-after": v } })),
    ),
  },
  { name: "AWS_MAX_ATTEMPTS=1", kind: "standard", service: "dynamodb", env: { AWS_MAX_ATTEMPTS: "1" }, random: RAND, steps: attempts("GetItem", times(2, r(503))) },
  { name: "AWS_MAX_ATTEMPTS=5", kind: "standard", service: "dynamodb", env: { AWS_MAX_ATTEMPTS: "5" }, random: RAND, steps: attempts("GetItem", times(6, r(503))) },
  { name: "Config max_attempts=4 (5 total)", kind: "standard", service: "lambda", retries: { max_attempts: 4 }, random: RAND, steps: attempts("ListFunctions", times(6, r(500))) },
  { name: "total_max_attempts=1 marks even a success", kind: "standard", service: "lambda", retries: { total_max_attempts: 1 }, steps: attempts("ListFunctions", [r(200)]) },
  { name: "missing ResponseMetadata is created", kind: "standard", service: "lambda", retries: { total_max_attempts: 1 }, steps: attempts("ListFunctions", [r(503, null, { metadata: false }), r(200, null, { metadata: false })]) },
  { name: "non-retryable error at the limit is still marked", kind: "standard", service: "lambda", retries: { total_max_attempts: 2 }, steps: attempts("ListFunctions", [r(404, "ResourceNotFoundException"), r(400, "ValidationException")]) },
];

const scenarios: Scenario[] = [false, true].flatMap((flag) =>
  base.map((s) => ({ ...s, name: `${s.name}${flag ? " [AWS_NEW_RETRIES_2026]" : ""}`, new_retries: flag })),
);
const expected = runBotocore(scenarios);

function stepsOf(name: string): StepResult[] {
  const i = scenarios.findIndex((s) => s.name === name);
  const result = expected[i]!;
  assert.ok("steps" in result, `botocore failed: ${JSON.stringify(result)}`);
  return result.steps;
}

describe("standard mode matches botocore's retries.standard", () => {
  scenarios.forEach((scenario, i) => {
    test(scenario.name, async () => {
      assertClose(await runBoto3ts(scenario), expected[i]);
    });
  });
});

describe("standard mode: the values botocore gives", () => {
  test("throttling: 3 attempts, full jitter over 1 s and 2 s, MaxAttemptsReached", () => {
    const steps = stepsOf("dynamodb throttling to the limit");
    assert.deepEqual(steps.map((s) => s.result).slice(0, 3), [0.25, 1.5, null]);
    assert.equal(steps[2]!.metadata?.["MaxAttemptsReached"], true);
    assert.deepEqual(steps.map((s) => s.available).slice(0, 3), [495, 490, 490]);
  });

  test("new retries: dynamodb gets 4 attempts; throttling scale 1, 5 tokens", () => {
    const steps = stepsOf("dynamodb throttling to the limit [AWS_NEW_RETRIES_2026]");
    assert.deepEqual(steps.map((s) => s.result).slice(0, 4), [0.25, 1.5, 2, null]);
    assert.deepEqual(steps.map((s) => s.available).slice(0, 3), [495, 490, 485]);
  });

  test("new retries: dynamodb 500s scale 0.025 and cost 14", () => {
    const steps = stepsOf("dynamodb 500s to the limit [AWS_NEW_RETRIES_2026]");
    assertClose(steps.map((s) => s.result).slice(0, 4), [0.25 * 0.025, 0.75 * 0.05, 0.5 * 0.1, null]);
    assert.deepEqual(steps.map((s) => s.available).slice(0, 3), [486, 472, 458]);
  });

  test("read timeouts cost 10 tokens, other errors 5", () => {
    assert.equal(stepsOf("thrown ReadTimeoutError to the limit")[0]!.available, 490);
    assert.equal(stepsOf("thrown ConnectTimeoutError to the limit")[0]!.available, 490);
    assert.equal(stepsOf("thrown ConnectionClosedError to the limit")[0]!.available, 495);
    assert.equal(stepsOf("thrown NoCredentialsError to the limit")[0]!.result, null);
  });

  test("the quota runs out after 100 retries of cost 5", () => {
    const steps = stepsOf("quota exhaustion by 503 storms");
    const flagged = steps.findIndex((s) => s.metadata?.["RetryQuotaReached"] === true);
    assert.equal(flagged, 200); // 4 steps per call: the 51st call's first attempt
    assert.equal(steps[flagged]!.result, null);
    assert.equal(steps[flagged]!.available, 0);
  });

  test("new retries: a spent quota still waits the backoff for long polling", () => {
    const steps = stepsOf("sqs long polling after the quota is spent [AWS_NEW_RETRIES_2026]");
    const firstRefusal = steps.find((s) => s.metadata?.["RetryQuotaReached"] === true)!;
    assert.equal(firstRefusal.result, false);
    assert.equal(firstRefusal.slept!.length, 1);
    const last = steps[steps.length - 1]!;
    assert.equal(last.result, null);
    assert.deepEqual(last.slept, []);
  });

  test("new retries: x-amz-retry-after raises the delay, at most 5 s over the backoff", () => {
    const steps = stepsOf("x-amz-retry-after [AWS_NEW_RETRIES_2026]").filter((_, i) => i % 2 === 0);
    assertClose(steps.map((s) => s.result), [1.5, 0.0375, 0.025, 5.005, 0.045, 1, 0.0125, 0.0375]);
  });

  test("AWS_MAX_ATTEMPTS counts every attempt, also over DynamoDB's new default of 4", () => {
    assert.deepEqual(stepsOf("AWS_MAX_ATTEMPTS=1 [AWS_NEW_RETRIES_2026]").map((s) => s.result), [null, null]);
    assert.deepEqual(stepsOf("AWS_MAX_ATTEMPTS=5 [AWS_NEW_RETRIES_2026]").map((s) => s.result !== null), [true, true, true, true, false, false]);
  });
});

describe("standard mode: construction and state", () => {
  const options = { mode: "standard", serviceModel: serviceModel("lambda"), retryConfigData: null } as const;

  test("max attempts: configured total, else 3; 0 means 3 unless new retries", () => {
    assert.equal(new StandardRetryStrategy(options, false).maxAttempts, DEFAULT_MAX_ATTEMPTS);
    assert.equal(new StandardRetryStrategy({ ...options, totalMaxAttempts: 7 }, false).maxAttempts, 7);
    assert.equal(new StandardRetryStrategy({ ...options, totalMaxAttempts: 0 }, false).maxAttempts, 3);
    assert.equal(new StandardRetryStrategy({ ...options, totalMaxAttempts: 0 }, true).maxAttempts, 0);
    assert.equal(new StandardRetryStrategy({ ...options, serviceModel: serviceModel("dynamodb") }, true).maxAttempts, 4);
    assert.equal(new StandardRetryStrategy({ ...options, serviceModel: serviceModel("dynamodb") }, false).maxAttempts, 3);
  });

  test("each client has its own quota", () => {
    const a = new StandardRetryStrategy(options, false);
    const b = new StandardRetryStrategy(options, false);
    a.decide({ attempt: 1, operation: serviceModel("lambda").operation_model("ListFunctions"), error: makeError("ConnectionError"), requestContext: {} });
    assert.equal(a.quota.available_capacity, 495);
    assert.equal(b.quota.available_capacity, 500);
  });

  test("retries.max is recorded only in a non-empty retries dict", () => {
    const strategy = new StandardRetryStrategy(options, false);
    const operation = serviceModel("lambda").operation_model("ListFunctions");
    const empty: Record<string, unknown> = { retries: {} };
    strategy.decide({ attempt: 1, operation, response: makeResponse({ status: 200 }), requestContext: empty });
    assert.deepEqual(empty["retries"], {});
    const filled: Record<string, unknown> = { retries: { attempt: 1, max: 9 } };
    strategy.decide({ attempt: 1, operation, response: makeResponse({ status: 200 }), requestContext: filled });
    assert.deepEqual(filled["retries"], { attempt: 1, max: 9 });
  });

  test("RetryQuota never refills above its capacity", () => {
    const quota = new RetryQuota(10);
    assert.equal(quota.acquire(11), false);
    assert.equal(quota.acquire(7), true);
    quota.release(100);
    assert.equal(quota.available_capacity, 10);
  });
});
