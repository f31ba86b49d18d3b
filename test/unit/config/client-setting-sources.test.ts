/**
 * "Where did this setting come from": at client creation, with
 * `botocore.configprovider` at DEBUG, one line per setting names its
 * source — client argument, Config, environment variable, a key of the
 * profile in the config or credentials file, a defaults mode, the default.
 * Each source kind is checked on a real client; the chain's own
 * `get_config_variable_source` agrees with `get_config_variable`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Config } from "../../../src/config/config.js";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { SESSION_VARIABLES } from "../../../src/config/session-variables.js";
import { DEBUG, getLogger, Handler, type LogRecord } from "../../../src/logging/index.js";
import { Session } from "../../../src/session.js";
import type { ClientOptions } from "../../../src/client/create-client.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-sources-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, "config");
const credentialsFile = join(dir, "credentials");
writeFileSync(
  configFile,
  `[default]
region = us-west-2
[profile dev]
region = eu-west-1
max_attempts = 6
tcp_keepalive = true
defaults_mode = standard
services = local
s3 =
  us_east_1_regional_endpoint = regional
  addressing_style = virtual
[services local]
sqs =
  endpoint_url = http://127.0.0.1:4566
[profile ignoring]
region = us-east-1
endpoint_url = http://127.0.0.1:4567
ignore_configured_endpoint_urls = true
`,
);
writeFileSync(credentialsFile, "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devSECRET\nsdk_ua_app_id = from-credentials-file\n");

class Lines extends Handler {
  lines: string[] = [];
  emit(record: LogRecord): void {
    this.lines.push(record.getMessage());
  }
}
const sink = new Lines();
const logger = getLogger("botocore.configprovider");
logger.setLevel(DEBUG);
logger.addHandler(sink);
after(() => {
  logger.removeHandler(sink);
  logger.setLevel(0);
});

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Creates a client with exactly this environment and returns the setting lines it logged, by setting name. */
function settingsOf(env: Record<string, string>, service: string, options: ClientOptions = {}, session: ConstructorParameters<typeof Session>[0] = {}): Map<string, string> {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_") || key === "REQUESTS_CA_BUNDLE") delete process.env[key];
  Object.assign(process.env, { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: "true" }, env);
  sink.lines = [];
  new Session(session).client(service, options);
  const out = new Map<string, string>();
  for (const line of sink.lines) {
    const match = /^[\w.-]+: ([\w.]+) = (.*)$/.exec(line);
    if (match !== null) out.set(match[1]!, match[2]!);
  }
  return out;
}

