/**
 * Credentials objects and the chain's mechanics: secrets never printed,
 * frozen snapshots, refresh windows, the environment provider's refresh,
 * the resolver's editing methods, and the default order against botocore's.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { CredentialResolver, DEFAULT_CHAIN, createCredentialResolver, resolveCredentials } from "../../../src/credentials/chain.js";
import { Credentials, RefreshableCredentials } from "../../../src/credentials/credentials.js";
import type { CredentialMetadata } from "../../../src/credentials/credentials.js";
import { EnvProvider } from "../../../src/credentials/env-provider.js";
import { ExplicitProvider } from "../../../src/credentials/explicit-provider.js";
import type { CredentialProvider } from "../../../src/credentials/provider.js";
import { CredentialRetrievalError, PartialCredentialsError, UnknownCredentialError } from "../../../src/exceptions.js";
import { askBotocore } from "../config/support/oracle.js";
import { BOTOCORE_TESTS } from "../../support/paths.js";
import { join } from "node:path";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN = "FwoGZXIvYXdzEXAMPLETOKENVALUE";
const NO_FILES = { HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent/config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/creds" };

describe("secrets are never shown", () => {
  const plain = new Credentials("AKIDEXAMPLE", SECRET, TOKEN, "env", "123456789012");
  const refreshable = new RefreshableCredentials({
    access_key: "AKIDEXAMPLE", secret_key: SECRET, token: TOKEN, expiry_time: new Date(Date.now() + 3600_000),
    refresh_using: () => { throw new Error("unused"); }, method: "env",
  });
  for (const [kind, creds] of [["Credentials", plain], ["RefreshableCredentials", refreshable]] as const) {
    const forms: Record<string, string> = {
      "util.inspect": inspect(creds),
      "util.inspect deep, hidden": inspect(creds, { depth: 10, showHidden: true }),
      "JSON.stringify": JSON.stringify(creds),
      "JSON.stringify nested": JSON.stringify({ creds }),
      "String()": String(creds),
      "template literal": `${creds}`,
      "spread": inspect({ ...creds }),
      "Object.keys": Object.keys(creds).join(","),
      "console.log format": inspect([creds]),
    };
    for (const [form, text] of Object.entries(forms)) {
      test(`${kind}: ${form}`, () => {
        assert.doesNotMatch(text, /wJalrXUtnFEMI|EXAMPLETOKENVALUE/);
      });
    }
    test(`${kind}: shows the access key and <redacted>`, () => {
      assert.match(inspect(creds), /AKIDEXAMPLE/);
      assert.match(inspect(creds), /<redacted>/);
      assert.match(JSON.stringify(creds), /"secret_key":"<redacted>"/);
      assert.match(String(creds), /AKIDEXAMPLE/);
    });
  }
  test("the getters and the frozen snapshot still give the real values", async () => {
    assert.equal(plain.secret_key, SECRET);
    assert.equal(plain.token, TOKEN);
    assert.deepEqual({ ...(await plain.get_frozen_credentials()) }, {
      access_key: "AKIDEXAMPLE", secret_key: SECRET, token: TOKEN, account_id: "123456789012",
    });
    assert.ok(Object.isFrozen(await plain.get_frozen_credentials()));
  });
  test("method defaults to explicit, token and account to null", () => {
    const c = new Credentials("a", "b");
    assert.equal(c.method, "explicit");
    assert.equal(c.token, null);
    assert.equal(c.account_id, null);
  });
});

describe("RefreshableCredentials", () => {
  const metadata = (suffix: string, secondsLeft: number, now: Date): CredentialMetadata => ({
    access_key: `ak-${suffix}`, secret_key: `sk-${suffix}`, token: `tok-${suffix}`,
    expiry_time: new Date(now.getTime() + secondsLeft * 1000).toISOString(),
  });

  function make(secondsLeft: number, refresh: () => Promise<CredentialMetadata> | CredentialMetadata, now: Date) {
    return new RefreshableCredentials({
      access_key: "ak-old", secret_key: "sk-old", token: "tok-old", expiry_time: new Date(now.getTime() + secondsLeft * 1000),
      refresh_using: refresh, method: "test", time_fetcher: () => now,
    });
  }

  test("no refresh while more than 15 minutes remain", async () => {
    const now = new Date();
    let calls = 0;
    const creds = make(16 * 60, () => { calls++; return metadata("new", 3600, now); }, now);
    assert.equal((await creds.get_frozen_credentials()).access_key, "ak-old");
    assert.equal(calls, 0);
  });
  test("refreshes inside the advisory window", async () => {
    const now = new Date();
    const creds = make(12 * 60, () => metadata("new", 3600, now), now);
    const frozen = await creds.get_frozen_credentials();
    assert.deepEqual([frozen.access_key, frozen.secret_key, frozen.token], ["ak-new", "sk-new", "tok-new"]);
    assert.equal(creds.refresh_needed(), false);
  });
  test("an advisory refresh failure keeps the current credentials", async () => {
    const now = new Date();
    const creds = make(12 * 60, () => { throw new Error("network down"); }, now);
    assert.equal((await creds.get_frozen_credentials()).access_key, "ak-old");
  });
  test("a mandatory refresh failure is an error", async () => {
    const now = new Date();
    const creds = make(5 * 60, () => { throw new Error("network down"); }, now);
    await assert.rejects(creds.get_frozen_credentials(), /network down/);
  });
  test("refreshed but still expired", async () => {
    const now = new Date();
    const creds = make(60, () => metadata("new", -10, now), now);
    await assert.rejects(creds.get_frozen_credentials(), /Credentials were refreshed, but the refreshed credentials are still expired\./);
  });
  test("a refresh result missing keys is a CredentialRetrievalError", async () => {
    const now = new Date();
    const creds = make(60, () => ({ access_key: "a" }) as CredentialMetadata, now);
    await assert.rejects(creds.get_frozen_credentials(), (err: unknown) =>
      err instanceof CredentialRetrievalError &&
      err.message === "Error when retrieving credentials from test: Credential refresh failed, response did not contain: secret_key, token, expiry_time");
  });
  test("concurrent callers share one refresh", async () => {
    const now = new Date();
    let calls = 0;
    const creds = make(60, async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return metadata(`n${calls}`, 3600, now);
    }, now);
    const all = await Promise.all([1, 2, 3, 4, 5].map(() => creds.get_frozen_credentials()));
    assert.equal(calls, 1);
    assert.ok(all.every((f) => f.access_key === "ak-n1"));
  });
});

describe("EnvProvider", () => {
  test("AWS_CREDENTIAL_EXPIRATION: refresh re-reads the environment", async () => {
    const env: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: "ak1", AWS_SECRET_ACCESS_KEY: "sk1", AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 60_000).toISOString(),
    };
    const creds = await new EnvProvider(env).load();
    assert.ok(creds instanceof RefreshableCredentials);
    assert.equal(creds.method, "env");
    env["AWS_ACCESS_KEY_ID"] = "ak2";
    env["AWS_SECRET_ACCESS_KEY"] = "sk2";
    env["AWS_CREDENTIAL_EXPIRATION"] = new Date(Date.now() + 3600_000).toISOString();
    const frozen = await creds.get_frozen_credentials();
    assert.deepEqual([frozen.access_key, frozen.secret_key], ["ak2", "sk2"]);
  });
  test("a refresh without AWS_CREDENTIAL_EXPIRATION is a PartialCredentialsError", async () => {
    const env: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: "ak1", AWS_SECRET_ACCESS_KEY: "sk1", AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 60_000).toISOString(),
    };
    const creds = (await new EnvProvider(env).load())!;
    delete env["AWS_CREDENTIAL_EXPIRATION"];
    await assert.rejects(creds.get_frozen_credentials(), (err: unknown) =>
      err instanceof PartialCredentialsError && err.message === "Partial credentials found in env, missing: AWS_CREDENTIAL_EXPIRATION");
  });
  test("an unparseable expiration", async () => {
    await assert.rejects(
      new EnvProvider({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", AWS_CREDENTIAL_EXPIRATION: "not a date" }).load(),
      CredentialRetrievalError,
    );
  });
});

describe("explicit keys", () => {
  test("one key alone is a PartialCredentialsError naming the other", async () => {
    await assert.rejects(new ExplicitProvider({ aws_access_key_id: "a" }).load(), (err: unknown) =>
      err instanceof PartialCredentialsError && err.message === "Partial credentials found in explicit, missing: aws_secret_access_key");
    await assert.rejects(
      resolveCredentials(new SessionConfigStore({ env: NO_FILES }), { explicit: { aws_secret_access_key: "b" } }),
      /missing: aws_access_key_id/,
    );
  });
  test("a token without keys is ignored and the chain runs", async () => {
    const env = { ...NO_FILES, AWS_ACCESS_KEY_ID: "env-ak", AWS_SECRET_ACCESS_KEY: "env-sk" };
    const creds = await resolveCredentials(new SessionConfigStore({ env }), { explicit: { aws_session_token: "t" } });
    assert.equal(creds?.method, "env");
  });
});

describe("CredentialResolver", () => {
  const fake = (method: string, result: Credentials | null): CredentialProvider => ({
    METHOD: method, CANONICAL_NAME: null, load: async () => result,
  });

  test("first non-null wins; insert_before, insert_after, remove, get_provider", async () => {
    const resolver = new CredentialResolver([fake("a", null), fake("b", new Credentials("b", "s", null, "b"))]);
    assert.equal((await resolver.load_credentials())?.method, "b");
    resolver.insert_before("b", fake("x", new Credentials("x", "s", null, "x")));
    assert.deepEqual(resolver.providers.map((p) => p.METHOD), ["a", "x", "b"]);
    assert.equal((await resolver.load_credentials())?.method, "x");
    resolver.insert_after("a", fake("y", null));
    resolver.remove("x");
    resolver.remove("not-there");
    assert.deepEqual(resolver.providers.map((p) => p.METHOD), ["a", "y", "b"]);
    assert.equal(resolver.get_provider("y").METHOD, "y");
    assert.throws(() => resolver.get_provider("zz"), (err: unknown) =>
      err instanceof UnknownCredentialError && err.message === "Credential named zz not found.");
    assert.throws(() => resolver.insert_before("zz", fake("q", null)), UnknownCredentialError);
  });
  test("nothing found is null", async () => {
    assert.equal(await new CredentialResolver([fake("a", null)]).load_credentials(), null);
  });
});

describe("the default order is botocore's", () => {
  // A config file with a [default] profile, so that choosing "default" is valid.
  const withDefault = { ...NO_FILES, AWS_CONFIG_FILE: join(BOTOCORE_TESTS, "unit", "cfg", "aws_config") };
  const [byDefault, withProfile] = askBotocore<{ ok: string[] }>([
    { op: "resolver_methods", env: { ...NO_FILES, AWS_EC2_METADATA_DISABLED: "true" } },
    { op: "resolver_methods", env: { ...withDefault, AWS_EC2_METADATA_DISABLED: "true" }, profile: "default" },
  ]);
  test("DEFAULT_CHAIN lists every botocore provider in order", () => {
    assert.deepEqual(DEFAULT_CHAIN.map((e) => e.method), byDefault!.ok);
  });
  test("the resolver has every provider, in that order", () => {
    const ours = createCredentialResolver(new SessionConfigStore({ env: NO_FILES })).providers.map((p) => p.METHOD);
    assert.deepEqual(ours, byDefault!.ok);
  });
  test("a profile chosen on the session removes env, as in botocore", () => {
    assert.ok(!withProfile!.ok.includes("env"));
    const store = new SessionConfigStore({ env: withDefault, instanceVariables: { profile: "default" } });
    assert.ok(!createCredentialResolver(store).providers.some((p) => p.METHOD === "env"));
  });

});
