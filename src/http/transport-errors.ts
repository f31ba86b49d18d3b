/**
 * Turns what undici and Node's sockets throw into the errors botocore's
 * URLLib3Session raises, so that retry rules and users' `instanceof` checks
 * see the same classes. The original error stays as `cause` and, as in
 * botocore, under `kwargs.error`.
 */
import {
  type BotoCoreError,
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  HTTPClientError,
  ProxyConnectionError,
  ReadTimeoutError,
  ResponseStreamingError,
  SSLError,
} from "../exceptions.js";
import type { ProxyTarget } from "./proxies.js";
import { ProxyTunnelError } from "./proxy-dispatchers.js";

/**
 * Where in an exchange an error happened: before a connection was made,
 * on a connection before the response head arrived, or after it. It
 * decides between "could not connect" and "connection closed", and, through
 * a proxy, what urllib3 blames on the proxy.
 */
export type ExchangePhase = "connect" | "exchange" | "response";

// Errors from socket.connect() and name resolution: urllib3 reports these
// as NewConnectionError / gaierror, which botocore maps to EndpointConnectionError.
const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "EADDRINUSE",
  "ETIMEDOUT",
  "ECONNRESET",
  "ECONNABORTED",
  "EPERM",
  "EACCES",
]);

// A connection that dies once the request is on it: urllib3's ProtocolError,
// botocore's ConnectionClosedError (which its retry handlers retry).
const CLOSED_CONNECTION = new Set([
  "UND_ERR_SOCKET",
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ETIMEDOUT",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "HPE_INVALID_CONSTANT",
  "HPE_INVALID_STATUS",
  "HPE_INVALID_VERSION",
]);

const CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "HOSTNAME_MISMATCH",
  "INVALID_CA",
]);

/** The `code` of an error-like value, if it has a string one. */
export function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function isTlsFailure(code: string): boolean {
  return code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || CERTIFICATE_CODES.has(code);
}

/**
 * The text Python's ssl module gives for a TLS failure, which botocore puts
 * in its SSLError message: `[SSL: CERTIFICATE_VERIFY_FAILED] certificate
 * verify failed: <OpenSSL's reason>` for a rejected certificate (both use
 * OpenSSL's reason strings), `[SSL: <CODE>] <reason>` for other OpenSSL
 * errors. CPython's source location suffix (`(_ssl.c:1006)`) is left out.
 */
export function pythonSslText(error: unknown): string {
  const code = errorCode(error) ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const host = String((error as { host?: unknown }).host ?? "");
    const what = isIpLiteral(host) ? "IP address mismatch" : "Hostname mismatch";
    return `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${what}, certificate is not valid for '${host}'.`;
  }
  if (CERTIFICATE_CODES.has(code)) return `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${message}`;
  if (code.startsWith("ERR_SSL_")) {
    const reason = (error as { reason?: unknown }).reason;
    return `[SSL: ${code.slice(8)}] ${typeof reason === "string" ? reason : message}`;
  }
  return message;
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

/** botocore's SSLError, with Python's text for the TLS failure (the original error is kept as `cause`). */
function sslError(error: unknown, endpointUrl: string): SSLError {
  const shown = Object.assign(new Error(pythonSslText(error), { cause: error }), { name: "SSLError" });
  return new SSLError({ endpoint_url: endpointUrl, error: shown }, { cause: error });
}

/** True for undici's read timeouts (waiting for headers, or idle between body chunks). */
export function isReadTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}

/**
 * The botocore error for a failed request. `endpointUrl` is the request URL,
 * as botocore puts it in its messages.
 */
export function translateSendError(
  error: unknown,
  endpointUrl: string,
  phase: ExchangePhase,
  request?: unknown,
  proxy?: ProxyTarget,
): BotoCoreError {
  const options = { cause: error };
  if (proxy !== undefined) {
    const proxied = translateProxiedError(error, endpointUrl, phase, request, proxy);
    if (proxied !== undefined) return proxied;
  }
  const code = errorCode(error);
  if (code !== undefined) {
    if (code === "UND_ERR_CONNECT_TIMEOUT") return new ConnectTimeoutError({ endpoint_url: endpointUrl, error }, options);
    if (isReadTimeout(error)) return new ReadTimeoutError({ endpoint_url: endpointUrl, error }, options);
    if (isTlsFailure(code)) return sslError(error, endpointUrl);
    if (phase === "connect" && CONNECT_FAILURES.has(code)) {
      return new EndpointConnectionError({ endpoint_url: endpointUrl, error }, options);
    }
    if (phase !== "connect" && CLOSED_CONNECTION.has(code)) return connectionClosed(error, endpointUrl, request);
  }
  return new HTTPClientError({ error }, options);
}

