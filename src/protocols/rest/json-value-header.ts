/**
 * A `jsonvalue` header: the value as compact JSON, base64-encoded. The JSON
 * is written as Python's `json.dumps(value, separators=(',', ':'))` writes
 * it (non-ASCII escaped, Python's float digits), so the header matches
 * botocore's byte for byte.
 */
import { pyFloatRepr } from "../common/values.js";

const NON_ASCII = /[\u007f-\uffff]/g;

function escapeNonAscii(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

function pyJsonString(value: string): string {
  return JSON.stringify(value).replace(NON_ASCII, escapeNonAscii);
}

/** Python's compact `json.dumps` of a JSON value. */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return pyJsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
      if (Number.isNaN(value)) return "NaN";
      if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
      return pyFloatRepr(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(",")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) parts.push(`${pyJsonString(key)}:${pyJsonDumps(item)}`);
  }
  return `{${parts.join(",")}}`;
}

/** botocore's header form of a `jsonvalue` member. */
export function jsonValueHeader(value: unknown): string {
  return Buffer.from(pyJsonDumps(value), "utf8").toString("base64");
}
