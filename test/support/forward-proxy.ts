/**
 * A forward proxy on 127.0.0.1 for the proxy tests: plain HTTP forwarding
 * (absolute-form request targets) and CONNECT tunnels, optional basic
 * auth, optionally over TLS (an HTTPS proxy). It only ever connects to
 * loopback addresses; it records what it was asked to do.
 */
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import type { Duplex } from "node:stream";

/** One request the proxy handled. */
export interface ProxyLogEntry {
  /** `forward` for an absolute-form request, `connect` for a tunnel. */
  kind: "forward" | "connect";
  /** The absolute URL forwarded, or the `host:port` tunnelled to. */
  target: string;
  /** Whether it was refused with 407. */
  refused: boolean;
  /** The request's headers as the proxy received them (lower-cased names). */
  headers: Record<string, string | string[] | undefined>;
}

/** How the proxy behaves. */
export interface ForwardProxyOptions {
  /** `user:password` the proxy requires (Proxy-Authorization: Basic); none when absent. */
  auth?: string;
  /** Serve TLS with this key and certificate (an HTTPS proxy). */
  tls?: { key: Buffer; cert: Buffer; ca?: Buffer; requestCert?: boolean };
}

/** A running forward proxy. */
export interface ForwardProxy {
  /** `http://127.0.0.1:port` (or `https://...`), without credentials. */
  readonly url: string;
  readonly port: number;
  /** Everything handled so far, oldest first. */
  readonly log: ProxyLogEntry[];
  /** Client certificates' subjects (CN) presented to a TLS proxy. */
  readonly peerNames: string[];
  /** Client connections accepted so far, and the most open at once. */
  readonly connections: { total: number; open: number; maxOpen: number };
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function hostAndPort(authority: string, defaultPort: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (match === null) return { host: authority, port: defaultPort };
  return { host: match[1]!, port: match[2] === undefined ? defaultPort : Number(match[2]) };
}

/** Starts a forward proxy on a free loopback port. */
export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const log: ProxyLogEntry[] = [];
  const peerNames: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  const connections = { total: 0, open: 0, maxOpen: 0 };
  const expected = options.auth === undefined ? undefined : `Basic ${Buffer.from(options.auth).toString("base64")}`;
  const authorized = (req: IncomingMessage): boolean => expected === undefined || req.headers["proxy-authorization"] === expected;
  const notePeer = (req: IncomingMessage): void => {
    const socket = req.socket as Socket & { getPeerCertificate?: () => { subject?: { CN?: string } } };
    const cn = socket.getPeerCertificate?.()?.subject?.CN;
    if (cn !== undefined) peerNames.push(String(cn));
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    notePeer(req);
    const target = req.url ?? "";
    const refused = !authorized(req);
    log.push({ kind: "forward", target, refused, headers: { ...req.headers } });
    if (refused) {
      res.writeHead(407, { "Proxy-Authenticate": 'Basic realm="boto3-ts test proxy"', "Content-Type": "text/plain" });
      res.end("Proxy Authentication Required");
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end("absolute-form request target required");
      return;
    }
    if (!LOOPBACK.has(url.hostname)) {
      res.writeHead(403).end("this proxy only reaches loopback addresses");
      return;
    }
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    // An https:// target (proxy_use_forwarding_for_https): the proxy makes the TLS connection; a test proxy trusts any loopback server.
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send(
      {
        host: url.hostname,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        rejectUnauthorized: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  };

  const onConnect = (req: IncomingMessage, client: Duplex, head: Buffer): void => {
    notePeer(req);
    const target = req.url ?? "";
    const refused = !authorized(req);
    log.push({ kind: "connect", target, refused, headers: { ...req.headers } });
    client.on("error", () => undefined);
    if (refused) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="boto3-ts test proxy"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const { host, port } = hostAndPort(target, 443);
    if (!LOOPBACK.has(host)) {
      client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const upstream = connect(port, host.replace(/^\[|\]$/g, ""), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  };

  const server: Server = options.tls
    ? createHttpsServer(
        { key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: options.tls.requestCert ?? false, rejectUnauthorized: false },
        onRequest,
      )
    : createHttpServer(onRequest);
  server.on("connect", onConnect);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    connections.total += 1;
    connections.open += 1;
    connections.maxOpen = Math.max(connections.maxOpen, connections.open);
    socket.on("close", () => {
      sockets.delete(socket);
      connections.open -= 1;
    });
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    log,
    peerNames,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
