/**
 * botocore's config-file fixtures (conformance/botocore/tests/unit/cfg),
 * read in place: every fixture must parse exactly as the installed botocore
 * parses it (raw sections, raw without sub-sections, profile map), and the
 * expectations of the conformance README §10 are checked explicitly. Also
 * the configured-endpoint-URL suite (README §6), which is config-file data.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ConfigParseError, InvalidConfigError } from "../../src/exceptions.js";
import { Config } from "../../src/config/config.js";
import { SessionConfigStore } from "../../src/config/config-store.js";
import { computeConfiguredEndpointUrl, configuredEndpointUrl, snakeCaseServiceId } from "../../src/config/configured-endpoint.js";
import { rawConfigParse } from "../../src/config/ini.js";
import { loadConfig, multiFileLoadConfig } from "../../src/config/profiles.js";
import { orderedKeys } from "../../src/config/ini.js";
import { BOTOCORE_TESTS, REPO_ROOT } from "../support/paths.js";
import { answerOf, askBotocore, toPlain } from "../unit/config/support/oracle.js";

const CFG = join(BOTOCORE_TESTS, "unit", "cfg");
const env = { HOME: "/nonexistent-home" };
const fixture = (name: string): string => join(CFG, name);
const fixtures = readdirSync(CFG).sort();

const MULTI = [fixture("aws_config_other"), fixture("aws_config"), fixture("no_such_file"), fixture("aws_third_config")];
const requests = [
  ...fixtures.flatMap((name) => [
    { op: "raw", path: fixture(name), env },
    { op: "raw", path: fixture(name), env, subsections: false },
    { op: "load", path: fixture(name), env },
  ]),
  { op: "multi", paths: MULTI, env },
];
const answers = askBotocore(requests);

const passed: Record<string, number> = {};
const total: Record<string, number> = {};
after(() => {
  for (const group of Object.keys(total)) console.log(`config files, ${group}: ${passed[group] ?? 0}/${total[group]} pass`);
});

let group = "";
function check(name: string, fn: () => void): void {
  const g = group;
  total[g] = (total[g] ?? 0) + 1;
  test(name, () => {
    fn();
    passed[g] = (passed[g] ?? 0) + 1;
  });
}

describe("every cfg fixture parses as botocore parses it", () => {
  group = "cfg fixtures vs botocore";
  fixtures.forEach((name, i) => {
    check(name, () => {
      const path = fixture(name);
      const [raw, flat, loaded] = answers.slice(i * 3, i * 3 + 3);
      assert.deepEqual(answerOf(() => rawConfigParse(path, env)), raw);
      assert.deepEqual(answerOf(() => rawConfigParse(path, env, false)), flat);
      assert.deepEqual(answerOf(() => loadConfig(path, env)), loaded);
    });
  });
  check("multi_file_load_config(other, config, missing, third)", () => {
    assert.deepEqual(answerOf(() => multiFileLoadConfig(MULTI, env)), answers[answers.length - 1]);
  });
});

describe("README §10 expectations", () => {
  group = "README §10 expectations";
  check("aws_config: profiles default and personal; raw section 'profile \"personal\"'", () => {
    const loaded = loadConfig(fixture("aws_config"), env);
    assert.deepEqual(orderedKeys(loaded.profiles), ["default", "personal"]);
    assert.equal(loaded.profiles["personal"]!["aws_security_token"], "fiebaz");
    assert.deepEqual(Object.keys(rawConfigParse(fixture("aws_config"), env)), ["default", 'profile "personal"']);
  });
  check("aws_bad_profile: only default, personal1 and 'my profile' remain", () => {
    const loaded = loadConfig(fixture("aws_bad_profile"), env);
    assert.deepEqual(orderedKeys(loaded.profiles).sort(), ["default", "my profile", "personal1"]);
    assert.equal(loaded.profiles["personal1"]!["aws_access_key_id"], "access_personal1");
  });
  check("aws_config_nested: indented keys become maps", () => {
    const profile = loadConfig(fixture("aws_config_nested"), env).profiles["default"]!;
    assert.deepEqual(toPlain(profile["s3"]), { signature_version: "s3v4", addressing_style: "path" });
    assert.deepEqual(toPlain(profile["cloudwatch"]), { signature_version: "v4" });
    assert.equal(profile["region"], "us-west-2");
    const flat = rawConfigParse(fixture("aws_config_nested"), env, false)["default"]!;
    assert.equal(flat["s3"], "\nsignature_version = s3v4\naddressing_style = path");
  });
  for (const name of ["aws_config_bad", "aws_config_badbytes", "aws_config_nested_bad"]) {
    check(`${name}: ConfigParseError`, () => {
      assert.throws(
        () => loadConfig(fixture(name), env),
        (err: unknown) => err instanceof ConfigParseError && err.message === `Unable to parse config file: ${fixture(name)}`,
      );
    });
  }
  check("other, config, third: the earlier file wins, missing files are ignored", () => {
    const merged = multiFileLoadConfig(MULTI, env);
    assert.equal(merged.profiles["default"]!["aws_access_key_id"], "other_foo");
    assert.equal(merged.profiles["default"]!["aws_secret_access_key"], "other_bar");
    assert.equal(merged.profiles["personal"]!["aws_access_key_id"], "fie");
    assert.equal(merged.profiles["third"]!["aws_access_key_id"], "third_fie");
  });
  check("aws_sso_session_config: [sso-session sso]", () => {
    const loaded = loadConfig(fixture("aws_sso_session_config"), env);
    assert.deepEqual(toPlain(loaded.sso_sessions), {
      sso: { sso_start_url: "https://example.com", sso_region: "us-east-1" },
    });
  });
  check("aws_services_config: [services my-services]", () => {
    const services = loadConfig(fixture("aws_services_config"), env).services;
    assert.deepEqual(toPlain(services["my-services"]), {
      s3: { endpoint_url: "https://localhost:5678/" },
      dynamodb: { endpoint_url: "https://localhost:8888/" },
    });
  });
});

// functional/configured_endpoint_urls/profile-tests.json (README §6): the
// endpoint URL a client takes from its arguments, the environment and the
// config file. An expected URL that none of those give is the one endpoint
// resolution produces, so the configured URL must then be null.
describe("configured endpoint URLs", () => {
  group = "configured endpoint URLs";
  interface Suite {
    profiles: Record<string, Record<string, string>>;
    services: Record<string, Record<string, Record<string, string>>>;
    client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>;
    environments: Record<string, Record<string, string>>;
    endpointUrlTests: { name: string; profile: string; client_config: string; environment: string; service: string; output: { endpointUrl: string } }[];
  }
  const data = JSON.parse(
    readFileSync(join(BOTOCORE_TESTS, "functional", "configured_endpoint_urls", "profile-tests.json"), "utf8"),
  ) as { testSuites: Suite[] };
  const dir = mkdtempSync(join(tmpdir(), "boto3ts-endpoint-urls-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  data.testSuites.forEach((suite, s) => {
    // The suite's profiles and services, written as a shared config file.
    let text = "";
    for (const [name, values] of Object.entries(suite.profiles)) {
      text += `[profile ${name}]\n${Object.entries(values).map(([k, v]) => `${k} = ${v}\n`).join("")}`;
    }
    for (const [name, services] of Object.entries(suite.services)) {
      text += `[services ${name}]\n`;
      for (const [service, values] of Object.entries(services)) {
        text += `${service} =\n${Object.entries(values).map(([k, v]) => `  ${k} = ${v}\n`).join("")}`;
      }
    }
    const configFile = join(dir, `config-${s}`);
    writeFileSync(configFile, text);
    for (const t of suite.endpointUrlTests) {
      check(t.name, () => {
        const env = { HOME: dir, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), ...suite.environments[t.environment] };
        const store = new SessionConfigStore({ env, instanceVariables: { profile: t.profile } });
        const { endpoint_url: endpointUrl, ...configOptions } = suite.client_configs[t.client_config]!;
        const url = computeConfiguredEndpointUrl(store, t.service, endpointUrl, new Config(configOptions));
        const region = suite.profiles[t.profile]!["region"];
        if (url === null) assert.equal(t.output.endpointUrl, `https://${t.service}.${region}.amazonaws.com`);
        else assert.equal(url, t.output.endpointUrl);
      });
    }
  });

  check("a profile naming a missing services section", () => {
    const configFile = join(dir, "missing-services");
    writeFileSync(configFile, "[default]\nservices = nope\nendpoint_url = https://global\n");
    const store = new SessionConfigStore({ env: { HOME: dir, AWS_CONFIG_FILE: configFile } });
    assert.throws(() => configuredEndpointUrl(store, "s3"), (err: unknown) =>
      err instanceof InvalidConfigError &&
      err.message === 'The profile is configured to use the services section but the "nope" services configuration does not exist.');
    const withEnv = new SessionConfigStore({ env: { HOME: dir, AWS_CONFIG_FILE: configFile, AWS_ENDPOINT_URL: "https://env" } });
    assert.equal(configuredEndpointUrl(withEnv, "s3"), "https://env");
  });

  check("service IDs in snake_case match botocore for every service", () => {
    const names = [...readdirSync(join(REPO_ROOT, "data", "botocore"), { withFileTypes: true })]
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .concat(["runtime.sagemaker"]);
    const [expected] = askBotocore([{ op: "snake_ids", names }]);
    assert.deepEqual({ ok: names.map(snakeCaseServiceId) }, expected);
  });
});
