/**
 * SessionConfigStore mechanics that the differential tests do not reach:
 * files read once and re-read on demand, a changed path re-read, parse
 * errors not cached, cheap creation, and the session-set values.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { newRetriesEnabled } from "../../../src/config/session-variables.js";
import { ConfigParseError, ProfileNotFound } from "../../../src/exceptions.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "config");
const credentials = join(dir, "credentials");
const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };

describe("file caching", () => {
  test("a file is read once, then again only after reload()", () => {
    writeFileSync(config, "[default]\nregion = first\n");
    const store = new SessionConfigStore({ env });
    assert.equal(store.get_config_variable("region"), "first");
    writeFileSync(config, "[default]\nregion = second\n");
    assert.equal(store.get_config_variable("region"), "first");
    assert.equal(store.full_config(), store.full_config(), "full_config is cached");
    store.reload();
    assert.equal(store.get_config_variable("region"), "second");
  });
  test("pointing config_file elsewhere reads the new file", () => {
    writeFileSync(config, "[default]\nregion = a\n");
    const other = join(dir, "other");
    writeFileSync(other, "[default]\nregion = b\n");
    const store = new SessionConfigStore({ env });
    assert.equal(store.get_config_variable("region"), "a");
    store.set_config_variable("config_file", other);
    assert.equal(store.get_config_variable("region"), "b");
  });
  test("a parse error is reported again, and a fixed file is then read", () => {
    writeFileSync(config, "[default]\nregion = a\nregion = b\n");
    const store = new SessionConfigStore({ env });
    assert.throws(() => store.get_config_variable("region"), ConfigParseError);
    assert.throws(() => store.get_config_variable("region"), ConfigParseError);
    writeFileSync(config, "[default]\nregion = fixed\n");
    assert.equal(store.get_config_variable("region"), "fixed");
  });
  test("creating a store reads nothing", () => {
    const store = new SessionConfigStore({ env: { ...env, AWS_CONFIG_FILE: join(dir, "absent") } });
    writeFileSync(join(dir, "absent"), "[default]\nregion = appeared\n");
    assert.equal(store.get_config_variable("region"), "appeared");
  });
  test("full_config does not change the credential providers' view of the config file", () => {
    writeFileSync(config, "[default]\naws_access_key_id = cfg\naws_secret_access_key = cfg\n");
    writeFileSync(credentials, "[default]\naws_access_key_id = creds\n");
    const store = new SessionConfigStore({ env });
    assert.equal(store.full_config().profiles["default"]!["aws_access_key_id"], "creds");
    assert.equal(store.loadConfigFile()!.profiles["default"]!["aws_access_key_id"], "cfg");
    rmSync(credentials);
  });
});

describe("session-set values", () => {
  test("set_config_variable wins over environment and file; null falls through", () => {
    writeFileSync(config, "[default]\nregion = file\n");
    const store = new SessionConfigStore({ env: { ...env, AWS_DEFAULT_REGION: "env" } });
    assert.equal(store.get_config_variable("region"), "env");
    store.set_config_variable("region", "session");
    assert.equal(store.get_config_variable("region"), "session");
    store.set_config_variable("region", null);
    assert.equal(store.get_config_variable("region"), "env");
  });
  test("instance_variables is a copy", () => {
    const store = new SessionConfigStore({ env, instanceVariables: { profile: "x" } });
    const vars = store.instance_variables();
    vars["profile"] = "y";
    assert.equal(store.instance_variables()["profile"], "x");
  });
  test("ProfileNotFound only when the chain reaches the file", () => {
    writeFileSync(config, "[default]\nregion = file\n");
    const store = new SessionConfigStore({ env: { ...env, AWS_DEFAULT_REGION: "env" }, instanceVariables: { profile: "nope" } });
    assert.equal(store.get_config_variable("region"), "env");
    assert.equal(store.get_config_variable("config_file"), config);
    assert.equal(store.profile, "nope");
    assert.throws(() => store.get_config_variable("retry_mode"), (err: unknown) =>
      err instanceof ProfileNotFound && err.message === "The config profile (nope) could not be found");
    assert.throws(() => store.get_scoped_config(), ProfileNotFound);
  });
  test("AWS_NEW_RETRIES_2026 switches the default retry mode to standard", () => {
    assert.equal(newRetriesEnabled({ AWS_NEW_RETRIES_2026: "TRUE" }), true);
    assert.equal(new SessionConfigStore({ env: { ...env, AWS_NEW_RETRIES_2026: "true" } }).get_config_variable("retry_mode"), "standard");
    assert.equal(new SessionConfigStore({ env: { ...env, AWS_NEW_RETRIES_2026: "1" } }).get_config_variable("retry_mode"), "legacy");
  });
  test("the default environment is process.env, read live", () => {
    const store = new SessionConfigStore();
    assert.equal(store.env, process.env);
  });
});

describe("creating a store is cheap", () => {
  test("≤ 20 µs and ≤ 9 KiB per store", () => {
    const instance = { profile: "dev", region: "us-west-2" };
    const n = 5_000;
    const kept: SessionConfigStore[] = [];
    // Best of several rounds: other test files run in parallel and add noise.
    let micros = Infinity;
    let bytes = Infinity;
    for (let round = 0; round < 6; round++) {
      const heapBefore = process.memoryUsage().heapUsed;
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) kept.push(new SessionConfigStore({ env, instanceVariables: instance }));
      micros = Math.min(micros, Number(process.hrtime.bigint() - start) / 1000 / n);
      const grown = (process.memoryUsage().heapUsed - heapBefore) / n;
      if (grown > 0) bytes = Math.min(bytes, grown);
    }
    console.log(`SessionConfigStore: ${micros.toFixed(2)} µs and ${Math.round(bytes)} bytes per store`);
    assert.equal(kept.length, 6 * n);
    assert.ok(micros < 20, `${micros} µs per store`);
    assert.ok(bytes < 9 * 1024, `${bytes} bytes per store`);
  });
});
