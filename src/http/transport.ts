/**
 * The HTTP transport: what botocore's URLLib3Session does, on undici.
 * Keep-alive pools per origin, connect and read timeouts, TLS verification,
 * proxies (proxies.ts, proxy-dispatchers.ts), SO_KEEPALIVE only when asked,
 * `Expect: 100-continue` (expect-continue.ts, on Node's HTTP client), and
 * botocore's error classes for every way a request can fail.
 *
 * Transports are shared: every client created with the same options gets
 * the same instance, and so the same connection pools.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSecureContext, rootCertificates, type ConnectionOptions } from "node:tls";
import type { Agent, Dispatcher } from "undici";

// undici's index loads fetch, websockets, caches and more (~100 ms); the
// agent alone is a third of that, and is loaded on the first request, so
// importing boto3-ts or creating clients never pays for it.
const requireFromHere = createRequire(import.meta.url);
let AgentClass: typeof Agent | undefined;
function agentClass(): typeof Agent {
  return (AgentClass ??= requireFromHere("undici/lib/dispatcher/agent.js") as typeof Agent);
}
import type { AWSPreparedRequest, Headers } from "./types.js";
import type { HttpResponse } from "./http-response.js";
import { BufferedResponse, type Exchange, ExchangeHandler, ResponseStream } from "./exchange-handler.js";
import { translateSendError } from "./transport-errors.js";
import { StreamingBody } from "./streaming-body.js";
import { InvalidProxiesConfigError } from "../exceptions.js";
import { parseProxy, proxyUrlFor, type ProxyMap, type ProxyTarget } from "./proxies.js";
import { ContinueExchangeError, ContinueSender, type ContinueExchange, continueHeadersSendable, wantsContinue } from "./expect-continue.js";
import { ForwardingDispatcher, type RequestDispatcher, type SocketSettings, socketOptions, tunnelConnector } from "./proxy-dispatchers.js";

export type { HttpResponse } from "./http-response.js";

/** botocore's defaults (httpsession.py and config.py). */
export const DEFAULT_MAX_POOL_CONNECTIONS = 10;
/** Seconds; botocore's DEFAULT_TIMEOUT for both connect and read. */
export const DEFAULT_TIMEOUT = 60;

/** The `Config` settings that shape a transport (botocore's URLLib3Session arguments). */
export interface TransportOptions {
  /** Connections kept per origin; also the most requests in flight to one origin. */
  max_pool_connections?: number;
  /** Seconds to establish a connection (TCP and TLS). */
  connect_timeout?: number;
  /** Seconds of silence tolerated while waiting for the response head or between body chunks. 0 disables it. */
  read_timeout?: number;
  /** False to skip certificate checks; a path to use that CA bundle instead of Node's. */
  verify?: boolean | string;
  /** A PEM file holding the client certificate and its key, or `[certificate file, key file]`. */
  client_cert?: string | readonly [string, string];
  /**
   * Proxy URLs by request scheme (`{ https: "http://user:pass@proxy:3128" }`): Config's
   * `proxies`, or when Config has none, the environment's (see `environProxies`).
   */
  proxies?: ProxyMap | null;
  /** Config's `proxies_config`: TLS with an HTTPS proxy, and forwarding instead of tunnelling. */
  proxies_config?: TransportProxiesConfig | null;
  /** SO_KEEPALIVE on every connection (botocore's `tcp_keepalive`); off by default, as in botocore. */
  tcp_keepalive?: boolean;
}

/** botocore's `proxies_config` keys. */
export interface TransportProxiesConfig {
  /** CA bundle that verifies an HTTPS proxy (with the target's, when tunnelling). */
  readonly proxy_ca_bundle?: string | null;
  /** Client certificate presented to an HTTPS proxy: one PEM file, or [certificate, key]. */
  readonly proxy_client_cert?: string | readonly [string, string] | null;
  /** With an HTTPS proxy, send HTTPS requests to it as absolute URLs instead of CONNECT tunnels. */
  readonly proxy_use_forwarding_for_https?: unknown;
}

