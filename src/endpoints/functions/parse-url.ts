import { percentEncodePath } from "../../util/uri.js";
import { pyHostname, pyPort, pyUrlparse } from "../python-url.js";
import { pythonError } from "../python-values.js";

/** A URL as the rules engine exposes it. */
export interface ParsedUrl {
  scheme: string;
  authority: string;
  path: string;
  normalizedPath: string;
  isIp: boolean;
}

const IPV4 = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/;
const HEX = "[0-9A-Fa-f]{1,4}";
const LS32 = `(?:${HEX}:${HEX}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})`;
const IPV6 = [
  `(?:${HEX}:){6}${LS32}`,
  `::(?:${HEX}:){5}${LS32}`,
  `(?:${HEX})?::(?:${HEX}:){4}${LS32}`,
  `(?:(?:${HEX}:)?${HEX})?::(?:${HEX}:){3}${LS32}`,
  `(?:(?:${HEX}:){0,2}${HEX})?::(?:${HEX}:){2}${LS32}`,
  `(?:(?:${HEX}:){0,3}${HEX})?::${HEX}:${LS32}`,
  `(?:(?:${HEX}:){0,4}${HEX})?::${LS32}`,
  `(?:(?:${HEX}:){0,5}${HEX})?::${HEX}`,
  `(?:(?:${HEX}:){0,6}${HEX})?::`,
].join("|");
const ZONE_ID = "(?:%25|%)(?:[A-Za-z0-9._!\\-~]|%[a-fA-F0-9]{2})+";
const IPV6_ADDRZ = new RegExp(`^\\[(?:${IPV6})(?:${ZONE_ID})?\\]$`);

/** RFC 3986 dot-segment removal, also collapsing empty segments (botocore's remove_dot_segments). */
function removeDotSegments(path: string): string {
  if (path === "") return "";
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  const first = path.startsWith("/") ? "/" : "";
  const last = path.endsWith("/") && out.length > 0 ? "/" : "";
  return first + out.join("/") + last;
}

/**
 * `parseURL(value)`: scheme, authority, path, a normalized path ending in `/`,
 * and whether the host is an IP address. Unset for schemes other than http(s),
 * for URLs with a query, and for a port that is not a number.
 */
export function parseURL(value: unknown): ParsedUrl | undefined {
  if (value === undefined || value === null) return undefined;
  const url = value as string;
  const parts = pyUrlparse(url);
  try {
    pyPort(parts.netloc);
  } catch {
    return undefined;
  }
  if ((parts.scheme !== "https" && parts.scheme !== "http") || parts.query.length > 0) return undefined;
  let normalizedPath = percentEncodePath(parts.path === "" ? "/" : removeDotSegments(parts.path));
  if (!normalizedPath.endsWith("/")) normalizedPath += "/";
  return {
    scheme: parts.scheme,
    authority: parts.netloc,
    path: parts.path,
    normalizedPath,
    isIp: isIpv4Url(url, parts.netloc) || isIpv6Url(url, parts.netloc),
  };
}

function isIpv4Url(url: string, netloc: string): boolean {
  const host = pyHostname(netloc);
  // botocore hands an absent host straight to re.match, which raises.
  if (host === undefined) throw pythonError("TypeError", "expected string or bytes-like object, got 'NoneType'");
  return IPV4.test(host);
}

function isIpv6Url(url: string, netloc: string): boolean {
  if (/[\t\r\n]/.test(url)) return false;
  return IPV6_ADDRZ.test(`[${pyHostname(netloc) ?? "None"}]`);
}
