/**
 * Proxies against moto, boto3-ts and botocore side by side: plain HTTP
 * forwarding through an authenticating proxy, CONNECT tunnels to moto
 * behind TLS, HTTPS proxies (proxy_ca_bundle, proxy_client_cert,
 * proxy_use_forwarding_for_https), the environment's proxies and NO_PROXY,
 * a wrong password, and proxy credentials kept out of every error and log.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";
import { ProxyConnectionError } from "../../src/exceptions.js";
import { DEBUG, set_stream_logger } from "../../src/logging/index.js";
import { getLogger } from "../../src/logging/logger.js";
import { BotocoreCalls, type CallOutcome, type CallSpec, tsCall, tsClient } from "../support/call-differential.js";
import { type ForwardProxy, startForwardProxy } from "../support/forward-proxy.js";
import { motoSkipReason, motoUrl, uniqueName } from "../support/moto.js";
import { makeTestCertificates, startTlsTerminator, type TestCertificates, type TlsTerminator } from "../support/tls-fixtures.js";

const USER = "boto";
const PASSWORD = "s3cret p@ss";
const QUOTED = `${USER}:${encodeURIComponent(PASSWORD)}`;

describe("proxies: boto3-ts and botocore through a local forward proxy to moto", { skip: motoSkipReason() }, () => {
  let moto: string;
  let certs: TestCertificates;
  let secureMoto: TlsTerminator;
  let proxy: ForwardProxy;
  let tlsProxy: ForwardProxy;
  let botocore: BotocoreCalls;

  before(async () => {
    moto = await motoUrl();
    certs = makeTestCertificates();
    secureMoto = await startTlsTerminator(certs, Number(new URL(moto).port));
    proxy = await startForwardProxy({ auth: `${USER}:${PASSWORD}` });
    tlsProxy = await startForwardProxy({
      tls: { key: certs.read(certs.serverKeyPath), cert: certs.read(certs.serverCertPath), ca: certs.read(certs.caPath), requestCert: true },
    });
    botocore = new BotocoreCalls();
  });
  after(async () => {
    await botocore?.close();
    await proxy?.close();
    await tlsProxy?.close();
    await secureMoto?.close();
    certs?.remove();
  });

  const proxyUrl = (credentials = QUOTED): string => `http://${credentials}@127.0.0.1:${proxy.port}`;

  /** Runs a spec in both SDKs one after the other, noting how many requests the proxy handled for each. */
  async function both(spec: CallSpec, watched: ForwardProxy = proxy): Promise<{ ts: CallOutcome; py: CallOutcome; tsProxied: number; pyProxied: number }> {
    let before = watched.log.length;
    const ts = await tsCall(spec);
    const tsProxied = watched.log.length - before;
    before = watched.log.length;
    const py = await botocore.call(spec);
    const pyProxied = watched.log.length - before;
    return { ts, py, tsProxied, pyProxied };
  }

  test("plain HTTP forwarding with basic auth reaches moto (json and rest-xml)", async () => {
    for (const sdk of ["ts", "py"] as const) {
      const table = uniqueName(`proxied-${sdk}`);
      const config = { proxies: { http: proxyUrl() } };
      const before = proxy.log.length;
      const run = (spec: Omit<CallSpec, "endpoint_url" | "config">): Promise<CallOutcome> => {
        const full = { ...spec, endpoint_url: moto, config };
        return sdk === "ts" ? tsCall(full) : botocore.call(full);
      };
      const created = await run({
        service: "dynamodb",
        operation: "create_table",
        params: {
          TableName: table,
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
        },
      });
      assert.ok(created.ok, `${sdk}: ${JSON.stringify(created.error)}`);
      const listed = await run({ service: "dynamodb", operation: "list_tables" });
      assert.ok((listed.result?.TableNames as string[]).includes(table), sdk);
      const bucket = uniqueName(`proxied-${sdk}`);
      assert.ok((await run({ service: "s3", operation: "create_bucket", params: { Bucket: bucket } })).ok, sdk);
      assert.ok((await run({ service: "s3", operation: "put_object", params: { Bucket: bucket, Key: "k", Body: "through the proxy" } })).ok, sdk);
      const got = await run({ service: "s3", operation: "get_object", params: { Bucket: bucket, Key: "k" }, read_streams: true });
      assert.deepEqual(got.result?.Body, { $b: Buffer.from("through the proxy").toString("base64") }, sdk);
      const entries = proxy.log.slice(before);
      assert.equal(entries.length, 5, `${sdk}: every request went through the proxy`);
      // PutObject's Expect: 100-continue: botocore keeps it through a proxy; boto3-ts drops it there (a documented deviation).
      assert.equal(entries[3]!.headers.expect, sdk === "py" ? "100-continue" : undefined);
      for (const entry of entries) {
        assert.equal(entry.kind, "forward");
        assert.ok(entry.target.startsWith(`${moto}/`), entry.target);
        assert.equal(entry.headers["proxy-authorization"], `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`);
        assert.equal(entry.refused, false);
      }
    }
  });

  test("CONNECT tunnels carry HTTPS to moto (behind TLS, verified with the test CA)", async () => {
    for (const sdk of ["ts", "py"] as const) {
      const bucket = uniqueName(`tunnel-${sdk}`);
      const before = proxy.log.length;
      const spec = (operation: string, params: Record<string, unknown>): CallSpec => ({
        service: "s3",
        operation,
        params,
        endpoint_url: secureMoto.url,
        verify: certs.caPath,
        config: { proxies: { https: proxyUrl() } },
        read_streams: true,
      });
      const run = (s: CallSpec): Promise<CallOutcome> => (sdk === "ts" ? tsCall(s) : botocore.call(s));
      assert.ok((await run(spec("create_bucket", { Bucket: bucket }))).ok, sdk);
      assert.ok((await run(spec("put_object", { Bucket: bucket, Key: "k", Body: "tunnelled" }))).ok, sdk);
      const got = await run(spec("get_object", { Bucket: bucket, Key: "k" }));
      assert.deepEqual(got.result?.Body, { $b: Buffer.from("tunnelled").toString("base64") }, `${sdk}: ${JSON.stringify(got.error)}`);
      const entries = proxy.log.slice(before);
      assert.ok(entries.length >= 1, `${sdk} opened a tunnel`);
      for (const entry of entries) {
        assert.equal(entry.kind, "connect");
        assert.equal(entry.target, `127.0.0.1:${secureMoto.port}`);
        assert.equal(entry.refused, false);
      }
    }
  });

  test("the environment's proxies and NO_PROXY, decided as botocore decides them", async () => {
    const port = new URL(moto).port;
    const open = proxyUrl();
    const cases: { env: Record<string, string | null>; config?: Record<string, unknown>; proxied: boolean }[] = [
      { env: { HTTP_PROXY: open }, proxied: true },
      { env: { http_proxy: open }, proxied: true },
      { env: { HTTP_PROXY: open, NO_PROXY: "127.0.0.1" }, proxied: false },
      { env: { http_proxy: open, no_proxy: `example.com, 127.0.0.1:${port}` }, proxied: false },
      { env: { HTTP_PROXY: open, NO_PROXY: "*" }, proxied: false },
      // Suffixes match at a dot: leading dots are dropped, then one is put back.
      { env: { HTTP_PROXY: open, NO_PROXY: "example.com,..0.0.1" }, proxied: false },
      { env: { HTTP_PROXY: open, NO_PROXY: "27.0.0.1" }, proxied: true },
      { env: { HTTP_PROXY: open, NO_PROXY: `127.0.0.1:${Number(port) + 1}` }, proxied: true },
      // Under CGI, upper-case HTTP_PROXY is ignored (httpoxy); lower-case is not; an empty lower-case one unsets it.
      { env: { HTTP_PROXY: open, REQUEST_METHOD: "GET" }, proxied: false },
      { env: { http_proxy: open, REQUEST_METHOD: "GET" }, proxied: true },
      { env: { HTTP_PROXY: open, http_proxy: "" }, proxied: false },
      { env: { HTTPS_PROXY: open }, proxied: false },
      // Config's proxies, even empty, win over the environment.
      { env: { HTTP_PROXY: open }, config: { proxies: {} }, proxied: false },
    ];
    for (const kase of cases) {
      const { ts, py, tsProxied, pyProxied } = await both({ service: "dynamodb", operation: "list_tables", endpoint_url: moto, env: kase.env, config: kase.config });
      const label = JSON.stringify(kase);
      assert.ok(ts.ok && py.ok, `${label}: ${JSON.stringify(ts.error ?? py.error)}`);
      assert.equal(pyProxied > 0, kase.proxied, `botocore, ${label}`);
      assert.equal(tsProxied > 0, kase.proxied, `boto3-ts, ${label}`);
    }
  });

  test("a wrong password: forwarding returns the proxy's 407 as a ClientError, a tunnel fails with ProxyConnectionError — as botocore, attempt for attempt", async () => {
    const wrong = proxyUrl(`${USER}:wrong`);
    const forwarded = await both({
      service: "dynamodb",
      operation: "list_tables",
      endpoint_url: moto,
      config: { proxies: { http: wrong }, retries: { mode: "standard" } },
    });
    assert.deepEqual(forwarded.ts.error, forwarded.py.error);
    assert.deepEqual(forwarded.ts.error, {
      type: "ClientError",
      code: "407",
      message: "An error occurred (407) when calling the ListTables operation: Proxy Authentication Required",
    });
    assert.equal(forwarded.tsProxied, forwarded.pyProxied);

    for (const mode of ["legacy", "standard"]) {
      const tunnelled = await both({
        service: "s3",
        operation: "list_buckets",
        endpoint_url: secureMoto.url,
        verify: certs.caPath,
        config: { proxies: { https: wrong }, retries: { mode } },
      });
      assert.deepEqual(tunnelled.ts.error, tunnelled.py.error, mode);
      assert.deepEqual(tunnelled.ts.error, { type: "ProxyConnectionError", message: `Failed to connect to proxy URL: "http://***:***@127.0.0.1:${proxy.port}"` });
      // ProxyConnectionError is a ConnectionError: both retry it, the same number of times.
      assert.equal(tunnelled.tsProxied, tunnelled.pyProxied, `${mode}: CONNECTs refused`);
      assert.ok(tunnelled.tsProxied > 1, mode);
    }
  });

  test("proxy credentials appear in no error, inspect, JSON or log line", async () => {
    const lines: string[] = [];
    const handler = set_stream_logger("", DEBUG, null, (line) => lines.push(line));
    try {
      const specs: CallSpec[] = [
        { service: "s3", operation: "list_buckets", endpoint_url: secureMoto.url, verify: certs.caPath, config: { proxies: { https: proxyUrl(`${USER}:${encodeURIComponent("wr0ng-Secret")}`) }, retries: { mode: "standard" } } },
        { service: "dynamodb", operation: "list_tables", endpoint_url: moto, config: { proxies: { http: `http://${USER}:${encodeURIComponent("wr0ng-Secret")}@127.0.0.1:1` }, retries: { total_max_attempts: 2, mode: "standard" } } },
      ];
      for (const spec of specs) {
        const client = tsClient(spec);
        const error = await (client[spec.operation] as () => Promise<unknown>).call(client).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof ProxyConnectionError, String(error));
        for (const text of [String(error), (error as Error).stack ?? "", inspect(error, { depth: 8 }), JSON.stringify(error), inspect(client.meta.config), JSON.stringify(client.meta.config), String(client.meta.config)]) {
          assert.ok(!text.includes("wr0ng-Secret"), text);
        }
      }
    } finally {
      getLogger("").removeHandler(handler);
    }
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(!line.includes("wr0ng-Secret"), line);
  });

  test("an HTTPS proxy: proxy_ca_bundle and proxy_client_cert for tunnels, proxy_use_forwarding_for_https to forward", async () => {
    const tlsProxyUrl = `https://127.0.0.1:${tlsProxy.port}`;
    const tunnelled = await both(
      {
        service: "s3",
        operation: "list_buckets",
        endpoint_url: secureMoto.url,
        verify: certs.caPath,
        config: { proxies: { https: tlsProxyUrl }, proxies_config: { proxy_ca_bundle: certs.caPath, proxy_client_cert: certs.clientBothPath } },
      },
      tlsProxy,
    );
    assert.ok(tunnelled.ts.ok && tunnelled.py.ok, JSON.stringify([tunnelled.ts.error, tunnelled.py.error]));
    assert.ok(tunnelled.tsProxied >= 1 && tunnelled.pyProxied >= 1);
    assert.deepEqual(tlsProxy.peerNames.slice(-2), ["boto3-ts-client", "boto3-ts-client"], "both showed the proxy client certificate");

    const forwarded = await both(
      {
        service: "s3",
        operation: "list_buckets",
        endpoint_url: secureMoto.url,
        verify: certs.caPath,
        config: { proxies: { https: tlsProxyUrl }, proxies_config: { proxy_ca_bundle: certs.caPath, proxy_use_forwarding_for_https: true } },
      },
      tlsProxy,
    );
    assert.ok(forwarded.ts.ok && forwarded.py.ok, JSON.stringify([forwarded.ts.error, forwarded.py.error]));
    const last = tlsProxy.log.slice(-2);
    assert.deepEqual(last.map((entry) => [entry.kind, entry.target]), [
      ["forward", `${secureMoto.url}/`],
      ["forward", `${secureMoto.url}/`],
    ]);

    // The same proxy with an unreadable CA bundle: botocore's InvalidProxiesConfigError inside an HTTPClientError.
    const broken = await both({
      service: "s3",
      operation: "list_buckets",
      endpoint_url: moto,
      config: { proxies: { http: tlsProxyUrl }, proxies_config: { proxy_ca_bundle: "/nonexistent/ca.pem" }, retries: { total_max_attempts: 1 } },
    });
    assert.deepEqual(broken.ts.error, broken.py.error);
    assert.deepEqual(broken.ts.error, {
      type: "HTTPClientError",
      message: "An HTTP Client raised an unhandled exception: Invalid configuration value(s) provided for proxies_config.",
    });
  });
});
