/**
 * The login_session provider (sign-in) against botocore's conformance
 * cases (../shared/conformance/botocore/tests/unit/login): the cached
 * session, its validation, and the refresh through CreateOAuth2Token with
 * a DPoP proof, the new token written back. The sign-in endpoint is a fake
 * server on 127.0.0.1 (AWS_ENDPOINT_URL_SIGNIN); time is frozen at
 * 2025-11-19T00:00:00Z as botocore's runner freezes it. botocore itself
 * needs the CRT for these (not installed here), so the cases are the reference.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { Session } from "../../../src/session.js";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { buildDpopHeader, loadDpopKey } from "../../../src/credentials/dpop.js";
import { LoginProvider, loginCacheKey } from "../../../src/credentials/login-provider.js";
import { BOTOCORE_TESTS } from "../../support/paths.js";
import { startFakeServer } from "./support/fake-server.js";
import type { FakeServer } from "./support/fake-server.js";

interface LoginCase {
  documentation: string;
  configContents: string;
  cacheContents: Record<string, unknown>;
  mockApiCalls?: { request: Record<string, unknown>; response?: Record<string, unknown>; responseCode?: number }[];
  outcomes: ({ result: "credentials"; accessKeyId: string; secretAccessKey: string; sessionToken: string; accountId: string; expiresAt: string } | { result: "error" } | ({ result: "cacheContents" } & Record<string, unknown>))[];
}

const CASES = JSON.parse(readFileSync(join(BOTOCORE_TESTS, "unit", "login", "login-provider-test-cases.json"), "utf8")) as LoginCase[];
const NOW = new Date("2025-11-19T00:00:00Z");

let server: FakeServer;
let mock: LoginCase["mockApiCalls"] = [];
before(async () => {
  server = await startFakeServer((req) => {
    const call = mock?.shift();
    if (call === undefined) return { status: 500, body: { message: "unexpected call" } };
    assert.deepEqual(JSON.parse(req.body), call.request["tokenInput"]);
    if (call.responseCode !== undefined) {
      return { status: call.responseCode, headers: { "x-amzn-errortype": "ValidationException" }, body: { error: "invalid_request", message: "refresh token expired" } };
    }
    return { body: call.response!["tokenOutput"] as object };
  });
});
after(() => server.close());

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function setUp(c: LoginCase): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "boto3ts-login-"));
  const cache = join(dir, "cache");
  const config = join(dir, "config");
  writeFileSync(config, c.configContents);
  for (const [name, content] of Object.entries(c.cacheContents)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, name), JSON.stringify(content));
  }
  const env = {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"),
    AWS_LOGIN_CACHE_DIRECTORY: cache,
    AWS_ENDPOINT_URL_SIGNIN: server.url,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  return { dir, env };
}

async function run(c: LoginCase): Promise<{ outcome: unknown; cache: Record<string, unknown>; dir: string; printable: unknown }> {
  const { dir, env } = setUp(c);
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, env);
  mock = structuredClone(c.mockApiCalls ?? []);
  const session = new Session({ profile_name: "signin" });
  const provider = new LoginProvider({
    loadConfig: () => session._config.full_config(),
    clientCreator: (name, options) => session.client(name, options),
    profileName: "signin",
    env: new SessionConfigStore({ env }).env,
    timeFetcher: () => NOW,
  });
  let outcome: unknown;
  let printable: unknown;
  try {
    const creds = (await provider.load())!;
    printable = creds;
    const frozen = await creds.get_frozen_credentials();
    outcome = {
      result: "credentials",
      accessKeyId: frozen.access_key,
      secretAccessKey: frozen.secret_key,
      sessionToken: frozen.token,
      accountId: frozen.account_id,
      expiresAt: `${(creds as unknown as { expiry_time: Date }).expiry_time.toISOString().slice(0, 19)}Z`,
    };
  } catch (err) {
    outcome = { result: "error" };
    printable = err;
  }
  const cache: Record<string, unknown> = {};
  try {
    for (const name of readdirSync(join(dir, "cache"))) cache[name] = JSON.parse(readFileSync(join(dir, "cache", name), "utf8"));
  } catch {
    // no cache directory
  }
  return { outcome, cache, dir, printable: [printable, session, session.client("sts")] };
}

describe("login provider conformance (botocore's 8 cases)", () => {
  for (const c of CASES) {
    test(c.documentation, async () => {
      const before = server.requests.length;
      const { outcome, cache, dir } = await run(c);
      try {
        for (const expected of c.outcomes) {
          if (expected.result === "error") {
            assert.equal((outcome as { result: string }).result, "error", JSON.stringify(outcome));
          } else if (expected.result === "credentials") {
            assert.deepEqual(outcome, expected);
          } else {
            const { result: _result, ...files } = expected;
            assert.deepEqual(cache, files);
          }
        }
        assert.equal(mock?.length ?? 0, 0, "every mocked call was made");
        for (const request of server.requests.slice(before)) {
          assert.equal(request.url, "/v1/token");
          checkDpop(String(request.headers["dpop"]), `${server.url}/v1/token`, c);
          assert.equal(request.headers["authorization"], undefined, "the token call is not signed");
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

function checkDpop(header: string, url: string, c: LoginCase): void {
  const [h, p, s] = header.split(".");
  const head = JSON.parse(Buffer.from(h!, "base64url").toString()) as { typ: string; alg: string; jwk: { kty: string; crv: string; x: string; y: string } };
  const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as { htm: string; htu: string; iat: number; jti: string };
  assert.equal(head.typ, "dpop+jwt");
  assert.equal(head.alg, "ES256");
  assert.deepEqual(Object.keys(head.jwk), ["kty", "x", "y", "crv"]);
  assert.equal(payload.htm, "POST");
  assert.equal(payload.htu, url);
  assert.match(payload.jti, /^[0-9a-f-]{36}$/);
  const key = createPublicKey({ key: { ...head.jwk }, format: "jwk" });
  assert.ok(verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s!, "base64url")));
  // The proof is signed with the session's key.
  const token = Object.values(c.cacheContents)[0] as { dpopKey: string };
  const expectedJwk = createPublicKey(loadDpopKey(token.dpopKey)!).export({ format: "jwk" });
  assert.equal(head.jwk.x, expectedJwk.x);
  assert.equal(head.jwk.y, expectedJwk.y);
}

describe("DPoP proofs", () => {
  const pem = (Object.values(CASES[0]!.cacheContents)[0] as { dpopKey: string }).dpopKey;
  test("a fixed proof has botocore's layout", () => {
    const proof = buildDpopHeader(loadDpopKey(pem)!, "https://us-east-1.signin.aws.amazon.com/v1/token", "uid-1", 1700000000);
    const [h, p] = proof.split(".");
    assert.equal(
      Buffer.from(p!, "base64url").toString(),
      '{"htm":"POST","htu":"https://us-east-1.signin.aws.amazon.com/v1/token","iat":1700000000,"jti":"uid-1"}',
    );
    assert.match(Buffer.from(h!, "base64url").toString(), /^\{"typ":"dpop\+jwt","alg":"ES256","jwk":\{"kty":"EC","x":"[\w-]{43}","y":"[\w-]{43}","crv":"P-256"\}\}$/);
  });
  test("a key that is not EC is refused", () => {
    assert.equal(loadDpopKey("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"), undefined);
  });
  test("the cache key is the SHA-256 of the session name", () => {
    assert.equal(`${loginCacheKey("arn:aws:sts::012345678910:assumed-role/Admin/admin")}.json`, Object.keys(CASES[0]!.cacheContents)[0]);
  });
});

describe("login secrets", () => {
  test("errors and credentials never show the secret key, session token, refresh token or private key", async () => {
    const texts: string[] = [];
    for (const c of CASES) {
      const { printable, dir } = await run(c);
      const [value] = printable as unknown[];
      texts.push(`${inspect(printable, { depth: 10, showHidden: true })}${JSON.stringify(printable)}${value instanceof Error ? value.message : String(value)}`);
      rmSync(dir, { recursive: true, force: true });
    }
    const all = texts.join("\n");
    for (const secret of ["wJalrXUtnFEMI", "AQoEXAMPLEH4aoAH0gNCAPyJxz4", "newRefreshedSecretKey", "newRefreshedSessionToken", "valid_refresh_token", "MIGHAgEAMBMGByqGSM49"]) {
      assert.ok(!all.includes(secret), secret);
    }
  });
  test("a chain with login_session picks the login provider", async () => {
    const c = CASES[0]!;
    const { dir, env } = setUp(c);
    try {
      const store = new SessionConfigStore({ env, instanceVariables: { profile: "signin" } });
      const { createCredentialResolver } = await import("../../../src/credentials/chain.js");
      const creds = await createCredentialResolver(store).load_credentials();
      assert.equal(creds!.method, "login");
      assert.equal(creds!.access_key, "AKIAIOSFODNN7EXAMPLE");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
