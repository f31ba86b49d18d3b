/**
 * The JSON file cache shared with botocore and the AWS CLI: files botocore's
 * JSONFileCache writes are read here and the other way round, with dates
 * in botocore's forms; writes are atomic and private to the owner; an
 * assumed-role fetcher serves fresh cached credentials and skips stale ones.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ServiceClient } from "../../../src/client/base-client.js";
import { AssumeRoleCredentialFetcher } from "../../../src/credentials/assume-role-fetcher.js";
import { JSONFileCache } from "../../../src/credentials/credential-cache.js";
import { Credentials } from "../../../src/credentials/credentials.js";
import { ssoJsonDumps } from "../../../src/credentials/sso-token-provider.js";
import { startBotocore } from "./support/botocore-credentials.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const python = startBotocore(String.raw`
import datetime
from dateutil.tz import tzutc
from botocore.utils import JSONFileCache
from botocore.tokens import _sso_json_dumps
def handle(req):
    if req['op'] == 'write':
        cache = JSONFileCache(req['dir'], dumps_func=_sso_json_dumps if req.get('sso') else None)
        cache[req['key']] = {'Credentials': {'AccessKeyId': 'AKID', 'Expiration': datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=tzutc())}}
        return open(req['dir'] + '/' + req['key'] + '.json').read()
    cache = JSONFileCache(req['dir'])
    return {'has': req['key'] in cache, 'value': cache[req['key']] if req['key'] in cache else None}
`);
after(() => python.close());

describe("JSONFileCache", () => {
  test("reads what botocore writes, dates in botocore's %Z form", async () => {
    const text = await python.request<string>({ op: "write", dir, key: "from-botocore" });
    assert.match(text, /"Expiration": "2030-01-02T03:04:05UTC"/);
    const cache = new JSONFileCache(dir);
    assert.equal(cache.has("from-botocore"), true);
    assert.deepEqual(cache.get("from-botocore"), { Credentials: { AccessKeyId: "AKID", Expiration: "2030-01-02T03:04:05UTC" } });
  });
  test("writes what botocore reads, in the same date form", async () => {
    const cache = new JSONFileCache(join(dir, "nested", "dir"));
    cache.set("from-us", { Credentials: { AccessKeyId: "AKID", Expiration: new Date("2030-01-02T03:04:05Z") } });
    const theirs = await python.request<{ has: boolean; value: unknown }>({ op: "read", dir: join(dir, "nested", "dir"), key: "from-us" });
    assert.deepEqual(theirs, { has: true, value: { Credentials: { AccessKeyId: "AKID", Expiration: "2030-01-02T03:04:05UTC" } } });
    assert.equal(statSync(join(dir, "nested", "dir", "from-us.json")).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(dir, "nested", "dir")), ["from-us.json"], "no temporary file left");
  });
  test("SSO tokens are written with botocore's %Y-%m-%dT%H:%M:%SZ dates", async () => {
    const text = await python.request<string>({ op: "write", dir, key: "sso-botocore", sso: true });
    const ours = ssoJsonDumps({ Credentials: { AccessKeyId: "AKID", Expiration: new Date("2030-01-02T03:04:05.678Z") } });
    assert.deepEqual(JSON.parse(ours), JSON.parse(text));
  });
  test("a missing or unreadable entry is absent", () => {
    const cache = new JSONFileCache(dir);
    writeFileSync(join(dir, "broken.json"), "{not json");
    assert.equal(cache.has("nope"), false);
    assert.equal(cache.get("nope"), undefined);
    assert.equal(cache.get("broken"), undefined);
  });
});

describe("a file cache in front of AssumeRole (as the AWS CLI's ~/.aws/cli/cache)", () => {
  const make = (cache: JSONFileCache, calls: { n: number }) =>
    new AssumeRoleCredentialFetcher({
      clientCreator: () =>
        ({
          assume_role: async () => {
            calls.n++;
            return { Credentials: { AccessKeyId: `AKID${calls.n}`, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + 3600_000) } };
          },
        }) as unknown as ServiceClient,
      sourceCredentials: new Credentials("a", "b"),
      roleArn: "arn:aws:iam::123456789012:role/cached",
      extraArgs: { RoleSessionName: "s" },
      cache,
    });
  test("fresh cached credentials are served without a call, across fetchers", async () => {
    const cacheDir = join(dir, "cli-cache");
    const calls = { n: 0 };
    const first = await make(new JSONFileCache(cacheDir), calls).fetch_credentials();
    const second = await make(new JSONFileCache(cacheDir), calls).fetch_credentials();
    assert.equal(calls.n, 1);
    assert.equal(second.access_key, first.access_key);
    const file = readdirSync(cacheDir)[0]!;
    assert.match(readFileSync(join(cacheDir, file), "utf8"), /UTC"/);
  });
  test("credentials within 15 minutes of expiry are fetched again", async () => {
    const cacheDir = join(dir, "cli-cache-stale");
    const calls = { n: 0 };
    const fetcher = make(new JSONFileCache(cacheDir), calls);
    new JSONFileCache(cacheDir).set(fetcher.cache_key, {
      Credentials: { AccessKeyId: "STALE", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + 10 * 60_000) },
    });
    assert.equal((await fetcher.fetch_credentials()).access_key, "AKID1");
  });
});
