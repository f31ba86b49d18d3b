/**
 * The two ways a request goes through a proxy, as urllib3's ProxyManager
 * (botocore's transport) sends it:
 *
 *   forwarding  the request, with an absolute URL as its target, goes to the
 *               proxy over one pool of connections (HTTP targets; HTTPS
 *               targets too with an HTTPS proxy and
 *               `proxy_use_forwarding_for_https`);
 *   tunnelling  each connection to the target starts with `CONNECT host:port`
 *               to the proxy, then TLS with the target through it (HTTPS
 *               targets).
 *
 * Failures are tagged with where they happened, so the transport can name
 * them as botocore does (ProxyConnectionError only for what urllib3 blames
 * on the proxy).
 */
import { createRequire } from "node:module";
import { isIP, type Socket } from "node:net";
import type { ConnectionOptions, TLSSocket } from "node:tls";
import type { Dispatcher, Pool, buildConnector } from "undici";
import type { ProxyTarget } from "./proxies.js";

const requireFromHere = createRequire(import.meta.url);
type BuildConnector = (options?: buildConnector.BuildOptions) => buildConnector.connector;
let PoolClass: typeof Pool | undefined;
let buildConnectorFn: BuildConnector | undefined;
function poolClass(): typeof Pool {
  return (PoolClass ??= requireFromHere("undici/lib/dispatcher/pool.js") as typeof Pool);
}
/** undici's socket connector (TCP or TLS, connect timeout, keep-alive), loaded on first use. */
export function connectorBuilder(): BuildConnector {
  return (buildConnectorFn ??= requireFromHere("undici/lib/core/connect.js") as BuildConnector);
}

/** Where a proxied connection failed: decides the botocore error. */
export type ProxyFailureStage =
  /** Reaching the proxy, or the proxy refusing the tunnel: ProxyConnectionError. */
  | "proxy"
  /** The proxy closed the connection before answering CONNECT: ConnectionClosedError. */
  | "closed"
  /** No answer to CONNECT, or no TLS handshake with the target, in time: ReadTimeoutError. */
  | "timeout"
  /** TLS with the target through the tunnel failed: SSLError, or ConnectionClosedError. */
  | "target";

/** An error from setting up a tunnel, with the stage it failed at; the original is its `cause`. */
export class ProxyTunnelError extends Error {
  /** A stable code, so undici's error handling treats it like its own. */
  readonly code = "BOTO3TS_PROXY_TUNNEL";
  constructor(
    readonly stage: ProxyFailureStage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProxyTunnelError";
  }
}

/** What a dispatcher needs from the transport. */
export interface RequestDispatcher {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** Socket settings shared by every connection a transport opens. */
export interface SocketSettings {
  connectTimeoutMs: number;
  keepAlive: boolean;
  /** Pool size (per proxy for forwarding, per target origin for tunnels). */
  connections: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** undici connect options for these socket settings. */
export function socketOptions(settings: SocketSettings): buildConnector.BuildOptions {
  // keepAliveInitialDelay 0 keeps the system's idle time, as botocore's SO_KEEPALIVE does.
  return { timeout: settings.connectTimeoutMs, keepAlive: settings.keepAlive, keepAliveInitialDelay: 0 };
}

/** TLS options for a proxy given as an IP address: the chain is verified, the name is not (urllib3 checks names only for host names). */
export function proxyTlsOptions(proxy: ProxyTarget, tls: ConnectionOptions): ConnectionOptions {
  const bare = proxy.host.replace(/^\[|\]$/g, "");
  if (isIP(bare) !== 0) return { ...tls, checkServerIdentity: () => undefined };
  return { ...tls, servername: bare };
}

/**
 * Forwarding: one pool of connections to the proxy; each request goes out
 * with the target's absolute URL, its Host, and the proxy's credentials.
 */
export class ForwardingDispatcher implements RequestDispatcher {
  private readonly pool: Pool;

