/**
 * EndpointProvider's result cache: hits return the same frozen object,
 * parameters no rule reads do not split the cache, invalid input is still
 * rejected on a would-be hit, errors are never cached, and the cache holds
 * at most CACHE_SIZE entries, least recently used evicted first.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EndpointResolutionError } from "../../../src/exceptions.js";
import { CACHE_SIZE, EndpointProvider, type PartitionsData, type RuleSet, evaluateRuleset } from "../../../src/endpoints/index.js";
import { Loader } from "../../../src/models/loader.js";

const loader = new Loader();
const partitions = loader.load_data("partitions") as PartitionsData;
const s3 = loader.load_service_model("s3", "endpoint-rule-set-1") as RuleSet;
const base = { Bucket: "mybucket", Region: "us-west-2", UseFIPS: false, UseDualStack: false, ForcePathStyle: false, Accelerate: false };

describe("EndpointProvider cache", () => {
  test("a hit returns the same frozen result", () => {
    const provider = new EndpointProvider(s3, partitions);
    const first = provider.resolve_endpoint({ ...base, Key: "a" });
    assert.equal(first.url, "https://mybucket.s3.us-west-2.amazonaws.com");
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.properties));
    // Key is declared by the s3 rule set but read by no rule: it must not split the cache.
    assert.equal(provider.resolve_endpoint({ ...base, Key: "b/c" }), first);
    assert.notEqual(provider.resolve_endpoint({ ...base, Bucket: "other" }), first);
  });

  test("an unread parameter of the wrong type is still rejected", () => {
    const provider = new EndpointProvider(s3, partitions);
    provider.resolve_endpoint({ ...base, Key: "a" });
    assert.throws(() => provider.resolve_endpoint({ ...base, Key: 5 }), {
      name: "EndpointResolutionError",
      message: "Value (Key) is the wrong type. Must be <class 'str'>.",
    });
  });

  test("errors are raised every time, never cached", () => {
    const provider = new EndpointProvider(s3, partitions);
    const bad = { ...base, Accelerate: true, UseFIPS: true, Region: "us-west-2", Bucket: "mybucket" };
    for (let i = 0; i < 2; i++) {
      assert.throws(() => provider.resolve_endpoint(bad), (err) => err instanceof EndpointResolutionError && err.message === "Accelerate cannot be used with FIPS");
    }
  });

  test(`at most ${CACHE_SIZE} entries, least recently used evicted`, () => {
    const provider = new EndpointProvider(s3, partitions);
    const params = (i: number) => ({ ...base, Bucket: `bucket-${i}` });
    const results = Array.from({ length: CACHE_SIZE }, (_, i) => provider.resolve_endpoint(params(i)));
    assert.equal(provider.resolve_endpoint(params(0)), results[0], "still cached after 100 entries");
    provider.resolve_endpoint(params(CACHE_SIZE)); // evicts bucket-1, now the least recently used
    assert.equal(provider.resolve_endpoint(params(0)), results[0]);
    assert.equal(provider.resolve_endpoint(params(2)), results[2]);
    const again = provider.resolve_endpoint(params(1));
    assert.notEqual(again, results[1], "bucket-1 was evicted and resolved anew");
    assert.deepEqual(again, results[1]);
    assert.equal(provider.cache_size, CACHE_SIZE);
  });

  test("evaluateRuleset builds fresh, unfrozen results", () => {
    const a = evaluateRuleset(s3, base, partitions);
    const b = evaluateRuleset(s3, base, partitions);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    assert.ok(!Object.isFrozen(a));
  });

  test("unknown parameter and rule types fail when the rule set is compiled", () => {
    assert.throws(() => new EndpointProvider({ parameters: { X: { type: "integer" } }, rules: [] }, partitions), {
      message: "Unknown parameter type: integer. A parameter must be of type string, boolean, or stringarray.",
    });
    assert.throws(() => new EndpointProvider({ parameters: {}, rules: [{ type: "bogus", conditions: [] }] }, partitions), {
      message: "Unknown rule type: bogus. A rule must be of type tree, endpoint or error.",
    });
  });
});
