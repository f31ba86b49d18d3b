/**
 * The cache keys botocore derives from a fetcher's arguments: the SHA-1 of
 * Python's `json.dumps(args, sort_keys=True)`, made safe as a file name, so
 * that a JSON file cache written by botocore or the AWS CLI is shared.
 */
import { createHash } from "node:crypto";

/** How `json.dumps` separates items: botocore's assume-role keys use Python's default, SSO's the minified form. */
export interface PythonJsonOptions {
  readonly minified?: boolean;
}

function pyJsonString(text: string): string {
  // json.dumps escapes every non-ASCII character (ensure_ascii=True).
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Python's `json.dumps(value, sort_keys=True)` for JSON data (strings, integers, booleans, null, lists, maps). */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const itemSep = options.minified ? "," : ", ";
  const keySep = options.minified ? ":" : ": ";
  const dump = (v: unknown): string => {
    if (v === null || v === undefined) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN";
    if (typeof v === "string") return pyJsonString(v);
    if (Array.isArray(v)) return `[${v.map(dump).join(itemSep)}]`;
    if (v instanceof Date) return pyJsonString(v.toISOString());
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${pyJsonString(k)}${keySep}${dump(record[k])}`).join(itemSep)}}`;
  };
  return dump(value);
}

/** botocore's `_make_file_safe`: ":" and "/" become "_". */
export function makeFileSafe(name: string): string {
  return name.replace(/[:/]/g, "_");
}

/** The SHA-1 hex digest of `args` dumped as Python would, made file-safe. */
export function argumentHash(args: unknown, options: PythonJsonOptions = {}): string {
  return makeFileSafe(createHash("sha1").update(pythonJsonDumps(args, options), "utf8").digest("hex"));
}
