/**
 * Scalar conversions shared by every protocol: numbers written as Python's
 * `str()` writes them, blobs as bytes and base64, and Python's `int()` and
 * `float()` for values read back from text.
 */
import { ParamValidationError } from "../../exceptions.js";
import { ResponseParserError } from "./response-parser-error.js";

/** Python's `repr(float)`: shortest round-trip digits, exponent outside [1e-4, 1e16). */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = value.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : `${Math.abs(exponent)}`;
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(value);
  return text.includes(".") ? text : `${text}.0`;
}

/**
 * A number as botocore would print what a Python caller passed: integral
 * values as ints (a TS caller cannot say 1.0), others as Python floats.
 * From 1e21 on, a number is a float, as JSON writes it (`1e+21`).
 */
export function pyNumberStr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return pyFloatRepr(value);
}

/** botocore's `_handle_float`: the special floats become the strings services expect. */
export function handleFloat(value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (Number.isNaN(value)) return "NaN";
  return value;
}

/** Python's `str()` of a scalar a caller passed (query values, URI labels, headers). */
export function scalarToString(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return pyNumberStr(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "True" : "False";
    default:
      if (value === null || value === undefined) return "None";
      return String(value);
  }
}

/** A float member's value as text: special floats by name, others as Python prints them. */
export function floatToString(value: unknown): string {
  const handled = handleFloat(value);
  return typeof handled === "string" ? handled : scalarToString(handled);
}

/** Blob input as bytes: text is UTF-8 encoded, byte views are used as they are. */
export function toBytes(value: unknown): Uint8Array {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new ParamValidationError({
    report: `Invalid type for blob value ${String(value)}, must be one of: str, bytes, Uint8Array`,
  });
}

/** Base64 of a blob input (botocore's `_get_base64`). */
export function toBase64(value: unknown): string {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  const bytes = toBytes(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Decodes base64 leniently, as Python's `b64decode` without `validate` does. */
export function fromBase64(text: string): Uint8Array {
  return Buffer.from(text, "base64");
}

const INT_TEXT = /^\s*[-+]?\d+\s*$/;
const UNDERSCORED_INT = /^\s*[-+]?\d+(?:_\d+)*\s*$/;

/** Python's `int()` of text: a number, or a bigint when the value would not fit exactly. */
export function pyInt(text: string): number | bigint {
  if (!INT_TEXT.test(text)) {
    if (UNDERSCORED_INT.test(text)) return pyInt(text.replace(/_/g, ""));
    throw new ResponseParserError(`invalid literal for int() with base 10: ${pyStrRepr(text)}`);
  }
  const value = Number(text);
  if (Number.isSafeInteger(value)) return value;
  return BigInt(text.trim());
}

const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  inf: Infinity, "+inf": Infinity, "-inf": -Infinity,
  infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity,
  nan: NaN, "+nan": NaN, "-nan": NaN,
};
const FLOAT_TEXT = /^[-+]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][-+]?\d+(?:_\d+)*)?$/;

/** Python's `float()` of text, or undefined when Python would raise. */
export function tryPyFloat(text: string): number | undefined {
  const trimmed = text.trim();
  if (FLOAT_TEXT.test(trimmed)) return Number(trimmed.includes("_") ? trimmed.replace(/_/g, "") : trimmed);
  return SPECIAL_FLOATS[trimmed.toLowerCase()];
}

/** Python's `float()` of text or a number. */
export function pyFloat(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const parsed = tryPyFloat(value);
    if (parsed !== undefined) return parsed;
    throw new ResponseParserError(`could not convert string to float: ${pyStrRepr(value)}`);
  }
  throw new ResponseParserError(`float() argument must be a string or a real number, not '${pyTypeName(value)}'`);
}

/** Python's `int()` of a JSON value: numbers truncate, strings must be integral text. */
export function pyIntOf(value: unknown): number | bigint {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ResponseParserError(`cannot convert float ${pyFloatRepr(value)} to integer`);
    const truncated = Math.trunc(value);
    return Number.isSafeInteger(truncated) ? truncated : BigInt(truncated);
  }
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return pyInt(value);
  throw new ResponseParserError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "dict" : typeof value;
}

/** Python's `repr()` of a str, for messages that quote one. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of bytes (`b'...'`), as botocore's XML error message embeds the body. */
export function pyBytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of bytes) {
    if (byte === 0x27) hasSingle = true;
    else if (byte === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte === 0x09) out += "\\t";
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return out + quote;
}

/**
 * A response value for an error message. String() would call a decoded
 * object's own `toString` key (a body can hold one), so objects are shown
 * as JSON instead.
 */
export function describeValue(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item)) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