describe("each client setting names its source", () => {
  test("profile from AWS_PROFILE, values from the config and credentials files, Config, environment", () => {
    const s = settingsOf({ AWS_PROFILE: "dev", AWS_RETRY_MODE: "adaptive" }, "sqs", {
      config: new Config({ read_timeout: 5, retries: { max_attempts: 2 } }),
    });
    assert.equal(s.get("profile"), "'dev' (environment variable AWS_PROFILE)");
    assert.equal(s.get("region_name"), `'eu-west-1' (config file ${configFile}, profile dev, key region)`);
    assert.equal(s.get("retries.mode"), "'adaptive' (retry_mode, environment variable AWS_RETRY_MODE)");
    assert.equal(s.get("retries.total_max_attempts"), "3 (Config retries.max_attempts + 1)");
    assert.equal(s.get("read_timeout"), "5 (Config)");
    // As in botocore: a Config without defaults_mode brings connect_timeout=60, over the defaults mode's 3.1.
    assert.equal(s.get("connect_timeout"), "60 (Config's default (a Config without defaults_mode keeps 60))");
    assert.equal(s.get("defaults_mode"), `'standard' (config file ${configFile}, profile dev, key defaults_mode)`);
    assert.equal(s.get("tcp_keepalive"), `True (config file ${configFile}, profile dev, key tcp_keepalive)`);
    assert.equal(s.get("user_agent_appid"), `'from-credentials-file' (credentials file ${credentialsFile}, profile dev, key sdk_ua_app_id)`);
    assert.equal(s.get("endpoint_url"), "'http://127.0.0.1:4566' (config file, [services local] sqs.endpoint_url)");
    assert.equal(s.get("sts_regional_endpoints"), "'regional' (defaults mode standard)");
    assert.equal(s.get("config_file"), `'${configFile}' (environment variable AWS_CONFIG_FILE)`);
    assert.equal(s.get("parameter_validation"), "True (default)");
  });

  test("client arguments and the session's own values", () => {
    const s = settingsOf({ AWS_ENDPOINT_URL_SQS: "http://127.0.0.1:1234" }, "sqs", { region_name: "ap-south-1", verify: false, api_version: "2012-11-05" }, { profile_name: "dev" });
    assert.equal(s.get("profile"), "'dev' (the session (set_config_variable / Session argument))");
    assert.equal(s.get("region_name"), "'ap-south-1' (client argument region_name)");
    assert.equal(s.get("verify"), "False (client argument verify)");
    assert.equal(s.get("api_version"), "'2012-11-05' (client argument api_version)");
    assert.equal(s.get("endpoint_url"), "'http://127.0.0.1:1234' (environment variable AWS_ENDPOINT_URL_SQS)");
    assert.equal(s.get("retries.total_max_attempts"), `6 (max_attempts, config file ${configFile}, profile dev, key max_attempts)`);
    assert.equal(s.get("connect_timeout"), "3.1 (defaults mode standard)");
    assert.equal(s.get("retries.mode"), "'standard' (retry_mode, defaults mode standard)");
  });

  test("a fips pseudo-region, REQUESTS_CA_BUNDLE, Config over environment", () => {
    const s = settingsOf({ REQUESTS_CA_BUNDLE: "/r/ca.pem", AWS_REQUEST_CHECKSUM_CALCULATION: "when_required" }, "kms", {
      region_name: "fips-us-east-1",
      config: new Config({ request_checksum_calculation: "when_supported", inject_host_prefix: false }),
    });
    assert.equal(s.get("region_name"), "'us-east-1' (client argument region_name (a fips pseudo-region: use_fips_endpoint set))");
    assert.equal(s.get("verify"), "'/r/ca.pem' (environment variable REQUESTS_CA_BUNDLE)");
    assert.equal(s.get("request_checksum_calculation"), "'when_supported' (Config)");
    assert.equal(s.get("inject_host_prefix"), "False (Config)");
    assert.equal(s.get("use_fips_endpoint"), "True (Config)");
  });

  test("ignored configured endpoints say so; unsigned clients do not route on account ids", () => {
    const s = settingsOf({ AWS_PROFILE: "ignoring" }, "dynamodb", { config: new Config({ signature_version: Symbol.for("botocore.UNSIGNED") as never }) });
    assert.equal(
      s.get("endpoint_url"),
      `None (none: config file, profile key endpoint_url ignored (ignore_configured_endpoint_urls from config file ${configFile}, profile ignoring, key ignore_configured_endpoint_urls); the endpoint rule set decides)`,
    );
    assert.equal(s.get("account_id_endpoint_mode"), "'disabled' (unsigned requests (Config signature_version=UNSIGNED))");
  });

  test("the s3 block key by key: Config, environment, the profile's nested keys", () => {
    const s = settingsOf({ AWS_PROFILE: "dev", AWS_S3_USE_ARN_REGION: "false" }, "s3", { config: new Config({ s3: { addressing_style: "path" } }) });
    assert.equal(s.get("s3.addressing_style"), "'path' (Config)");
    assert.equal(s.get("s3.use_arn_region"), "False (environment variable AWS_S3_USE_ARN_REGION)");
    assert.equal(s.get("s3.us_east_1_regional_endpoint"), `'regional' (config file ${configFile}, profile dev, key s3.us_east_1_regional_endpoint)`);
  });

  test("a second client with the same arguments reuses the settings and says so", () => {
    const session = new Session();
    sink.lines = [];
    session.client("sts", { region_name: "us-east-1" });
    const first = sink.lines.length;
    sink.lines = [];
    session.client("sts", { region_name: "us-east-1" });
    assert.ok(first > 30);
    assert.deepEqual(sink.lines, ["sts: settings as resolved for an earlier client with the same arguments (logged when it was created)"]);
  });

  test("nothing is computed or logged when DEBUG is off", () => {
    logger.setLevel("INFO");
    sink.lines = [];
    settingsOf({}, "sqs", { region_name: "us-east-1" });
    logger.setLevel(DEBUG);
    assert.deepEqual(sink.lines, []);
  });
});

describe("get_config_variable_source agrees with get_config_variable", () => {
  const envs: Record<string, string>[] = [
    {},
    { AWS_PROFILE: "dev", AWS_MAX_ATTEMPTS: "2", AWS_DEFAULT_REGION: "" },
    { AWS_PROFILE: "dev", AWS_USE_FIPS_ENDPOINT: "true", AWS_S3_USE_ARN_REGION: "true" },
  ];
  envs.forEach((env, i) => {
    test(`environment ${i}`, () => {
      const store = new SessionConfigStore({ env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, ...env } });
      for (const name of Object.keys(SESSION_VARIABLES)) {
        const value = store.get_config_variable(name);
        const source = store.get_config_variable_source(name);
        if (source.kind === "environment") assert.equal(store.env[source.variable] !== undefined, true, name);
        if (source.kind === "config-file") assert.notEqual(store.get_scoped_config()[source.key], undefined, name);
        assert.equal(source.kind === "unset", value === undefined, `${name}: ${JSON.stringify(source)} for ${String(value)}`);
      }
    });
  });
});
