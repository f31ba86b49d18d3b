/**
 * SSO credentials against fake SSO and SSO OIDC endpoints on 127.0.0.1
 * (AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC), with token caches
 * under a temporary HOME, compared with botocore against the same servers
 * and files: legacy profiles and sso-session profiles, the SHA-1 cache
 * file names, the token refresh through CreateToken and the cache written
 * back, and botocore's errors.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { Session } from "../../../src/session.js";
import { SSOTokenLoader } from "../../../src/credentials/sso-token-provider.js";
import { describe as view, outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";
import { isoIn, startFakeServer } from "./support/fake-server.js";
import type { FakeServer, RecordedRequest } from "./support/fake-server.js";

const ACCESS_TOKEN = "ssoACCESStokenEXAMPLE";
const REFRESHED_TOKEN = "ssoREFRESHEDaccessTOKEN";
const REFRESH_TOKEN = "ssoREFRESHtokenEXAMPLE";
const CLIENT_SECRET = "ssoCLIENTsecretEXAMPLE";
const ROLE_SECRET = "ssoROLEsecretKEY";
const ROLE_TOKEN = "ssoROLEsessionTOKEN";
const LEGACY_URL = "https://legacy.awsapps.com/start";
const DEV_URL = "https://dev.awsapps.com/start";

const home = mkdtempSync(join(tmpdir(), "boto3ts-sso-"));
const cacheDir = join(home, ".aws", "sso", "cache");
mkdirSync(cacheDir, { recursive: true });
const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");
const cacheFile = (key: string): string => join(cacheDir, `${sha1(key)}.json`);

const config = join(home, "config");
writeFileSync(
  config,
  `[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Legacy
[sso-session dev]
sso_start_url = ${DEV_URL}
sso_region = us-west-2
sso_registration_scopes = sso:account:access
[profile sess]
sso_session = dev
sso_account_id = 111122223333
sso_role_name = Dev
[profile same]
sso_session = dev
sso_start_url = ${DEV_URL}
sso_account_id = 111122223333
sso_role_name = Dev
[profile mismatch]
sso_session = dev
sso_start_url = https://other.awsapps.com/start
sso_account_id = 111122223333
sso_role_name = Dev
[profile mismatchregion]
sso_session = dev
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = Dev
[profile nosession]
sso_session = nope
sso_account_id = 111122223333
sso_role_name = Dev
[profile missingrole]
sso_session = dev
sso_account_id = 111122223333
[profile legacymissing]
sso_start_url = ${LEGACY_URL}
sso_account_id = 111122223333
[sso-session incomplete]
sso_region = us-west-2
[profile incomplete]
sso_session = incomplete
sso_account_id = 111122223333
sso_role_name = Dev
[profile denied]
sso_session = dev
sso_account_id = 999999999999
sso_role_name = Denied
`,
);

let server: FakeServer;
let oidcFails = false;
before(async () => {
  server = await startFakeServer((req: RecordedRequest) => {
    if (req.method === "GET" && req.url.startsWith("/federation/credentials")) {
      const bearer = req.headers["x-amz-sso_bearer_token"];
      if (req.url.includes("account_id=999999999999") || (bearer !== ACCESS_TOKEN && bearer !== REFRESHED_TOKEN)) {
        return { status: 401, headers: { "x-amzn-errortype": "UnauthorizedException" }, body: { message: "Session token not found or invalid" } };
      }
      const role = new URL(req.url, "http://x").searchParams.get("role_name");
      return {
        body: {
          roleCredentials: {
            accessKeyId: `AKIDSSO${role}`,
            secretAccessKey: ROLE_SECRET,
            sessionToken: ROLE_TOKEN,
            expiration: Date.parse(isoIn(3600)),
          },
        },
      };
    }
    if (req.method === "POST" && req.url === "/token") {
      if (oidcFails) return { status: 400, headers: { "x-amzn-errortype": "InvalidGrantException" }, body: { error: "invalid_grant" } };
      return { body: { accessToken: REFRESHED_TOKEN, expiresIn: 28800, refreshToken: `${REFRESH_TOKEN}-2`, tokenType: "Bearer" } };
    }
    return { status: 404, body: {} };
  });
});
after(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

const python = startBotocore(String.raw`
import botocore.session
def handle(req):
    set_env(req['env'])
    return outcome(lambda: describe(botocore.session.Session(profile=req['profile']).get_credentials()))
`);
after(() => python.close());

function env(): Record<string, string> {
  return {
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(home, "none"),
    AWS_ENDPOINT_URL_SSO: server.url,
    AWS_ENDPOINT_URL_SSO_OIDC: server.url,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Ours, through a Session as a user would: process.env holds exactly the test's variables. */
