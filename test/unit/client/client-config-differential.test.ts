/**
 * The whole configuration chain through a client, against boto3: for each
 * combination of session arguments, client arguments, Config, environment
 * variables and config-file profile (client-combinations.ts), a boto3-ts
 * Session and client and a boto3 Session and client are built from the same
 * inputs, and must agree on
 *   - every session variable (session.get_config_variable),
 *   - the credentials found (provider method, access key, token or not),
 *   - the client's effective settings: region, endpoint URL, partition, API
 *     version, every option of client.meta.config, parameter validation,
 *     signing region / name / version, the endpoint rule-set builtins, TLS
 *     verification and the transport timeouts,
 * or on the error (class and message) where boto3 fails.
 * One python3 process answers every combination.
 */
import "../credentials/support/network-guard.js";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Config, UNSIGNED, type ConfigOptions } from "../../../src/config/config.js";
import type { ServiceClient } from "../../../src/client/base-client.js";
import { Session } from "../../../src/session.js";
import { refusedConnections } from "../credentials/support/network-guard.js";
import { answerOf, answerOfAsync, askBotocore, toPlain, type OracleAnswer } from "../config/support/oracle.js";
import {
  combinations,
  CONFIG_FILE,
  CREDENTIALS_FILE,
  OTHER_CONFIG_FILE,
  type Combination,
  type ConfigKwargs,
} from "../config/support/client-combinations.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-client-config-"));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "models"));
mkdirSync(join(dir, "more-models"));
const expand = (text: string): string => text.replaceAll("%DIR%", dir);
writeFileSync(join(dir, "config"), expand(CONFIG_FILE));
writeFileSync(join(dir, "credentials"), CREDENTIALS_FILE);
writeFileSync(join(dir, "other-config"), OTHER_CONFIG_FILE);

/** Every session variable the issue lists, and the rest of botocore's table. */
const VARIABLES = [
  "profile", "region", "data_path", "config_file", "credentials_file", "ca_bundle", "api_versions",
  "metadata_service_timeout", "metadata_service_num_attempts", "ec2_metadata_service_endpoint",
  "ec2_metadata_service_endpoint_mode", "ec2_metadata_v1_disabled", "imds_use_ipv6", "use_dualstack_endpoint",
  "use_fips_endpoint", "ignore_configured_endpoint_urls", "parameter_validation", "csm_enabled", "csm_host",
  "csm_port", "csm_client_id", "endpoint_discovery_enabled", "sts_regional_endpoints", "retry_mode",
  "defaults_mode", "max_attempts", "user_agent_appid", "request_min_compression_size_bytes",
  "disable_request_compression", "sigv4a_signing_region_set", "request_checksum_calculation",
  "response_checksum_validation", "account_id_endpoint_mode", "disable_host_prefix_injection",
  "auth_scheme_preference", "tcp_keepalive", "s3_disable_express_session_auth", "s3", "proxies_config",
];

const BASE_ENV: Record<string, string> = {
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, "config"),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
  AWS_EC2_METADATA_DISABLED: "true",
};

const envOf = (combo: Combination): Record<string, string> => {
  const env: Record<string, string> = { ...BASE_ENV };
  for (const [name, value] of Object.entries(combo.env)) env[name] = expand(value);
  return env;
};

const cases = combinations();

interface BotoAnswer {
  session: OracleAnswer;
  variables?: Record<string, OracleAnswer>;
  credentials?: OracleAnswer;
  client?: OracleAnswer;
}

const expected = askBotocore<BotoAnswer>(
  cases.map((c) => ({ env: envOf(c), session: c.session, client: c.client, config: c.config, service: c.service, variables: VARIABLES })),
  "client-oracle.py",
);

const UNSIGNED_MARK = "__UNSIGNED__";

function configOf(kwargs: ConfigKwargs | null): Config | null {
  if (kwargs === null) return null;
  const options: Record<string, unknown> = { ...kwargs };
  if (options.signature_version === UNSIGNED_MARK) options.signature_version = UNSIGNED;
  return new Config(options as ConfigOptions);
}

const plain = (value: unknown): unknown => (value === UNSIGNED ? UNSIGNED_MARK : toPlain(value));

interface TransportView {
  options: { connectTimeoutMs: number; readTimeoutMs: number; verify: boolean | string };
}

