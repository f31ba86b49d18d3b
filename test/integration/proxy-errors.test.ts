/**
 * How a proxied request fails, boto3-ts against botocore (urllib3 2.x) on
 * the same local servers: what urllib3 blames on the proxy becomes
 * ProxyConnectionError (a refused or unreachable proxy, a refused CONNECT,
 * an HTTPS proxy that fails verification, a connection closed or reset
 * before any response), what it does not keeps its usual name (a read
 * timeout, a CONNECT closed unanswered, the target's own TLS failure).
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { BotocoreCalls, type CallSpec, tsCall } from "../support/call-differential.js";
import { type ForwardProxy, startForwardProxy } from "../support/forward-proxy.js";
import { makeTestCertificates, startTlsTerminator, type TestCertificates, type TlsTerminator } from "../support/tls-fixtures.js";

/** A raw TCP server that does `onHead` once a request head (or CONNECT line) has arrived. */
async function rawServer(onHead: (socket: Socket) => void): Promise<TcpServer> {
  const server = createTcpServer((socket) => {
    socket.on("error", () => undefined);
    let seen = "";
    socket.on("data", (data) => {
      seen += data.toString("latin1");
      if (seen.includes("\r\n\r\n")) onHead(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const portOf = (server: Server | TcpServer): number => (server.address() as AddressInfo).port;

describe("proxy failures named as botocore names them", () => {
  let target: Server;
  let closer: TcpServer;
  let resetter: TcpServer;
  let silent: TcpServer;
  let refusedPort: number;
  let certs: TestCertificates;
  let secureTarget: TlsTerminator;
  let secureCloser: TlsTerminator;
  let proxy: ForwardProxy;
  let tlsProxy: ForwardProxy;
  // An HTTPS proxy whose certificate another CA signed.
  let otherCerts: TestCertificates;
  let otherTlsProxy: ForwardProxy;
  let botocore: BotocoreCalls;

  before(async () => {
    target = createServer((_req, res) => {
      res.setHeader("Content-Type", "application/x-amz-json-1.0");
      res.end('{"TableNames":["t"]}');
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    closer = await rawServer((socket) => socket.destroy());
    resetter = await rawServer((socket) => socket.resetAndDestroy());
    silent = await rawServer(() => undefined);
    const spare = createTcpServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    refusedPort = portOf(spare);
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    certs = makeTestCertificates();
    secureTarget = await startTlsTerminator(certs, portOf(target));
    secureCloser = await startTlsTerminator(certs, portOf(closer));
    proxy = await startForwardProxy({ auth: "user:pass" });
    tlsProxy = await startForwardProxy({ tls: { key: certs.read(certs.serverKeyPath), cert: certs.read(certs.serverCertPath) } });
    otherCerts = makeTestCertificates();
    otherTlsProxy = await startForwardProxy({ tls: { key: otherCerts.read(otherCerts.serverKeyPath), cert: otherCerts.read(otherCerts.serverCertPath) } });
    botocore = new BotocoreCalls();
  });
  after(async () => {
    await botocore?.close();
    await Promise.all([proxy?.close(), tlsProxy?.close(), otherTlsProxy?.close(), secureTarget?.close(), secureCloser?.close()]);
    for (const server of [target, closer, resetter, silent]) server?.close();
    certs?.remove();
    otherCerts?.remove();
  });

  interface Case {
    name: string;
    endpoint: () => string;
    proxies: () => Record<string, string>;
    proxies_config?: () => Record<string, unknown>;
    verify?: () => string | boolean;
    expect: { type: string; message?: RegExp };
  }
  const http = (): string => `http://127.0.0.1:${portOf(target)}`;
  const cases: Case[] = [
    { name: "forwarding works", endpoint: http, proxies: () => ({ http: `http://user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ok" } },
    { name: "a tunnel works", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: `http://user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ok" } },
    { name: "a proxy URL without a scheme is http://", endpoint: http, proxies: () => ({ http: `user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ok" } },
    { name: "a proxy URL starting with // is http:", endpoint: http, proxies: () => ({ http: `//user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ok" } },
    { name: "proxies are looked up by scheme only", endpoint: http, proxies: () => ({ [http()]: `http://127.0.0.1:${refusedPort}` }), expect: { type: "ok" } },
    {
      name: "a refused proxy (forwarding)",
      endpoint: http,
      proxies: () => ({ http: `http://user:pass@127.0.0.1:${refusedPort}` }),
      expect: { type: "ProxyConnectionError", message: /^Failed to connect to proxy URL: "http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+"$/ },
    },
    {
      name: "a refused proxy (tunnel)",
      endpoint: () => secureTarget.url,
      verify: () => certs.caPath,
      proxies: () => ({ https: `http://127.0.0.1:${refusedPort}` }),
      expect: { type: "ProxyConnectionError" },
    },
    { name: "CONNECT refused with 407", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: `http://user:bad@127.0.0.1:${proxy.port}` }), expect: { type: "ProxyConnectionError" } },
    { name: "forwarding answered 407", endpoint: http, proxies: () => ({ http: `http://127.0.0.1:${proxy.port}` }), expect: { type: "ClientError" } },
    { name: "a silent proxy (forwarding): read timeout", endpoint: http, proxies: () => ({ http: `http://127.0.0.1:${portOf(silent)}` }), expect: { type: "ReadTimeoutError" } },
    { name: "a silent proxy (CONNECT unanswered): read timeout", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: `http://127.0.0.1:${portOf(silent)}` }), expect: { type: "ReadTimeoutError" } },
    { name: "the proxy closes before answering (forwarding)", endpoint: http, proxies: () => ({ http: `http://127.0.0.1:${portOf(closer)}` }), expect: { type: "ProxyConnectionError" } },
    { name: "the proxy resets before answering (forwarding)", endpoint: http, proxies: () => ({ http: `http://127.0.0.1:${portOf(resetter)}` }), expect: { type: "ProxyConnectionError" } },
    { name: "the target closes behind the proxy (forwarding)", endpoint: () => `http://127.0.0.1:${portOf(closer)}`, proxies: () => ({ http: `http://user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ProxyConnectionError" } },
    { name: "the proxy closes CONNECT unanswered", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: `http://127.0.0.1:${portOf(closer)}` }), expect: { type: "ConnectionClosedError" } },
    { name: "the target closes inside the tunnel", endpoint: () => secureCloser.url, verify: () => certs.caPath, proxies: () => ({ https: `http://user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "ProxyConnectionError" } },
    { name: "the target's certificate is not trusted (tunnel)", endpoint: () => secureTarget.url, proxies: () => ({ https: `http://user:pass@127.0.0.1:${proxy.port}` }), expect: { type: "SSLError" } },
    { name: "an HTTPS proxy's certificate is not trusted (tunnel)", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: otherTlsProxy.url }), expect: { type: "ProxyConnectionError" } },
    {
      name: "proxy_ca_bundle trusts the proxy, beside the target's bundle (tunnel)",
      endpoint: () => secureTarget.url,
      verify: () => certs.caPath,
      proxies: () => ({ https: otherTlsProxy.url }),
      proxies_config: () => ({ proxy_ca_bundle: otherCerts.caPath }),
      expect: { type: "ok" },
    },
    { name: "an HTTPS proxy verified with the target's CA bundle (tunnel)", endpoint: () => secureTarget.url, verify: () => certs.caPath, proxies: () => ({ https: tlsProxy.url }), expect: { type: "ok" } },
    { name: "an HTTPS proxy, verify false (tunnel)", endpoint: () => secureTarget.url, verify: () => false, proxies: () => ({ https: tlsProxy.url }), expect: { type: "ok" } },
    { name: "an HTTPS proxy for an http:// target is not verified", endpoint: http, proxies: () => ({ http: tlsProxy.url }), expect: { type: "ok" } },
  ];

  for (const kase of cases) {
    test(kase.name, async () => {
      const spec: CallSpec = {
        service: "dynamodb",
        operation: "list_tables",
        endpoint_url: kase.endpoint(),
        verify: kase.verify?.() ?? null,
        config: {
          proxies: kase.proxies(),
          proxies_config: kase.proxies_config?.() ?? null,
          retries: { total_max_attempts: 1 },
          connect_timeout: 1,
          read_timeout: 1,
        },
      };
      const [ts, py] = await Promise.all([tsCall(spec), botocore.call(spec)]);
      const kind = (outcome: typeof ts): string => (outcome.ok ? "ok" : outcome.error!.type);
      assert.equal(kind(py), kase.expect.type, `botocore: ${JSON.stringify(py.error)}`);
      assert.equal(kind(ts), kind(py), `boto3-ts: ${JSON.stringify(ts.error)}`);
      // CPython appends its source location to SSL errors ("(_ssl.c:1006)"); boto3-ts has none to give.
      const pyMessage = py.error?.message.replace(/ \(_ssl\.c:\d+\)$/, "");
      assert.equal(ts.error?.message, pyMessage);
      assert.equal(ts.error?.code, py.error?.code);
      if (kase.expect.message !== undefined) assert.match(ts.error!.message, kase.expect.message);
    });
  }
});
