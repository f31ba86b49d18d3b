/**
 * `Expect: 100-continue`, as botocore's AWSConnection sends it (S3
 * PutObject and UploadPart with a body): the head goes out alone; the body
 * follows a `100 Continue`, or after one second without an answer; a final
 * answer that comes first is the response, and the body is never sent.
 *
 * undici refuses the header on HTTP/1.1 (and treats a 100 as a broken
 * response), so these requests go through Node's own HTTP client, on a
 * keep-alive pool of their own with the transport's timeouts, TLS settings
 * and pool size. Failures carry undici's error codes so the transport names
 * them as it names undici's.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { TLSSocket, type ConnectionOptions } from "node:tls";
import { headersFromRaw } from "./exchange-handler.js";
import type { AWSPreparedRequest, Headers } from "./types.js";

/** How long botocore waits for `100 Continue` before sending the body anyway (seconds in botocore: 1). */
export const CONTINUE_WAIT_MS = 1000;

/** What an exchange produced, and how far it got (for naming a failure). */
export interface ContinueExchange {
  status_code: number;
  headers: Record<string, string>;
  content: Buffer;
}

/** A failure, with whether the connection was up and whether the response head had arrived. */
export class ContinueExchangeError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly connected: boolean,
    readonly responded: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "ContinueExchangeError";
  }
}

/** The transport settings this client honours. */
export interface ContinueSettings {
  connectTimeoutMs: number;
  readTimeoutMs: number;
  maxSockets: number;
  /** SO_KEEPALIVE (botocore's tcp_keepalive); Node's agent would otherwise turn it on. */
  tcpKeepalive: boolean;
}

/** True when a request asks for 100-continue (botocore checks the exact value). */
export function wantsContinue(headers: Readonly<Headers>): boolean {
  for (const name in headers) {
    if (name.length === 6 && name.toLowerCase() === "expect") return headers[name] === "100-continue";
  }
  return false;
}

function timeoutError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * Whether Node can send these headers with their UTF-8 bytes: with an
 * Expect header Node writes the head as UTF-8 text, but refuses values
 * with characters past U+00FF. Such a request goes through undici instead
 * (without Expect).
 */
export function continueHeadersSendable(headers: Readonly<Headers>): boolean {
  for (const name in headers) if (BEYOND_LATIN1.test(headers[name]!)) return false;
  return true;
}

/** Headers for Node: Transfer-Encoding left to Node (it chunks a body of unknown length itself). */
function nodeHeaders(headers: Readonly<Headers>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    if (name.length === 17 && name.toLowerCase() === "transfer-encoding") continue;
    out[name] = headers[name]!;
  }
  return out;
}

/** A keep-alive agent that leaves SO_KEEPALIVE off unless asked (Node's turns it on for pooled sockets). */
function makeAgent(https: boolean, settings: ContinueSettings, tls: ConnectionOptions): HttpAgent {
  const options = { keepAlive: true, maxSockets: settings.maxSockets, maxFreeSockets: settings.maxSockets, scheduling: "lifo" as const };
  const agent = https ? new HttpsAgent({ ...options, ...tls }) : new HttpAgent(options);
  if (!settings.tcpKeepalive) {
    agent.keepSocketAlive = (socket: Socket): boolean => {
      socket.unref();
      return true;
    };
  }
  return agent;
}

/** Sends requests that carry `Expect: 100-continue` (one per transport, made on first use). */
export class ContinueSender {
  private readonly agents = new Map<boolean, HttpAgent>();

  constructor(
    private readonly settings: ContinueSettings,
    private readonly tls: () => ConnectionOptions,
  ) {}

  /** Sends one request and gathers its response; rejects with a ContinueExchangeError. */
  send(request: AWSPreparedRequest, origin: string, path: string): Promise<ContinueExchange> {
    const https = origin.startsWith("https:");
    let agent = this.agents.get(https);
    if (agent === undefined) {
      agent = makeAgent(https, this.settings, https ? this.tls() : {});
      this.agents.set(https, agent);
    }
    const url = new URL(origin);
    const send = https ? httpsRequest : httpRequest;
    const req = send({
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || (https ? 443 : 80),
      method: request.method,
      path,
      headers: nodeHeaders(request.headers),
      agent,
    });
    return this.exchange(req, request.body);
  }

  private exchange(req: ClientRequest, body: AWSPreparedRequest["body"]): Promise<ContinueExchange> {
    const { connectTimeoutMs, readTimeoutMs } = this.settings;
    return new Promise<ContinueExchange>((resolve, reject) => {
      let socket: Socket | undefined;
      let connected = false;
      let responded = false;
      let bodySent = false;
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      let continueTimer: NodeJS.Timeout | undefined;
      const onIdle = (): void =>
        fail(responded ? timeoutError("UND_ERR_BODY_TIMEOUT", "Body Timeout Error") : timeoutError("UND_ERR_HEADERS_TIMEOUT", "Headers Timeout Error"));
      // Silence on the socket for read_timeout, waiting for the head or between body chunks.
      const watchReads = (): void => {
        if (socket === undefined || socket.listeners("timeout").includes(onIdle)) return;
        socket.setTimeout(readTimeoutMs);
        socket.on("timeout", onIdle);
      };
      const stopWatching = (): void => {
        clearTimeout(connectTimer);
        clearTimeout(continueTimer);
        if (socket !== undefined) {
          socket.off("timeout", onIdle);
          socket.setTimeout(0);
        }
      };
      const fail = (error: unknown): void => {
        stopWatching();
        if (settled) return;
        settled = true;
        reject(new ContinueExchangeError(error, connected, responded));
        req.destroy();
      };
      const sendBody = (): void => {
        clearTimeout(continueTimer);
        if (bodySent || responded || settled) return;
        bodySent = true;
        watchReads();
        if (body instanceof Readable) {
          body.on("error", fail);
          body.pipe(req);
        } else {
          req.end(body === undefined ? undefined : body);
        }
      };
      const onConnected = (): void => {
        connected = true;
        clearTimeout(connectTimer);
        // botocore waits up to a second for an answer to the head, whatever its read timeout.
        continueTimer = setTimeout(sendBody, CONTINUE_WAIT_MS);
      };
      req.on("socket", (assigned: Socket) => {
        socket = assigned;
        if (!assigned.connecting) {
          onConnected();
          return;
        }
        connectTimer = setTimeout(() => fail(timeoutError("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error")), connectTimeoutMs);
        assigned.once(assigned instanceof TLSSocket ? "secureConnect" : "connect", onConnected);
      });
      req.on("continue", sendBody);
      req.on("error", fail);
      req.on("response", (res: IncomingMessage) => {
        responded = true;
        clearTimeout(continueTimer);
        watchReads();
        const withheld = !bodySent;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.on("aborted", () => fail(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })));
        res.on("end", () => {
          if (settled) return;
          stopWatching();
          settled = true;
          resolve({ status_code: res.statusCode ?? 0, headers: headersFromRaw(res.rawHeaders), content: Buffer.concat(chunks) });
          // The server still waits for a body that will never come: that connection cannot be reused.
          if (withheld) req.destroy();
        });
      });
      // The head alone, now.
      req.flushHeaders();
    });
  }

  /** Closes idle connections; requests in flight finish. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
