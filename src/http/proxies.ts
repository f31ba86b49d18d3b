/**
 * Which proxy a request goes through, as botocore decides it: Config
 * `proxies` by URL scheme (botocore's ProxyConfiguration), or, when Config
 * has none, the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`, lower
 * case preferred: Python's `getproxies_environment` and
 * `proxy_bypass_environment`, which botocore's `get_environ_proxies` calls
 * once per client with its endpoint URL).
 */

/** Proxy URLs by scheme (`http`, `https`), as botocore's `proxies` dict. */
export type ProxyMap = Readonly<Record<string, string>>;

/** A proxy URL taken apart (Python's urlparse, as botocore reads it). */
export interface ProxyTarget {
  /** The URL as botocore uses it (scheme added when missing). */
  readonly url: string;
  readonly scheme: "http" | "https";
  /** Host name as written (IPv6 in brackets). */
  readonly host: string;
  readonly port: number;
  /** `scheme://host:port` for undici. */
  readonly origin: string;
  /** `Basic ...` when the URL carries both a user name and a password. */
  readonly authorization: string | undefined;
  /** The URL with its credentials masked, for error messages. */
  readonly masked: string;
}

/** botocore's `_fix_proxy_url`: a proxy URL without a scheme is an HTTP proxy. */
export function fixProxyUrl(proxyUrl: string): string {
  if (proxyUrl.startsWith("http:") || proxyUrl.startsWith("https:")) return proxyUrl;
  if (proxyUrl.startsWith("//")) return `http:${proxyUrl}`;
  return `http://${proxyUrl}`;
}

/** The scheme of a URL, lower-cased, as urlparse gives it ("" when there is none). */
function schemeOf(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return match === null ? "" : match[1]!.toLowerCase();
}

/** urlparse's netloc: what follows `//` up to the path, query or fragment. */
function netlocOf(url: string): string {
  const start = url.indexOf("//");
  if (start === -1) return "";
  const rest = url.slice(start + 2);
  const end = rest.search(/[/?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function userinfoOf(netloc: string): { username: string | undefined; password: string | undefined } {
  const at = netloc.lastIndexOf("@");
  if (at === -1) return { username: undefined, password: undefined };
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(":");
  if (colon === -1) return { username: userinfo, password: undefined };
  return { username: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

function unquote(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The proxy URL with its user name and password replaced by `***`
 * (botocore's `mask_proxy_url`). botocore replaces the first occurrence of
 * each string anywhere in the URL, which can mask part of the scheme and
 * leave the password visible; here the credentials themselves are always
 * masked, giving botocore's text whenever botocore's masks the credentials.
 */
export function maskProxyUrl(proxyUrl: string): string {
  const netloc = netlocOf(proxyUrl);
  const at = netloc.lastIndexOf("@");
  if (at === -1) return proxyUrl;
  const { username, password } = userinfoOf(netloc);
  const masked = `${username ? "***" : (username ?? "")}${password === undefined ? "" : `:${password ? "***" : ""}`}`;
  const start = proxyUrl.indexOf("//") + 2;
  return `${proxyUrl.slice(0, start)}${masked}${proxyUrl.slice(start + at)}`;
}

/** botocore's `proxy_headers_for`: basic auth from the URL's user name and password, when both are there. */
export function proxyAuthorization(proxyUrl: string): string | undefined {
  const { username, password } = userinfoOf(netlocOf(proxyUrl));
  if (!username || !password) return undefined;
  return `Basic ${Buffer.from(`${unquote(username)}:${unquote(password)}`, "utf8").toString("base64")}`;
}

/** Parses a (fixed) proxy URL; throws a TypeError naming the masked URL when it is not a usable http(s) URL. */
export function parseProxy(proxyUrl: string): ProxyTarget {
  const url = fixProxyUrl(proxyUrl);
  const masked = maskProxyUrl(url);
  const scheme = schemeOf(url);
  const netloc = netlocOf(url);
  const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostinfo);
  if ((scheme !== "http" && scheme !== "https") || match === null || match[1] === "") {
    throw new TypeError(`Invalid proxy URL: ${masked}`);
  }
  const host = match[1]!;
  const port = match[2] ? Number(match[2]) : scheme === "https" ? 443 : 80;
  if (!(port >= 0 && port <= 65535)) throw new TypeError(`Invalid proxy URL: ${masked}`);
  return {
    url,
    scheme,
    host,
    port,
    origin: `${scheme}://${host}:${port}`,
    authorization: proxyAuthorization(url),
    masked,
  };
}

/** botocore's `proxy_url_for`: the proxy for a request URL, looked up by its scheme only. */
export function proxyUrlFor(url: string, proxies: ProxyMap | null | undefined): string | undefined {
  if (proxies === null || proxies === undefined) return undefined;
  const proxy = Object.hasOwn(proxies, schemeOf(url)) ? proxies[schemeOf(url)] : undefined;
  return proxy ? fixProxyUrl(proxy) : undefined;
}

/** An environment: variable names to values. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Python's `getproxies_environment`: every `<scheme>_proxy` variable, any
 * case, lower-case names winning; an empty lower-case variable removes
 * the scheme; under CGI (`REQUEST_METHOD` set) upper-case `HTTP_PROXY` is
 * ignored. Keys are schemes, plus `no` for NO_PROXY.
 */
export function getproxiesEnvironment(env: Environment): Record<string, string> {
  const proxies: Record<string, string> = {};
  // Read by name first, so a caller that records which variables were read sees these even when unset.
  for (const name of ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "REQUEST_METHOD"]) void env[name];
  const names = Object.keys(env);
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!lower.endsWith("_proxy")) continue;
    const value = env[name];
    if (value) proxies[lower.slice(0, -6)] = value;
  }
  if (env.REQUEST_METHOD !== undefined) delete proxies.http;
  for (const name of names) {
    if (!name.endsWith("_proxy")) continue;
    const value = env[name];
    const scheme = name.toLowerCase().slice(0, -6);
    if (value) proxies[scheme] = value;
    else delete proxies[scheme];
  }
  return proxies;
}

/** Python's `_splitport`: `host:port` into the host and the digits after the last colon. */
function splitPort(host: string): string {
  const match = /^([\s\S]*):([0-9]*)$/.exec(host);
  return match === null ? host : match[1]!;
}

/** Python's `proxy_bypass_environment(netloc)`: whether NO_PROXY names this host (by DNS suffix, or `*`). */
export function proxyBypassEnvironment(netloc: string, proxies: Readonly<Record<string, string>>): boolean {
  const noProxy = proxies.no;
  if (noProxy === undefined) return false;
  if (noProxy === "*") return true;
  const host = netloc.toLowerCase();
  const hostOnly = splitPort(host);
  for (let name of noProxy.split(",")) {
    name = name.trim();
    if (!name) continue;
    name = name.replace(/^\.+/, "").toLowerCase();
    if (hostOnly === name || host === name) return true;
    name = `.${name}`;
    if (hostOnly.endsWith(name) || host.endsWith(name)) return true;
  }
  return false;
}

/**
 * botocore's `get_environ_proxies(endpoint_url)`: the environment's proxies,
 * or none when NO_PROXY covers the endpoint's host. botocore asks once per
 * client, with the client's endpoint URL, and uses the answer for every
 * request of that client.
 */
export function environProxies(endpointUrl: string, env: Environment): Record<string, string> {
  const proxies = getproxiesEnvironment(env);
  if (proxyBypassEnvironment(netlocOf(endpointUrl), proxies)) return {};
  return proxies;
}
