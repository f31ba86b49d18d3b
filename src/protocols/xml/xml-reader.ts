/**
 * A small, strict XML reader that builds the tree botocore's parsers walk
 * (ElementTree's): each element keeps its name, attributes, child elements
 * and the character data before its first child (ElementTree's `.text`).
 * Text after a child (`.tail`) is dropped because no parser reads it.
 *
 * It is written for AWS responses: UTF-8 text, no DTD entities. It rejects
 * what expat rejects in such documents and reports it with expat's wording
 * ("mismatched tag: line 1, column 8"), which botocore puts in its error.
 */

/** One element of a parsed document. */
export interface XmlElement {
  /** The local name (any `prefix:` removed, as botocore's `_node_tag` does). */
  name: string;
  /** The name as written, prefix included. */
  qname: string;
  /** Attributes as written (names with prefixes, `xmlns` declarations included), or undefined. */
  attrs: Record<string, string> | undefined;
  /** Child elements in document order, or undefined when there are none. */
  children: XmlElement[] | undefined;
  /** Character data before the first child; undefined when there was none (ElementTree's None). */
  text: string | undefined;
}

/** A document expat would reject; `message` uses expat's wording and position. */
export class XmlSyntaxError extends Error {}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

function fail(text: string, index: number, what: string): XmlSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return new XmlSyntaxError(`${what}: line ${line}, column ${index - lineStart}`);
}

/** Letters, digits, `_ . : -` and anything past ASCII: what a reference name may hold. */
function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) ||
    code === 95 || code === 46 || code === 45 || code >= 0xb7
  );
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Replaces entity and character references; `offset` places errors in the document. */
function decodeEntities(raw: string, source: string, offset: number): string {
  let out = "";
  let last = 0;
  let amp = raw.indexOf("&");
  while (amp >= 0) {
    // The reference runs over name characters; expat stops at the first other one unless it is ';'.
    let semi = amp + 1;
    if (raw.charCodeAt(semi) === 35) semi++;
    while (semi < raw.length && isNameChar(raw.charCodeAt(semi))) semi++;
    if (raw.charCodeAt(semi) !== 59) throw fail(source, offset + semi, "not well-formed (invalid token)");
    const ref = raw.slice(amp + 1, semi);
    let replacement: string | undefined;
    if (ref.charCodeAt(0) === 35) {
      const hex = ref.charCodeAt(1) === 120;
      const digits = ref.slice(hex ? 2 : 1);
      const code = digits !== "" && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff))) {
        throw fail(source, offset + amp, "reference to invalid character number");
      }
      replacement = String.fromCodePoint(code);
    } else {
      replacement = NAMED_ENTITIES[ref];
      if (replacement === undefined) {
        throw fail(source, offset + amp, /^[A-Za-z_:][\w.:-]*$/.test(ref) ? "undefined entity" : "not well-formed (invalid token)");
      }
    }
    out += raw.slice(last, amp) + replacement;
    last = semi + 1;
    amp = raw.indexOf("&", last);
  }
  return out + raw.slice(last);
}

/** Character data as expat reports it: references decoded, line ends as `\n`. */
function textOf(raw: string, source: string, offset: number): string {
  let text = raw;
  if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
  if (text.indexOf("&") >= 0) text = decodeEntities(text, source, offset);
  return text;
}

/** Skips comments, processing instructions, a DOCTYPE (prolog only) and whitespace. */
function skipMisc(s: string, start: number, prolog: boolean): number {
  let i = start;
  const n = s.length;
  for (;;) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n || s.charCodeAt(i) !== LT) return i;
    const next = s.charCodeAt(i + 1);
    if (next === QUESTION) {
      const end = s.indexOf("?>", i + 2);
      if (end < 0) throw fail(s, n, "unclosed token");
      i = end + 2;
    } else if (next === BANG && s.startsWith("<!--", i)) {
      const end = s.indexOf("-->", i + 4);
      if (end < 0) throw fail(s, n, "unclosed token");
      i = end + 3;
    } else if (prolog && next === BANG && s.startsWith("<!DOCTYPE", i)) {
      let depth = 0;
      let j = i + 9;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c === 91) depth++;
        else if (c === 93) depth--;
        else if (c === GT && depth <= 0) break;
      }
      if (j >= n) throw fail(s, n, "unclosed token");
      i = j + 1;
    } else {
      return i;
    }
  }
}

function nameEnd(s: string, start: number): number {
  let i = start;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === GT || c === SLASH || c === EQUALS || isSpace(c) || c === LT) break;
    i++;
  }
  return i;
}

/** Characters expat rejects as a token (not merely out of place) where the document should start. */
const INVALID_TOKEN_START = "!$&)*+/;=?@\\^`{}~";

/** An XML name starts with a letter, `_`, `:` or any non-ASCII character. */
function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code > 127;
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/**
 * Parses a whole document into its root element. Throws XmlSyntaxError for
 * a document that is empty, not XML, truncated or not well formed.
 */
