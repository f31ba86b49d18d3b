/**
 * The few Python string rules that the shared config format depends on.
 *
 * botocore parses config files with Python's `configparser`, so "whitespace",
 * "strip" and "line" mean what Python means by them. JavaScript's `\s` and
 * `trim()` differ (they include U+FEFF and exclude U+001C..U+001F), so a file
 * that parses one way in botocore would parse another way here without these.
 */

// Exactly the code points for which Python's str.isspace() is true.
const PY_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

// The separators of Python's str.splitlines() (besides "\r\n", handled as one).
const PY_LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Whether one UTF-16 code unit is whitespace by Python's rules (all such code points are in the BMP). */
export function isPySpace(code: number): boolean {
  return PY_SPACE.has(code);
}

/** Python's `str.strip()` with no argument. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.has(text.charCodeAt(start))) start++;
  while (end > start && PY_SPACE.has(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `str.rstrip()` with no argument. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && PY_SPACE.has(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Index of the first non-whitespace character, or -1 (Python's `re.search(r"\S")`). */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (!PY_SPACE.has(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** Python's `str.splitlines()`: no trailing empty element, every Python line break. */
export function pySplitlines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(PY_LINE_BREAK);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// What Python's str.isprintable() rejects: controls, format, separators other than " ", unassigned.
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Python's `repr()` of a str, as it appears inside error messages. */
export function pyReprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(code);
    else out += ch;
  }
  return out + quote;
}

/** The Python type name of a JavaScript value, for TypeError messages. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  return "dict";
}

/** Python's `ValueError`: botocore lets it escape from its config converters (`int("x")`). */
export class PythonValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

/** Python's `int(value)` for the values a config source can hold. */
export function pyInt(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") {
    if (Number.isNaN(value)) throw new PythonValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(value)) throw new PythonValueError("cannot convert float infinity to integer");
    return Math.trunc(value);
  }
  if (typeof value === "string") {
    // int() accepts surrounding whitespace, a sign and "_" between digits.
    const text = pyStrip(value);
    if (/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(text)) return Number(text.replace(/_/g, ""));
    throw new PythonValueError(`invalid literal for int() with base 10: ${pyReprString(value)}`);
  }
  throw new TypeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
  );
}

/** botocore's `utils.ensure_boolean`: booleans pass, strings are true only for "true" (any case). */
export function ensureBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase() === "true";
  return false;
}

/** botocore's `utils.normalize_boolean`: like `ensureBoolean`, but "no value" stays absent. */
export function normalizeBoolean(value: unknown): boolean | undefined {
  return value === null || value === undefined ? undefined : ensureBoolean(value);
}
