/**
 * Percent-encoding as botocore does it (`botocore.utils.percent_encode`,
 * `percent_encode_sequence`): RFC 3986 unreserved characters stay as they are,
 * everything else is UTF-8 encoded and escaped.
 */

const EXTRA_ESCAPES = /[!'()*]/g;

function escapeExtra(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Escapes everything but `A-Z a-z 0-9 - _ . ~` (Python's `quote(s, safe='-_.~')`). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(EXTRA_ESCAPES, escapeExtra);
}

/** Like `percentEncode`, but leaves `/` alone (URI paths: `quote(s, safe='/~')`). */
export function percentEncodePath(value: string): string {
  return percentEncode(value).replace(/%2F/g, "/");
}

/** `k=v&k=v2` from a query map whose values may be lists, in insertion order. */
export function percentEncodeSequence(query: Readonly<Record<string, string | readonly string[]>>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key]!;
    const encodedKey = percentEncode(key);
    if (typeof value === "string") parts.push(`${encodedKey}=${percentEncode(value)}`);
    else for (const item of value) parts.push(`${encodedKey}=${percentEncode(item)}`);
  }
  return parts.join("&");
}