  constructor(
    private readonly proxy: ProxyTarget,
    settings: SocketSettings,
    tls: ConnectionOptions | undefined,
  ) {
    const PoolImpl = poolClass();
    this.pool = new PoolImpl(proxy.origin, {
      connections: settings.connections,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      connect: { ...socketOptions(settings), ...(tls === undefined ? {} : proxyTlsOptions(proxy, tls)) },
    });
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = String(options.origin);
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    let hasHost = false;
    for (const name in headers) if (name.length === 4 && name.toLowerCase() === "host") hasHost = true;
    if (!hasHost) headers.host = origin.slice(origin.indexOf("//") + 2);
    if (this.proxy.authorization !== undefined) headers["proxy-authorization"] = this.proxy.authorization;
    return this.pool.dispatch({ ...options, origin: this.proxy.origin, path: `${origin}${options.path}`, headers }, handler);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

// The longest CONNECT response head read before giving up on the proxy.
const MAX_CONNECT_HEAD = 64 * 1024;

/**
 * A connector (undici's `connect` option) that opens each target connection
 * through a CONNECT tunnel: a connection to the proxy (TLS for an HTTPS
 * proxy), `CONNECT host:port`, then TLS with the target over it.
 */
export function tunnelConnector(
  proxy: ProxyTarget,
  settings: SocketSettings,
  proxyTls: ConnectionOptions | undefined,
  targetTls: ConnectionOptions,
): buildConnector.connector {
  const build = connectorBuilder();
  const base = socketOptions(settings);
  const toProxy = build({ ...base, ...(proxyTls === undefined ? {} : proxyTlsOptions(proxy, proxyTls)) });
  const toTarget = build({ ...base, ...targetTls });
  const proxyHostname = proxy.host.replace(/^\[|\]$/g, "");
  return (options, callback) => {
    const fail = (stage: ProxyFailureStage, message: string, cause?: unknown): void => {
      callback(new ProxyTunnelError(stage, message, { cause }), null);
    };
    toProxy({ hostname: proxyHostname, host: proxy.host, protocol: `${proxy.scheme}:`, port: String(proxy.port) }, (error, socket) => {
      if (error !== null || socket === null) {
        fail("proxy", error?.message ?? "could not connect to the proxy", error);
        return;
      }
      const authority = `${options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname}:${options.port || (options.protocol === "https:" ? 443 : 80)}`;
      openTunnel(socket, authority, proxy.authorization, settings.connectTimeoutMs, (stage, message, cause) => {
        if (stage !== undefined) {
          socket.destroy();
          fail(stage, message!, cause);
          return;
        }
        if (options.protocol !== "https:") {
          callback(null, socket);
          return;
        }
        toTarget({ ...options, httpSocket: socket }, (tlsError, tlsSocket) => {
          if (tlsError !== null || tlsSocket === null) {
            socket.destroy();
            const timedOut = (tlsError as { code?: unknown } | null)?.code === "UND_ERR_CONNECT_TIMEOUT";
            fail(timedOut ? "timeout" : "target", tlsError?.message ?? "TLS with the target failed", tlsError);
            return;
          }
          callback(null, tlsSocket as TLSSocket);
        });
      });
    });
  };
}

/** Sends CONNECT on `socket` and reads the proxy's answer; calls back with no stage when the tunnel is open. */
function openTunnel(
  socket: Socket,
  authority: string,
  authorization: string | undefined,
  timeoutMs: number,
  done: (stage?: ProxyFailureStage, message?: string, cause?: unknown) => void,
): void {
  let head: Buffer = Buffer.alloc(0);
  let finished = false;
  const finish = (stage?: ProxyFailureStage, message?: string, cause?: unknown): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.off("error", onError);
    socket.off("close", onClose);
    // Whatever wraps the socket next reports its errors; this one must never go unheard.
    socket.on("error", () => undefined);
    done(stage, message, cause);
  };
  // urllib3 waits for the CONNECT answer with the connect timeout, and reports a read timeout.
  const timer = setTimeout(() => finish("timeout", "timed out waiting for the proxy to answer CONNECT"), timeoutMs);
  const onError = (error: Error): void => finish("closed", error.message, error);
  const onClose = (): void => finish("closed", "the proxy closed the connection before answering CONNECT");
  const onData = (chunk: Buffer): void => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end === -1) {
      if (head.length > MAX_CONNECT_HEAD) finish("proxy", "the proxy's answer to CONNECT is too long");
      return;
    }
    const statusLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
    const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/.exec(statusLine);
    if (match === null) {
      finish("closed", `the proxy answered CONNECT with ${JSON.stringify(statusLine.slice(0, 80))}`);
      return;
    }
    if (match[1] !== "200") {
      // http.client's text, which botocore keeps inside its ProxyConnectionError.
      finish("proxy", `Tunnel connection failed: ${match[1]} ${(match[2] ?? "").trim()}`);
      return;
    }
    const rest = head.subarray(end + 4);
    finish();
    if (rest.length > 0) socket.unshift(rest);
  };
  socket.on("data", onData);
  socket.on("error", onError);
  socket.on("close", onClose);
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (authorization !== undefined) lines.push(`Proxy-Authorization: ${authorization}`);
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
}
