/**
 * The pieces of a SigV4 canonical request that depend only on the request:
 * path, query string and headers, each built exactly as botocore builds them.
 */
import { percentEncodePath } from "../util/uri.js";

/** Headers botocore never signs: hop-by-hop headers and ones proxies or the HTTP client may rewrite. */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set([
  "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
  "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
]);

const PATH_SAFE = /^[A-Za-z0-9\-._~/]*$/;

/**
 * The canonical path for every service but S3: dot segments resolved, empty
 * segments dropped (RFC 3986 5.2.4 plus AWS's rule), then percent-encoded
 * with `/` and `~` kept — so an already-encoded path is encoded again.
 */
export function normalizedCanonicalPath(path: string): string {
  if (path === "" || path === "/") return "/";
  const normalized = removeDotSegments(path);
  return PATH_SAFE.test(normalized) ? normalized : percentEncodePath(normalized);
}

function removeDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  const first = path[0] === "/" ? "/" : "";
  const last = path[path.length - 1] === "/" && out.length > 0 ? "/" : "";
  return first + out.join("/") + last;
}

/**
 * Orders strings by code point, as Python compares str. Plain `<` compares
 * UTF-16 units, which puts astral characters before U+E000..U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The canonical query string from the URL's query as sent: pairs split on
 * `&` and the first `=`, sorted by key then value, not re-encoded (the
 * serializer already percent-encoded them).
 */
export function canonicalQueryString(query: string): string {
  if (query === "") return "";
  const pairs = query.split("&");
  if (pairs.length === 1) return query.includes("=") ? query : `${query}=`;
  const split: [string, string][] = pairs.map((pair) => {
    const eq = pair.indexOf("=");
    return eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
  split.sort((p, q) => compareCodePoints(p[0], q[0]) || compareCodePoints(p[1], q[1]));
  let out = "";
  for (let i = 0; i < split.length; i++) out += `${i === 0 ? "" : "&"}${split[i]![0]}=${split[i]![1]}`;
  return out;
}

// Python's str.split() whitespace (str.isspace), which differs from JS \s.
const PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const NEEDS_TRIM = new RegExp(`[${PY_SPACE.replace("\\x1c-\\x20", "\\x1c-\\x1f")}]|^ | $|  `);
const SPACE_RUNS = new RegExp(`[${PY_SPACE}]+`);

/** SigV4's Trimall: outer whitespace removed, inner runs collapsed to one space. */
export function trimHeaderValue(value: string): string {
  if (!NEEDS_TRIM.test(value)) return value;
  return value.split(SPACE_RUNS).filter((part) => part !== "").join(" ");
}

/** Signed header names and the canonical header block built from them. */
export interface CanonicalHeaders {
  /** `name:value` lines, sorted by name, joined with `\n` (no trailing newline). */
  canonical: string;
  /** Sorted lower-case names joined with `;`. */
  signed: string;
  /** The first X-Amz-Content-SHA256 value as written, if the request has one. */
  contentSha256: string | undefined;
}

/**
 * Picks the headers to sign (all but UNSIGNED_HEADERS) and renders them.
 * Headers that differ only by case are one header: their values are joined
 * with `,` in the order they appear, as HTTP folds repeated fields.
 * `host` is the value to sign when the request has no Host header.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, host: () => string): CanonicalHeaders {
  const entries: [string, string][] = [];
  let hasHost = false;
  let contentSha256: string | undefined;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (UNSIGNED_HEADERS.has(lower)) continue;
    if (lower === "host") hasHost = true;
    else if (lower === "x-amz-content-sha256") contentSha256 ??= headers[name];
    entries.push([lower, headers[name]!]);
  }
  if (!hasHost) entries.push(["host", host()]);
  // Array.prototype.sort is stable: repeated names keep their order.
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let canonical = "";
  let signed = "";
  for (let i = 0; i < entries.length; i++) {
    const [name, value] = entries[i]!;
    let joined = trimHeaderValue(value);
    while (i + 1 < entries.length && entries[i + 1]![0] === name) joined += `,${trimHeaderValue(entries[++i]![1])}`;
    if (canonical !== "") {
      canonical += "\n";
      signed += ";";
    }
    canonical += `${name}:${joined}`;
    signed += name.trim();
  }
  return { canonical, signed, contentSha256 };
}
