/**
 * URL pieces as the signer needs them, split the way Python's `urlsplit`
 * does: no normalization, no percent-decoding. WHATWG `URL` would resolve
 * dot segments and re-encode the path and query, changing what is signed.
 */
import { isIPv6 } from "node:net";

/** The parts of a URL the signer reads. */
export interface UrlParts {
  /** Lower-cased scheme, e.g. `https`. */
  scheme: string;
  /** `user@host:port` as written. */
  netloc: string;
  /** The path as written (may be ""). */
  path: string;
  /** The query without `?` and without any fragment (may be ""). */
  query: string;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** Splits a URL into scheme, netloc, path and query, as `urllib.parse.urlsplit`. */
export function splitUrl(url: string): UrlParts {
  let scheme = "";
  let rest = url;
  const colon = url.indexOf(":");
  if (colon > 0 && SCHEME.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    rest = url.slice(colon + 1);
  }
  let netloc = "";
  if (rest.startsWith("//")) {
    let end = rest.length;
    for (let i = 2; i < rest.length; i++) {
      const ch = rest.charCodeAt(i);
      if (ch === 0x2f || ch === 0x3f || ch === 0x23) {
        end = i;
        break;
      }
    }
    netloc = rest.slice(2, end);
    rest = rest.slice(end);
  }
  const hash = rest.indexOf("#");
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  if (question === -1) return { scheme, netloc, path: rest, query: "" };
  return { scheme, netloc, path: rest.slice(0, question), query: rest.slice(question + 1) };
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: "80", https: "443" };

/**
 * The Host header value botocore signs when the request has none: the
 * lower-cased host name, bracketed if IPv6, without user info, with the
 * port only when it is not the scheme's default.
 */
export function hostFromUrl(parts: UrlParts): string {
  const id = `${parts.scheme}://${parts.netloc}`;
  let host = hostCache.get(id);
  if (host === undefined) {
    host = computeHost(parts);
    if (hostCache.size >= MAX_HOSTS) hostCache.delete(hostCache.keys().next().value!);
    hostCache.set(id, host);
  }
  return host;
}

// Clients talk to few hosts: remember the answer for each scheme and netloc.
const MAX_HOSTS = 256;
const hostCache = new Map<string, string>();

function computeHost(parts: UrlParts): string {
  const info = parts.netloc.slice(parts.netloc.lastIndexOf("@") + 1);
  let hostname: string;
  let port = "";
  if (info.startsWith("[")) {
    const close = info.indexOf("]");
    hostname = close === -1 ? info.slice(1) : info.slice(1, close);
    const after = close === -1 ? "" : info.slice(close + 1);
    if (after.startsWith(":")) port = after.slice(1);
  } else {
    const colon = info.indexOf(":");
    hostname = colon === -1 ? info : info.slice(0, colon);
    if (colon !== -1) port = info.slice(colon + 1);
  }
  hostname = hostname.toLowerCase();
  if (hostname.includes(":") && isIPv6(hostname)) hostname = `[${hostname}]`;
  if (port !== "" && /^\d+$/.test(port)) {
    const normalized = String(Number(port));
    if (normalized !== DEFAULT_PORTS[parts.scheme]) hostname = `${hostname}:${normalized}`;
  }
  return hostname;
}
