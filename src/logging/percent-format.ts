/**
 * Python's `%` string formatting (`"Found credentials in %s" % (path,)`),
 * as logging applies it to a message and its arguments and a Formatter to
 * its format string (`%(asctime)s %(name)s ...`, the mapping form). Values
 * are rendered as Python shows them: `%s` is str(), `%r` is repr().
 */
import { pyRepr, pyStr } from "../validate/py-format.js";

const SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

function toInt(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : n;
}

// toFixed rounds an exact tie (2.25 -> "2.3") up; Python rounds it to even ("2.2").
function fixed(value: number, digits: number): string {
  const plainText = value.toFixed(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21 || digits >= 100) return plainText;
  const exact = Math.abs(value).toFixed(Math.min(100, digits + 40));
  const dot = exact.indexOf(".");
  const rest = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(rest)) return plainText;
  const kept = exact.slice(0, dot + 1 + digits).replace(/\.$/, "");
  const lastDigit = Number(kept.replace(".", "").slice(-1));
  if (lastDigit % 2 === 0) return (value < 0 ? "-" : "") + kept;
  return plainText;
}

function convert(value: unknown, conversion: string, precision: number | undefined): string {
  switch (conversion) {
    case "s":
      return precision === undefined ? pyStr(value) : pyStr(value).slice(0, precision);
    case "r":
    case "a":
      return precision === undefined ? pyRepr(value) : pyRepr(value).slice(0, precision);
    case "d":
    case "i":
    case "u":
      return String(toInt(value));
    case "o":
      return toInt(value).toString(8);
    case "x":
      return toInt(value).toString(16);
    case "X":
      return toInt(value).toString(16).toUpperCase();
    case "f":
    case "F":
      return fixed(Number(value), precision ?? 6);
    case "e":
    case "E": {
      const text = Number(value).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
      return conversion === "E" ? text.toUpperCase() : text;
    }
    case "g":
    case "G": {
      const text = String(Number(Number(value).toPrecision(precision === 0 ? 1 : (precision ?? 6))));
      return conversion === "G" ? text.toUpperCase() : text;
    }
    case "c":
      return typeof value === "number" ? String.fromCodePoint(value) : pyStr(value);
    default:
      return pyStr(value);
  }
}

function applyWidth(text: string, flags: string, width: number | undefined, numeric: boolean): string {
  let out = text;
  if (numeric && flags.includes("+") && !out.startsWith("-")) out = `+${out}`;
  else if (numeric && flags.includes(" ") && !out.startsWith("-")) out = ` ${out}`;
  if (width === undefined || out.length >= width) return out;
  if (flags.includes("-")) return out.padEnd(width);
  if (numeric && flags.includes("0")) {
    const sign = /^[-+ ]/.test(out) ? out[0]! : "";
    return sign + out.slice(sign.length).padStart(width - sign.length, "0");
  }
  return out.padStart(width);
}

/**
 * `fmt % args`: positional placeholders take `args` in order; `%(name)s`
 * placeholders read the first argument as a mapping. A placeholder with no
 * value left is kept as written (Python would raise; a log line should not).
 */
export function pyFormatPercent(fmt: string, args: readonly unknown[]): string {
  if (!fmt.includes("%")) return fmt;
  const mapping = args.length === 1 && isMapping(args[0]) ? args[0] : undefined;
  let next = 0;
  return fmt.replace(SPEC, (whole, key: string | undefined, flags: string, widthText: string | undefined, precisionText: string | undefined, conversion: string) => {
    if (conversion === "%") return "%";
    let width: number | undefined;
    if (widthText === "*") width = toInt(args[next++]);
    else if (widthText !== undefined) width = Number(widthText);
    let precision: number | undefined;
    if (precisionText === "*") precision = toInt(args[next++]);
    else if (precisionText !== undefined) precision = Number(precisionText);
    let value: unknown;
    if (key !== undefined) {
      if (mapping === undefined || !Object.hasOwn(mapping, key)) return whole;
      value = mapping[key];
    } else {
      if (next >= args.length) return whole;
      value = args[next++];
    }
    const numeric = !"srac".includes(conversion);
    return applyWidth(convert(value, conversion, precision), flags, width, numeric);
  });
}