interface ResolvedOptions {
  maxPoolConnections: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  verify: boolean | string;
  clientCert: string | readonly [string, string] | undefined;
  proxies: ProxyMap | undefined;
  proxiesConfig: TransportProxiesConfig;
  tcpKeepalive: boolean;
}

function resolveOptions(options: TransportOptions): ResolvedOptions {
  const proxies = options.proxies;
  return {
    maxPoolConnections: options.max_pool_connections ?? DEFAULT_MAX_POOL_CONNECTIONS,
    connectTimeoutMs: Math.round((options.connect_timeout ?? DEFAULT_TIMEOUT) * 1000),
    readTimeoutMs: Math.round((options.read_timeout ?? DEFAULT_TIMEOUT) * 1000),
    verify: options.verify ?? true,
    clientCert: options.client_cert,
    proxies: proxies === null || proxies === undefined || Object.keys(proxies).length === 0 ? undefined : { ...proxies },
    proxiesConfig: { ...(options.proxies_config ?? {}) },
    tcpKeepalive: options.tcp_keepalive === true,
  };
}

function cacheKey(o: ResolvedOptions): string {
  const cert = o.clientCert === undefined ? "" : typeof o.clientCert === "string" ? o.clientCert : o.clientCert.join("\0");
  const proxies = o.proxies === undefined ? "" : JSON.stringify(o.proxies);
  const proxiesConfig = JSON.stringify(o.proxiesConfig);
  return `${o.maxPoolConnections}|${o.connectTimeoutMs}|${o.readTimeoutMs}|${String(o.verify)}|${cert}|${o.tcpKeepalive ? 1 : 0}|${proxies}|${proxiesConfig}`;
}

/** Reads a `[certificate, key]` pair or a PEM holding both. */
function readClientCert(cert: string | readonly [string, string]): { cert: Buffer; key: Buffer } {
  if (typeof cert === "string") {
    const both = readFileSync(cert);
    return { cert: both, key: both };
  }
  return { cert: readFileSync(cert[0]), key: readFileSync(cert[1]) };
}

/** The origin (`scheme://host[:port]`) and request target of a URL, without building a URL object. */
export function splitUrl(url: string): { origin: string; path: string } {
  const schemeEnd = url.indexOf("://");
  if (schemeEnd > 0) {
    const hostStart = schemeEnd + 3;
    let pathStart = hostStart;
    while (pathStart < url.length) {
      const c = url.charCodeAt(pathStart);
      if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
      if (c === 64 /* @ */) return splitParsed(url);
      pathStart++;
    }
    const origin = url.slice(0, pathStart);
    let path = url.slice(pathStart);
    const hash = path.indexOf("#");
    if (hash !== -1) path = path.slice(0, hash);
    if (path === "" || path.charCodeAt(0) === 63) path = `/${path}`;
    return { origin, path };
  }
  return splitParsed(url);
}

