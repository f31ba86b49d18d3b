/**
 * Renders JS values as botocore's validation messages show the equivalent
 * Python values, so a report reads the same in both SDKs.
 *
 * The mapping (also used by the validator's type checks):
 * string → str, integral number or bigint → int, other number → float,
 * boolean → bool, null/undefined → NoneType, array → list, plain object →
 * dict, Uint8Array (and Buffer) → bytes, ArrayBuffer → bytearray,
 * Date → datetime.datetime (UTC). Anything else is shown by its constructor
 * name, as Python would show an instance of an unknown class.
 */

/** The Python type a JS value stands for. */
export type PyKind =
  | "str" | "int" | "float" | "bool" | "NoneType" | "list" | "dict"
  | "bytes" | "bytearray" | "datetime" | "object";

/** Classifies a JS value as its Python counterpart. */
export function pyKind(value: unknown): PyKind {
  switch (typeof value) {
    case "string": return "str";
    case "number": return Number.isInteger(value) ? "int" : "float";
    case "bigint": return "int";
    case "boolean": return "bool";
    case "undefined": return "NoneType";
    case "object": {
      if (value === null) return "NoneType";
      if (Array.isArray(value)) return "list";
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return "dict";
      if (value instanceof Uint8Array) return "bytes";
      if (value instanceof ArrayBuffer) return "bytearray";
      if (value instanceof Date) return "datetime";
      return "object";
    }
    default: return "object";
  }
}

function className(value: unknown): string {
  if (typeof value === "function") return "function";
  if (typeof value === "symbol") return "symbol";
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "object";
}

/** Python's `str(type(value))`, e.g. `<class 'int'>`. */
export function pyTypeString(value: unknown): string {
  const kind = pyKind(value);
  if (kind === "datetime") return "<class 'datetime.datetime'>";
  return `<class '${kind === "object" ? className(value) : kind}'>`;
}

/** Python's `str(value)`. */
export function pyStr(value: unknown): string {
  return typeof value === "string" ? value : render(value, false, undefined);
}

/** Python's `repr(value)`. */
export function pyRepr(value: unknown): string {
  return render(value, true, undefined);
}

function render(value: unknown, repr: boolean, seen: Set<object> | undefined): string {
  switch (pyKind(value)) {
    case "str": return repr ? quoteText(value as string) : (value as string);
    case "int": return pyInt(value as number | bigint);
    case "float": return pyFloat(value as number);
    case "bool": return value ? "True" : "False";
    case "NoneType": return "None";
    case "bytes": return quoteBytes(value as Uint8Array);
    case "bytearray": return `bytearray(${quoteBytes(new Uint8Array(value as ArrayBuffer))})`;
    case "datetime": return repr ? datetimeRepr(value as Date) : datetimeStr(value as Date);
    case "list": {
      const list = value as unknown[];
      if (seen?.has(list)) return "[...]";
      (seen ??= new Set()).add(list);
      const parts: string[] = [];
      // Holes in a sparse array read as undefined, i.e. None.
      for (let i = 0; i < list.length; i++) parts.push(render(list[i], true, seen));
      seen.delete(list);
      return `[${parts.join(", ")}]`;
    }
    case "dict": {
      const dict = value as Record<string, unknown>;
      if (seen?.has(dict)) return "{...}";
      (seen ??= new Set()).add(dict);
      const parts: string[] = [];
      for (const key of Object.keys(dict)) {
        if (dict[key] === undefined) continue; // absent, as everywhere in validation
        parts.push(`${quoteText(key)}: ${render(dict[key], true, seen)}`);
      }
      seen.delete(dict);
      return `{${parts.join(", ")}}`;
    }
    default: {
      if (typeof value === "function") return `<function ${value.name || "<lambda>"}>`;
      if (typeof value === "symbol") return value.toString();
      return `<${className(value)} object>`;
    }
  }
}

function pyInt(value: number | bigint): string {
  // Beyond 2^53 String() rounds to 17 digits; BigInt prints every digit, as Python's int does.
  if (typeof value === "bigint" || Number.isSafeInteger(value)) return String(value);
  return BigInt(value).toString();
}

/** Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  const [mantissa, expText] = value.toExponential().split("e") as [string, string];
  const exponent = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${frac}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart === "" ? "0" : fracPart}`;
}

// Characters Python's str.isprintable() rejects (other than the space itself).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Python's repr of a str: quote choice and escapes as CPython's unicode_repr. */
function quoteText(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || ch === " ") out += ch;
    else if (NON_PRINTABLE.test(ch)) {
      out += code < 0x100 ? `\\x${hex(code, 2)}` : code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python's repr of bytes: printable ASCII kept, the rest as \xNN. */
function quoteBytes(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = `b${String.fromCharCode(quote)}`;
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${hex(b, 2)}`;
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `str(datetime)` of an aware UTC datetime: `2020-01-01 00:00:00[.ffffff]+00:00`. */
function datetimeStr(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return "Invalid Date";
  const ms = date.getUTCMilliseconds();
  const micro = ms === 0 ? "" : `.${String(ms * 1000).padStart(6, "0")}`;
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}${micro}+00:00`;
}

/** `repr(datetime)`: trailing zero seconds and microseconds are left out, as CPython does. */
function datetimeRepr(date: Date): string {
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  const fields = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
  const seconds = date.getUTCSeconds();
  const micro = date.getUTCMilliseconds() * 1000;
  if (micro !== 0) fields.push(seconds, micro);
  else if (seconds !== 0) fields.push(seconds);
  return `datetime.datetime(${fields.join(", ")}, tzinfo=datetime.timezone.utc)`;
}
