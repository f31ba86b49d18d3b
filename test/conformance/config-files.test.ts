/**
 * botocore's config-file fixtures (conformance/botocore/tests/unit/cfg),
 * read in place: every fixture must parse exactly as the installed botocore
 * parses it (raw sections, raw without sub-sections, profile map), and the
 * expectations of the conformance README §10 are checked explicitly.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ConfigParseError } from "../../src/exceptions.js";
import { rawConfigParse } from "../../src/config/ini.js";
import { loadConfig, multiFileLoadConfig } from "../../src/config/profiles.js";
import { orderedKeys } from "../../src/config/ini.js";
import { BOTOCORE_TESTS } from "../support/paths.js";
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

let passed = 0;
let total = 0;
after(() => console.log(`config-file fixtures: ${passed}/${total} checks pass`));

function check(name: string, fn: () => void): void {
  total++;
  test(name, () => {
    fn();
    passed++;
  });
}

describe("every cfg fixture parses as botocore parses it", () => {
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
