/**
 * Percent-encoding of URI labels on the serializers' hot path: the same
 * result as `percentEncode` / `percentEncodePath` (Python's `quote` with
 * `safe='-_.~'`, plus `/` for greedy labels), with ASCII handled by a
 * table instead of encodeURIComponent and a regular-expression pass.
 */
import { percentEncode, percentEncodePath } from "../../util/uri.js";

const HEX = "0123456789ABCDEF";
/** 1 for the ASCII characters left as they are: `A-Z a-z 0-9 - _ . ~`. */
const UNRESERVED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_.~-]/.test(ch)) UNRESERVED[c] = 1;
}

/** Percent-encodes a label; `keepSlash` for greedy labels (`{Key+}`). */
export function encodeUriLabel(value: string, keepSlash: boolean): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return keepSlash ? percentEncodePath(value) : percentEncode(value);
    if (UNRESERVED[c] === 1 || (keepSlash && c === 47)) continue;
    out += `${value.slice(last, i)}%${HEX[c >> 4]}${HEX[c & 15]}`;
    last = i + 1;
  }
  return last === 0 ? value : out + value.slice(last);
}
