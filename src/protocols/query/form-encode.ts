/**
 * Form encoding as the query body leaves botocore: Python's `urlencode`
 * (`quote_plus`), which keeps `A-Z a-z 0-9 _ . - ~` and writes a space as `+`.
 */

const SAFE = /^[A-Za-z0-9_.~-]*$/;
const EXTRA = /[!'()*]/g;

function escapeExtra(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Python's `quote_plus(value)`. */
export function formEncode(value: string): string {
  if (SAFE.test(value)) return value;
  return encodeURIComponent(value).replace(EXTRA, escapeExtra).replace(/%20/g, "+");
}
