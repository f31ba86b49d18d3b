/**
 * The container credentials provider against a fake endpoint on 127.0.0.1
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI, which botocore allows for loopback),
 * compared with botocore's ContainerProvider against the same endpoint:
 * credentials, the Authorization header from the token or the token file
 * (read again at each refresh), retries and their errors, timeouts, the
 * allowed-hosts rule. Relative URIs are only resolved, never fetched: the
 * ECS address 169.254.170.2 is never contacted.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { ContainerMetadataFetcher } from "../../../src/credentials/container-metadata-fetcher.js";
import { ContainerProvider } from "../../../src/credentials/container-provider.js";
import { freePort } from "../../support/moto-server.js";
import { describe as view, outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";
import { isoIn, startFakeServer } from "./support/fake-server.js";
import type { FakeServer } from "./support/fake-server.js";
import { refusedConnections } from "./support/network-guard.js";

const SECRET = "contSECRETwJalrXUtnFEMI";
const TOKEN = "contTOKENFwoGZXIvYXdz";
const AUTH = "contAUTHtokenEXAMPLE";
const dir = mkdtempSync(join(tmpdir(), "boto3ts-container-"));
const tokenFile = join(dir, "token");

let server: FakeServer;
before(async () => {
  server = await startFakeServer((req) => {
    const creds = (expiration: string, extra: object = {}) => ({
      AccessKeyId: "AKIDCONTAINER",
      SecretAccessKey: SECRET,
      Token: TOKEN,
      Expiration: expiration,
      ...extra,
    });
    const path = req.url.split("?")[0];
    switch (path) {
      case "/ok":
        return { body: creds(isoIn(3600)) };
      case "/account":
        return { body: creds(isoIn(3600), { AccountId: "123456789012", RoleArn: "arn:aws:iam::123456789012:role/x" }) };
      case "/by-token":
        // Expired for the first token, fresh for the rotated one.
        return { body: creds(req.headers["authorization"] === "rotated-token" ? isoIn(3600) : isoIn(-60)) };
      case "/500":
        return { status: 500, body: `internal error ${SECRET.slice(0, 4)}` };
      case "/badjson":
        return { body: `{"AccessKeyId": "AKID", "SecretAccessKey": "${SECRET}"` };
      case "/slow":
        return { body: creds(isoIn(3600)), delayMs: 1500 };
      case "/missing":
        return { body: { AccessKeyId: "AKID", SecretAccessKey: SECRET, Expiration: isoIn(3600) } };
      default:
        return { status: 404, body: "not found" };
    }
  });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const python = startBotocore(String.raw`
from botocore.credentials import ContainerProvider
from botocore.utils import ContainerMetadataFetcher
import botocore.httpsession
class RecordingFetcher(ContainerMetadataFetcher):
    def __init__(self):
        super().__init__(sleep=lambda s: None)
        self.urls = []
    def retrieve_full_uri(self, full_url, headers=None):
        self.urls.append(full_url)
        return {'AccessKeyId': 'AKID', 'SecretAccessKey': 's', 'Token': 't', 'Expiration': '2100-01-01T00:00:00Z'}
def handle(req):
    set_env(req['env'])
    op = req['op']
    if op == 'validate':
        f = ContainerMetadataFetcher()
        return [outcome(lambda u=u: f._validate_allowed_url(u)) for u in req['urls']]
    if op == 'record':
        f = RecordingFetcher()
        r = outcome(lambda: describe(ContainerProvider(environ=os.environ, fetcher=f).load()))
        return {'outcome': r, 'urls': f.urls}
    timeout = req.get('timeout')
    session = botocore.httpsession.URLLib3Session(timeout=timeout) if timeout else None
    fetcher = ContainerMetadataFetcher(session=session, sleep=lambda s: None)
    def run():
        creds = ContainerProvider(environ=os.environ, fetcher=fetcher).load()
        if req.get('rotate'):
            with open(req['rotate'][0], 'w') as f:
                f.write(req['rotate'][1])
        return describe(creds)
    return outcome(run)
`);
after(() => python.close());

interface Case {
  env: Record<string, string>;
  timeout?: number;
  rotate?: [string, string];
}

async function ours(c: Case): Promise<{ outcome: Outcome; sleeps: number }> {
  let sleeps = 0;
  const fetcher = new ContainerMetadataFetcher({
    sleep: async () => {
      sleeps++;
    },
    ...(c.timeout === undefined ? {} : { timeoutSeconds: c.timeout }),
  });
  const outcome = await outcomeOf(async () => {
    const creds = await new ContainerProvider(c.env, fetcher).load();
    if (c.rotate) writeFileSync(c.rotate[0], c.rotate[1]);
    return view(creds);
  });
  return { outcome, sleeps };
}

async function compare(c: Case): Promise<Outcome> {
  const before = server.requests.length;
  const theirs = await python.request<Outcome>({ op: "load", ...c });
  const theirRequests = server.requests.slice(before);
  const between = server.requests.length;
  const mine = await ours(c);
  const myRequests = server.requests.slice(between);
  assert.deepEqual(mine.outcome, theirs);
  assert.deepEqual(
    myRequests.map((r) => [r.method, r.url, r.headers["accept"], r.headers["authorization"]]),
    theirRequests.map((r) => [r.method, r.url, r.headers["accept"], r.headers["authorization"]]),
    "the same requests",
  );
  return mine.outcome;
}

const full = (path: string, extra: Record<string, string> = {}): Record<string, string> => ({
  AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}${path}`,
  ...extra,
});

describe("container credentials match botocore", () => {
  test("credentials from a loopback full URI", async () => {
    const outcome = await compare({ env: full("/ok") });
    assert.equal((outcome as { ok: { method: string } }).ok.method, "container-role");
  });
  test("the account ID from the response", async () => {
    const outcome = await compare({ env: full("/account") });
    assert.equal((outcome as { ok: { account_id: string } }).ok.account_id, "123456789012");
  });
  test("AWS_CONTAINER_AUTHORIZATION_TOKEN is the Authorization header", async () => {
    await compare({ env: full("/ok", { AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH }) });
    assert.equal(server.requests.at(-1)!.headers["authorization"], AUTH);
  });
  test("the token file wins over the token variable", async () => {
    writeFileSync(tokenFile, "file-token");
    await compare({ env: full("/ok", { AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile }) });
    assert.equal(server.requests.at(-1)!.headers["authorization"], "file-token");
  });
  test("the token file is read again for the refresh", async () => {
    const env = full("/by-token", { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    const rotate: [string, string] = [tokenFile, "rotated-token"];
    const before = server.requests.length;
    writeFileSync(tokenFile, "first-token");
    const theirs = await python.request<Outcome>({ op: "load", env, rotate });
    writeFileSync(tokenFile, "first-token");
    const mine = await ours({ env, rotate });
    assert.deepEqual(mine.outcome, theirs);
    assert.deepEqual(
      server.requests.slice(before).map((r) => r.headers["authorization"]),
      ["first-token", "rotated-token", "first-token", "rotated-token"],
    );
  });
  test("a token with a line break is refused", async () => {
    const outcome = await compare({ env: full("/ok", { AWS_CONTAINER_AUTHORIZATION_TOKEN: `${AUTH}\n` }) });
    assert.deepEqual(outcome, { error: "ValueError", message: "Auth token value is not a legal header value" });
  });
  test("a non-200 answer is tried three times, then a CredentialRetrievalError", async () => {
    const before = server.requests.length;
    const outcome = await compare({ env: full("/500") });
    assert.equal(server.requests.length - before, 6);
    assert.match((outcome as { message: string }).message, /^Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response 500/);
    assert.equal((await ours({ env: full("/500") })).sleeps, 3, "one sleep after each failed attempt, as botocore");
  });
  test("a body that is not JSON", async () => {
    await compare({ env: full("/badjson") });
  });
  test("nothing listening", async () => {
    const port = await freePort();
    const outcome = await compare({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds` } });
    assert.match((outcome as { message: string }).message, /Could not connect to the endpoint URL/);
  });
  test("a read timeout", async () => {
    await compare({ env: full("/slow"), timeout: 0.3 });
  });
  test("a host that is neither loopback nor allowed is refused before any request", async () => {
    const before = server.requests.length;
    const outcome = await compare({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://10.1.2.3/creds" } });
    assert.equal((outcome as { error: string }).error, "ValueError");
    assert.equal(server.requests.length, before);
  });
  test("no variable, no credentials and no request", async () => {
    const before = server.requests.length;
    assert.deepEqual(await compare({ env: {} }), { ok: null });
    assert.equal(server.requests.length, before);
  });
});

describe("URLs without fetching them", () => {
  test("the allowed-hosts rule is botocore's", async () => {
    const urls = [
      "http://127.0.0.1/x",
      "http://127.0.0.2:8080/x",
      "http://[::1]:9/x",
      "http://[0:0:0:0:0:0:0:1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://localhost/x",
      "http://LOCALHOST:80/x",
      "http://169.254.170.2/v2/credentials",
      "http://169.254.170.23/v1/credentials",
      "http://[fd00:ec2::23]/v1/credentials",
      "http://127.1/x",
      "http://10.0.0.1/x",
      "http://example.com/x",
      "https://example.com/x",
      "HTTPS://example.com/x",
      "http://user:pw@127.0.0.1/x",
      "http://127.0.0.1.example.com/x",
      "not a url",
      "",
    ];
    const theirs = await python.request<Outcome[]>({ op: "validate", env: {}, urls });
    const mine = urls.map((url) => {
      try {
        ContainerMetadataFetcher.validateAllowedUrl(url);
        return { ok: null };
      } catch (err) {
        return { error: (err as Error).name, message: (err as Error).message };
      }
    });
    assert.deepEqual(mine, theirs);
  });
  test("a relative URI resolves against 169.254.170.2 and wins over the full URI", async () => {
    const env = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc", AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/ok` };
    const theirs = await python.request<{ outcome: Outcome; urls: string[] }>({ op: "record", env });
    const urls: string[] = [];
    class Recording extends ContainerMetadataFetcher {
      override async retrieve_full_uri(url: string): Promise<unknown> {
        urls.push(url);
        return { AccessKeyId: "AKID", SecretAccessKey: "s", Token: "t", Expiration: "2100-01-01T00:00:00Z" };
      }
    }
    const outcome = await outcomeOf(async () => view(await new ContainerProvider(env, new Recording()).load()));
    assert.deepEqual(outcome, theirs.outcome);
    assert.deepEqual(urls, theirs.urls);
    assert.deepEqual(urls, ["http://169.254.170.2/v2/credentials/abc"]);
    assert.equal(refusedConnections.length, 0);
  });
});

describe("secrets", () => {
  test("no error shows the secret key, the session token or the authorization token", async () => {
    for (const path of ["/500", "/badjson", "/missing"]) {
      const env = full(path, { AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH });
      const { outcome } = await ours({ env });
      assert.ok("error" in outcome, path);
      const error = await new ContainerProvider(env, new ContainerMetadataFetcher({ sleep: async () => {} })).load().then(() => null, (e: unknown) => e);
      const text = `${inspect(error, { depth: 10, showHidden: true })}${JSON.stringify(error)}${(error as Error).message}`;
      assert.doesNotMatch(text, /contSECRET|contTOKEN|contAUTH/, path);
    }
  });
  test("a missing key names it (botocore lets a KeyError escape)", async () => {
    const { outcome } = await ours({ env: full("/missing") });
    assert.deepEqual(outcome, { error: "CredentialRetrievalError", message: "Error when retrieving credentials from container-role: Missing required key in response: 'Token'" });
  });
  test("credentials print without secrets", async () => {
    const creds = (await new ContainerProvider(full("/ok", { AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH })).load())!;
    const text = `${inspect(creds, { depth: 10, showHidden: true })}${JSON.stringify(creds)}${String(creds)}`;
    assert.doesNotMatch(text, /contSECRET|contTOKEN|contAUTH/);
  });
  test("the guard refused nothing: no test tried a metadata address", () => {
    assert.deepEqual(refusedConnections, []);
  });
});