// URLs with credentials or anything unusual take the slow, strict route.
function splitParsed(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The headers as undici must receive them. undici refuses `Expect` (it has
 * no 100-continue on HTTP/1.1: those requests go through expect-continue.ts,
 * except through a proxy, where the header is dropped) and
 * `Transfer-Encoding` (it chunks bodies of unknown
 * length by itself), and writes values as latin1, so values with non-ASCII
 * text are re-encoded to carry their UTF-8 bytes, as botocore sends them.
 * The caller's object is returned as is when nothing needs changing.
 */
export function headersForUndici(headers: Headers): Headers {
  let out: Headers | undefined;
  for (const name in headers) {
    const value = headers[name]!;
    const drop =
      (name.length === 6 && name.toLowerCase() === "expect") ||
      (name.length === 17 && name.toLowerCase() === "transfer-encoding");
    const reencode = !drop && NON_ASCII.test(value);
    if (!drop && !reencode) continue;
    out ??= { ...headers };
    if (drop) delete out[name];
    else out[name] = Buffer.from(value, "utf8").toString("latin1");
  }
  return out ?? headers;
}

/** Sends prepared requests over pooled keep-alive connections (botocore's URLLib3Session). */
export class HttpTransport {
  private readonly options: ResolvedOptions;
  private agent: Agent | undefined;
  /** Proxy dispatchers by target scheme and proxy URL. */
  private readonly proxied = new Map<string, { dispatcher: RequestDispatcher; proxy: ProxyTarget }>();
  private targetTlsOptions: ConnectionOptions | undefined;
  private continueSender: ContinueSender | undefined;

  constructor(options: TransportOptions = {}) {
    this.options = resolveOptions(options);
  }

  /**
   * Sends one request. Unless the request streams its output, the whole body
   * is read before this resolves (so a connection dropped mid-body is a
   * ConnectionClosedError here, as in botocore) and is in `content`.
   * Failures reject with botocore's errors: EndpointConnectionError,
   * ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError, SSLError,
   * or HTTPClientError.
   */
  async send(request: AWSPreparedRequest): Promise<HttpResponse> {
    const url = request.url;
    const streaming = request.stream_output;
    let handler: ExchangeHandler | undefined;
    let exchange: Exchange;
    let proxy: ProxyTarget | undefined;
    let target: { origin: string; path: string };
    let dispatcher: RequestDispatcher;
    try {
      target = splitUrl(url);
      const route = this.dispatcherFor(target.origin);
      dispatcher = route.dispatcher;
      proxy = route.proxy;
    } catch (error) {
      throw translateSendError(error, url, "connect", request);
    }
    const { origin, path } = target;
    // botocore's 100-continue handshake, on direct connections (through a proxy the header is dropped).
    if (proxy === undefined && !streaming && hasBody(request.body) && wantsContinue(request.headers) && continueHeadersSendable(request.headers)) {
      return this.sendWithContinue(request, origin, path);
    }
    try {
      exchange = await new Promise<Exchange>((resolve, reject) => {
        handler = new ExchangeHandler(streaming, resolve, reject);
        const body = request.body;
        dispatcher.dispatch(
          {
            origin,
            path,
            method: request.method as Dispatcher.HttpMethod,
            headers: headersForUndici(request.headers),
            body: body === undefined || body === "" ? null : body,
          },
          handler,
        );
      });
    } catch (error) {
      // Made here, in the caller's await chain, so the stack shows who sent it.
      const phase = handler?.responded ? "response" : handler?.connected ? "exchange" : "connect";
      throw translateSendError(error, url, phase, request, proxy);
    }
    if (exchange.stream !== undefined) return streamedResponse(url, exchange, exchange.stream);
    return new BufferedResponse(url, exchange.status_code, exchange.headers, exchange.content!);
  }

  private async sendWithContinue(request: AWSPreparedRequest, origin: string, path: string): Promise<HttpResponse> {
    this.continueSender ??= new ContinueSender(
      {
        connectTimeoutMs: this.options.connectTimeoutMs,
        readTimeoutMs: this.options.readTimeoutMs,
        maxSockets: this.options.maxPoolConnections,
        tcpKeepalive: this.options.tcpKeepalive,
      },
      () => this.targetTls(),
    );
    let exchange: ContinueExchange;
    try {
      exchange = await this.continueSender.send(request, origin, path);
    } catch (error) {
      if (!(error instanceof ContinueExchangeError)) throw error;
      const phase = error.responded ? "response" : error.connected ? "exchange" : "connect";
      throw translateSendError(error.cause, request.url, phase, request);
    }
    return new BufferedResponse(request.url, exchange.status_code, exchange.headers, exchange.content);
  }

  /**
   * Closes every pooled connection; requests in flight finish first.
   * Shared transports are normally never closed: idle connections do not
   * keep the process alive.
   */
  async close(): Promise<void> {
    const dispatchers = this.takeDispatchers();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
  }

  /** Closes every connection now, failing requests in flight. */
  async destroy(): Promise<void> {
    const dispatchers = this.takeDispatchers();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy()));
  }

  private takeDispatchers(): RequestDispatcher[] {
    this.continueSender?.close();
    this.continueSender = undefined;
    const out: RequestDispatcher[] = [...this.proxied.values()].map((route) => route.dispatcher);
    if (this.agent !== undefined) out.push(this.agent);
    this.agent = undefined;
    this.proxied.clear();
    return out;
  }

  /**
   * The dispatcher for an origin: the direct agent, or the proxy's (by the
   * request's scheme, botocore's `proxy_url_for`), made on first use.
   */
  private dispatcherFor(origin: string): { dispatcher: RequestDispatcher; proxy: ProxyTarget | undefined } {
    const proxies = this.options.proxies;
    const proxyUrl = proxies === undefined ? undefined : proxyUrlFor(origin, proxies);
    if (proxyUrl === undefined) return { dispatcher: (this.agent ??= this.createAgent()), proxy: undefined };
    const https = origin.charCodeAt(4) === 115; /* "https:" */
    const key = `${https ? "https" : "http"} ${proxyUrl}`;
    let route = this.proxied.get(key);
    if (route === undefined) {
      route = this.createProxyRoute(proxyUrl, https);
      this.proxied.set(key, route);
    }
    return route;
  }

  private socketSettings(): SocketSettings {
    const o = this.options;
    return {
      connectTimeoutMs: o.connectTimeoutMs,
      keepAlive: o.tcpKeepalive,
      connections: o.maxPoolConnections,
      headersTimeoutMs: o.readTimeoutMs,
      bodyTimeoutMs: o.readTimeoutMs,
    };
  }

  /**
   * TLS with the target: verification per `verify` (false, a CA bundle, or
   * Node's CAs) and the client certificate. Files are read on first use,
   * not when a client is created; a missing one fails that first request
   * with an HTTPClientError.
   */
  private targetTls(): ConnectionOptions {
    if (this.targetTlsOptions !== undefined) return this.targetTlsOptions;
    const o = this.options;
    const tls: ConnectionOptions = {};
    if (o.verify === false) tls.rejectUnauthorized = false;
    else if (typeof o.verify === "string") tls.ca = readFileSync(o.verify);
    if (o.clientCert !== undefined) Object.assign(tls, readClientCert(o.clientCert));
    return (this.targetTlsOptions = tls);
  }

  /**
   * How urllib3's ProxyManager reaches a target through this proxy:
   * HTTP targets are forwarded (to an HTTPS proxy over TLS that is not
   * verified, as urllib3 does); HTTPS targets are tunnelled, or forwarded
   * when the proxy is HTTPS and `proxy_use_forwarding_for_https` is set.
   */
  private createProxyRoute(proxyUrl: string, httpsTarget: boolean): { dispatcher: RequestDispatcher; proxy: ProxyTarget } {
    const proxy = parseProxy(proxyUrl);
    const proxyConfig = this.proxyConfigTls();
    const settings = this.socketSettings();
    const targetTls = this.targetTls();
    const clientCert = { cert: targetTls.cert, key: targetTls.key };
    if (!httpsTarget) {
      const tls = proxy.scheme === "https" ? { rejectUnauthorized: false, ...clientCert } : undefined;
      return { dispatcher: new ForwardingDispatcher(proxy, settings, tls), proxy };
    }
    if (proxy.scheme === "https" && this.options.proxiesConfig.proxy_use_forwarding_for_https) {
      return { dispatcher: new ForwardingDispatcher(proxy, settings, targetTls), proxy };
    }
    // Through a tunnel, an HTTPS proxy is verified with the target's settings plus proxy_ca_bundle,
    // and shown proxy_client_cert (never the target's certificate).
    let proxyTls: ConnectionOptions | undefined;
    if (proxy.scheme === "https") {
      proxyTls = { rejectUnauthorized: targetTls.rejectUnauthorized !== false };
      if (proxyConfig.ca !== undefined) {
        const targetCa = targetTls.ca !== undefined ? [targetTls.ca as Buffer] : rootCertificates.map((pem) => Buffer.from(pem));
        proxyTls.ca = [proxyConfig.ca, ...targetCa];
      } else if (targetTls.ca !== undefined) {
        proxyTls.ca = targetTls.ca;
      }
      if (proxyConfig.cert !== undefined) Object.assign(proxyTls, { cert: proxyConfig.cert, key: proxyConfig.key });
    }
    const AgentImpl = agentClass();
    const agent = new AgentImpl({
      connections: settings.connections,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      connect: tunnelConnector(proxy, settings, proxyTls, targetTls),
    });
    return { dispatcher: agent, proxy };
  }

  /**
   * `proxy_ca_bundle` and `proxy_client_cert`, read and checked when a proxy
   * is first used (as botocore builds its proxy TLS context for every
   * proxy); unreadable or invalid files are an InvalidProxiesConfigError.
   */
  private proxyConfigTls(): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
    const { proxy_ca_bundle: caBundle, proxy_client_cert: clientCert } = this.options.proxiesConfig;
    if ((caBundle === undefined || caBundle === null) && (clientCert === undefined || clientCert === null)) return {};
    try {
      const out: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
      if (caBundle !== undefined && caBundle !== null) out.ca = readFileSync(caBundle);
      if (clientCert !== undefined && clientCert !== null) Object.assign(out, readClientCert(clientCert));
      createSecureContext(out);
      return out;
    } catch (error) {
      throw new InvalidProxiesConfigError({ error }, { cause: error });
    }
  }

  private createAgent(): Agent {
    const o = this.options;
    const AgentImpl = agentClass();
    return new AgentImpl({
      connections: o.maxPoolConnections,
      headersTimeout: o.readTimeoutMs,
      bodyTimeout: o.readTimeoutMs,
      connect: { ...socketOptions(this.socketSettings()), ...this.targetTls() },
    });
  }
}

