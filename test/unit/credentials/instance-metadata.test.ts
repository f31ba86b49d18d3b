/**
 * The instance metadata provider against a fake IMDS on 127.0.0.1
 * (AWS_EC2_METADATA_SERVICE_ENDPOINT), compared with botocore's provider
 * resolved the same way against the same server: the IMDSv2 token PUT and
 * its TTL, the fallbacks to IMDSv1, ec2_metadata_v1_disabled, attempts and
 * timeouts, error documents, the static-stability extension of expired
 * credentials, refresh, and AWS_EC2_METADATA_DISABLED. The network guard
 * makes any attempt to reach 169.254.169.254 fail loudly; the endpoint
 * selection for the real addresses is checked without connecting.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, beforeEach, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { createCredentialResolver } from "../../../src/credentials/chain.js";
import type { RefreshableCredentials } from "../../../src/credentials/credentials.js";
import { InstanceMetadataFetcher, selectMetadataBaseUrl } from "../../../src/credentials/instance-metadata-fetcher.js";
import { InstanceMetadataProvider } from "../../../src/credentials/instance-metadata-provider.js";
import { outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";
import { isoIn, startFakeServer } from "./support/fake-server.js";
import type { FakeReply, FakeServer, RecordedRequest } from "./support/fake-server.js";
import { refusedConnections } from "./support/network-guard.js";

const SECRET = "imdsSECRETwJalrXUtnFEMI";
const TOKEN = "imdsTOKENFwoGZXIvYXdz";
const IMDS_TOKEN = "imdsv2SESSIONtoken";

/** How the fake service behaves; each test sets what it needs. */
interface Scenario {
  token: number | "timeout";
  role: (n: number) => FakeReply;
  credentials: (n: number) => FakeReply;
}
const creds = (expiration: string): FakeReply => ({
  body: { Code: "Success", AccessKeyId: "AKIDIMDS", SecretAccessKey: SECRET, Token: TOKEN, Expiration: expiration, Type: "AWS-HMAC" },
});
const HEALTHY: Scenario = { token: 200, role: () => ({ body: "my-role" }), credentials: () => creds(isoIn(6 * 3600)) };
let scenario: Scenario = HEALTHY;
let roleCalls = 0;
let credentialCalls = 0;

let server: FakeServer;
before(async () => {
  server = await startFakeServer((req: RecordedRequest): FakeReply => {
    if (req.url === "/latest/api/token") {
      if (req.method !== "PUT") return { status: 405 };
      if (scenario.token === "timeout") return { body: IMDS_TOKEN, delayMs: 1600 };
      return scenario.token === 200 ? { body: IMDS_TOKEN } : { status: scenario.token };
    }
    const v2 = req.headers["x-aws-ec2-metadata-token"];
    if (v2 !== undefined && v2 !== IMDS_TOKEN) return { status: 401 };
    if (req.url === "/latest/meta-data/iam/security-credentials/") return scenario.role(++roleCalls);
    if (req.url === "/latest/meta-data/iam/security-credentials/my-role") return scenario.credentials(++credentialCalls);
    return { status: 404 };
  });
});
after(() => server.close());
beforeEach(() => {
  scenario = HEALTHY;
});

const python = startBotocore(String.raw`
import botocore.session
from botocore.credentials import create_credential_resolver
from botocore.utils import IMDSFetcher
def handle(req):
    set_env(req['env'])
    if req['op'] == 'base_url':
        def run():
            return IMDSFetcher(config={'ec2_metadata_service_endpoint': req.get('endpoint'),
                                       'ec2_metadata_service_endpoint_mode': req.get('mode')}).get_base_url()
        return outcome(run)
    def run():
        resolver = create_credential_resolver(botocore.session.Session())
        creds = resolver.get_provider('iam-role').load()
        if creds is None:
            return None
        d = describe(creds)
        d['expiry'] = creds._expiry_time.isoformat()
        return d
    return outcome(run)
`);
after(() => python.close());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_EC2_METADATA_DISABLED: "false",
    AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url,
    AWS_CONFIG_FILE: "/nonexistent/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
    ...extra,
  };
}

interface Run {
  outcome: Outcome;
  requests: string[];
}

