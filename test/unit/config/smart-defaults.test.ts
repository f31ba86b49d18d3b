/**
 * Defaults modes against botocore: the values each mode resolves to, and a
 * client's view of the chain after the mode replaced the defaults (the
 * session's own values unchanged), across environment and profile values.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { DefaultConfigResolver, resolveAutoMode, smartDefaultOverrides } from "../../../src/config/smart-defaults.js";
import type { DefaultConfigurationData } from "../../../src/config/smart-defaults.js";
import { REPO_ROOT } from "../../support/paths.js";
import { answerOf, askBotocore } from "./support/oracle.js";

const data = JSON.parse(
  readFileSync(join(REPO_ROOT, "data", "botocore", "sdk-default-configuration.json"), "utf8"),
) as DefaultConfigurationData;
const resolver = new DefaultConfigResolver(data);

const dir = mkdtempSync(join(tmpdir(), "boto3ts-modes-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "config");
writeFileSync(config, "[default]\nretry_mode = adaptive\n[profile plain]\nregion = us-west-2\n[profile s3]\ns3 =\n  us_east_1_regional_endpoint = legacy\n  addressing_style = path\n");

const BASE = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), AWS_EC2_METADATA_DISABLED: "true" };
const SETUPS: Record<string, { env: Record<string, string>; instance: Record<string, unknown> }> = {
  "profile with nothing set": { env: {}, instance: { profile: "plain" } },
  "retry_mode in [default]": { env: {}, instance: {} },
  "environment values": { env: { AWS_RETRY_MODE: "legacy", AWS_STS_REGIONAL_ENDPOINTS: "legacy", AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: "legacy" }, instance: { profile: "plain" } },
  "session values": { env: {}, instance: { profile: "plain", retry_mode: "adaptive", sts_regional_endpoints: "legacy", connect_timeout: 9 } },
  "s3 block in the profile": { env: {}, instance: { profile: "s3" } },
  "auto, running in us-west-2": { env: { AWS_EXECUTION_ENV: "AWS_Lambda", AWS_REGION: "us-west-2" }, instance: { profile: "plain" } },
  "auto, AWS_DEFAULT_REGION only": { env: { AWS_EXECUTION_ENV: "x", AWS_DEFAULT_REGION: "eu-west-1" }, instance: { profile: "plain" } },
};
const MODES = ["standard", "in-region", "cross-region", "mobile", "auto"];

const cases = Object.entries(SETUPS).flatMap(([name, setup]) =>
  MODES.map((mode) => ({ name: `${mode} / ${name}`, mode, region: "us-west-2", env: { ...BASE, ...setup.env }, instance: setup.instance })),
);
const answers = askBotocore([
  ...cases.map((c) => ({ op: "smart_defaults", env: c.env, instance: c.instance, mode: c.mode, region: c.region })),
]);

const NAMES = ["retry_mode", "sts_regional_endpoints", "connect_timeout", "s3", "max_attempts", "region"];

describe("defaults modes match botocore", () => {
  let passed = 0;
  test("the modes and their values", () => {
    assert.deepEqual(resolver.get_default_modes(), ["legacy", "auto", "standard", "in-region", "cross-region", "mobile"]);
    assert.equal(resolver.get_default_config_values("mobile")["connectTimeoutInMillis"], 30000);
    assert.equal(resolver.get_default_config_values("in-region")["connectTimeoutInMillis"], 1100);
  });
  cases.forEach((c, i) => {
    test(c.name, () => {
      const ours = answerOf(() => {
        const session = new SessionConfigStore({ env: c.env, instanceVariables: c.instance });
        const mode = c.mode === "auto" ? resolveAutoMode(c.region, c.env) : c.mode;
        const client = session.withDefaults(smartDefaultOverrides(resolver.get_default_config_values(mode)));
        const read = (store: SessionConfigStore) => Object.fromEntries(NAMES.map((n) => [n, store.get_config_variable(n)]));
        return { client: read(client), session: read(session) };
      });
      assert.deepEqual(ours, answers[i]);
      passed++;
    });
  });
  after(() => console.log(`defaults modes differential: ${passed}/${cases.length} cases match botocore`));
});

describe("views", () => {
  test("a view sees session values set later, and keeps its own overrides", () => {
    const session = new SessionConfigStore({ env: BASE, instanceVariables: { profile: "plain" } });
    const view = session.withDefaults({ retry_mode: "standard" });
    assert.equal(view.get_config_variable("retry_mode"), "standard");
    session.set_config_variable("retry_mode", "adaptive");
    assert.equal(view.get_config_variable("retry_mode"), "adaptive");
    view.set_config_variable("region", "view-only");
    assert.equal(view.get_config_variable("region"), "view-only");
    assert.equal(session.get_config_variable("region"), "us-west-2");
  });
  test("auto mode without a known location is standard", () => {
    assert.equal(resolveAutoMode("us-west-2", {}), "standard");
    assert.equal(resolveAutoMode("us-west-2", {}, "us-west-2"), "in-region");
    assert.equal(resolveAutoMode("us-west-2", { AWS_EXECUTION_ENV: "x", AWS_REGION: "" }, "eu-west-1"), "cross-region");
  });
});
