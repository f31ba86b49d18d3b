/**
 * The HTTP transport: what botocore's URLLib3Session does, on undici.
 * Keep-alive pools per origin, connect and read timeouts, TLS verification,
 * and botocore's error classes for every way a request can fail.
 *
 * Transports are shared: every client created with the same options gets
 * the same instance, and so the same connection pools.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
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
}

interface ResolvedOptions {
  maxPoolConnections: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  verify: boolean | string;
  clientCert: string | readonly [string, string] | undefined;
}

function resolveOptions(options: TransportOptions): ResolvedOptions {
  return {
    maxPoolConnections: options.max_pool_connections ?? DEFAULT_MAX_POOL_CONNECTIONS,
    connectTimeoutMs: Math.round((options.connect_timeout ?? DEFAULT_TIMEOUT) * 1000),
    readTimeoutMs: Math.round((options.read_timeout ?? DEFAULT_TIMEOUT) * 1000),
    verify: options.verify ?? true,
    clientCert: options.client_cert,
  };
}

function cacheKey(o: ResolvedOptions): string {
  const cert = o.clientCert === undefined ? "" : typeof o.clientCert === "string" ? o.clientCert : o.clientCert.join("\0");
  return `${o.maxPoolConnections}|${o.connectTimeoutMs}|${o.readTimeoutMs}|${String(o.verify)}|${cert}`;
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
 * no 100-continue) and `Transfer-Encoding` (it chunks bodies of unknown
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
    try {
      const { origin, path } = splitUrl(url);
      const dispatcher = this.dispatcherFor(origin);
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
      throw translateSendError(error, url, handler?.connected ? "exchange" : "connect", request);
    }
    if (exchange.stream !== undefined) return streamedResponse(url, exchange, exchange.stream);
    return new BufferedResponse(url, exchange.status_code, exchange.headers, exchange.content!);
  }

  /**
   * Closes every pooled connection; requests in flight finish first.
   * Shared transports are normally never closed: idle connections do not
   * keep the process alive.
   */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    if (agent !== undefined) await agent.close();
  }

  /** Closes every connection now, failing requests in flight. */
  async destroy(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    if (agent !== undefined) await agent.destroy();
  }

  /**
   * The dispatcher for an origin. Proxy support (botocore's `proxies` and
   * `proxies_config`, HTTP(S)_PROXY / NO_PROXY) belongs here: pick a
   * ProxyAgent per origin instead of the direct agent.
   */
  private dispatcherFor(_origin: string): Dispatcher {
    return (this.agent ??= this.createAgent());
  }

  private createAgent(): Agent {
    const o = this.options;
    // Files are read on first use, not when a client is created; a missing
    // one fails that first request with an HTTPClientError.
    const tls: { rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
    if (o.verify === false) tls.rejectUnauthorized = false;
    else if (typeof o.verify === "string") tls.ca = readFileSync(o.verify);
    if (typeof o.clientCert === "string") {
      tls.cert = tls.key = readFileSync(o.clientCert);
    } else if (o.clientCert !== undefined) {
      tls.cert = readFileSync(o.clientCert[0]);
      tls.key = readFileSync(o.clientCert[1]);
    }
    const AgentImpl = agentClass();
    return new AgentImpl({
      connections: o.maxPoolConnections,
      headersTimeout: o.readTimeoutMs,
      bodyTimeout: o.readTimeoutMs,
      connect: { timeout: o.connectTimeoutMs, ...tls },
    });
  }
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
      options.client_cert === undefined);
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