function summarize(requests: RecordedRequest[]): string[] {
  return requests.map((r) => {
    const v2 = r.headers["x-aws-ec2-metadata-token"] === undefined ? "" : " +token";
    const ttl = r.headers["x-aws-ec2-metadata-token-ttl-seconds"];
    return `${r.method} ${r.url}${v2}${ttl === undefined ? "" : ` ttl=${String(ttl)}`}`;
  });
}

async function botocoreRun(e: Record<string, string>): Promise<Run> {
  roleCalls = credentialCalls = 0;
  const start = server.requests.length;
  const outcome = await python.request<Outcome>({ op: "load", env: e });
  return { outcome, requests: summarize(server.requests.slice(start)) };
}

async function ourRun(e: Record<string, string>): Promise<Run> {
  roleCalls = credentialCalls = 0;
  const start = server.requests.length;
  const outcome = await outcomeOf(async () => {
    const creds = (await createCredentialResolver(new SessionConfigStore({ env: e })).get_provider("iam-role").load()) as RefreshableCredentials | null;
    if (creds === null) return null;
    const frozen = await creds.get_frozen_credentials();
    return { ...frozen, method: creds.method, expiry: creds.expiry_time.toISOString() };
  });
  return { outcome, requests: summarize(server.requests.slice(start)) };
}

// Expiry times are compared to the second; extended ones only by their window.
function comparable(run: Run): Run {
  const outcome = run.outcome as { ok?: { expiry?: string } | null };
  if (outcome.ok?.expiry !== undefined) {
    const seconds = Math.round((Date.parse(outcome.ok.expiry) - Date.now()) / 1000);
    const kind = seconds > 3600 ? "hours" : seconds >= 17 * 60 - 5 && seconds <= 25 * 60 + 5 ? "extended 17-25 min" : `${seconds}s`;
    return { ...run, outcome: { ok: { ...outcome.ok, expiry: kind } } };
  }
  return run;
}

async function compare(e: Record<string, string>): Promise<Run> {
  const theirs = comparable(await botocoreRun(e));
  const mine = comparable(await ourRun(e));
  assert.deepEqual(mine, theirs);
  return mine;
}

