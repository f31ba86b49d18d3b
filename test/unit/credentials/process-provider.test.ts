/**
 * credential_process (botocore's ProcessProvider) with scripts this test
 * writes, against botocore running the same scripts with the same files:
 * the JSON Version 1 contract, refresh by Expiration, and each failure —
 * non-zero exit, output that is not JSON, an unsupported version, a
 * missing key, credentials already expired — with botocore's message where
 * botocore has one, and the profile named where it has none.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { createCredentialResolver } from "../../../src/credentials/chain.js";
import { CredentialRetrievalError } from "../../../src/exceptions.js";
import { describe as view, outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";

const SECRET = "procSECRETwJalrXUtnFEMI/K7MDENG";
const TOKEN = "procTOKENFwoGZXIvYXdzEXAMPLE";
const dir = mkdtempSync(join(tmpdir(), "boto3ts-process-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// One script, many behaviours: argv[2] is the mode, argv[3] a counter file.
const script = join(dir, "creds.mjs");
writeFileSync(
  script,
  `import { readFileSync, writeFileSync } from "node:fs";
const [mode, counter] = process.argv.slice(2);
let n = 1;
if (counter) { try { n = Number(readFileSync(counter, "utf8")) + 1; } catch {} writeFileSync(counter, String(n)); }
const at = (s) => new Date(Date.now() + s * 1000).toISOString().replace(/\\.\\d+Z$/, "Z");
const base = { Version: 1, AccessKeyId: "AKIDPROC" + n, SecretAccessKey: ${JSON.stringify(SECRET)} + n, SessionToken: ${JSON.stringify(TOKEN)} + n };
const out = (v) => process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
switch (mode) {
  case "static": out({ Version: 1, AccessKeyId: "AKIDSTATIC", SecretAccessKey: ${JSON.stringify(SECRET)} }); break;
  case "full": out({ ...base, Expiration: at(3600), AccountId: "111122223333" }); break;
  case "refreshing": out({ ...base, Expiration: n === 1 ? at(-60) : at(3600) }); break;
  case "expired": out({ ...base, Expiration: at(-60) }); break;
  case "badjson": out('{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": ${JSON.stringify(SECRET)}'); break;
  case "exit": process.stderr.write("token service unreachable"); process.exit(3);
  case "v2": out({ ...base, Version: 2 }); break;
  case "noversion": { const { Version, ...rest } = base; out(rest); break; }
  case "nosecret": out({ Version: 1, AccessKeyId: "AKID" }); break;
  case "noaccess": out({ Version: 1, SecretAccessKey: ${JSON.stringify(SECRET)} }); break;
  case "array": out([1, 2]); break;
  case "args": out({ Version: 1, AccessKeyId: process.argv.slice(4).join("|"), SecretAccessKey: "s" }); break;
  default: process.exit(9);
}
`,
);
const node = process.execPath;
const counter = (name: string): string => join(dir, `${name}.count`);
const count = (name: string): number => {
  try {
    return Number(readFileSync(counter(name), "utf8"));
  } catch {
    return 0;
  }
};
const cmd = (mode: string, extra = ""): string => `${node} ${script} ${mode} ${counter(mode)}${extra}`;

const config = join(dir, "config");
writeFileSync(
  config,
  `[profile static]
credential_process = ${cmd("static")}
[profile full]
credential_process = ${cmd("full")}
[profile refreshing]
credential_process = ${cmd("refreshing")}
[profile expired]
credential_process = ${cmd("expired")}
[profile badjson]
credential_process = ${cmd("badjson")}
[profile exit]
credential_process = ${cmd("exit")}
[profile v2]
credential_process = ${cmd("v2")}
[profile noversion]
credential_process = ${cmd("noversion")}
[profile nosecret]
credential_process = ${cmd("nosecret")}
[profile noaccess]
credential_process = ${cmd("noaccess")}
[profile account]
credential_process = ${cmd("static")}
aws_account_id = 999988887777
[profile quoted]
credential_process = ${node} ${script} args "" 'two words' "and \\"three\\""
[profile unclosed]
credential_process = ${node} "unclosed
[profile keysfirst]
aws_access_key_id = AKIDFILE
aws_secret_access_key = filesecret
credential_process = ${cmd("static")}
`,
);
const ENV = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), HOME: dir, AWS_EC2_METADATA_DISABLED: "true" };

const python = startBotocore(String.raw`
import botocore.session
def handle(req):
    set_env(req['env'])
    def run():
        s = botocore.session.Session(profile=req['profile'])
        return describe(s.get_credentials())
    return outcome(run)
`);
after(() => python.close());

async function ours(profile: string): Promise<Outcome> {
  return outcomeOf(async () => {
    const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile } });
    return view(await createCredentialResolver(store).load_credentials());
  });
}

function botocore(profile: string): Promise<Outcome> {
  return python.request<Outcome>({ env: ENV, profile });
}

// Both sides run the same counting script: the run number is taken out of the keys.
function normalized(outcome: Outcome): Outcome {
  return JSON.parse(JSON.stringify(outcome).replace(/(AKIDPROC|MDENG|EXAMPLE)\d+/g, "$1#")) as Outcome;
}

describe("credential_process matches botocore", () => {
  for (const profile of ["static", "full", "account", "quoted", "keysfirst", "exit", "v2", "noversion", "nosecret", "noaccess", "unclosed"]) {
    test(profile, async () => {
      const [theirs, mine] = await Promise.all([botocore(profile), ours(profile)]);
      assert.deepEqual(normalized(mine), normalized(theirs));
    });
  }

  test("refreshing: expired at first, one more run gives fresh credentials", async () => {
    writeFileSync(counter("refreshing"), "0");
    const theirs = await botocore("refreshing");
    assert.equal(count("refreshing"), 2, "botocore runs the command to load, then again to refresh");
    writeFileSync(counter("refreshing"), "0");
    const mine = await ours("refreshing");
    assert.equal(count("refreshing"), 2);
    assert.deepEqual(mine, theirs);
  });
});

describe("failures botocore reports without a message of its own name the profile", () => {
  test("output that is not JSON (botocore: a bare JSONDecodeError)", async () => {
    const theirs = await botocore("badjson");
    assert.equal((theirs as { error: string }).error, "JSONDecodeError");
    const mine = await ours("badjson");
    assert.deepEqual(mine, {
      error: "CredentialRetrievalError",
      message: 'Error when retrieving credentials from custom-process: The credential process of profile "badjson" did not print valid JSON',
    });
  });

  test("credentials already expired (botocore: RuntimeError after running the command again)", async () => {
    const theirs = await botocore("expired");
    assert.deepEqual(theirs, { error: "RuntimeError", message: "Credentials were refreshed, but the refreshed credentials are still expired." });
    const before = count("expired");
    const mine = await ours("expired");
    assert.equal((mine as { error: string }).error, "CredentialRetrievalError");
    assert.match((mine as { message: string }).message, /^Error when retrieving credentials from custom-process: The credential process of profile "expired" returned credentials that expired at \d{4}-/);
    assert.equal(count("expired") - before, 2, "run once to load and once to refresh, as botocore");
  });

  test("a JSON value that is not an object", async () => {
    const store = new SessionConfigStore({
      env: { ...ENV, AWS_CONFIG_FILE: writeConfig("array", `credential_process = ${cmd("array")}`) },
      instanceVariables: { profile: "array" },
    });
    await assert.rejects(createCredentialResolver(store).load_credentials(), /profile "array" did not print a JSON object/);
  });

  test("a command that does not exist", async () => {
    const store = new SessionConfigStore({
      env: { ...ENV, AWS_CONFIG_FILE: writeConfig("missing", `credential_process = ${join(dir, "no-such-command")} --secret ${SECRET}`) },
      instanceVariables: { profile: "missing" },
    });
    const error = await createCredentialResolver(store).load_credentials().then(() => null, (e: unknown) => e);
    assert.ok(error instanceof CredentialRetrievalError);
    assert.match(error.message, /Unable to run .*no-such-command for profile "missing": ENOENT/);
    assert.doesNotMatch(error.message + inspect(error, { depth: 6 }), /procSECRET/);
  });

  test("every error carries the profile name", async () => {
    for (const profile of ["exit", "v2", "nosecret", "badjson", "expired"]) {
      const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile } });
      const error = await createCredentialResolver(store)
        .load_credentials()
        .then((c) => c?.get_frozen_credentials())
        .then(() => null, (e: unknown) => e);
      assert.ok(error instanceof CredentialRetrievalError, profile);
      assert.equal(error.kwargs["profile_name"], profile);
    }
  });
});

describe("secrets stay out of errors and printed credentials", () => {
  test("no error message or inspect output holds the secret or the token", async () => {
    for (const profile of ["badjson", "expired", "v2", "nosecret", "noaccess", "noversion", "exit"]) {
      const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile } });
      const error = await createCredentialResolver(store)
        .load_credentials()
        .then((c) => c?.get_frozen_credentials())
        .then(() => null, (e: unknown) => e);
      assert.ok(error instanceof Error, profile);
      const text = `${error.message}\n${inspect(error, { depth: 8, showHidden: true })}\n${JSON.stringify(error)}`;
      assert.doesNotMatch(text, /procSECRET|procTOKEN/, profile);
    }
  });

  test("refreshable process credentials print without secrets", async () => {
    const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile: "full" } });
    const credentials = (await createCredentialResolver(store).load_credentials())!;
    await credentials.get_frozen_credentials();
    const text = `${inspect(credentials, { depth: 8, showHidden: true })}${JSON.stringify(credentials)}${String(credentials)}`;
    assert.doesNotMatch(text, /procSECRET|procTOKEN/);
    assert.match(inspect(credentials), /custom-process/);
  });
});

function writeConfig(name: string, body: string): string {
  const path = join(dir, `config-${name}`);
  writeFileSync(path, `[profile ${name}]\n${body}\n`);
  return path;
}
