/**
 * Assumed roles end to end against moto's STS, through a Session as a user
 * would configure them (the STS endpoint from AWS_ENDPOINT_URL_STS): a
 * source_profile with static keys, a two-hop chain, credential_source =
 * Environment, AssumeRoleWithWebIdentity from a profile and from the
 * environment. Each identity is checked with GetCallerIdentity signed with
 * the assumed credentials, and compared with botocore doing the same
 * against the same moto.
 */
import "../unit/credentials/support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { Session } from "../../src/session.js";
import { motoSkipReason, motoUrl } from "../support/moto.js";
import { startBotocore } from "../unit/credentials/support/botocore-credentials.js";

const ACCOUNT = "123456789012";
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const dir = mkdtempSync(join(tmpdir(), "boto3ts-assume-moto-"));
const tokenFile = join(dir, "web-token");
writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln");
const config = join(dir, "config");
writeFileSync(
  config,
  `[default]
region = us-east-1
[profile base]
aws_access_key_id = AKIDBASEMOTO
aws_secret_access_key = baseMOTOsecret
[profile first]
role_arn = ${role("First")}
source_profile = base
role_session_name = first-session
duration_seconds = 900
[profile second]
role_arn = ${role("Second")}
source_profile = first
role_session_name = second-session
[profile fromenv]
role_arn = ${role("FromEnv")}
credential_source = Environment
role_session_name = env-session
external_id = the-external-id
[profile mfa]
role_arn = ${role("Mfa")}
source_profile = base
role_session_name = mfa-session
mfa_serial = arn:aws:iam::${ACCOUNT}:mfa/alice
[profile webid]
role_arn = ${role("WebId")}
web_identity_token_file = ${tokenFile}
role_session_name = web-session
`,
);

const saved = { ...process.env };
let moto = "";
const SKIP = motoSkipReason();

before(async () => {
  if (SKIP) return;
  moto = await motoUrl();
});
after(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  rmSync(dir, { recursive: true, force: true });
});

function baseEnv(): Record<string, string> {
  return {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"),
    AWS_ENDPOINT_URL_STS: moto,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Runs `fn` with exactly these AWS_* variables in process.env. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}

interface Identity {
  arn: string;
  method: string;
  account_id: string | null;
}

const python = SKIP
  ? undefined
  : startBotocore(String.raw`
import botocore.session
def handle(req):
    set_env(req['env'])
    def run():
        s = botocore.session.Session(profile=req.get('profile'))
        sts = s.create_client('sts')
        arn = sts.get_caller_identity()['Arn']
        creds = s.get_credentials()
        return {'arn': arn, 'method': creds.method, 'account_id': creds.get_frozen_credentials().account_id}
    return outcome(run)
`);
after(() => python?.close());

async function ours(env: Record<string, string>, profile?: string): Promise<Identity> {
  return withEnv(env, async () => {
    const session = new Session(profile === undefined ? {} : { profile_name: profile });
    const sts = session.client("sts");
    const { Arn } = await sts.get_caller_identity();
    const creds = (await session.get_credentials())!;
    return { arn: String(Arn), method: creds.method, account_id: (await creds.get_frozen_credentials()).account_id };
  });
}

async function compare(env: Record<string, string>, profile?: string): Promise<Identity> {
  const mine = await ours(env, profile);
  const theirs = await python!.request<{ ok: Identity }>({ env, profile });
  assert.deepEqual({ ok: mine }, theirs);
  return mine;
}

describe("assume role against moto", { skip: SKIP }, () => {
  test("source_profile with static keys", async () => {
    const identity = await compare(baseEnv(), "first");
    assert.deepEqual(identity, { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/First/first-session`, method: "assume-role", account_id: ACCOUNT });
  });

  test("two hops: second <- first <- base", async () => {
    const identity = await compare(baseEnv(), "second");
    assert.equal(identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Second/second-session`);
  });

  test("credential_source = Environment (the profile is chosen, yet the environment signs AssumeRole)", async () => {
    const env = { ...baseEnv(), AWS_ACCESS_KEY_ID: "AKIDENVMOTO", AWS_SECRET_ACCESS_KEY: "envMOTOsecret" };
    const identity = await compare(env, "fromenv");
    assert.equal(identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/FromEnv/env-session`);
  });

  test("AWS_PROFILE selects the role too", async () => {
    const identity = await compare({ ...baseEnv(), AWS_PROFILE: "second" });
    assert.equal(identity.method, "assume-role");
  });

  test("web identity from the profile (unsigned AssumeRoleWithWebIdentity)", async () => {
    const identity = await compare(baseEnv(), "webid");
    assert.deepEqual(identity, { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/WebId/web-session`, method: "assume-role-with-web-identity", account_id: ACCOUNT });
  });

  test("web identity from AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME", async () => {
    const env = {
      ...baseEnv(),
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: role("EnvWebId"),
      AWS_ROLE_SESSION_NAME: "env-web-session",
    };
    const identity = await compare(env);
    assert.equal(identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/EnvWebId/env-web-session`);
  });

  test("a chosen profile ignores the web identity environment variables", async () => {
    const env = { ...baseEnv(), AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: role("Ignored") };
    const identity = await compare(env, "first");
    assert.equal(identity.method, "assume-role");
  });

  test("mfa_serial: the Session's mfa_prompter gives the code", async () => {
    const prompts: string[] = [];
    const identity = await withEnv(baseEnv(), async () => {
      const session = new Session({
        profile_name: "mfa",
        mfa_prompter: async (prompt) => {
          prompts.push(prompt);
          return "123456";
        },
      });
      const { Arn } = await session.client("sts").get_caller_identity();
      return String(Arn);
    });
    assert.equal(identity, `arn:aws:sts::${ACCOUNT}:assumed-role/Mfa/mfa-session`);
    assert.deepEqual(prompts, [`Enter MFA code for arn:aws:iam::${ACCOUNT}:mfa/alice: `]);
  });

  test("the session, its client and the credentials print without secrets", async () => {
    await withEnv(baseEnv(), async () => {
      const session = new Session({ profile_name: "second" });
      const sts = session.client("sts");
      await sts.get_caller_identity();
      const creds = (await session.get_credentials())!;
      const frozen = await creds.get_frozen_credentials();
      const printed = [session, sts, creds, sts.meta, sts.meta.config]
        .map((o) => `${inspect(o, { depth: 10, showHidden: true })}${JSON.stringify(o) ?? ""}${String(o)}`)
        .join("\n");
      assert.ok(!printed.includes(frozen.secret_key));
      assert.ok(!printed.includes(frozen.token!));
      assert.ok(!printed.includes("baseMOTOsecret"));
    });
  });
});