describe("instance metadata matches botocore", () => {
  test("IMDSv2: token PUT with a 6-hour TTL, then role and credentials with the token", async () => {
    const run = await compare(env());
    assert.deepEqual(run.requests, [
      "PUT /latest/api/token ttl=21600",
      "GET /latest/meta-data/iam/security-credentials/ +token",
      "GET /latest/meta-data/iam/security-credentials/my-role +token",
    ]);
    assert.equal((run.outcome as { ok: { method: string } }).ok.method, "iam-role");
  });
  for (const status of [403, 404, 405]) {
    test(`a ${status} for the token falls back to IMDSv1`, async () => {
      scenario = { ...HEALTHY, token: status };
      const run = await compare(env());
      assert.deepEqual(run.requests.slice(1), ["GET /latest/meta-data/iam/security-credentials/", "GET /latest/meta-data/iam/security-credentials/my-role"]);
    });
  }
  test("a 400 for the token gives up: no credentials", async () => {
    scenario = { ...HEALTHY, token: 400 };
    const run = await compare(env());
    assert.deepEqual(run.outcome, { ok: null });
  });
  test("a 500 for the token is retried, then IMDSv1", async () => {
    scenario = { ...HEALTHY, token: 500 };
    const run = await compare(env({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: "2" }));
    assert.equal(run.requests.filter((r) => r.startsWith("PUT")).length, 2);
  });
  test("a token read timeout falls back to IMDSv1 at once", async () => {
    scenario = { ...HEALTHY, token: "timeout" };
    const run = await compare(env({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: "3" }));
    assert.equal(run.requests.filter((r) => r.startsWith("PUT")).length, 1);
  });
  test("ec2_metadata_v1_disabled: no fallback, MetadataRetrievalError", async () => {
    scenario = { ...HEALTHY, token: 404 };
    const run = await compare(env({ AWS_EC2_METADATA_V1_DISABLED: "true" }));
    assert.equal((run.outcome as { error: string }).error, "MetadataRetrievalError");
  });
  test("ec2_metadata_v1_disabled with IMDSv2 working is fine", async () => {
    await compare(env({ AWS_EC2_METADATA_V1_DISABLED: "true" }));
  });
  test("the role name is retried on errors and empty bodies", async () => {
    scenario = { ...HEALTHY, role: (n) => (n === 1 ? { status: 500 } : n === 2 ? { body: "" } : { body: "my-role" }) };
    const run = await compare(env({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: "3" }));
    assert.equal(run.requests.filter((r) => r.endsWith("security-credentials/ +token")).length, 3);
  });
  test("attempts run out: no credentials", async () => {
    scenario = { ...HEALTHY, role: () => ({ status: 500 }) };
    const run = await compare(env({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: "2" }));
    assert.deepEqual(run.outcome, { ok: null });
  });
  test("credentials that are not JSON are retried", async () => {
    scenario = { ...HEALTHY, credentials: (n) => (n === 1 ? { body: "{not json" } : creds(isoIn(6 * 3600))) };
    await compare(env({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: "2" }));
  });
  test("an error document in a 200 gives no credentials", async () => {
    scenario = { ...HEALTHY, credentials: () => ({ body: { Code: "AssumeRoleUnauthorizedAccess", Message: "EC2 cannot assume the role" } }) };
    assert.deepEqual((await compare(env())).outcome, { ok: null });
  });
  test("expired credentials are extended 17 to 25 minutes (static stability)", async () => {
    scenario = { ...HEALTHY, credentials: () => creds(isoIn(-3600)) };
    const run = await compare(env());
    assert.equal((run.outcome as { ok: { expiry: string } }).ok.expiry, "extended 17-25 min");
  });
  test("credentials close to expiry are extended too", async () => {
    scenario = { ...HEALTHY, credentials: () => creds(isoIn(60)) };
    await compare(env());
  });
  test("a read timeout on every request: no credentials", async () => {
    scenario = { ...HEALTHY, role: () => ({ body: "my-role", delayMs: 1600 }) };
    await compare(env({ AWS_METADATA_SERVICE_TIMEOUT: "1" }));
  });
  test("AWS_EC2_METADATA_DISABLED=true: no request at all", async () => {
    const run = await compare(env({ AWS_EC2_METADATA_DISABLED: "TRUE" }));
    assert.deepEqual(run, { outcome: { ok: null }, requests: [] });
  });
  test("an endpoint in the profile", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const config = join(mkdtempSync(join(tmpdir(), "boto3ts-imds-")), "config");
    writeFileSync(config, `[default]\nec2_metadata_service_endpoint = ${server.url}\nmetadata_service_num_attempts = 2\n`);
    const e = env({ AWS_CONFIG_FILE: config });
    delete (e as Record<string, string | undefined>)["AWS_EC2_METADATA_SERVICE_ENDPOINT"];
    const run = await compare(e);
    assert.equal(run.requests.length, 3);
  });
});

describe("refresh", () => {
  // No extension window here, so that the answers' own expiry decides.
  const provider = (): InstanceMetadataProvider =>
    new InstanceMetadataProvider(
      new InstanceMetadataFetcher({ env: env(), ec2_metadata_service_endpoint: server.url, ec2_credential_refresh_window: 0, random_int: () => 120 }),
    );
  const keyed = (n: number, expiration: string): FakeReply => ({
    body: { AccessKeyId: `AKIDIMDS${n}`, SecretAccessKey: SECRET, Token: TOKEN, Expiration: expiration },
  });

  test("inside the advisory window the credentials refresh from instance metadata", async () => {
    scenario = { ...HEALTHY, credentials: (n) => keyed(n, isoIn(n === 1 ? 11 * 60 : 3600)) };
    roleCalls = credentialCalls = 0;
    const credentials = (await provider().load())!;
    assert.equal((await credentials.get_frozen_credentials()).access_key, "AKIDIMDS2");
    assert.equal(credentialCalls, 2);
    await credentials.get_frozen_credentials();
    assert.equal(credentialCalls, 2, "fresh credentials are not fetched again");
  });
  test("a refresh that finds nothing fails even in the advisory window, as in botocore", async () => {
    // The fetcher answers "nothing" rather than failing, and botocore checks the answer outside its advisory leniency.
    scenario = { ...HEALTHY, credentials: (n) => (n === 1 ? keyed(n, isoIn(11 * 60)) : { status: 404 }) };
    roleCalls = credentialCalls = 0;
    const credentials = (await provider().load())!;
    await assert.rejects(credentials.get_frozen_credentials(), { name: "CredentialRetrievalError" });
  });
  test("a failed mandatory refresh is botocore's error naming every missing key", async () => {
    scenario = { ...HEALTHY, credentials: (n) => (n === 1 ? keyed(n, isoIn(5 * 60)) : { status: 404 }) };
    roleCalls = credentialCalls = 0;
    const credentials = (await provider().load())!;
    await assert.rejects(credentials.get_frozen_credentials(), {
      name: "CredentialRetrievalError",
      message: "Error when retrieving credentials from iam-role: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time",
    });
  });
});