export function parseXml(s: string): XmlElement {
  const n = s.length;
  let i = skipMisc(s, 0, true);
  if (i >= n) throw fail(s, n, "no element found");
  if (s.charCodeAt(i) !== LT) throw fail(s, i, INVALID_TOKEN_START.includes(s[i]!) ? "not well-formed (invalid token)" : "syntax error");

  const stack: XmlElement[] = [];
  let current: XmlElement | undefined;
  let root: XmlElement | undefined;

  for (;;) {
    // Here s[i] is '<'. A tag cut off by the end of the body is expat's "unclosed token" at its start.
    if (s.indexOf(">", i) < 0) throw fail(s, i, "unclosed token");
    const next = s.charCodeAt(i + 1);
    if (next === SLASH) {
      const start = i + 2;
      const end = nameEnd(s, start);
      const qname = s.slice(start, end);
      let j = end;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) throw fail(s, n, "unclosed token");
      if (s.charCodeAt(j) !== GT) throw fail(s, j, "not well-formed (invalid token)");
      if (current === undefined || qname !== current.qname) throw fail(s, start, "mismatched tag");
      stack.pop();
      current = stack.length > 0 ? stack[stack.length - 1] : undefined;
      i = j + 1;
    } else if (next === BANG) {
      if (s.startsWith("<!--", i)) {
        const end = s.indexOf("-->", i + 4);
        if (end < 0) throw fail(s, n, "unclosed token");
        i = end + 3;
      } else if (s.startsWith("<![CDATA[", i)) {
        const end = s.indexOf("]]>", i + 9);
        if (end < 0) throw fail(s, n, "unclosed CDATA section");
        if (current !== undefined && current.children === undefined) {
          let data = s.slice(i + 9, end);
          if (data.indexOf("\r") >= 0) data = data.replace(/\r\n?/g, "\n");
          current.text = current.text === undefined ? data : current.text + data;
        }
        i = end + 3;
      } else {
        throw fail(s, i + 1, "not well-formed (invalid token)");
      }
    } else if (next === QUESTION) {
      const end = s.indexOf("?>", i + 2);
      if (end < 0) throw fail(s, n, "unclosed token");
      i = end + 2;
    } else {
      const start = i + 1;
      const end = nameEnd(s, start);
      if (end === start || !isNameStart(s.charCodeAt(start))) throw fail(s, start, "not well-formed (invalid token)");
      const qname = s.slice(start, end);
      let attrs: Record<string, string> | undefined;
      let j = end;
      let selfClosing = false;
      for (;;) {
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) throw fail(s, n, "unclosed token");
        const c = s.charCodeAt(j);
        if (c === GT) {
          j++;
          break;
        }
        if (c === SLASH) {
          if (s.charCodeAt(j + 1) !== GT) throw fail(s, j, "not well-formed (invalid token)");
          selfClosing = true;
          j += 2;
          break;
        }
        const attrStart = j;
        const attrEnd = nameEnd(s, j);
        if (attrEnd === attrStart) throw fail(s, j, "not well-formed (invalid token)");
        const attrName = s.slice(attrStart, attrEnd);
        j = attrEnd;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (s.charCodeAt(j) !== EQUALS) throw fail(s, j, "not well-formed (invalid token)");
        j++;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        const quote = s.charCodeAt(j);
        if (quote !== 34 && quote !== 39) throw fail(s, j, "not well-formed (invalid token)");
        const close = s.indexOf(quote === 34 ? '"' : "'", j + 1);
        if (close < 0) throw fail(s, n, "unclosed token");
        let value = s.slice(j + 1, close);
        if (value.indexOf("<") >= 0) throw fail(s, j + 1 + value.indexOf("<"), "not well-formed (invalid token)");
        if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ");
        if (value.indexOf("&") >= 0) value = decodeEntities(value, s, j + 1);
        attrs ??= {};
        if (Object.hasOwn(attrs, attrName)) throw fail(s, attrStart, "duplicate attribute");
        if (attrName === "__proto__") Object.defineProperty(attrs, attrName, { value, enumerable: true, writable: true, configurable: true });
        else attrs[attrName] = value;
        j = close + 1;
        const after = s.charCodeAt(j);
        if (j < n && !isSpace(after) && after !== GT && after !== SLASH) throw fail(s, j, "not well-formed (invalid token)");
      }
      const element: XmlElement = { name: localName(qname), qname, attrs, children: undefined, text: undefined };
      if (current === undefined) {
        if (root !== undefined) throw fail(s, i, "junk after document element");
        root = element;
      } else {
        (current.children ??= []).push(element);
      }
      if (!selfClosing) {
        stack.push(element);
        current = element;
      }
      i = j;
    }

    if (stack.length === 0 && root !== undefined) break;
    const lt = s.indexOf("<", i);
    if (lt < 0) throw fail(s, n, "no element found");
    if (lt > i && current !== undefined && current.children === undefined) {
      const run = textOf(s.slice(i, lt), s, i);
      current.text = current.text === undefined ? run : current.text + run;
    } else if (lt > i && current !== undefined) {
      // Text after a child (a tail) is not kept, but it must still be well formed.
      const run = s.slice(i, lt);
      if (run.indexOf("&") >= 0) decodeEntities(run, s, i);
    }
    i = lt;
  }

  const end = skipMisc(s, i, false);
  if (end < n) throw fail(s, end, "junk after document element");
  return root!;
}

