/**
 * SigV4 in the query string: presigned URLs (botocore's `SigV4QueryAuth`,
 * and `S3SigV4QueryAuth` with `signatureVersion: "s3v4"`).
 *
 * `presignV4` rewrites `request.url` to
 * `<path>?<operation params>&X-Amz-Algorithm=...&X-Amz-Credential=...&X-Amz-Date=...
 * &X-Amz-Expires=...&X-Amz-SignedHeaders=...[&X-Amz-Security-Token=...]&X-Amz-Signature=...`.
 * The query already on the URL is decoded and encoded again, and a body
 * (form-encoded for query protocols, else JSON) moves into the query and is
 * emptied, as botocore does. No date or token header is added; the headers
 * present (and the host) are signed. S3 signs `UNSIGNED-PAYLOAD` and keeps
 * its path as sent.
 */
import { NoCredentialsError } from "../exceptions.js";
import { percentEncode } from "../util/uri.js";
import { pyStr } from "../validate/py-format.js";
import { canonicalHeaders, canonicalQueryString, normalizedCanonicalPath } from "./canonical.js";
import type { SigningCredentials } from "./credentials.js";
import { amzDate, credentialScope, payloadHash, signCanonicalRequest, UNSIGNED_PAYLOAD } from "./sigv4.js";
import type { SignableRequest, SigV4Options, SigV4Result } from "./sigv4.js";
import { hostFromUrl, splitUrl } from "./url-split.js";

/** botocore's default lifetime of a presigned URL, in seconds. */
export const DEFAULT_PRESIGN_EXPIRES = 3600;

/** Presigning options: those of signV4, plus how long the URL stays valid. */
export interface SigV4QueryOptions extends Omit<SigV4Options, "payloadHash"> {
  /** Seconds the URL is valid for; 3600 by default. */
  expires?: number;
}

// botocore drops the form content type it sets itself: it means nothing on a URL.
const AUTO_FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

/** Python's `unquote_plus`, lenient about bad escapes as Python is. */
function unquotePlus(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    const bytes = Buffer.from(spaced.replace(/%(?![0-9A-Fa-f]{2})/g, "%25").replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) =>
      String.fromCharCode(parseInt(h, 16))), "latin1");
    return bytes.toString("utf8");
  }
}

/** `parse_qs(query, keep_blank_values=True)`, keeping each key's first value, in first-seen order. */
function parseQuery(query: string, into: Map<string, string | string[]>): void {
  for (const field of query.split("&")) {
    if (field === "") continue;
    const eq = field.indexOf("=");
    const key = unquotePlus(eq === -1 ? field : field.slice(0, eq));
    if (!into.has(key)) into.set(key, unquotePlus(eq === -1 ? "" : field.slice(eq + 1)));
  }
}

function bodyText(body: SignableRequest["body"]): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  return "";
}

/** The body's parameters (botocore's `_get_body_as_dict`): a form for query protocols, else a JSON object. */
function bodyParams(request: SignableRequest): [string, string | string[]][] {
  const text = bodyText(request.body);
  if (text === "") return [];
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = new Map<string, string | string[]>();
    parseQuery(text, form);
    return [...form];
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed).map(([key, value]): [string, string | string[]] =>
    [key, Array.isArray(value) ? value.map((item) => pyStr(item)) : pyStr(value)]);
}

function encodeParams(params: Iterable<[string, string | string[]]>): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (typeof value === "string") parts.push(`${percentEncode(key)}=${percentEncode(value)}`);
    else for (const item of value) parts.push(`${percentEncode(key)}=${percentEncode(item)}`);
  }
  return parts.join("&");
}

/** Presigns `request` in place: its URL gains the SigV4 query parameters and signature. */
export function presignV4(
  request: SignableRequest,
  credentials: SigningCredentials | null | undefined,
  options: SigV4QueryOptions,
): SigV4Result {
  if (credentials === null || credentials === undefined) throw new NoCredentialsError();
  const s3 = options.signatureVersion === "s3v4";
  const timestamp = amzDate(options.time ?? new Date());
  request.context.timestamp = timestamp;
  const headers = request.headers;
  // Read before the content type goes: it tells a form body from a JSON one.
  const fromBody = bodyParams(request);
  for (const name in headers) {
    if (name.toLowerCase() === "content-type" && headers[name] === AUTO_FORM_CONTENT_TYPE) delete headers[name];
  }

  const url = splitUrl(request.url);
  const { canonical, signed } = canonicalHeaders(headers, () => hostFromUrl(url));
  const params = new Map<string, string | string[]>();
  parseQuery(url.query, params);
  for (const [key, value] of fromBody) params.set(key, value);
  if (request.body !== undefined && bodyText(request.body) !== "") request.body = "";

  const auth: [string, string][] = [
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Credential", `${credentials.access_key}/${credentialScope(timestamp, options)}`],
    ["X-Amz-Date", timestamp],
    ["X-Amz-Expires", String(options.expires ?? DEFAULT_PRESIGN_EXPIRES)],
    ["X-Amz-SignedHeaders", signed],
  ];
  // botocore checks `token is not None`, so even an empty token is sent.
  if (credentials.token !== undefined && credentials.token !== null) auth.push(["X-Amz-Security-Token", credentials.token]);
  const operationParams = params.size > 0 ? `${encodeParams(params)}&` : "";
  const query = `${operationParams}${encodeParams(auth)}`;
  const fragmentAt = request.url.indexOf("#");
  const fragment = fragmentAt === -1 ? "" : request.url.slice(fragmentAt);
  const base = url.scheme === "" ? `//${url.netloc}` : `${url.scheme}://${url.netloc}`;
  const path = url.path !== "" && !url.path.startsWith("/") ? `/${url.path}` : url.path;

  // A caller's X-Amz-Content-SHA256 header still wins, as in botocore's canonical_request.
  const bodyHash = contentSha256(headers) ?? (s3 ? UNSIGNED_PAYLOAD : payloadHash(request, false, undefined));
  const canonicalPath = s3 ? url.path : normalizedCanonicalPath(url.path);
  const canonicalRequest =
    `${request.method.toUpperCase()}\n${canonicalPath}\n${canonicalQueryString(query)}\n${canonical}\n\n${signed}\n${bodyHash}`;
  const result = signCanonicalRequest(canonicalRequest, credentials.secret_key, timestamp, options);
  request.url = `${base}${path}?${query}${fragment}&X-Amz-Signature=${result.signature}`;
  return result;
}

function contentSha256(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name in headers) if (name.toLowerCase() === "x-amz-content-sha256") return headers[name];
  return undefined;
}
