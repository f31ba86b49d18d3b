/**
 * Form encoding as the query body leaves botocore: Python's `urlencode`
 * (`quote_plus`), which keeps `A-Z a-z 0-9 _ . - ~` and writes a space as `+`.
 * ASCII is handled by a table; anything else goes through encodeURIComponent.
 */

const HEX = "0123456789ABCDEF";
/** 1 for the ASCII characters kept as they are. */
const SAFE = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(c))) SAFE[c] = 1;

const EXTRA = /[!'()*]/g;

function escapeExtra(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
}

function slowFormEncode(value: string): string {
  return encodeURIComponent(value).replace(EXTRA, escapeExtra).replace(/%20/g, "+");
}

/** Python's `quote_plus(value)`. */
export function formEncode(value: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return slowFormEncode(value);
    if (SAFE[c] === 1) continue;
    out += value.slice(last, i) + (c === 32 ? "+" : `%${HEX[c >> 4]}${HEX[c & 15]}`);
    last = i + 1;
  }
  return last === 0 ? value : out + value.slice(last);
}
