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
  ReadTimeoutError,
  ResponseStreamingError,
  SSLError,
} from "../exceptions.js";

/** Where in an exchange an error happened: it decides between "could not connect" and "connection closed". */
export type ExchangePhase = "connect" | "exchange";

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
): BotoCoreError {
  const options = { cause: error };
  const code = errorCode(error);
  if (code !== undefined) {
    if (code === "UND_ERR_CONNECT_TIMEOUT") return new ConnectTimeoutError({ endpoint_url: endpointUrl, error }, options);
    if (isReadTimeout(error)) return new ReadTimeoutError({ endpoint_url: endpointUrl, error }, options);
    if (isTlsFailure(code)) return new SSLError({ endpoint_url: endpointUrl, error }, options);
    if (phase === "connect" && CONNECT_FAILURES.has(code)) {
      return new EndpointConnectionError({ endpoint_url: endpointUrl, error }, options);
    }
    if (phase === "exchange" && CLOSED_CONNECTION.has(code)) {
      // botocore keeps the request on the error; it carries the signature and session token,
      // so it is there for code that asks for it, but hidden from inspect and JSON.
      const kwargs: Record<string, unknown> = { error, endpoint_url: endpointUrl };
      Object.defineProperty(kwargs, "request", { value: request, enumerable: false });
      return new ConnectionClosedError(kwargs, options);
    }
  }
  return new HTTPClientError({ error }, options);
}

/**
 * The botocore error for a failure while a caller reads a streamed body
 * (botocore.response.StreamingBody.read): a stall is a read timeout, any
 * other breakage a ResponseStreamingError.
 */
export function translateStreamError(error: unknown, endpointUrl: string | undefined): BotoCoreError {
  const options = { cause: error };
  if (isReadTimeout(error)) return new ReadTimeoutError({ endpoint_url: endpointUrl ?? null, error }, options);
  return new ResponseStreamingError({ error }, options);
}