/** What client-oracle.py's client_facts reports, read from a boto3-ts client. */
function clientFacts(client: ServiceClient): Record<string, unknown> {
  const { meta, _runtime: runtime } = client;
  const config: Record<string, unknown> = {};
  for (const name of Object.keys(meta.config.toJSON())) {
    if (name !== "user_agent") config[name] = plain(meta.config[name as keyof Config]);
  }
  const builtins: Record<string, unknown> = {};
  const resolver = runtime.endpointResolver();
  if (resolver !== null) {
    for (const [name, value] of Object.entries(resolver.builtins)) {
      if (name !== "AWS::Auth::AccountId") builtins[name] = plain(value);
    }
  }
  const unsigned = meta.config.signature_version === UNSIGNED && runtime.signatureVersion === "none";
  const transport = (runtime.transport as unknown as TransportView).options;
  return {
    region_name: meta.region_name,
    endpoint_url: meta.endpoint_url,
    partition: meta.partition,
    api_version: meta.service_model.api_version,
    config,
    parameter_validation: runtime.parameterValidation,
    signing: [runtime.signingRegion, runtime.signingName, unsigned ? UNSIGNED_MARK : runtime.signatureVersion],
    builtins,
    verify: transport.verify,
    timeouts: [transport.connectTimeoutMs / 1000, transport.readTimeoutMs / 1000],
  };
}

/** Runs `fn` with exactly `env` as process.env (boto3-ts reads the environment live, as botocore reads os.environ). */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, { PATH: saved.PATH ?? "" }, env);
  try {
    return await fn();
  } finally {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

interface OurAnswer {
  session: OracleAnswer;
  variables?: Record<string, OracleAnswer>;
  credentials?: OracleAnswer;
  client?: OracleAnswer;
}

async function ours(combo: Combination): Promise<OurAnswer> {
  return withEnv(envOf(combo), async () => {
    let session: Session | undefined;
    const created = answerOf(() => {
      session = new Session(combo.session);
    });
    const out: OurAnswer = { session: "ok" in created ? { ok: null } : created };
    if (session === undefined) return out;
    const s = session;
    out.variables = Object.fromEntries(VARIABLES.map((name) => [name, answerOf(() => plain(s._config.get_config_variable(name)))]));
    out.credentials = await answerOfAsync(async () => {
      const credentials = await s.get_credentials();
      return credentials === null
        ? null
        : { method: credentials.method, access_key: credentials.access_key, has_token: credentials.token !== null };
    });
    out.client = answerOf(() => clientFacts(s.client(combo.service, { ...combo.client, config: configOf(combo.config) })));
    return out;
  });
}

/** Labelled differences between two answers (empty when they agree). */
function differences(label: string, got: unknown, want: unknown, out: string[]): void {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isRecord(got) && isRecord(want)) {
    for (const key of new Set([...Object.keys(got), ...Object.keys(want)])) differences(`${label}.${key}`, got[key], want[key], out);
    return;
  }
  if (JSON.stringify(toPlain(got)) !== JSON.stringify(toPlain(want))) {
    out.push(`${label}: boto3-ts ${JSON.stringify(toPlain(got))} != boto3 ${JSON.stringify(toPlain(want))}`);
  }
}

describe("client configuration from argument / Config / environment / profile matches boto3", () => {
  let passed = 0;
  let comparisons = 0;
  const outcomes = { sessionErrors: 0, clientErrors: 0, clients: 0, credentialErrors: 0, credentials: 0 };
  const count = (answer: BotoAnswer): number =>
    1 + Object.keys(answer.variables ?? {}).length + (answer.credentials ? 1 : 0) + (answer.client ? 1 : 0);
  cases.forEach((combo, i) => {
    const label = `${combo.name}: ${combo.service} env=${JSON.stringify(combo.env)} session=${JSON.stringify(combo.session)} client=${JSON.stringify(combo.client)} config=${JSON.stringify(combo.config)}`;
    test(label, async () => {
      const want = expected[i]!;
      const got = await ours(combo);
      const diffs: string[] = [];
      differences("", got, want, diffs);
      assert.deepEqual(diffs, []);
      comparisons += count(want);
      if ("error" in want.session) outcomes.sessionErrors++;
      if (want.client !== undefined) outcomes["error" in want.client ? "clientErrors" : "clients"]++;
      if (want.credentials !== undefined) outcomes["error" in want.credentials ? "credentialErrors" : "credentials"]++;
      passed++;
    });
  });
  test("no combination tried to reach instance metadata", () => {
    assert.deepEqual(refusedConnections, []);
  });
  after(() => {
    console.log(
      `client config differential: ${passed}/${cases.length} combinations of argument / Config / environment / profile match boto3` +
        ` (${comparisons} resolved values and errors compared, ${VARIABLES.length} session variables each;` +
        ` ${outcomes.clients} clients built, ${outcomes.clientErrors} client errors, ${outcomes.sessionErrors} session errors,` +
        ` ${outcomes.credentials} credential lookups, ${outcomes.credentialErrors} credential errors)`,
    );
  });
});
