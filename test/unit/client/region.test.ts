/** Region resolution exactly as botocore: argument > Config > AWS_DEFAULT_REGION > profile. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import boto3, { Config, Session, setup_default_session } from "../../../src/index.js";
import { InvalidRegionError, NoRegionError } from "../../../src/exceptions.js";

const saved = { ...process.env };
let dir: string;

function writeConfig(text: string): void {
  writeFileSync(join(dir, "config"), text);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "boto3ts-region-"));
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  process.env.AWS_CONFIG_FILE = join(dir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
  process.env.AWS_EC2_METADATA_DISABLED = "true";
});

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe("region resolution", () => {
  test("no region anywhere: NoRegionError at client creation, with botocore's message", () => {
    assert.throws(() => new Session().client("sqs"), (err: unknown) => {
      assert.ok(err instanceof NoRegionError);
      assert.equal((err as Error).message, "You must specify a region.");
      return true;
    });
  });

  test("no region with an endpoint_url is still NoRegionError for a regional service", () => {
    assert.throws(() => new Session().client("sqs", { endpoint_url: "http://127.0.0.1:9" }), NoRegionError);
    assert.throws(() => new Session().client("ec2", { endpoint_url: "http://127.0.0.1:9" }), NoRegionError);
  });

  test("services botocore places without a region: s3 in us-east-1, global ones in aws-global", () => {
    assert.equal(new Session().client("s3").meta.region_name, "us-east-1");
    assert.equal(new Session().client("s3", { endpoint_url: "http://127.0.0.1:9" }).meta.region_name, "us-east-1");
    const iam = new Session().client("iam");
    assert.equal(iam.meta.region_name, "aws-global");
    assert.equal(iam.meta.endpoint_url, "https://iam.amazonaws.com");
    assert.equal(new Session().client("route53").meta.region_name, "aws-global");
    assert.equal(new Session().client("sts", { endpoint_url: "http://127.0.0.1:9" }).meta.region_name, null);
  });

  test("the config file's region", () => {
    writeConfig("[default]\nregion = eu-west-3\n[profile dev]\nregion = ap-south-1\n");
    assert.equal(new Session().client("sqs").meta.region_name, "eu-west-3");
    assert.equal(new Session().region_name, "eu-west-3");
    assert.equal(new Session({ profile_name: "dev" }).client("sqs").meta.region_name, "ap-south-1");
    process.env.AWS_PROFILE = "dev";
    assert.equal(new Session().client("sqs").meta.region_name, "ap-south-1");
  });

  test("AWS_DEFAULT_REGION beats the config file", () => {
    writeConfig("[default]\nregion = eu-west-3\n");
    process.env.AWS_DEFAULT_REGION = "us-west-1";
    const sqs = new Session().client("sqs");
    assert.equal(sqs.meta.region_name, "us-west-1");
    assert.equal(sqs.meta.endpoint_url, "https://sqs.us-west-1.amazonaws.com");
  });

  test("setup_default_session(region_name) then a per-client override", () => {
    setup_default_session({ region_name: "us-west-1" });
    assert.equal(boto3.client("kms").meta.region_name, "us-west-1");
    assert.equal(boto3.client("kms", { region_name: "us-west-2" }).meta.region_name, "us-west-2");
    assert.equal(boto3.client("kms").meta.region_name, "us-west-1");
  });

  test("Config.region_name, and the region_name argument beats Config", () => {
    writeConfig("[default]\nregion = eu-west-3\n");
    process.env.AWS_DEFAULT_REGION = "us-west-1";
    const config = new Config({ region_name: "ap-northeast-1" });
    assert.equal(new Session().client("dynamodb", { config }).meta.region_name, "ap-northeast-1");
    assert.equal(new Session().client("dynamodb", { config, region_name: "ca-central-1" }).meta.region_name, "ca-central-1");
    assert.equal(new Session({ region_name: "eu-north-1" }).client("dynamodb", { config }).meta.region_name, "ap-northeast-1");
  });

  test("an invalid region name is InvalidRegionError", () => {
    assert.throws(() => new Session().client("dynamodb", { region_name: "us east" }), (err: unknown) => {
      assert.ok(err instanceof InvalidRegionError);
      assert.equal((err as Error).message, "Provided region_name 'us east' doesn't match a supported format.");
      return true;
    });
  });
});
