/**
 * The data loader as botocore's: search paths (AWS_DATA_PATH, ~/.aws/models,
 * built-in), .json and .json.gz, sdk-extras, API versions from arguments and
 * the config file, unknown services, and the build's message when botocore
 * is missing.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, test } from "node:test";
import { Session } from "../../../src/index.js";
import { UnknownServiceError } from "../../../src/exceptions.js";
import { REPO_ROOT } from "../../support/paths.js";

const saved = { ...process.env };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "boto3ts-loader-"));
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  process.env.AWS_CONFIG_FILE = join(dir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.HOME = join(dir, "home");
});

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** A one-operation JSON-protocol service model. */
function model(version: string, operation: string): Record<string, unknown> {
  return {
    version: "2.0",
    metadata: {
      apiVersion: version,
      endpointPrefix: "widgets",
      jsonVersion: "1.1",
      protocol: "json",
      serviceId: "Widgets",
      signatureVersion: "v4",
      targetPrefix: "Widgets",
      uid: `widgets-${version}`,
    },
    operations: {
      [operation]: { name: operation, http: { method: "POST", requestUri: "/" }, input: { shape: "In" }, output: { shape: "Out" } },
    },
    shapes: {
      In: { type: "structure", required: ["Name"], members: { Name: { shape: "Str" } } },
      Out: { type: "structure", members: { Id: { shape: "Str" } } },
      Str: { type: "string" },
    },
  };
}

function client(session: Session, options: Record<string, unknown> = {}) {
  const c = session.client("widgets", { region_name: "us-east-1", aws_access_key_id: "a", aws_secret_access_key: "b", ...options });
  c.meta.events.register("before-send", ({ request }) => ({
    status_code: 200,
    headers: {},
    content: JSON.stringify({ Id: String(request.headers["X-Amz-Target"]) }),
  }));
  return c;
}

describe("the data loader", () => {
  test("AWS_DATA_PATH adds services (plain and gzipped JSON), newest version first, sdk-extras merged", async () => {
    const data = join(dir, "models");
    mkdirSync(join(data, "widgets", "2020-01-01"), { recursive: true });
    mkdirSync(join(data, "widgets", "2021-06-01"), { recursive: true });
    writeFileSync(join(data, "widgets", "2020-01-01", "service-2.json"), JSON.stringify(model("2020-01-01", "MakeWidget")));
    writeFileSync(join(data, "widgets", "2021-06-01", "service-2.json.gz"), gzipSync(JSON.stringify(model("2021-06-01", "CreateWidget"))));
    writeFileSync(
      join(data, "widgets", "2021-06-01", "service-2.sdk-extras.json"),
      JSON.stringify({ version: 1, merge: { shapes: { Out: { members: { Id: { shape: "Str" }, Extra: { shape: "Str" } } } } } }),
    );
    process.env.AWS_DATA_PATH = data;
    const session = new Session();
    assert.ok(session.get_available_services().includes("widgets"));
    const latest = client(session);
    assert.equal(latest.meta.service_model.api_version, "2021-06-01");
    assert.deepEqual(Object.keys(latest.meta.service_model.shape_for("Out").members), ["Id", "Extra"]);
    assert.equal((await latest.create_widget!({ Name: "w" })).Id, "Widgets.CreateWidget");
    const older = client(session, { api_version: "2020-01-01" });
    assert.equal(older.meta.service_model.api_version, "2020-01-01");
    assert.equal((await older.make_widget!({ Name: "w" })).Id, "Widgets.MakeWidget");
  });

  test("~/.aws/models is searched, and AWS_DATA_PATH comes before it (botocore's order)", () => {
    const home = join(dir, "home", ".aws", "models", "widgets", "2020-01-01");
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, "service-2.json"), JSON.stringify(model("2020-01-01", "FromHome")));
    assert.deepEqual(client(new Session()).meta.service_model.operation_names, ["FromHome"]);
    const data = join(dir, "models", "widgets", "2020-01-01");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "service-2.json"), JSON.stringify(model("2020-01-01", "FromDataPath")));
    process.env.AWS_DATA_PATH = join(dir, "models");
    assert.deepEqual(client(new Session()).meta.service_model.operation_names, ["FromDataPath"]);
  });

  test("api_version and the config file's api_versions choose a model version, as botocore does", () => {
    writeFileSync(join(dir, "config"), "[default]\napi_versions =\n    ec2 = 2015-03-01\n    lambda = 2014-11-11\n");
    const session = new Session({ region_name: "us-east-1" });
    assert.equal(session.client("ec2").meta.service_model.api_version, "2015-03-01");
    assert.equal(session.client("lambda").meta.service_model.api_version, "2014-11-11");
    assert.equal(session.client("ec2", { api_version: "2016-11-15" }).meta.service_model.api_version, "2016-11-15");
    const expected = execFileSync("python3", ["-c", "import boto3; s = boto3.Session(region_name='us-east-1'); print(s.client('ec2').meta.service_model.api_version, s.client('lambda').meta.service_model.api_version)"], {
      encoding: "utf8",
      env: process.env,
    }).trim();
    assert.equal(expected, "2015-03-01 2014-11-11");
  });

  test("an unknown service is UnknownServiceError with botocore's message", () => {
    const expected = execFileSync(
      "python3",
      ["-c", "import boto3\ntry:\n    boto3.client('nope', region_name='us-east-1')\nexcept Exception as e:\n    print(type(e).__name__ + ': ' + str(e))"],
      { encoding: "utf8", env: process.env },
    ).trim();
    assert.throws(
      () => new Session({ region_name: "us-east-1" }).client("nope"),
      (err: unknown) => err instanceof UnknownServiceError && `UnknownServiceError: ${(err as Error).message}` === expected,
    );
  });

  test("the build says what to install when no botocore can be found", () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "build-data.mjs")], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, BOTO3TS_PYTHON: join(dir, "no-such-python") },
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot build the model data/);
    assert.match(result.stderr, /pip install boto3/);
    assert.match(result.stderr, /BOTO3TS_BOTOCORE_DATA/);
  });
});
