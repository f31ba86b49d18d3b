/**
 * How botocore's rules engine sees values, for the few places where Python's
 * semantics leak into results or messages: truthiness (`not`), `str()` of a
 * value spliced into a template or an error, and `type()` names in messages.
 *
 * "None" is `undefined` here. Arrays that arrived as rule-set parameters are
 * Python tuples (botocore converts lists before caching); arrays a function
 * builds (an ARN's `resourceId`) are lists. The difference shows only when
 * such a value is printed, so parameter arrays are remembered in a WeakSet.
 */

const tuples = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple (a parameter value), for printing. */
export function markTuple(value: readonly unknown[]): void {
  tuples.add(value);
}

/** Python's truthiness. */
export function pyTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") {
    for (const _ in value) return true;
    return false;
  }
  return true;
}

/** `repr()` of a value, as Python prints items inside containers. */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    let out = "";
    for (const ch of value) {
      if (ch === "\\") out += "\\\\";
      else if (ch === quote) out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch < " " || ch === "\x7f") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
      else out += ch;
    }
    return quote + out + quote;
  }
  return pyStr(value);
}

/** `str()` of a value, as an f-string renders it. */
export function pyStr(value: unknown): string {
  if (value === undefined || value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (Array.isArray(value)) {
    const items = value.map(pyRepr);
    if (tuples.has(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return `[${items.join(", ")}]`;
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).map((k) => `${pyRepr(k)}: ${pyRepr(record[k])}`).join(", ")}}`;
  }
  return String(value);
}

function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return String(value);
}

/** `type(value)` as Python prints it, e.g. `<class 'NoneType'>`. */
export function pyType(value: unknown): string {
  return `<class '${pyTypeName(value)}'>`;
}

function pyTypeName(value: unknown): string {
  if (value === undefined || value === null) return "NoneType";
  switch (typeof value) {
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    default:
      if (Array.isArray(value)) return tuples.has(value) ? "tuple" : "list";
      return "dict";
  }
}

/** An error Python itself would raise (KeyError, TypeError, ValueError), not a botocore one. */
export function pythonError(kind: "KeyError" | "TypeError" | "ValueError" | "AttributeError", message: string): Error {
  const error = kind === "TypeError" ? new TypeError(message) : new Error(message);
  error.name = kind;
  return error;
}