describe("endpoints", () => {
  test("the endpoint and the endpoint mode choose the base URL as botocore", async () => {
    const cases: { endpoint?: string; mode?: "ipv4" | "ipv6" }[] = [
      {},
      { mode: "ipv4" },
      { mode: "ipv6" },
      { endpoint: "http://127.0.0.1:1338" },
      { endpoint: "http://127.0.0.1:1338", mode: "ipv6" },
      { endpoint: "http://[::1]:1338/" },
      { endpoint: "http://imds.example/" },
      { endpoint: "not a url" },
      { endpoint: "http://bad_host/" },
      { endpoint: "http://-bad.example/" },
    ];
    for (const c of cases) {
      const theirs = await python.request<Outcome>({ op: "base_url", env: {}, ...c });
      const mine = await outcomeOf(async () => selectMetadataBaseUrl(c.endpoint, c.mode));
      assert.deepEqual(mine, theirs, JSON.stringify(c));
    }
  });
  test("a malformed endpoint fails when the chain is built, as botocore", async () => {
    const theirs = await python.request<Outcome>({ op: "load", env: env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://bad_host/" }) });
    const mine = await outcomeOf(async () => createCredentialResolver(new SessionConfigStore({ env: env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://bad_host/" }) })));
    assert.deepEqual(mine, theirs);
  });
});

describe("never 169.254.169.254", () => {
  test("with the default endpoint and metadata disabled (as every test run), nothing is contacted", async () => {
    const store = new SessionConfigStore({ env: { AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } });
    const provider = createCredentialResolver(store).get_provider("iam-role") as InstanceMetadataProvider;
    assert.equal(provider.fetcher.get_base_url(), "http://169.254.169.254/");
    assert.equal(provider.fetcher.disabled, true);
    assert.equal(await provider.load(), null);
    assert.deepEqual(refusedConnections, []);
  });
  test("the guard itself refuses the address", async () => {
    const fetcher = new InstanceMetadataFetcher({ env: { AWS_EC2_METADATA_DISABLED: "false" }, timeout: 1 });
    const before = refusedConnections.length;
    // The guard throws inside the connect: the fetcher sees a failed request and gives up.
    await fetcher.retrieve_iam_role_credentials().catch(() => null);
    assert.ok(refusedConnections.length > before, "the connection was refused by the guard, not attempted");
    refusedConnections.splice(before);
  });
});

describe("secrets", () => {
  test("instance metadata credentials print without the secret, the session token or the IMDS token", async () => {
    const creds = (await createCredentialResolver(new SessionConfigStore({ env: env() })).get_provider("iam-role").load())!;
    const text = `${inspect(creds, { depth: 10, showHidden: true })}${JSON.stringify(creds)}${String(creds)}`;
    assert.doesNotMatch(text, /imdsSECRET|imdsTOKEN|imdsv2SESSION/);
  });
  test("errors hold no IMDS token", async () => {
    scenario = { ...HEALTHY, token: 404 };
    const error = await createCredentialResolver(new SessionConfigStore({ env: env({ AWS_EC2_METADATA_V1_DISABLED: "true" }) }))
      .get_provider("iam-role")
      .load()
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.doesNotMatch(inspect(error, { depth: 10, showHidden: true }), /imdsv2SESSION|imdsSECRET/);
  });
});
