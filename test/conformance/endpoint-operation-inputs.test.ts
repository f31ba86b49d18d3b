/**
 * The end-to-end `operationInputs` cases of functional/endpoint-rules
 * (conformance README §3), run through the per-client resolver instead of a
 * whole client: the client's builtins are replaced by `builtInParams` (as
 * botocore's runner does in a before-endpoint-resolution handler), then the
 * operation's context parameters come from `operationParams`.
 *
 * Checked: an expected endpoint's URL is a prefix of what we resolve (the
 * runner compares the sent URL), its properties are equal, and a signer is
 * chosen; an expected error is a BotoCoreError raised before sending.
 * Cases with the bucket names "bucket name" and "example.com#" are skipped, as
 * upstream does (botocore's bucket-name validation rejects them first).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { BotoCoreError } from "../../src/exceptions.js";
import { type Builtins, type PartitionsData, type RuleSet, createEndpointResolver } from "../../src/endpoints/index.js";
import { Loader } from "../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import { BOTOCORE_TESTS } from "../support/paths.js";

interface OperationInput {
  operationName: string;
  operationParams?: Record<string, unknown>;
  builtInParams?: Record<string, unknown>;
}
interface Case {
  documentation: string;
  expect: { endpoint?: { url: string; properties?: Record<string, unknown> }; error?: string };
  operationInputs?: OperationInput[];
}

const SERVICES = ["dynamodb", "events", "s3", "s3control", "sts"];
const SKIPPED_BUCKETS = new Set(["bucket name", "example.com#"]);
const loader = new Loader();
const partitions = loader.load_data("partitions") as PartitionsData;
let passed = 0;
let total = 0;
let skipped = 0;
after(() => console.log(`operationInputs: ${passed}/${total} pass through the resolver (${skipped} skipped as upstream does)`));

describe("endpoint rule-set operationInputs through the client resolver", () => {
  for (const service of SERVICES) {
    test(service, () => {
      const file = join(BOTOCORE_TESTS, "functional", "endpoint-rules", service, "endpoint-tests-1.json");
      const cases = (JSON.parse(readFileSync(file, "utf8")) as { testCases: Case[] }).testCases;
      const model = new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service);
      const ruleset = loader.load_service_model(service, "endpoint-rule-set-1") as RuleSet;
      const failures: string[] = [];
      let count = 0;
      for (const c of cases) {
        for (const input of c.operationInputs ?? []) {
          const params = input.operationParams ?? {};
          if (SKIPPED_BUCKETS.has(params.Bucket as string)) {
            skipped++;
            continue;
          }
          count++;
          const builtins = input.builtInParams ?? {};
          const region = (builtins["AWS::Region"] as string | undefined) ?? "us-east-1";
          const resolver = createEndpointResolver({
            service_model: model, ruleset, partitions, region_name: region, endpoint_region_name: region,
          });
          const label = `${c.documentation} [${input.operationName} ${JSON.stringify(params)} ${JSON.stringify(builtins)}]`;
          try {
            const got = resolver.construct_endpoint(model.operation_model(input.operationName), params, builtins as Builtins);
            const want = c.expect.endpoint;
            if (want === undefined) failures.push(`${label}: expected error ${JSON.stringify(c.expect.error)}, got ${got.url}`);
            else if (!got.url.startsWith(want.url)) failures.push(`${label}: url ${got.url} does not start with ${want.url}`);
            else {
              try {
                assert.deepStrictEqual(got.properties, want.properties ?? {});
                if (want.properties?.authSchemes !== undefined) assert.ok(got.auth?.auth_type);
              } catch (err) {
                failures.push(`${label}: ${(err as Error).message}`);
              }
            }
          } catch (err) {
            if (c.expect.error === undefined) failures.push(`${label}: unexpected ${String(err)}`);
            else if (!(err instanceof BotoCoreError)) failures.push(`${label}: not a BotoCoreError: ${String(err)}`);
          }
        }
      }
      total += count;
      passed += count - failures.length;
      assert.deepEqual(failures, [], `${failures.length}/${count} ${service} operation inputs fail`);
    });
  }
});
