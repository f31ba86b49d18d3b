/**
 * Template strings of rule sets: `https://{Region}.{PartitionResult#dnsSuffix}`.
 *
 * botocore treats a string as a template only when it contains `{name}` with
 * letters and `#` only, then splits it with Python's `string.Formatter`: `{{`
 * and `}}` are literal braces, and every field (whatever its characters) is a
 * variable name followed by `#`-separated keys. Parsing happens once here;
 * a malformed template raises the ValueError Python would, when evaluated.
 */
import { pythonError } from "./python-values.js";

const TEMPLATE = /\{[a-zA-Z#]+\}/;

/** True when botocore would fill this string in (rather than use it as it is). */
export function isTemplate(value: unknown): value is string {
  return typeof value === "string" && TEMPLATE.test(value);
}

/** A piece of a parsed template: literal text, a field (`name#key#key`), or the parse error hit at that point. */
export type TemplatePart = { literal: string } | { field: string[] } | { error: Error };

/** Splits a template as `string.Formatter().parse` does; a parse error ends the list. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const end = text.length;
  let pos = 0;
  while (pos < end) {
    const start = pos;
    let ch = "";
    let markup = false;
    while (pos < end) {
      ch = text[pos++]!;
      if (ch === "{" || ch === "}") {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let length = pos - start;
    if (ch === "}" && markup && (atEnd || text[pos] !== "}")) {
      return fail(parts, "Single '}' encountered in format string");
    }
    if (atEnd && ch === "{" && markup) return fail(parts, "Single '{' encountered in format string");
    if (markup && !atEnd) {
      if (text[pos] === ch) {
        pos++;
        markup = false;
      } else {
        length--;
      }
    }
    if (length > 0) parts.push({ literal: text.slice(start, start + length) });
    if (!markup) continue;
    const field = parseField(text, pos);
    if (typeof field === "string") return fail(parts, field);
    parts.push({ field: field.name.split("#") });
    pos = field.next;
  }
  return parts;
}

function fail(parts: TemplatePart[], message: string): TemplatePart[] {
  parts.push({ error: pythonError("ValueError", message) });
  return parts;
}

/** Reads one `{...}` field starting after its `{`; returns the field name, or an error message. */
function parseField(text: string, pos: number): { name: string; next: number } | string {
  const end = text.length;
  const nameStart = pos;
  let ch = "";
  while (pos < end) {
    ch = text[pos++]!;
    if (ch === "{") return "unexpected '{' in field name";
    if (ch === "[") {
      while (pos < end && text[pos] !== "]") pos++;
      continue;
    }
    if (ch === "}" || ch === ":" || ch === "!") break;
  }
  const name = text.slice(nameStart, pos - 1);
  if (ch === "!" || ch === ":") {
    if (ch === "!") {
      if (pos >= end) return "end of string while looking for conversion specifier";
      pos++;
      if (pos < end) {
        const after = text[pos++]!;
        if (after === "}") return { name, next: pos };
        if (after !== ":") return "expected ':' after conversion specifier";
      }
    }
    // A format spec: botocore ignores it, but its braces must balance.
    let depth = 1;
    while (pos < end) {
      const c = text[pos++]!;
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return { name, next: pos };
    }
    return "unmatched '{' in format spec";
  }
  if (ch !== "}") return "expected '}' before end of string";
  return { name, next: pos };
}
