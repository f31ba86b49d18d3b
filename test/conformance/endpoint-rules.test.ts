/**
 * botocore's endpoint rule-set suites, through the rules engine:
 * - functional/endpoint-rules/<service>/endpoint-tests-1.json against the
 *   installed rule sets (conformance README §3, provider tests);
 * - unit/data/endpoints/{valid-rules,test-cases} (§4, all 15 pairs).
 * url, properties and headers must be deep-equal; error messages exact.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { EndpointResolutionError } from "../../src/exceptions.js";
import { EndpointProvider, evaluateRuleset } from "../../src/endpoints/index.js";
import type { PartitionsData, RuleSet } from "../../src/endpoints/index.js";
import { Loader } from "../../src/models/loader.js";
import { BOTOCORE_TESTS } from "../support/paths.js";

interface Case {
  documentation: string;
  params?: Record<string, unknown>;
  expect: { endpoint?: { url: string; properties?: Record<string, unknown>; headers?: Record<string, string[]> }; error?: string };
}

const loader = new Loader();
const partitions = loader.load_data("partitions") as PartitionsData;

/** Runs one case; returns a failure description, or undefined when it passes. */
function check(resolve: (params: Record<string, unknown>) => unknown, c: Case): string | undefined {
  const params = c.params ?? {};
  let got: { url: string; properties: unknown; headers: unknown };
  try {
    got = resolve({ ...params }) as typeof got;
  } catch (err) {
    if (c.expect.error === undefined) return `${c.documentation}: unexpected error ${String(err)}`;
    if (!(err instanceof EndpointResolutionError)) return `${c.documentation}: wrong error class ${String(err)}`;
    if (err.message !== c.expect.error) return `${c.documentation}: error ${JSON.stringify(err.message)} != ${JSON.stringify(c.expect.error)}`;
    return undefined;
  }
  if (c.expect.endpoint === undefined) return `${c.documentation}: expected error ${JSON.stringify(c.expect.error)}, got ${got.url}`;
  const want = { url: c.expect.endpoint.url, properties: c.expect.endpoint.properties ?? {}, headers: c.expect.endpoint.headers ?? {} };
  try {
    assert.deepStrictEqual({ url: got.url, properties: got.properties, headers: got.headers }, want);
  } catch {
    return `${c.documentation}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`;
  }
  return undefined;
}

const totals = new Map<string, { passed: number; total: number }>();
function count(suite: string, passed: number, total: number): void {
  const t = totals.get(suite) ?? { passed: 0, total: 0 };
  t.passed += passed;
  t.total += total;
  totals.set(suite, t);
}
after(() => {
  for (const [suite, t] of totals) console.log(`${suite}: ${t.passed}/${t.total} cases pass`);
});

describe("per-service endpoint rule sets (functional/endpoint-rules)", () => {
  const root = join(BOTOCORE_TESTS, "functional", "endpoint-rules");
  const services = readdirSync(root).sort();
  test("all 364 service files are present", () => assert.equal(services.length, 364));
  for (const service of services) {
    test(service, () => {
      const cases = (JSON.parse(readFileSync(join(root, service, "endpoint-tests-1.json"), "utf8")) as { testCases: Case[] }).testCases;
      const ruleset = loader.load_service_model(service, "endpoint-rule-set-1") as RuleSet;
      const provider = new EndpointProvider(ruleset, partitions);
      const failures: string[] = [];
      for (const c of cases) {
        // Twice through the provider: the second answer comes from its cache.
        const failure = check((p) => provider.resolve_endpoint(p), c) ?? check((p) => provider.resolve_endpoint(p), c);
        if (failure !== undefined) failures.push(failure);
      }
      count("functional/endpoint-rules", cases.length - failures.length, cases.length);
      assert.deepEqual(failures, [], `${failures.length}/${cases.length} ${service} cases fail`);
    });
  }
});

describe("rules engine suite (unit/data/endpoints)", () => {
  const root = join(BOTOCORE_TESTS, "unit", "data", "endpoints");
  const names = readdirSync(join(root, "test-cases")).map((f) => f.replace(/\.json$/, "")).sort();
  test("all 15 pairs are present", () => assert.equal(names.length, 15));
  for (const name of names) {
    test(name, () => {
      const ruleset = JSON.parse(readFileSync(join(root, "valid-rules", `${name}.json`), "utf8")) as RuleSet;
      const cases = (JSON.parse(readFileSync(join(root, "test-cases", `${name}.json`), "utf8")) as { testCases: Case[] }).testCases;
      const failures: string[] = [];
      for (const c of cases) {
        const failure = check((p) => evaluateRuleset(ruleset, p, partitions), c);
        if (failure !== undefined) failures.push(failure);
      }
      count("unit/data/endpoints", cases.length - failures.length, cases.length);
      assert.deepEqual(failures, [], `${failures.length}/${cases.length} ${name} cases fail`);
    });
  }

  // The three rule sets without a case file: botocore's unit tests use them directly.
  const extra = (name: string) => JSON.parse(readFileSync(join(root, "valid-rules", `${name}.json`), "utf8")) as RuleSet;
  test("minimal-ruleset: Region is required and fills url and signing region", () => {
    const ruleset = extra("minimal-ruleset");
    assert.deepEqual(evaluateRuleset(ruleset, { Region: "us-east-1" }, partitions), {
      url: "https://us-east-1.amazonaws.com",
      properties: { authSchemes: [{ name: "sigv4", signingName: "serviceName", signingRegion: "us-east-1" }] },
      headers: {},
    });
    assert.throws(() => evaluateRuleset(ruleset, {}, partitions), { message: "Cannot find value for required parameter Region" });
  });
  test("deprecated-param: a deprecated parameter still resolves", () => {
    assert.equal(evaluateRuleset(extra("deprecated-param"), { Region: "us-west-2" }, partitions).url, "https://us-west-2.amazonaws.com");
  });
  test("get-attr-type-inference: indexing into an ARN's resourceId", () => {
    const ruleset = extra("get-attr-type-inference");
    const got = evaluateRuleset(ruleset, { Bucket: "arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01234567890123456:bucket:b" }, partitions);
    assert.equal(got.url, "https://123456789012.bucket.us-west-2");
    assert.throws(() => evaluateRuleset(ruleset, { Bucket: "not-an-arn" }, partitions), /No endpoint found for parameters:\nBucket: not-an-arn/);
  });
});
