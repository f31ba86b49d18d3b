import { percentEncode } from "../../util/uri.js";
import { pyStr } from "../python-values.js";

/** `uriEncode(value)`: percent-encodes everything but RFC 3986 unreserved characters. */
export function uriEncode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return percentEncode(typeof value === "string" ? value : pyStr(value));
}
