/**
 * Python's truth test, for handlers that branch on `if value:` over parsed
 * JSON: empty strings, lists and dicts, zero and None are false, where
 * JavaScript treats `[]` and `{}` as true.
 */

/** `bool(value)` in Python, for JSON-like values. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Uint8Array) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  // NaN is true in Python.
  return true;
}