async function ours(profile: string): Promise<Outcome> {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, env());
  return outcomeOf(async () => view(await new Session({ profile_name: profile }).get_credentials()));
}

interface Tokens {
  [file: string]: Record<string, unknown> | undefined;
}

function writeTokens(tokens: Tokens): void {
  for (const [file, content] of Object.entries(tokens)) {
    if (content === undefined) rmSync(file, { force: true });
    else writeFileSync(file, JSON.stringify(content));
  }
}

function readToken(file: string): Record<string, unknown> | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : undefined;
}

interface Result {
  outcome: Outcome;
  requests: string[];
  cache: Record<string, unknown> | undefined;
}

async function run(side: "ours" | "botocore", profile: string, tokens: Tokens, watch: string): Promise<Result> {
  writeTokens(tokens);
  const start = server.requests.length;
  const outcome = side === "ours" ? await ours(profile) : await python.request<Outcome>({ env: env(), profile });
  const requests = server.requests.slice(start).map((r) => `${r.method} ${r.url.split("?")[0]} ${String(r.headers["x-amz-sso_bearer_token"] ?? "")}`);
  const cache = readToken(watch);
  // The refreshed expiry depends on the clock: compared to the minute.
  if (cache !== undefined && typeof cache["expiresAt"] === "string") cache["expiresAt"] = String(cache["expiresAt"]).slice(0, 15);
  return { outcome, requests, cache };
}

async function compare(profile: string, tokens: Tokens, watch = cacheFile("dev")): Promise<Result> {
  const theirs = await run("botocore", profile, tokens, watch);
  const mine = await run("ours", profile, tokens, watch);
  assert.deepEqual(mine, theirs);
  return mine;
}

const registration = { clientId: "client-id", clientSecret: CLIENT_SECRET, registrationExpiresAt: isoIn(30 * 86400), refreshToken: REFRESH_TOKEN };
const devToken = (expiresIn: number, extra: object = registration) => ({
  startUrl: DEV_URL,
  region: "us-west-2",
  accessToken: ACCESS_TOKEN,
  expiresAt: isoIn(expiresIn),
  ...extra,
});
const legacyToken = (expiresIn: number) => ({ startUrl: LEGACY_URL, region: "us-east-1", accessToken: ACCESS_TOKEN, expiresAt: isoIn(expiresIn) });

