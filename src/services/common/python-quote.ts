/**
 * Python's `urllib.parse.quote` and `unquote`, which several customizations
 * apply to values users see (S3 keys, IAM policies, trace ids). JavaScript's
 * `encodeURIComponent` / `decodeURIComponent` differ: they keep other
 * characters, and decoding throws on a stray `%` or invalid UTF-8 where
 * Python leaves the `%` and substitutes U+FFFD.
 */

const UTF8 = new TextEncoder();
const UTF8_LENIENT = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
// Letters, digits and `_.-~` are never quoted, whatever `safe` says.
const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
const HEX = "0123456789ABCDEF";

function safeTable(safe: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of ALWAYS_SAFE + safe) {
    const code = ch.charCodeAt(0);
    if (code < 128) table[code] = 1;
  }
  return table;
}

const tables = new Map<string, Uint8Array>();

/** Python's `quote(value, safe=safe)`: UTF-8 bytes outside the safe set become `%XX`. */
export function pyQuote(value: string, safe = "/"): string {
  let table = tables.get(safe);
  if (table === undefined) tables.set(safe, (table = safeTable(safe)));
  let out = "";
  for (const byte of UTF8.encode(value)) {
    if (byte < 128 && table[byte] === 1) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Decodes `%XX` escapes in a run of ASCII text to bytes; a `%` not followed by two hex digits stays. */
function asciiRunToBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  let n = 0;
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    if (code === 37 && i + 2 < run.length) {
      const high = hexValue(run.charCodeAt(i + 1));
      const low = hexValue(run.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        bytes[n++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    bytes[n++] = code;
  }
  return bytes.subarray(0, n);
}

/**
 * Python's `unquote(value)` (UTF-8, errors="replace"): runs of ASCII text
 * have their escapes decoded and the bytes read as UTF-8 with U+FFFD for
 * invalid sequences; other characters pass through. `+` stays `+`.
 */
export function pyUnquote(value: string): string {
  if (!value.includes("%")) return value;
  let out = "";
  // Python decodes each maximal ASCII run on its own, so an escape sequence
  // interrupted by a non-ASCII character never joins across it.
  for (const match of value.matchAll(/[\x00-\x7f]+|[^\x00-\x7f]+/g)) {
    const run = match[0];
    out += run.charCodeAt(0) < 128 ? UTF8_LENIENT.decode(asciiRunToBytes(run)) : run;
  }
  return out;
}

/** Python's `unquote_plus(value)`: `+` is a space, then as `unquote`. */
export function pyUnquotePlus(value: string): string {
  return pyUnquote(value.replace(/\+/g, " "));
}