function connectionClosed(error: unknown, endpointUrl: string, request: unknown): ConnectionClosedError {
  // botocore keeps the request on the error; it carries the signature and session token,
  // so it is there for code that asks for it, but hidden from inspect and JSON.
  const kwargs: Record<string, unknown> = { error, endpoint_url: endpointUrl };
  Object.defineProperty(kwargs, "request", { value: request, enumerable: false });
  return new ConnectionClosedError(kwargs, { cause: error });
}

/**
 * What urllib3 (botocore 1.43 with urllib3 2.x) blames on the proxy: failing
 * to reach it (refused, timed out, TLS with an HTTPS proxy), a refused
 * CONNECT, and a connection closed or reset before any response head —
 * urllib3 closes such a connection, forgets it had reached the proxy, and
 * raises ProxyError. A CONNECT left unanswered is a read timeout, and one
 * closed without an answer a closed connection, both against the endpoint.
 * Undefined: not the proxy's, name it as for a direct connection.
 */
function translateProxiedError(
  error: unknown,
  endpointUrl: string,
  phase: ExchangePhase,
  request: unknown,
  proxy: ProxyTarget,
): BotoCoreError | undefined {
  const options = { cause: error };
  const blameProxy = (): ProxyConnectionError => new ProxyConnectionError({ proxy_url: proxy.masked, error }, options);
  if (error instanceof ProxyTunnelError) {
    switch (error.stage) {
      case "proxy":
        return blameProxy();
      case "timeout":
        return new ReadTimeoutError({ endpoint_url: endpointUrl, error }, options);
      case "closed":
        return connectionClosed(error, endpointUrl, request);
      case "target": {
        const code = errorCode(error.cause);
        if (code !== undefined && isTlsFailure(code)) return sslError(error.cause, endpointUrl);
        return connectionClosed(error, endpointUrl, request);
      }
    }
  }
  const code = errorCode(error);
  if (phase === "connect") {
    if (code !== undefined && (CONNECT_FAILURES.has(code) || isTlsFailure(code) || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_SOCKET")) {
      return blameProxy();
    }
    return undefined;
  }
  if (phase === "exchange" && code !== undefined && CLOSED_CONNECTION.has(code) && !isReadTimeout(error)) return blameProxy();
  return undefined;
}

/** How far a streamed body had come when it broke: for urllib3's IncompleteRead text. */
export interface StreamProgress {
  /** Bytes received from the connection so far. */
  received: number;
  /** The response's Content-Length, if it had one. */
  contentLength: number | undefined;
}

/**
 * urllib3's text for a body that broke mid-way, as botocore's
 * ResponseStreamingError shows it (the repr of urllib3's ProtocolError
 * args): a reset is Python's ConnectionResetError, a connection closed short
 * of Content-Length an IncompleteRead. Other failures keep Node's message.
 */
export function pythonStreamErrorText(error: unknown, progress?: StreamProgress): string {
  const code = errorCode(error);
  if (code === "ECONNRESET") {
    const reset = "ConnectionResetError(104, 'Connection reset by peer')";
    return `("Connection broken: ${reset}", ${reset})`;
  }
  if ((code === "UND_ERR_SOCKET" || code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") && progress?.contentLength !== undefined) {
    const incomplete = `IncompleteRead(${progress.received} bytes read, ${Math.max(0, progress.contentLength - progress.received)} more expected)`;
    return `('Connection broken: ${incomplete}', ${incomplete})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The botocore error for a failure while a caller reads a streamed body
 * (botocore.response.StreamingBody.read): a stall is a ReadTimeoutError (its
 * endpoint URL is "None", as urllib3 gives botocore none there), any other
 * breakage a ResponseStreamingError with urllib3's text. The original
 * error is kept as `cause`.
 */
export function translateStreamError(error: unknown, _endpointUrl?: string, progress?: StreamProgress): BotoCoreError {
  const options = { cause: error };
  if (isReadTimeout(error)) return new ReadTimeoutError({ endpoint_url: null, error }, options);
  const shown = Object.assign(new Error(pythonStreamErrorText(error, progress), { cause: error }), { name: "ProtocolError" });
  return new ResponseStreamingError({ error: shown }, options);
}
