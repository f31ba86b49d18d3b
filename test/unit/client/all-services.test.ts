/** A client for every service botocore knows, with the region and endpoint botocore gives it. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { Session } from "../../../src/index.js";
import { dataManifest } from "../../../src/models/loader.js";

describe("every service", () => {
  test("get_available_services lists every service of the installed botocore, and each gets a client", () => {
    const session = new Session({ region_name: "us-west-2", aws_access_key_id: "a", aws_secret_access_key: "b" });
    const services = session.get_available_services();
    const manifest = dataManifest();
    assert.ok(manifest !== null);
    assert.equal(services.length, Object.keys(manifest.index.botocore).filter((s) => Object.values(manifest.index.botocore[s]!).some((f) => f.some((n) => n.startsWith("service-2.json")))).length);
    if (manifest.botocore_version === "1.43.11") assert.equal(services.length, 424);
    const failures: string[] = [];
    const endpoints: Record<string, string> = {};
    const absent: Record<string, string[]> = {};
    for (const name of services) {
      try {
        const client = session.client(name);
        assert.equal(client.meta.service_model.service_name, name);
        endpoints[name] = `${client.meta.region_name} ${client.meta.endpoint_url}`;
        // Every operation of the model is a method with boto3's name, except those botocore removes.
        for (const [method] of Object.entries(client.meta.method_to_api_mapping)) {
          if (typeof (client as unknown as Record<string, unknown>)[method] !== "function") (absent[name] ??= []).push(method);
        }
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);

    // Compare region and endpoint with botocore, in one python process.
    const script = [
      "import json, sys, boto3",
      "s = boto3.Session(region_name='us-west-2', aws_access_key_id='a', aws_secret_access_key='b')",
      "out = {}",
      "absent = {}",
      "for name in s.get_available_services():",
      "    c = s.client(name)",
      "    out[name] = f'{c.meta.region_name} {c.meta.endpoint_url}'",
      "    gone = [m for m in c.meta.method_to_api_mapping if not hasattr(c, m)]",
      "    if gone: absent[name] = gone",
      "print(json.dumps({'endpoints': out, 'absent': absent}))",
    ].join("\n");
    const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    const expected = JSON.parse(execFileSync("python3", ["-c", script], { encoding: "utf8", env, maxBuffer: 1 << 24 })) as {
      endpoints: Record<string, string>;
      absent: Record<string, string[]>;
    };
    assert.deepEqual(endpoints, expected.endpoints);
    assert.deepEqual(absent, expected.absent);
  });

  test("get_available_resources, partitions and regions answer as boto3", () => {
    const session = new Session({ region_name: "us-west-2" });
    const script = [
      "import json, boto3",
      "s = boto3.Session(region_name='us-west-2')",
      "print(json.dumps({'resources': s.get_available_resources(), 'partitions': s.get_available_partitions(),",
      "  'regions': {n: s.get_available_regions(n) for n in ['s3', 'ec2', 'iam', 'dynamodb', 'sts', 'lambda']},",
      "  'cn': s.get_available_regions('ec2', 'aws-cn'), 'nonregional': s.get_available_regions('s3', allow_non_regional=True)}))",
    ].join("\n");
    const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    const expected = JSON.parse(execFileSync("python3", ["-c", script], { encoding: "utf8", env })) as Record<string, unknown>;
    const regions: Record<string, string[]> = {};
    for (const n of ["s3", "ec2", "iam", "dynamodb", "sts", "lambda"]) regions[n] = session.get_available_regions(n);
    assert.deepEqual(
      {
        resources: session.get_available_resources(),
        partitions: session.get_available_partitions(),
        regions,
        cn: session.get_available_regions("ec2", "aws-cn"),
        nonregional: session.get_available_regions("s3", "aws", true),
      },
      expected,
    );
  });
});
