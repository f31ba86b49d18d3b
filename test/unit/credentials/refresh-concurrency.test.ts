/**
 * 200 calls started together on a client whose credentials have expired
 * cause exactly one refresh: through a real Session and client, with
 * credentials from credential_process (counting its runs) and from the
 * container provider (a fake endpoint counting its requests), and every
 * request signed with the refreshed key.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Session } from "../../../src/session.js";
import { startFakeServer, isoIn } from "./support/fake-server.js";
import type { FakeServer } from "./support/fake-server.js";

const CALLS = 200;
const dir = mkdtempSync(join(tmpdir(), "boto3ts-concurrency-"));
const counterFile = join(dir, "runs");
const script = join(dir, "creds.mjs");
writeFileSync(
  script,
  `import { readFileSync, writeFileSync } from "node:fs";
let n = 1; try { n = Number(readFileSync(${JSON.stringify(counterFile)}, "utf8")) + 1; } catch {}
writeFileSync(${JSON.stringify(counterFile)}, String(n));
const at = (s) => new Date(Date.now() + s * 1000).toISOString().replace(/\\.\\d+Z$/, "Z");
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDRUN" + n, SecretAccessKey: "s" + n, SessionToken: "t" + n, Expiration: n === 1 ? at(-30) : at(3600) }));
`,
);
const config = join(dir, "config");
writeFileSync(config, `[profile proc]\ncredential_process = ${process.execPath} ${script}\nregion = us-east-1\n[profile container]\nregion = us-east-1\n`);

const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>AIDX</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

let sts: FakeServer;
let container: FakeServer;
let containerFetches = 0;
const saved = { ...process.env };

before(async () => {
  sts = await startFakeServer(() => ({ status: 200, headers: { "content-type": "text/xml" }, body: IDENTITY }));
  container = await startFakeServer(() => {
    containerFetches++;
    const expired = containerFetches === 1;
    return {
      body: {
        AccessKeyId: `AKIDCONT${containerFetches}`,
        SecretAccessKey: "cs",
        Token: "ct",
        Expiration: expired ? isoIn(-30) : isoIn(3600),
      },
      delayMs: 20,
    };
  });
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "none");
  process.env.AWS_EC2_METADATA_DISABLED = "true";
});
after(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await Promise.all([sts.close(), container.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function signedKeys(since: number): string[] {
  return sts.requests.slice(since).map((r) => /Credential=([^/]+)\//.exec(String(r.headers["authorization"]))?.[1] ?? "none");
}

describe("one refresh for 200 concurrent calls", () => {
  test("credential_process: the command runs once to load and once to refresh", async () => {
    writeFileSync(counterFile, "0");
    const session = new Session({ profile_name: "proc" });
    const client = session.client("sts", { endpoint_url: sts.url });
    const since = sts.requests.length;
    const results = await Promise.all(Array.from({ length: CALLS }, () => client.get_caller_identity()));
    assert.equal(results.length, CALLS);
    assert.equal(Number(readFileSync(counterFile, "utf8")), 2);
    assert.deepEqual(new Set(signedKeys(since)), new Set(["AKIDRUN2"]));
    assert.equal((await session.get_credentials())!.method, "custom-process");
  });

  test("container provider: one request to load and one to refresh", async () => {
    containerFetches = 0;
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${container.url}/creds`;
    try {
      const session = new Session({ profile_name: "container" });
      const client = session.client("sts", { endpoint_url: sts.url });
      const since = sts.requests.length;
      await Promise.all(Array.from({ length: CALLS }, () => client.get_caller_identity()));
      assert.equal(containerFetches, 2);
      assert.equal(container.requests.length, 2);
      assert.deepEqual(new Set(signedKeys(since)), new Set(["AKIDCONT2"]));
      assert.equal((await session.get_credentials())!.method, "container-role");
    } finally {
      delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    }
  });
});
