/**
 * The assume-role provider's configuration rules against botocore's, with
 * STS replaced on both sides by a stub that records each call: source
 * profiles (static keys, a second hop, a profile naming itself, a source
 * with credential_process), credential_source, role_session_name,
 * external_id, duration_seconds, mfa_serial with a prompter, the errors
 * (both sources, neither, unknown source, missing profile, no credentials,
 * loops with botocore's message), and botocore's cache keys.
 * End-to-end against moto's STS: test/integration/credentials-assume-role.test.ts.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, describe, test } from "node:test";
import type { ServiceClient } from "../../../src/client/base-client.js";
import type { ClientOptions } from "../../../src/client/create-client.js";
import { UNSIGNED } from "../../../src/config/config.js";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { AssumeRoleCredentialFetcher } from "../../../src/credentials/assume-role-fetcher.js";
import { createCredentialResolver } from "../../../src/credentials/chain.js";
import { Credentials } from "../../../src/credentials/credentials.js";
import { MemoryCredentialCache } from "../../../src/credentials/credential-cache.js";
import { describe as view, outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-assume-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const procScript = join(dir, "proc.mjs");
writeFileSync(join(dir, "web-token"), "the-web-identity-token");
writeFileSync(procScript, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: "procsecret" }));\n`);
const ROLE = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;
const config = join(dir, "config");
writeFileSync(
  config,
  `[profile base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = basesecret
[profile A]
role_arn = ${ROLE("A")}
source_profile = base
role_session_name = session-a
external_id = ext-123
duration_seconds = 1800
[profile B]
role_arn = ${ROLE("B")}
source_profile = A
[profile C]
role_arn = ${ROLE("C")}
source_profile = B
role_session_name = session-c
[profile self]
role_arn = ${ROLE("Self")}
source_profile = self
aws_access_key_id = AKIDSELF
aws_secret_access_key = selfsecret
[profile selfnokeys]
role_arn = ${ROLE("X")}
source_profile = selfnokeys
[profile loop1]
role_arn = ${ROLE("L1")}
source_profile = loop2
[profile loop2]
role_arn = ${ROLE("L2")}
source_profile = loop1
[profile loopback]
role_arn = ${ROLE("LB")}
source_profile = loop-mid
[profile loop-mid]
role_arn = ${ROLE("LM")}
source_profile = loopback
aws_access_key_id = AKIDMID
aws_secret_access_key = midsecret
[profile both]
role_arn = ${ROLE("Both")}
source_profile = base
credential_source = Environment
[profile neither]
role_arn = ${ROLE("Neither")}
[profile unknownsource]
role_arn = ${ROLE("U")}
credential_source = Nope
[profile lowercase]
role_arn = ${ROLE("Lower")}
credential_source = environment
[profile missing]
role_arn = ${ROLE("M")}
source_profile = nope
[profile empty]
region = us-west-2
[profile nocreds]
role_arn = ${ROLE("N")}
source_profile = empty
[profile envsource]
role_arn = ${ROLE("Env")}
credential_source = Environment
[profile mfa]
role_arn = ${ROLE("Mfa")}
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
[profile baddur]
role_arn = ${ROLE("D")}
source_profile = base
duration_seconds = one hour
[profile procsource]
role_arn = ${ROLE("P")}
source_profile = proc
[profile proc]
credential_process = ${process.execPath} ${procScript}
[profile keysandrole]
role_arn = ${ROLE("K")}
source_profile = base
aws_access_key_id = AKIDIGNORED
aws_secret_access_key = ignoredsecret
[profile webid]
role_arn = ${ROLE("W")}
source_profile = base
web_identity_token_file = ${join(dir, "web-token")}
[profile partialsource]
role_arn = ${ROLE("PS")}
source_profile = partial
[profile partial]
aws_access_key_id = AKIDPARTIAL
`,
);
const ENV = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), HOME: dir };

const python = startBotocore(String.raw`
import datetime, botocore, botocore.session
from dateutil.tz import tzutc
from botocore.credentials import AssumeRoleCredentialFetcher, Credentials
CALLS = []
PROMPTS = []
class FakeSTS:
    def __init__(self, key, expires):
        self.key = key
        self.expires = expires
    def assume_role(self, **kw):
        CALLS.append({'op': 'assume_role', 'key': self.key, 'params': kw})
        name = kw['RoleArn'].split('/')[-1]
        return {'Credentials': {'AccessKeyId': 'AKID-' + name, 'SecretAccessKey': 'secret-' + name,
                                'SessionToken': 'token-' + name,
                                'Expiration': datetime.datetime.now(tzutc()) + datetime.timedelta(seconds=self.expires)},
                'AssumedRoleUser': {'Arn': 'arn:aws:sts::210987654321:assumed-role/%s/s' % name, 'AssumedRoleId': 'AROA:s'}}
    def assume_role_with_web_identity(self, **kw):
        CALLS.append({'op': 'assume_role_with_web_identity', 'params': kw})
        return self.assume_role(**kw)
EXPIRES = [3600]
def fake_nested(session, service, **kwargs):
    config = kwargs.get('config')
    CALLS.append({'op': 'client', 'service': service, 'region_name': kwargs.get('region_name'),
                  'token': kwargs.get('aws_session_token'),
                  'unsigned': config is not None and config.signature_version is botocore.UNSIGNED})
    return FakeSTS(kwargs.get('aws_access_key_id'), EXPIRES[0])
botocore.credentials.create_nested_client = fake_nested
def handle(req):
    set_env(req['env'])
    if req['op'] == 'cache_key':
        f = AssumeRoleCredentialFetcher(None, Credentials('a', 'b'), req['role_arn'], extra_args=req['extra'])
        return f._cache_key
    CALLS.clear(); PROMPTS.clear()
    EXPIRES[0] = req.get('expires', 3600)
    def run():
        s = botocore.session.Session(profile=req['profile'])
        resolver = s.get_component('credential_provider')
        resolver.get_provider('assume-role')._prompter = lambda p: PROMPTS.append(p) or '123456'
        creds = resolver.load_credentials()
        first = describe(creds)
        if req.get('twice'):
            return [first, describe(creds)]
        return first
    return {'outcome': outcome(run), 'calls': CALLS, 'prompts': PROMPTS}
`);
after(() => python.close());

interface Run {
  outcome: Outcome;
  calls: unknown[];
  prompts: string[];
}

async function ours(profile: string, options: { expires?: number; twice?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const calls: unknown[] = [];
  const prompts: string[] = [];
  const expires = options.expires ?? 3600;
  const clientCreator = (service: string, opts: ClientOptions = {}): ServiceClient => {
    calls.push({
      op: "client",
      service,
      region_name: opts.region_name ?? null,
      token: opts.aws_session_token ?? null,
      unsigned: opts.config?.signature_version === UNSIGNED,
    });
    const key = opts.aws_access_key_id ?? null;
    const client = {
      assume_role_with_web_identity: async (params: Record<string, unknown>) => {
        calls.push({ op: "assume_role_with_web_identity", params });
        return client.assume_role(params);
      },
      assume_role: async (params: Record<string, unknown>) => {
        calls.push({ op: "assume_role", key, params });
        const name = String(params["RoleArn"]).split("/").at(-1)!;
        return {
          Credentials: {
            AccessKeyId: `AKID-${name}`,
            SecretAccessKey: `secret-${name}`,
            SessionToken: `token-${name}`,
            Expiration: new Date(Date.now() + expires * 1000),
          },
          AssumedRoleUser: { Arn: `arn:aws:sts::210987654321:assumed-role/${name}/s`, AssumedRoleId: "AROA:s" },
        };
      },
    };
    return client as unknown as ServiceClient;
  };
  const store = new SessionConfigStore({ env: { ...ENV, ...options.env }, instanceVariables: { profile } });
  const outcome = await outcomeOf(async () => {
    const resolver = createCredentialResolver(store, {
      client_creator: clientCreator,
      mfa_prompter: (prompt) => {
        prompts.push(prompt);
        return "123456";
      },
    });
    const creds = await resolver.load_credentials();
    const first = await view(creds);
    return options.twice ? [first, await view(creds)] : first;
  });
  return { outcome, calls, prompts };
}

function normalized(run: Run): Run {
  return JSON.parse(JSON.stringify(run).replace(/botocore-session-\d+/g, "botocore-session-N")) as Run;
}

async function compare(profile: string, options: { expires?: number; twice?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const theirs = await python.request<Run>({ op: "load", env: { ...ENV, ...options.env }, profile, expires: options.expires, twice: options.twice });
  const mine = await ours(profile, options);
  assert.deepEqual(normalized(mine), normalized(theirs));
  return mine;
}

const okOf = (run: Run): Record<string, unknown> => (run.outcome as { ok: Record<string, unknown> }).ok;

describe("assume-role matches botocore", () => {
  test("source_profile with static keys; session name, external id and duration", async () => {
    const run = await compare("A");
    assert.equal(okOf(run)["method"], "assume-role");
    assert.equal(okOf(run)["account_id"], "210987654321");
  });
  test("two hops: B's source is A, whose source is base", async () => {
    const run = await compare("B");
    assert.deepEqual(
      run.calls.filter((c) => (c as { op: string }).op === "assume_role").map((c) => (c as { key: string }).key),
      ["AKIDBASE", "AKID-A"],
    );
  });
  test("three hops", async () => {
    await compare("C");
  });
  test("a profile that names itself uses its own static keys", async () => {
    await compare("self");
  });
  test("a profile with keys and role_arn assumes the role (assume-role comes first)", async () => {
    await compare("keysandrole");
  });
  test("a source profile whose credentials come from credential_process", async () => {
    await compare("procsource");
  });
  test("credential_source = Environment", async () => {
    await compare("envsource", { env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret", AWS_SESSION_TOKEN: "envtoken" } });
  });
  test("credential_source = Environment without keys there", async () => {
    await compare("envsource");
  });
  test("mfa_serial asks the prompter and sends SerialNumber and TokenCode", async () => {
    const run = await compare("mfa");
    assert.deepEqual(run.prompts, ["Enter MFA code for arn:aws:iam::123456789012:mfa/alice: "]);
  });
  test("mfa_serial: a second refresh is RefreshWithMFAUnsupportedError", async () => {
    const run = await compare("mfa", { expires: 300, twice: true });
    assert.equal((run.outcome as { error: string }).error, "RefreshWithMFAUnsupportedError");
  });
  test("a duration that is not an integer is left out", async () => {
    await compare("baddur");
  });
  test("a profile with web_identity_token_file is left to the web identity provider", async () => {
    const run = await compare("webid");
    assert.equal(okOf(run)["method"], "assume-role-with-web-identity");
  });
  test("a source profile with keys and role_arn gives its keys: no loop", async () => {
    await compare("loopback");
  });
  test("credentials close to expiry refresh with another AssumeRole", async () => {
    const run = await compare("A", { expires: 300, twice: true });
    assert.equal(run.calls.filter((c) => (c as { op: string }).op === "assume_role").length, 2);
  });
});

describe("web identity", () => {
  test("the token file is read again for every AssumeRoleWithWebIdentity", async () => {
    const tokens: unknown[] = [];
    const clientCreator = (): ServiceClient =>
      ({
        assume_role_with_web_identity: async (params: Record<string, unknown>) => {
          tokens.push(params["WebIdentityToken"]);
          return { Credentials: { AccessKeyId: "AKIDW", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + 300_000) } };
        },
      }) as unknown as ServiceClient;
    const tokenPath = join(dir, "rotating-token");
    writeFileSync(tokenPath, "token-one");
    const env = { ...ENV, AWS_WEB_IDENTITY_TOKEN_FILE: tokenPath, AWS_ROLE_ARN: ROLE("W") };
    const creds = (await createCredentialResolver(new SessionConfigStore({ env }), { client_creator: clientCreator }).load_credentials())!;
    assert.equal(creds.method, "assume-role-with-web-identity");
    await creds.get_frozen_credentials();
    writeFileSync(tokenPath, "token-two");
    // Five minutes left is inside the mandatory window: the next use refreshes (the cache's 15-minute window skips it too).
    await creds.get_frozen_credentials();
    assert.deepEqual(tokens, ["token-one", "token-two"]);
  });
});

describe("configuration errors are botocore's", () => {
  for (const profile of ["both", "neither", "unknownsource", "lowercase", "missing", "nocreds", "selfnokeys", "loop1", "partialsource"]) {
    test(profile, async () => {
      const run = await compare(profile);
      assert.ok("error" in run.outcome, JSON.stringify(run.outcome));
      assert.deepEqual(run.calls, []);
    });
  }
  test("the loop message lists the profiles visited", async () => {
    const run = await ours("loop1");
    assert.deepEqual(run.outcome, {
      error: "InfiniteLoopConfigError",
      message:
        "Infinite loop in credential configuration detected. Attempting to load from profile loop1 which has already been visited. Visited profiles: ['loop1', 'loop2']",
    });
  });
});

describe("cache keys are botocore's", () => {
  const cases: { role_arn: string; extra: Record<string, unknown> }[] = [
    { role_arn: ROLE("A"), extra: {} },
    { role_arn: ROLE("A"), extra: { RoleSessionName: "mine" } },
    { role_arn: ROLE("A"), extra: { ExternalId: "e", DurationSeconds: 900, SerialNumber: "arn:aws:iam::1:mfa/u" } },
    { role_arn: ROLE("A"), extra: { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' } },
    { role_arn: "arn:aws:iam::123456789012:role/é-ünï", extra: { RoleSessionName: "sëss" } },
  ];
  for (const c of cases) {
    test(JSON.stringify(c.extra), async () => {
      const theirs = await python.request<string>({ op: "cache_key", env: {}, ...c });
      const fetcher = new AssumeRoleCredentialFetcher({
        clientCreator: () => {
          throw new Error("not called");
        },
        sourceCredentials: new Credentials("a", "b"),
        roleArn: c.role_arn,
        extraArgs: c.extra,
      });
      assert.equal(fetcher.cache_key, theirs);
    });
  }
  test("the resolver's cache serves a second load without calling STS", async () => {
    let assumeCalls = 0;
    const cache = new MemoryCredentialCache();
    const clientCreator = (): ServiceClient =>
      ({
        assume_role: async () => {
          assumeCalls++;
          return { Credentials: { AccessKeyId: "AKID", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + 3600_000) } };
        },
      }) as unknown as ServiceClient;
    for (let i = 0; i < 2; i++) {
      const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile: "A" } });
      const creds = await createCredentialResolver(store, { client_creator: clientCreator, cache }).load_credentials();
      await creds!.get_frozen_credentials();
    }
    assert.equal(assumeCalls, 1);
    assert.match(inspect(cache), /1 entries/);
    assert.doesNotMatch(JSON.stringify(cache) + inspect(cache, { depth: 10, showHidden: true }), /"s"|token/);
  });
});

describe("secrets", () => {
  test("assumed credentials print without secrets, before and after the call", async () => {
    const store = new SessionConfigStore({ env: ENV, instanceVariables: { profile: "A" } });
    const clientCreator = (): ServiceClient =>
      ({
        assume_role: async () => ({
          Credentials: { AccessKeyId: "AKIDA", SecretAccessKey: "assumedSECRET", SessionToken: "assumedTOKEN", Expiration: new Date(Date.now() + 3600_000) },
        }),
      }) as unknown as ServiceClient;
    const creds = (await createCredentialResolver(store, { client_creator: clientCreator }).load_credentials())!;
    const printed = (): string => `${inspect(creds, { depth: 10, showHidden: true })}${JSON.stringify(creds)}${String(creds)}`;
    assert.match(printed(), /assume-role/);
    await creds.get_frozen_credentials();
    assert.doesNotMatch(printed(), /assumedSECRET|assumedTOKEN|basesecret/);
    assert.match(printed(), /AKIDA/);
  });
  test("configuration errors hold no secret of the source profile", async () => {
    for (const profile of ["both", "nocreds", "loopback", "partialsource"]) {
      const run = await ours(profile);
      assert.doesNotMatch(JSON.stringify(run.outcome), /basesecret|midsecret/);
    }
  });
});
