/**
 * Legacy mode against botocore: the same attempt outcomes fed to botocore's
 * registered legacy handler (real clients, real `_retry.json`) and to
 * LegacyRetryStrategy; decisions, delays (jitter fixed on both sides),
 * metadata, `retries.max` and raised errors must agree step by step.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChecksumError } from "../../../src/exceptions.js";
import { buildLegacyRetryConfig, legacyPolicyFor } from "../../../src/retries/legacy-policy.js";
import { LegacyRetryStrategy } from "../../../src/retries/legacy-strategy.js";
import {
  type Scenario,
  type StepResult,
  assertClose,
  makeResponse,
  retryData,
  runBoto3ts,
  runBotocore,
  serviceModel,
} from "./support/differential.js";
import { attempts, crcBody, e, r, times } from "./support/steps.js";

const RAND = [0.25, 0.75, 0.5, 0.1, 0.9];

const CONNECTION_ERRORS = [
  "ReadTimeoutError",
  "ConnectTimeoutError",
  "EndpointConnectionError",
  "ConnectionClosedError",
  "ConnectionError",
  "SSLError",
  "ProxyConnectionError",
  "HTTPClientError",
  "ResponseStreamingError",
  "NoCredentialsError",
  "ChecksumError",
];

const scenarios: Scenario[] = [
  {
    name: "dynamodb throughput exceeded: 10 attempts, 50 ms doubling, then MaxAttemptsReached",
    kind: "legacy",
    service: "dynamodb",
    steps: attempts("GetItem", times(11, r(400, "ProvisionedThroughputExceededException"))),
  },
  {
    name: "dynamodb CRC32 mismatch on a 200: retried, ChecksumError at the last attempt",
    kind: "legacy",
    service: "dynamodb",
    steps: attempts("GetItem", times(10, r(200, null, crcBody('{"Item":{}}', false)))),
  },
  {
    name: "dynamodb CRC32 that matches is not retried",
    kind: "legacy",
    service: "dynamodb",
    steps: attempts("GetItem", [r(200, null, crcBody('{"Item":{}}', true))]),
  },
  {
    name: "dynamodb 500 with a bad CRC32 at the last attempt: the status policy wins (no ChecksumError)",
    kind: "legacy",
    service: "dynamodb",
    retries: { total_max_attempts: 2 },
    steps: attempts("GetItem", times(2, r(500, "InternalServerError", crcBody("x", false)))),
  },
  {
    name: "dynamodb CRC32 header that is not a number raises Python's ValueError",
    kind: "legacy",
    service: "dynamodb",
    steps: attempts("GetItem", [r(200, null, { headers: { "x-amz-crc32": " 1_2x " } })]),
  },
  {
    name: "dynamodb thrown ChecksumError is retried (the crc32 policy catches it)",
    kind: "legacy",
    service: "dynamodb",
    retries: { total_max_attempts: 3 },
    steps: attempts("GetItem", times(3, e("ChecksumError"))),
  },
  {
    name: "dynamodb TransactionInProgressException and ReplicatedWriteConflictException (409)",
    kind: "legacy",
    service: "dynamodb",
    steps: attempts("PutItem", [r(400, "TransactionInProgressException"), r(409, "ReplicatedWriteConflictException"), r(409, "Other"), r(200)]),
  },
  {
    name: "dynamodb Config max_attempts=2 (3 total) overrides the service's 10",
    kind: "legacy",
    service: "dynamodb",
    retries: { max_attempts: 2 },
    random: RAND,
    steps: attempts("Query", times(4, r(500))),
  },
  {
    name: "s3: default and service policies",
    kind: "legacy",
    service: "s3",
    random: RAND,
    steps: [
      ...attempts("GetObject", [r(500, "InternalError"), r(503, "SlowDown"), r(400, "RequestTimeout"), r(400, "BadDigest")], "a"),
      ...attempts("GetObject", [r(502), r(504), r(509), r(429)], "b"),
      ...attempts("GetObject", [r(400, "Throttling"), r(400, "ThrottlingException"), r(400, "ThrottledException"), r(400, "RequestThrottledException")], "c"),
      ...attempts("GetObject", [r(404, "NoSuchKey")], "d"),
      ...attempts("GetObject", [r(403, "SlowDown")], "e"),
      ...attempts("GetObject", [r(200)], "f"),
    ],
  },
  {
    name: "s3: five attempts, then MaxAttemptsReached on the fifth 503",
    kind: "legacy",
    service: "s3",
    random: RAND,
    steps: attempts("PutObject", times(5, r(503, "SlowDown"))),
  },
  {
    name: "ec2: RequestLimitExceeded / EC2ThrottledException only with 503",
    kind: "legacy",
    service: "ec2",
    random: RAND,
    steps: [
      ...attempts("DescribeInstances", [r(503, "RequestLimitExceeded"), r(503, "EC2ThrottledException")], "a"),
      ...attempts("DescribeInstances", [r(400, "RequestLimitExceeded")], "b"),
    ],
  },
  {
    name: "organizations: TooManyRequestsException (400) replaces the default 429 policy",
    kind: "legacy",
    service: "organizations",
    random: RAND,
    steps: [
      ...attempts("ListAccounts", [r(400, "TooManyRequestsException"), r(429, "TooManyRequestsException")], "a"),
      ...attempts("ListAccounts", [r(429)], "b"),
    ],
  },
  {
    name: "sqs, sts, kinesis, glacier, route53, cloudsearch service policies",
    kind: "legacy",
    service: "sqs",
    random: RAND,
    steps: attempts("ReceiveMessage", [r(403, "RequestThrottled"), r(403, "AccessDenied")]),
  },
  { name: "sts IDPCommunicationError", kind: "legacy", service: "sts", steps: attempts("AssumeRoleWithWebIdentity", [r(400, "IDPCommunicationError"), r(400, "ExpiredTokenException")]) },
  { name: "kinesis LimitExceededException", kind: "legacy", service: "kinesis", steps: attempts("PutRecord", [r(400, "LimitExceededException"), r(400, "ProvisionedThroughputExceededException")]) },
  { name: "glacier RequestTimeoutException 408", kind: "legacy", service: "glacier", steps: attempts("ListVaults", [r(408, "RequestTimeoutException"), r(400, "RequestTimeoutException")]) },
  { name: "route53 PriorRequestNotComplete", kind: "legacy", service: "route53", steps: attempts("ListHostedZones", [r(400, "PriorRequestNotComplete"), r(400, "Throttling")]) },
  { name: "cloudsearch BandwidthLimitExceeded 509", kind: "legacy", service: "cloudsearch", steps: attempts("DescribeDomains", [r(509, "BandwidthLimitExceeded")]) },
  ...CONNECTION_ERRORS.map(
    (name): Scenario => ({
      name: `lambda: thrown ${name}, through the last attempt`,
      kind: "legacy",
      service: "lambda",
      random: RAND,
      steps: attempts("ListFunctions", times(5, e(name))),
    }),
  ),
  {
    name: "AWS_MAX_ATTEMPTS=2 counts every attempt",
    kind: "legacy",
    service: "lambda",
    env: { AWS_MAX_ATTEMPTS: "2" },
    steps: attempts("ListFunctions", times(3, r(503))),
  },
  {
    name: "Config total_max_attempts=1: no retry, MaxAttemptsReached on the first 503",
    kind: "legacy",
    service: "lambda",
    retries: { total_max_attempts: 1 },
    steps: attempts("ListFunctions", [r(503)]),
  },
  {
    name: "Config max_attempts=0: no retry",
    kind: "legacy",
    service: "lambda",
    retries: { max_attempts: 0 },
    steps: attempts("ListFunctions", [r(500), e("ReadTimeoutError")]),
  },
  {
    name: "Config total_max_attempts wins over max_attempts",
    kind: "legacy",
    service: "lambda",
    retries: { max_attempts: 7, total_max_attempts: 2 },
    steps: attempts("ListFunctions", times(3, r(500))),
  },
  {
    name: "last attempt without ResponseMetadata: nothing is marked",
    kind: "legacy",
    service: "lambda",
    retries: { total_max_attempts: 1 },
    steps: attempts("ListFunctions", [r(503, null, { metadata: false })]),
  },
  {
    name: "successful responses are never retried, even at the limit",
    kind: "legacy",
    service: "lambda",
    retries: { total_max_attempts: 1 },
    steps: attempts("ListFunctions", [r(200)]),
  },
];

const OPERATION_KEYED: Scenario[] = [
  {
    name: "custom: an operation-named key is ignored (botocore looks up the endpoint prefix)",
    kind: "legacy-custom",
    service: "lambda",
    retry_data: {
      retry: {
        __default__: { max_attempts: 3, delay: { type: "exponential", base: "rand", growth_factor: 2 }, policies: {} },
        lambda: { ListFunctions: { policies: { teapot: { applies_when: { response: { http_status_code: 418 } } } } } },
      },
    },
    steps: attempts("ListFunctions", [r(418)]),
  },
  {
    name: "custom: a key equal to the endpoint prefix adds policies",
    kind: "legacy-custom",
    service: "lambda",
    retry_data: {
      retry: {
        __default__: { max_attempts: 3, delay: { type: "exponential", base: 0.5, growth_factor: 3 }, policies: {} },
        lambda: { lambda: { policies: { teapot: { applies_when: { response: { http_status_code: 418 } } } } } },
      },
    },
    steps: attempts("ListFunctions", times(3, r(418))),
  },
  {
    name: "custom: a lone socket-errors policy catches nothing, so connection errors are not retried",
    kind: "legacy-custom",
    service: "lambda",
    retry_data: {
      retry: {
        __default__: {
          max_attempts: 3,
          delay: { type: "exponential", base: "rand", growth_factor: 2 },
          policies: { sockets: { applies_when: { socket_errors: ["GENERAL_CONNECTION_ERROR"] } } },
        },
      },
    },
    steps: attempts("ListFunctions", [e("ReadTimeoutError"), r(500)]),
  },
  {
    name: "custom: $ref definitions resolve; base 0 fails when a retry is computed",
    kind: "legacy-custom",
    service: "lambda",
    retry_data: {
      definitions: { five: { applies_when: { response: { http_status_code: 500 } } } },
      retry: { __default__: { max_attempts: 3, delay: { type: "exponential", base: 0, growth_factor: 2 }, policies: { a: { $ref: "five" }, b: { $ref: "five" } } } },
    },
    steps: attempts("ListFunctions", [r(500)]),
  },
  {
    name: "custom: crc32 policy listed first raises before a later status policy matches",
    kind: "legacy-custom",
    service: "dynamodb",
    retry_data: {
      retry: {
        __default__: {
          max_attempts: 2,
          delay: { type: "exponential", base: "rand", growth_factor: 2 },
          policies: {
            crc: { applies_when: { response: { crc32body: "x-amz-crc32" } } },
            five: { applies_when: { response: { http_status_code: 500 } } },
          },
        },
      },
    },
    steps: attempts("GetItem", times(2, r(500, null, crcBody("abc", false)))),
  },
  {
    name: "custom: no retry data at all means no retries",
    kind: "legacy-custom",
    service: "lambda",
    retry_data: {},
    steps: attempts("ListFunctions", [r(500), e("ReadTimeoutError")]),
  },
];

const all = [...scenarios, ...OPERATION_KEYED];
const expected = runBotocore(all);

function stepsOf(result: (typeof expected)[number]): StepResult[] {
  assert.ok("steps" in result, `botocore failed: ${JSON.stringify(result)}`);
  return result.steps;
}

describe("legacy mode matches botocore's retryhandler", () => {
  all.forEach((scenario, i) => {
    test(scenario.name, async () => {
      assertClose(await runBoto3ts(scenario), expected[i]);
    });
  });
});

describe("legacy mode: the values botocore gives", () => {
  test("dynamodb delays are 0.05 * 2 ** (attempt - 1), ten attempts", () => {
    const steps = stepsOf(expected[0]!);
    assert.deepEqual(steps.slice(0, 9).map((s) => s.result), [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8]);
    assert.equal(steps[9]!.result, null);
    assert.equal(steps[9]!.metadata?.["MaxAttemptsReached"], true);
    assert.equal(steps[8]!.retries?.["max"], 10);
  });

  test("the CRC32 mismatch surfaces as ChecksumError on the tenth attempt", () => {
    const steps = stepsOf(expected[1]!);
    assert.equal(steps[8]!.result, 12.8);
    assert.equal(steps[9]!.raised?.class, "ChecksumError");
    assert.match(steps[9]!.raised!.message, /^Checksum crc32 failed, expected checksum \d+ did not match calculated checksum \d+\.$/);
  });

  test("rand base: delay = random * 2 ** (attempt - 1), five attempts", () => {
    const steps = stepsOf(expected[9]!);
    assert.deepEqual(steps.map((s) => s.result), [0.25, 1.5, 2, 0.8, null]);
    assert.equal(steps[4]!.metadata?.["MaxAttemptsReached"], true);
  });

  test("Config max_attempts=2 means three attempts for dynamodb", () => {
    const steps = stepsOf(expected[7]!);
    assert.deepEqual(steps.map((s) => s.result), [0.05, 0.1, null, null]);
    assert.equal(steps[2]!.metadata?.["MaxAttemptsReached"], true);
    assert.equal(steps[2]!.retries?.["max"], 3);
  });
});

describe("legacy policies are compiled once and never alter the shared document", () => {
  test("an Organizations client does not change what other services retry", async () => {
    const data = retryData();
    const before = JSON.stringify(data);
    legacyPolicyFor(data, "organizations", undefined);
    const sqs = new LegacyRetryStrategy({ mode: "legacy", serviceModel: serviceModel("sqs"), retryConfigData: data, random: () => 0.5 });
    const decision = sqs.decide({
      attempt: 1,
      operation: serviceModel("sqs").operation_model("SendMessage"),
      response: makeResponse({ status: 429 }),
      requestContext: {},
    });
    assert.equal(decision.retry, true);
    assert.equal(JSON.stringify(data), before);
  });

  test("compiled policies are shared per document, service and max attempts", () => {
    const data = retryData();
    assert.equal(legacyPolicyFor(data, "s3", undefined), legacyPolicyFor(data, "s3", undefined));
    assert.notEqual(legacyPolicyFor(data, "s3", 2), legacyPolicyFor(data, "s3", undefined));
    assert.equal(legacyPolicyFor(data, "s3", 2)!.maxAttempts, 2);
    assert.equal(legacyPolicyFor(data, "dynamodb", undefined)!.maxAttempts, 10);
  });

  test("organizations' merged policy keeps the default's position and takes the service's rule", () => {
    const config = buildLegacyRetryConfig(retryData() as Record<string, unknown>, "organizations", undefined);
    const policies = (config["__default__"] as { policies: Record<string, unknown> }).policies;
    assert.equal(Object.keys(policies).indexOf("too_many_requests"), 10);
    assert.deepEqual(policies["too_many_requests"], {
      applies_when: { response: { http_status_code: 400, service_error_code: "TooManyRequestsException" } },
    });
  });

  test("a ChecksumError thrown by decide is botocore's class", () => {
    const strategy = new LegacyRetryStrategy({
      mode: "legacy",
      serviceModel: serviceModel("dynamodb"),
      retryConfigData: retryData(),
      totalMaxAttempts: 1,
    });
    assert.throws(
      () =>
        strategy.decide({
          attempt: 1,
          operation: serviceModel("dynamodb").operation_model("GetItem"),
          response: makeResponse({ status: 200, ...crcBody("{}", false) }),
          requestContext: {},
        }),
      (err: unknown) => err instanceof ChecksumError,
    );
  });
});
