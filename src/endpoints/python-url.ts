/**
 * Python's `urllib.parse.urlparse` (3.11), which botocore's `parseURL` and
 * its IP checks are built on. The WHATWG `URL` class disagrees with it on
 * many inputs (it normalizes hosts, resolves dot segments, rejects
 * `99_ab.com`-style hosts in some schemes), so rule-set results would differ.
 */
import { isIPv4, isIPv6 } from "node:net";
import { pythonError } from "./python-values.js";

/** The parts of a URL as `urlparse` splits them. */
export interface PyParsedUrl {
  scheme: string;
  netloc: string;
  path: string;
  params: string;
  query: string;
  fragment: string;
}

const SCHEME_CHARS = /^[a-zA-Z0-9+\-.]*$/;
// Leading C0 controls and spaces are stripped; tabs and newlines removed anywhere.
const LEADING_C0 = /^[\x00-\x20]+/;
const UNSAFE = /[\t\r\n]/g;
const USES_PARAMS = new Set(["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms", "sftp", "tel"]);

/** `urllib.parse.urlparse(url)`; throws ValueError where Python does. */
export function pyUrlparse(input: string): PyParsedUrl {
  let url = input.replace(LEADING_C0, "").replace(UNSAFE, "");
  let scheme = "";
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0 && /^[a-zA-Z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith("//")) {
    let end = url.length;
    for (const delim of "/?#") {
      const at = url.indexOf(delim, 2);
      if (at >= 0 && at < end) end = at;
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
    const open = netloc.includes("[");
    const close = netloc.includes("]");
    if (open !== close) throw pythonError("ValueError", "Invalid IPv6 URL");
    if (open) checkBracketedHost(netloc.slice(netloc.indexOf("[") + 1).split("]")[0]!);
  }
  const hash = url.indexOf("#");
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf("?");
  if (question >= 0) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  checkNetloc(netloc);
  let params = "";
  if (USES_PARAMS.has(scheme) && url.includes(";")) [url, params] = splitParams(url);
  return { scheme, netloc, path: url, params, query, fragment };
}

function splitParams(url: string): [string, string] {
  let at: number;
  if (url.includes("/")) {
    at = url.indexOf(";", url.lastIndexOf("/"));
    if (at < 0) return [url, ""];
  } else {
    at = url.indexOf(";");
  }
  return [url.slice(0, at), url.slice(at + 1)];
}

function checkBracketedHost(host: string): void {
  if (host.startsWith("v")) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw pythonError("ValueError", "IPvFuture address is invalid");
    return;
  }
  if (isPythonIPv4(host)) throw pythonError("ValueError", "An IPv4 address cannot be in brackets");
  if (!isPythonIPv6(host)) throw pythonError("ValueError", `'${host}' does not appear to be an IPv4 or IPv6 address`);
}

/** `ipaddress.IPv4Address` acceptance: four decimal octets, no leading zeros. */
function isPythonIPv4(host: string): boolean {
  return isIPv4(host) && host.split(".").every((o) => o === "0" || !o.startsWith("0"));
}

/** `ipaddress.IPv6Address` acceptance, including a `%scope` suffix. */
function isPythonIPv6(host: string): boolean {
  const percent = host.indexOf("%");
  if (percent >= 0) {
    const scope = host.slice(percent + 1);
    if (scope === "" || scope.includes("%")) return false;
    host = host.slice(0, percent);
  }
  return isIPv6(host);
}

function checkNetloc(netloc: string): void {
  // eslint-disable-next-line no-control-regex
  if (netloc === "" || /^[\x00-\x7f]*$/.test(netloc)) return;
  const stripped = netloc.replace(/[@:#?]/g, "");
  const normalized = stripped.normalize("NFKC");
  if (stripped === normalized) return;
  for (const ch of "/?#@:") {
    if (normalized.includes(ch)) {
      throw pythonError("ValueError", `netloc '${netloc}' contains invalid characters under NFKC normalization`);
    }
  }
}

/** The `(hostname, port)` halves of a netloc, before lowercasing and validation. */
function hostInfo(netloc: string): [string, string | undefined] {
  const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
  const open = hostinfo.indexOf("[");
  let host: string;
  let port: string;
  if (open >= 0) {
    const bracketed = hostinfo.slice(open + 1);
    const close = bracketed.indexOf("]");
    host = close >= 0 ? bracketed.slice(0, close) : bracketed;
    const rest = close >= 0 ? bracketed.slice(close + 1) : "";
    const portColon = rest.indexOf(":");
    port = portColon >= 0 ? rest.slice(portColon + 1) : "";
  } else {
    const portColon = hostinfo.indexOf(":");
    host = portColon >= 0 ? hostinfo.slice(0, portColon) : hostinfo;
    port = portColon >= 0 ? hostinfo.slice(portColon + 1) : "";
  }
  return [host, port === "" ? undefined : port];
}

/** `.hostname`: lowercased (but not an IPv6 zone), or undefined when empty. */
export function pyHostname(netloc: string): string | undefined {
  const [host] = hostInfo(netloc);
  if (host === "") return undefined;
  const percent = host.indexOf("%");
  return percent < 0 ? host.toLowerCase() : host.slice(0, percent).toLowerCase() + host.slice(percent);
}

/** `.port`: throws ValueError for a port that is not an integer in 0-65535. */
export function pyPort(netloc: string): number | undefined {
  const [, port] = hostInfo(netloc);
  if (port === undefined) return undefined;
  if (!/^[0-9]+$/.test(port)) throw pythonError("ValueError", `Port could not be cast to integer value as '${port}'`);
  const value = Number.parseInt(port, 10);
  if (value > 65535) throw pythonError("ValueError", "Port out of range 0-65535");
  return value;
}
