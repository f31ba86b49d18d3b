// Socket settings botocore controls: SO_KEEPALIVE only with tcp_keepalive
// (checked in the kernel's own view of the client's socket, /proc/net/tcp),
// and max_pool_connections bounding connections through proxies too.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { Config } from "../../../src/config/config.js";
import { HttpTransport } from "../../../src/http/transport.js";
import { Session } from "../../../src/session.js";
import { type ForwardProxy, startForwardProxy } from "../../support/forward-proxy.js";
import { makeTestCertificates, startTlsTerminator, type TestCertificates, type TlsTerminator } from "../../support/tls-fixtures.js";

const PROC_TCP = "/proc/net/tcp";

/** The kernel's timer for the established connection between these ports: "00" none, "02" keep-alive; and its seconds to go. */
function socketTimer(localPort: number, remotePort: number): { timer: string; seconds: number } | undefined {
  const hex = (port: number): string => `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  for (const line of readFileSync(PROC_TCP, "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    // Older connections that used the same port linger in TIME_WAIT: only the established one counts.
    if (fields.length < 6 || !fields[1]!.endsWith(hex(localPort)) || !fields[2]!.endsWith(hex(remotePort)) || fields[3] !== "01") continue;
    const [timer, when] = fields[5]!.split(":");
    return { timer: timer!, seconds: parseInt(when!, 16) / 100 };
  }
  return undefined;
}

describe("tcp_keepalive", { skip: existsSync(PROC_TCP) ? undefined : "needs Linux's /proc/net/tcp" }, () => {
  let server: Server;
  let url: string;
  const clientPorts: number[] = [];
  before(async () => {
    server = createServer((req, res) => {
      clientPorts.push((req.socket as Socket).remotePort!);
      res.setHeader("Content-Type", "application/x-amz-json-1.0");
      res.end('{"TableNames":[]}');
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  async function timerAfterOneCall(config: Config | null, env: Record<string, string> = {}): Promise<{ timer: string; seconds: number }> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const session = new Session({ aws_access_key_id: "a", aws_secret_access_key: "b", region_name: "us-east-1" });
      const client = session.client("dynamodb", { endpoint_url: url, config });
      await client.list_tables();
    } finally {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    }
    const timer = socketTimer(clientPorts[clientPorts.length - 1]!, (server.address() as AddressInfo).port);
    assert.ok(timer !== undefined, "the client's socket is in /proc/net/tcp");
    return timer;
  }

  test("off by default, as botocore (undici alone would probe after 60 s)", async () => {
    assert.equal((await timerAfterOneCall(null)).timer, "00");
    assert.equal((await timerAfterOneCall(new Config({ tcp_keepalive: false, read_timeout: 7 }))).timer, "00");
  });

  test("tcp_keepalive: true turns SO_KEEPALIVE on with the system's idle time, as botocore's socket option", async () => {
    const systemIdle = Number(readFileSync("/proc/sys/net/ipv4/tcp_keepalive_time", "utf8"));
    const { timer, seconds } = await timerAfterOneCall(new Config({ tcp_keepalive: true }));
    assert.equal(timer, "02", "a keep-alive timer runs");
    assert.ok(seconds > systemIdle - 60 && seconds <= systemIdle, `first probe in ${seconds} s (system: ${systemIdle} s)`);
  });

  test("BOTOCORE_TCP_KEEPALIVE=true (the config chain) turns it on too; Config false wins", async () => {
    assert.equal((await timerAfterOneCall(new Config({ read_timeout: 8 }), { BOTOCORE_TCP_KEEPALIVE: "true" })).timer, "02");
    assert.equal((await timerAfterOneCall(new Config({ tcp_keepalive: false, read_timeout: 9 }), { BOTOCORE_TCP_KEEPALIVE: "true" })).timer, "00");
  });
});

describe("max_pool_connections through proxies", () => {
  let target: Server;
  let certs: TestCertificates;
  let secureTarget: TlsTerminator;
  let proxy: ForwardProxy;
  const transports: HttpTransport[] = [];
  before(async () => {
    target = createServer((_req, res) => {
      setTimeout(() => res.end("ok"), 50);
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    certs = makeTestCertificates();
    secureTarget = await startTlsTerminator(certs, (target.address() as AddressInfo).port);
    proxy = await startForwardProxy();
  });
  after(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await proxy.close();
    await secureTarget.close();
    target.closeAllConnections();
    target.close();
    certs.remove();
  });

  test("forwarding: at most max_pool_connections connections to the proxy", async () => {
    const transport = new HttpTransport({ max_pool_connections: 4, proxies: { http: proxy.url } });
    transports.push(transport);
    const base = proxy.connections.total;
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/x`;
    const responses = await Promise.all(
      Array.from({ length: 24 }, () => transport.send({ method: "GET", url, headers: {}, body: undefined, stream_output: false, context: {} })),
    );
    assert.ok(responses.every((r) => r.status_code === 200));
    assert.ok(proxy.connections.total - base <= 4, `${proxy.connections.total - base} connections`);
  });

  test("tunnels: at most max_pool_connections tunnels per target", async () => {
    const transport = new HttpTransport({ max_pool_connections: 3, proxies: { https: proxy.url }, verify: certs.caPath });
    transports.push(transport);
    const before = proxy.log.length;
    const responses = await Promise.all(
      Array.from({ length: 24 }, () =>
        transport.send({ method: "GET", url: `${secureTarget.url}/x`, headers: {}, body: undefined, stream_output: false, context: {} }),
      ),
    );
    assert.ok(responses.every((r) => r.status_code === 200));
    const tunnels = proxy.log.slice(before).filter((entry) => entry.kind === "connect");
    assert.ok(tunnels.length >= 1 && tunnels.length <= 3, `${tunnels.length} tunnels`);
  });
});