function hasBody(body: AWSPreparedRequest["body"]): boolean {
  if (body === undefined || body === "") return false;
  return !(body instanceof Uint8Array) || body.byteLength > 0;
}

function streamedResponse(url: string, exchange: Exchange, stream: ResponseStream): HttpResponse {
  return { url, status_code: exchange.status_code, headers: exchange.headers, body: stream };
}

const shared = new Map<string, HttpTransport>();
let defaultTransport: HttpTransport | undefined;

/**
 * The transport for these options, shared by every caller that asks with
 * equal options; creating a client therefore opens and allocates nothing.
 */
export function getTransport(options?: TransportOptions): HttpTransport {
  const allDefault =
    options === undefined ||
    (options.max_pool_connections === undefined &&
      options.connect_timeout === undefined &&
      options.read_timeout === undefined &&
      options.verify === undefined &&
      options.client_cert === undefined &&
      (options.proxies === undefined || options.proxies === null || Object.keys(options.proxies).length === 0) &&
      (options.proxies_config === undefined || options.proxies_config === null) &&
      options.tcp_keepalive !== true);
  if (allDefault && defaultTransport !== undefined) return defaultTransport;
  const resolved = resolveOptions(options ?? {});
  const key = cacheKey(resolved);
  let transport = shared.get(key);
  if (transport === undefined) {
    transport = new HttpTransport(options);
    shared.set(key, transport);
  }
  if (allDefault) defaultTransport = transport;
  return transport;
}

/**
 * Reads a response's whole body: `content` when `send` already read it,
 * otherwise the stream, with StreamingBody's errors and length check.
 */
export function readBody(response: HttpResponse): Promise<Uint8Array> {
  if (response.content !== undefined) return Promise.resolve(response.content);
  return new StreamingBody(response.body, response.headers["content-length"], response.url).read();
}
