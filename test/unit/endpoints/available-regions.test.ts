/**
 * get_available_regions / get_available_partitions against boto3's Session,
 * for every service with a model, every partition, with and without
 * non-regional endpoints (one python3 run).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type EndpointsData, getAvailablePartitions, getAvailableRegions } from "../../../src/endpoints/index.js";
import { Loader } from "../../../src/models/loader.js";
import { runPython } from "./python.js";

const PYTHON = String.raw`
import json, sys, boto3
session = boto3.session.Session(region_name="us-east-1")
partitions = session.get_available_partitions()
out = {"partitions": partitions, "services": {}}
for service in session.get_available_services():
    out["services"][service] = {
        f"{p}|{flag}": session.get_available_regions(service, p, flag)
        for p in partitions for flag in (False, True)
    }
print(json.dumps(out))
`;

describe("available regions vs boto3", () => {
  const loader = new Loader();
  const endpoints = loader.load_data("endpoints") as EndpointsData;
  const expected = runPython<{ partitions: string[]; services: Record<string, Record<string, string[]>> }>(PYTHON, null);

  test("get_available_partitions", () => {
    assert.deepEqual(getAvailablePartitions(endpoints), expected.partitions);
    assert.ok(expected.partitions.includes("aws-cn"));
  });

  test("get_available_regions for every service, partition and allow_non_regional", () => {
    const services = loader.list_available_services("service-2");
    assert.deepEqual(services, Object.keys(expected.services).sort());
    let compared = 0;
    const failures: string[] = [];
    for (const service of services) {
      const model = loader.load_service_model(service, "service-2") as { metadata: { endpointPrefix?: string } };
      const prefix = model.metadata.endpointPrefix ?? service;
      for (const [key, want] of Object.entries(expected.services[service]!)) {
        const [partition, flag] = key.split("|") as [string, string];
        const got = getAvailableRegions(endpoints, prefix, partition, flag === "True");
        compared++;
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${service} ${key}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      }
    }
    console.log(`get_available_regions: ${compared - failures.length}/${compared} (service, partition, flag) answers match boto3`);
    assert.deepEqual(failures, []);
    assert.ok(getAvailableRegions(endpoints, "s3", "aws", true).includes("aws-global"));
    assert.ok(!getAvailableRegions(endpoints, "s3", "aws", false).includes("aws-global"));
  });
});
