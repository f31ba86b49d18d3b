/**
 * The credential chain against boto3/botocore: the same files, environment
 * and Session arguments must give the same credentials (keys, token,
 * account, method) or the same error, for each source and their precedence.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { resolveCredentials } from "../../../src/credentials/chain.js";
import { checkSessionCredentialKeys } from "../../../src/credentials/explicit-provider.js";
import type { ExplicitCredentialKeys } from "../../../src/credentials/explicit-provider.js";
import { answerOf, answerOfAsync, askBotocore } from "../config/support/oracle.js";
import type { SessionAnswer } from "../config/support/oracle.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-creds-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const FILES = {
  config: write("config", `[default]
aws_access_key_id = cfg-default-ak
aws_secret_access_key = cfg-default-sk
[profile dev]
aws_access_key_id = cfg-dev-ak
aws_secret_access_key = cfg-dev-sk
aws_session_token = cfg-dev-token
[profile cfgonly]
aws_access_key_id = cfgonly-ak
aws_secret_access_key = cfgonly-sk
aws_security_token = cfgonly-security
aws_session_token = cfgonly-session
aws_account_id = 111122223333
[profile cfgpartial]
aws_access_key_id = partial-ak
[profile nokeys]
region = us-west-2
[profile badtimeout]
metadata_service_timeout = soon
`),
  credentials: write("credentials", `[default]
aws_access_key_id = creds-default-ak
aws_secret_access_key = creds-default-sk
[dev]
aws_access_key_id = creds-dev-ak
aws_secret_access_key = creds-dev-sk
aws_security_token = creds-dev-security
aws_session_token = creds-dev-session
aws_account_id = 444455556666
[credspartial]
aws_access_key_id = only-ak
[profile cfgonly]
aws_access_key_id = never-used
aws_secret_access_key = never-used
[emptytoken]
aws_access_key_id = et-ak
aws_secret_access_key = et-sk
aws_session_token =
`),
  configNoDefault: write("config-nodefault", "[profile x]\nregion = a\n"),
  credentialsEmpty: write("credentials-empty", "[other]\nx = 1\n"),
  broken: write("broken", "[default]\na = 1\na = 2\n"),
  missing: join(dir, "missing"),
};

const FILE_ENV = { HOME: dir, AWS_EC2_METADATA_DISABLED: "true" };
const ALL_FILES = { ...FILE_ENV, AWS_CONFIG_FILE: FILES.config, AWS_SHARED_CREDENTIALS_FILE: FILES.credentials };
const NO_FILES = { ...FILE_ENV, AWS_CONFIG_FILE: FILES.missing, AWS_SHARED_CREDENTIALS_FILE: FILES.missing };
const CONFIG_ONLY = { ...FILE_ENV, AWS_CONFIG_FILE: FILES.config, AWS_SHARED_CREDENTIALS_FILE: FILES.credentialsEmpty };
const ENV_KEYS = { AWS_ACCESS_KEY_ID: "env-ak", AWS_SECRET_ACCESS_KEY: "env-sk" };
const FUTURE = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z");

interface Case {
  name: string;
  env: Record<string, string>;
  kwargs?: ExplicitCredentialKeys & { profile_name?: string };
}

const CASES: Case[] = [
  { name: "nothing anywhere", env: NO_FILES },
  { name: "environment keys", env: { ...NO_FILES, ...ENV_KEYS } },
  { name: "environment session token", env: { ...NO_FILES, ...ENV_KEYS, AWS_SESSION_TOKEN: "env-session" } },
  { name: "AWS_SECURITY_TOKEN is read first", env: { ...NO_FILES, ...ENV_KEYS, AWS_SECURITY_TOKEN: "sec", AWS_SESSION_TOKEN: "ses" } },
  { name: "empty AWS_SECURITY_TOKEN is skipped", env: { ...NO_FILES, ...ENV_KEYS, AWS_SECURITY_TOKEN: "", AWS_SESSION_TOKEN: "ses" } },
  { name: "environment account id", env: { ...NO_FILES, ...ENV_KEYS, AWS_ACCOUNT_ID: "123456789012" } },
  { name: "environment expiration makes refreshable credentials", env: { ...NO_FILES, ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: FUTURE } },
  { name: "environment access key without secret", env: { ...ALL_FILES, AWS_ACCESS_KEY_ID: "env-ak" } },
  { name: "environment access key with empty secret", env: { ...ALL_FILES, AWS_ACCESS_KEY_ID: "env-ak", AWS_SECRET_ACCESS_KEY: "" } },
  { name: "environment secret without access key falls through", env: { ...ALL_FILES, AWS_SECRET_ACCESS_KEY: "env-sk" } },
  { name: "empty environment access key falls through", env: { ...ALL_FILES, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "env-sk" } },
  { name: "environment beats both files", env: { ...ALL_FILES, ...ENV_KEYS } },
  { name: "credentials file beats config file", env: ALL_FILES },
  { name: "config file alone", env: CONFIG_ONLY },
  { name: "AWS_PROFILE keeps the environment provider", env: { ...ALL_FILES, ...ENV_KEYS, AWS_PROFILE: "dev" } },
  { name: "AWS_PROFILE=dev from the credentials file", env: { ...ALL_FILES, AWS_PROFILE: "dev" } },
  { name: "AWS_DEFAULT_PROFILE beats AWS_PROFILE", env: { ...ALL_FILES, AWS_DEFAULT_PROFILE: "cfgonly", AWS_PROFILE: "dev" } },
  { name: "profile_name removes the environment provider", env: { ...ALL_FILES, ...ENV_KEYS }, kwargs: { profile_name: "dev" } },
  { name: "profile_name default removes the environment provider", env: { ...ALL_FILES, ...ENV_KEYS }, kwargs: { profile_name: "default" } },
  { name: "profile_name with keys in the config file only", env: ALL_FILES, kwargs: { profile_name: "cfgonly" } },
  { name: "credentials-file section named 'profile x' is not profile x", env: CONFIG_ONLY, kwargs: { profile_name: "cfgonly" } },
  { name: "profile_name that does not exist", env: { ...ALL_FILES, ...ENV_KEYS }, kwargs: { profile_name: "nope" } },
  { name: "AWS_PROFILE that does not exist, even with environment keys", env: { ...ALL_FILES, ...ENV_KEYS, AWS_PROFILE: "nope" } },
  { name: "empty AWS_PROFILE", env: { ...ALL_FILES, AWS_PROFILE: "" } },
  { name: "partial keys in the credentials file", env: ALL_FILES, kwargs: { profile_name: "credspartial" } },
  { name: "partial keys in the config file", env: ALL_FILES, kwargs: { profile_name: "cfgpartial" } },
  { name: "profile without keys", env: ALL_FILES, kwargs: { profile_name: "nokeys" } },
  { name: "empty token in the credentials file", env: ALL_FILES, kwargs: { profile_name: "emptytoken" } },
  { name: "no [default] anywhere", env: { ...FILE_ENV, AWS_CONFIG_FILE: FILES.configNoDefault, AWS_SHARED_CREDENTIALS_FILE: FILES.credentialsEmpty } },
  { name: "bad metadata_service_timeout in the profile", env: ALL_FILES, kwargs: { profile_name: "badtimeout" } },
  { name: "metadata settings from the environment skip the profile", env: { ...ALL_FILES, ...ENV_KEYS, AWS_METADATA_SERVICE_TIMEOUT: "1" } },
  { name: "bad IMDS endpoint mode", env: { ...NO_FILES, ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "ipv5" } },
  { name: "IMDS endpoint mode in any case", env: { ...NO_FILES, ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPV6" } },
  { name: "unparseable config file", env: { ...ALL_FILES, ...ENV_KEYS, AWS_CONFIG_FILE: FILES.broken } },
  { name: "unparseable credentials file", env: { ...ALL_FILES, ...ENV_KEYS, AWS_SHARED_CREDENTIALS_FILE: FILES.broken } },
  { name: "explicit keys beat everything", env: { ...ALL_FILES, ...ENV_KEYS }, kwargs: { aws_access_key_id: "x-ak", aws_secret_access_key: "x-sk" } },
  {
    name: "explicit keys with token and account id",
    env: NO_FILES,
    kwargs: { aws_access_key_id: "x-ak", aws_secret_access_key: "x-sk", aws_session_token: "x-tok", aws_account_id: "999988887777" },
  },
  { name: "explicit keys with a profile", env: ALL_FILES, kwargs: { aws_access_key_id: "x-ak", aws_secret_access_key: "x-sk", profile_name: "dev" } },
  { name: "account id without keys", env: { ...ALL_FILES, ...ENV_KEYS }, kwargs: { aws_account_id: "999988887777" } },
  { name: "account id with one key", env: NO_FILES, kwargs: { aws_access_key_id: "x-ak", aws_account_id: "999988887777" } },
  { name: "explicit keys into a missing profile", env: ALL_FILES, kwargs: { aws_access_key_id: "x-ak", aws_secret_access_key: "x-sk", profile_name: "nope" } },
];

const answers = askBotocore<SessionAnswer>(
  CASES.map((c) => ({ op: "session", boto3: true, env: c.env, kwargs: c.kwargs ?? {}, calls: [{ fn: "credentials" }] })),
);

async function ourCredentials(c: Case): Promise<unknown> {
  const { profile_name, ...keys } = c.kwargs ?? {};
  const store = new SessionConfigStore({ env: c.env, instanceVariables: profile_name === undefined ? {} : { profile: profile_name } });
  const credentials = await resolveCredentials(store, { explicit: keys });
  if (credentials === null) return null;
  const frozen = await credentials.get_frozen_credentials();
  return { ...frozen, method: credentials.method };
}

// What creating a boto3 Session checks: the account-id rule, then (through
// its data_path lookup) that the chosen profile exists.
function ourSessionCreation(c: Case): unknown {
  const { profile_name, ...keys } = c.kwargs ?? {};
  checkSessionCredentialKeys(keys);
  const store = new SessionConfigStore({ env: c.env, instanceVariables: profile_name === undefined ? {} : { profile: profile_name } });
  store.get_config_variable("data_path");
  return null;
}

describe("credentials match boto3's", () => {
  let passed = 0;
  CASES.forEach((c, i) => {
    test(c.name, async () => {
      const expected = answers[i]!;
      assert.deepEqual(answerOf(() => ourSessionCreation(c)), expected.created, "creating the Session");
      if ("ok" in expected.created) {
        assert.deepEqual(await answerOfAsync(() => ourCredentials(c)), expected.calls[0], "get_credentials()");
      }
      passed++;
    });
  });
  after(() => console.log(`credential chain differential: ${passed}/${CASES.length} cases match boto3`));
});