describe("SSO matches botocore", () => {
  test("legacy profile: the token cached under SHA-1 of the start URL", async () => {
    const result = await compare("legacy", { [cacheFile(LEGACY_URL)]: legacyToken(3600) }, cacheFile(LEGACY_URL));
    assert.deepEqual(result.requests, [`GET /federation/credentials ${ACCESS_TOKEN}`]);
    assert.equal((result.outcome as { ok: { method: string } }).ok.method, "sso");
  });
  test("legacy profile with an expired token: UnauthorizedSSOTokenError, no request", async () => {
    const result = await compare("legacy", { [cacheFile(LEGACY_URL)]: legacyToken(-60) }, cacheFile(LEGACY_URL));
    assert.deepEqual(result.requests, []);
    assert.equal((result.outcome as { error: string }).error, "UnauthorizedSSOTokenError");
  });
  test("legacy profile without a cached token: SSOTokenLoadError", async () => {
    const result = await compare("legacy", { [cacheFile(LEGACY_URL)]: undefined }, cacheFile(LEGACY_URL));
    assert.deepEqual(result.outcome, { error: "SSOTokenLoadError", message: `Error loading SSO Token: Token for ${LEGACY_URL} does not exist` });
  });
  test("legacy token file without expiresAt", async () => {
    await compare("legacy", { [cacheFile(LEGACY_URL)]: { accessToken: ACCESS_TOKEN } }, cacheFile(LEGACY_URL));
  });
  test("sso-session: the token cached under SHA-1 of the session name, no refresh needed", async () => {
    const result = await compare("sess", { [cacheFile("dev")]: devToken(3600) });
    assert.deepEqual(result.requests, [`GET /federation/credentials ${ACCESS_TOKEN}`]);
  });
  test("sso-session: a profile repeating the session's start URL", async () => {
    await compare("same", { [cacheFile("dev")]: devToken(3600) });
  });
  test("sso-session: a token within 15 minutes of expiry is refreshed and written back", async () => {
    oidcFails = false;
    const result = await compare("sess", { [cacheFile("dev")]: devToken(5 * 60) });
    assert.deepEqual(result.requests, ["POST /token ", `GET /federation/credentials ${REFRESHED_TOKEN}`]);
    assert.equal(result.cache!["accessToken"], REFRESHED_TOKEN);
    assert.equal(result.cache!["refreshToken"], `${REFRESH_TOKEN}-2`);
  });
  test("sso-session: the refresh request carries the registration", async () => {
    writeTokens({ [cacheFile("dev")]: devToken(5 * 60) });
    const start = server.requests.length;
    await ours("sess");
    const body = JSON.parse(server.requests.slice(start).find((r) => r.url === "/token")!.body) as Record<string, unknown>;
    assert.deepEqual(body, { grantType: "refresh_token", clientId: "client-id", clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN });
  });
  test("sso-session: a refused refresh keeps the token while it lasts", async () => {
    oidcFails = true;
    try {
      const result = await compare("sess", { [cacheFile("dev")]: devToken(5 * 60) });
      assert.deepEqual(result.requests, ["POST /token ", `GET /federation/credentials ${ACCESS_TOKEN}`]);
    } finally {
      oidcFails = false;
    }
  });
  test("sso-session: an expired token whose refresh is refused is TokenRetrievalError", async () => {
    oidcFails = true;
    try {
      const result = await compare("sess", { [cacheFile("dev")]: devToken(-60) });
      assert.deepEqual(result.outcome, { error: "TokenRetrievalError", message: "Error when retrieving token from sso: Token has expired and refresh failed" });
    } finally {
      oidcFails = false;
    }
  });
  test("sso-session: no registration, no refresh", async () => {
    const result = await compare("sess", { [cacheFile("dev")]: devToken(5 * 60, {}) });
    assert.deepEqual(result.requests, [`GET /federation/credentials ${ACCESS_TOKEN}`]);
  });
  test("sso-session: an expired registration, no refresh", async () => {
    await compare("sess", { [cacheFile("dev")]: devToken(5 * 60, { ...registration, registrationExpiresAt: isoIn(-60) }) });
  });
  test("sso-session without a cached token", async () => {
    await compare("sess", { [cacheFile("dev")]: undefined });
  });
  test("the portal refusing the token is UnauthorizedSSOTokenError", async () => {
    const result = await compare("denied", { [cacheFile("dev")]: devToken(3600) });
    assert.equal((result.outcome as { error: string }).error, "UnauthorizedSSOTokenError");
  });
});

describe("SSO configuration errors are botocore's", () => {
  for (const profile of ["mismatch", "mismatchregion", "nosession", "missingrole", "legacymissing", "incomplete"]) {
    test(profile, async () => {
      const result = await compare(profile, { [cacheFile("dev")]: devToken(3600) });
      assert.equal((result.outcome as { error: string }).error, "InvalidConfigError");
      assert.deepEqual(result.requests, []);
    });
  }
});

describe("SSO secrets", () => {
  test("no error, printed session or printed credentials holds a token, the client secret or the role secret", async () => {
    const texts: string[] = [];
    for (const [profile, token] of [
      ["sess", devToken(3600)],
      ["denied", devToken(3600)],
      ["mismatch", devToken(3600)],
      ["legacy", legacyToken(-60)],
    ] as const) {
      writeTokens({ [cacheFile("dev")]: token, [cacheFile(LEGACY_URL)]: token });
      for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
      Object.assign(process.env, env());
      const session = new Session({ profile_name: profile });
      const client = session.client("sts", { region_name: "us-east-1" });
      let creds: unknown;
      try {
        creds = await session.get_credentials();
        await (creds as { get_frozen_credentials(): Promise<unknown> } | null)?.get_frozen_credentials();
      } catch (err) {
        creds = err;
      }
      texts.push(...[session, client, creds].map((o) => `${inspect(o, { depth: 10, showHidden: true })}${JSON.stringify(o) ?? ""}${String(o)}`));
      if (creds instanceof Error) texts.push(creds.message);
    }
    const all = texts.join("\n");
    for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, ROLE_SECRET, ROLE_TOKEN]) assert.ok(!all.includes(secret), secret);
  });
  test("the loader's cache key is botocore's", () => {
    assert.equal(SSOTokenLoader.cacheKey(LEGACY_URL), sha1(LEGACY_URL));
    assert.equal(SSOTokenLoader.cacheKey(LEGACY_URL, "dev"), sha1("dev"));
  });
});
