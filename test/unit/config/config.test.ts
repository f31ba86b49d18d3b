/**
 * Config against botocore.config.Config: defaults, validation errors and
 * merge, for the same arguments; and that printing a Config never shows
 * proxy credentials.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, describe, test } from "node:test";
import { Config, UNSIGNED } from "../../../src/config/index.js";
import type { ConfigOptions } from "../../../src/config/index.js";
import { InvalidRetryConfigurationError, BotoCoreError } from "../../../src/exceptions.js";
import { answerOf, askBotocore } from "./support/oracle.js";

interface Case {
  name: string;
  kwargs: Record<string, unknown>;
  merge?: Record<string, unknown>[];
}

const EVERYTHING: Record<string, unknown> = {
  region_name: "us-west-2", signature_version: "s3v4", user_agent: "ua", user_agent_extra: "extra", user_agent_appid: "app",
  connect_timeout: 1.5, read_timeout: 2, parameter_validation: false, max_pool_connections: 50,
  proxies: { https: "http://proxy:3128" }, proxies_config: { proxy_ca_bundle: "/ca.pem", proxy_use_forwarding_for_https: true },
  s3: { addressing_style: "virtual", use_accelerate_endpoint: true }, s3_disable_express_session_auth: true,
  retries: { total_max_attempts: 3, mode: "adaptive" }, client_cert: ["/cert.pem", "/key.pem"], inject_host_prefix: false,
  endpoint_discovery_enabled: true, use_dualstack_endpoint: true, use_fips_endpoint: true, ignore_configured_endpoint_urls: true,
  defaults_mode: "standard", tcp_keepalive: true, request_min_compression_size_bytes: 100, disable_request_compression: true,
  client_context_params: { a: 1 }, sigv4a_signing_region_set: "*", request_checksum_calculation: "when_required",
  response_checksum_validation: "when_required", account_id_endpoint_mode: "disabled", auth_scheme_preference: "sigv4",
};

const CASES: Case[] = [
  { name: "defaults", kwargs: {} },
  { name: "every option", kwargs: EVERYTHING },
  { name: "region", kwargs: { region_name: "eu-west-1" } },
  { name: "the DESIGN.md example", kwargs: { retries: { max_attempts: 0 }, read_timeout: 120, connect_timeout: 120 } },
  { name: "retries max_attempts below 0", kwargs: { retries: { max_attempts: -1 } } },
  { name: "retries total_max_attempts below 1", kwargs: { retries: { total_max_attempts: 0 } } },
  { name: "retries total_max_attempts 1", kwargs: { retries: { total_max_attempts: 1, mode: "standard" } } },
  { name: "retries unknown mode", kwargs: { retries: { mode: "bogus" } } },
  { name: "retries unknown key", kwargs: { retries: { bogus: 1 } } },
  { name: "retries unknown key after a valid one", kwargs: { retries: { mode: "legacy", max_attempts: 2, nope: 1 } } },
  { name: "retries string max_attempts", kwargs: { retries: { max_attempts: "3" } } },
  { name: "retries null max_attempts", kwargs: { retries: { max_attempts: null } } },
  { name: "retries float max_attempts", kwargs: { retries: { max_attempts: 1.5 } } },
  { name: "retries boolean max_attempts", kwargs: { retries: { max_attempts: false } } },
  { name: "retries null mode", kwargs: { retries: { mode: null } } },
  { name: "retries empty", kwargs: { retries: {} } },
  { name: "s3 path style", kwargs: { s3: { addressing_style: "path" } } },
  { name: "s3 bad style", kwargs: { s3: { addressing_style: "bad" } } },
  { name: "s3 null style", kwargs: { s3: { addressing_style: null } } },
  { name: "s3 other keys only", kwargs: { s3: { use_arn_region: true } } },
  { name: "s3 and retries both bad: s3 is checked first", kwargs: { retries: { mode: "x" }, s3: { addressing_style: "x" } } },
  { name: "non-legacy defaults mode drops the connect timeout", kwargs: { defaults_mode: "standard" } },
  { name: "non-legacy defaults mode with a connect timeout", kwargs: { defaults_mode: "auto", connect_timeout: 5 } },
  { name: "defaults mode given as None", kwargs: { defaults_mode: null } },
  { name: "legacy defaults mode", kwargs: { defaults_mode: "legacy" } },
  { name: "inject_host_prefix False", kwargs: { inject_host_prefix: false } },
  { name: "inject_host_prefix None", kwargs: { inject_host_prefix: null } },
  { name: "explicit None values", kwargs: { read_timeout: null, parameter_validation: null } },
  { name: "unknown option", kwargs: { region: "us-east-1" } },
  { name: "merge: the other's given options win", kwargs: { region_name: "a", read_timeout: 5 }, merge: [{ region_name: "b" }] },
  { name: "merge: defaults of the other do not win", kwargs: { read_timeout: 5, connect_timeout: 7 }, merge: [{}] },
  { name: "merge: an explicit None wins", kwargs: { region_name: "a" }, merge: [{ region_name: null }] },
  { name: "merge: retries are replaced, not deep-merged", kwargs: { retries: { mode: "standard" } }, merge: [{ retries: { max_attempts: 2 } }] },
  { name: "merge: defaults mode from the other", kwargs: { connect_timeout: 3 }, merge: [{ defaults_mode: "standard" }] },
  { name: "merge: chained", kwargs: { region_name: "a" }, merge: [{ read_timeout: 1 }, { region_name: "c", inject_host_prefix: false }] },
];

const answers = askBotocore(CASES.map((c) => ({ op: "config", kwargs: c.kwargs, merge: c.merge ?? [] })));

function build(c: Case): unknown {
  let config = new Config(c.kwargs as ConfigOptions);
  for (const other of c.merge ?? []) config = config.merge(new Config(other as ConfigOptions));
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(EVERYTHING)) out[name] = config[name as keyof ConfigOptions];
  return out;
}

describe("Config matches botocore.config.Config", () => {
  let passed = 0;
  CASES.forEach((c, i) => {
    test(c.name, () => {
      assert.deepEqual(answerOf(() => build(c)), answers[i]);
      passed++;
    });
  });
  after(() => console.log(`Config differential: ${passed}/${CASES.length} cases match botocore`));
});

describe("Config behaviour", () => {
  test("errors are botocore's classes", () => {
    assert.throws(
      () => new Config({ retries: { bogus: 1 } as never }),
      (err: unknown) => err instanceof InvalidRetryConfigurationError && err instanceof BotoCoreError,
    );
  });
  test("options are read-only", () => {
    const config = new Config({ region_name: "a" });
    assert.throws(() => {
      (config as unknown as Record<string, unknown>)["region_name"] = "b";
    }, TypeError);
    assert.equal(config.region_name, "a");
  });
  test("UNSIGNED is accepted and kept", () => {
    assert.equal(new Config({ signature_version: UNSIGNED }).signature_version, UNSIGNED);
    assert.equal(UNSIGNED, Symbol.for("botocore.UNSIGNED"));
  });
  test("user_provided_options lists only what was given", () => {
    assert.deepEqual({ ...new Config({ read_timeout: 3, region_name: undefined }).user_provided_options }, { read_timeout: 3 });
  });
});

describe("printing a Config never shows proxy credentials", () => {
  const config = new Config({
    proxies: { https: "http://alice:s3cr3t-pw@proxy.example:3128", http: "bob:hunter2@proxy.example:8080", "http://host": "http://proxy:1" },
    region_name: "us-west-2",
  });
  const shown = [inspect(config), inspect(config, { depth: 10 }), JSON.stringify(config), String(config), `${config}`];
  for (const [i, text] of shown.entries()) {
    test(`form ${i}`, () => {
      assert.doesNotMatch(text, /s3cr3t-pw|hunter2|alice|bob/);
      assert.match(text, /proxy\.example:3128/);
      assert.match(text, /<redacted>/);
      assert.match(text, /us-west-2/);
    });
  }
  test("the real URL is still there for the HTTP layer", () => {
    assert.equal(config.proxies?.["https"], "http://alice:s3cr3t-pw@proxy.example:3128");
  });
});
