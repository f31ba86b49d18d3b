/**
 * get_available_regions / get_available_partitions against boto3's Session,
 * for every service with a model, every partition, with and without
 * non-regional endpoints (one python3 run).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Session } from "../../../src/session.js";
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
  const session = new Session({ region_name: "us-east-1" });
  const expected = runPython<{ partitions: string[]; services: Record<string, Record<string, string[]>> }>(PYTHON, null);

  test("get_available_partitions", () => {
    assert.deepEqual(session.get_available_partitions(), expected.partitions);
    assert.ok(expected.partitions.includes("aws-cn"));
  });

  test("get_available_regions for every service, partition and allow_non_regional", () => {
    const services = session.get_available_services();
    assert.deepEqual(services, Object.keys(expected.services).sort());
    let compared = 0;
    const failures: string[] = [];
    for (const service of services) {
      for (const [key, want] of Object.entries(expected.services[service]!)) {
        const [partition, flag] = key.split("|") as [string, string];
        const got = session.get_available_regions(service, partition, flag === "True");
        compared++;
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${service} ${key}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      }
    }
    console.log(`get_available_regions: ${compared - failures.length}/${compared} (service, partition, flag) answers match boto3`);
    assert.deepEqual(failures, []);
    assert.ok(session.get_available_regions("s3", "aws", true).includes("aws-global"));
    assert.ok(!session.get_available_regions("s3", "aws", false).includes("aws-global"));
  });
});
