/**
 * Reading an XML body the way botocore's `_parse_xml_string_to_dom` does,
 * and turning an error document into nested dicts (`_replace_nodes`).
 */
import { type Parsed, bodyText, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { pyBytesRepr } from "../common/values.js";
import { type XmlElement, XmlSyntaxError, parseXml } from "./xml-reader.js";
import { childrenByName } from "./xml-shape-reader.js";

/** Parses a body as XML; a body that is not well-formed XML raises botocore's ResponseParserError. */
export function parseXmlBody(bytes: Uint8Array): XmlElement {
  try {
    return parseXml(bodyText(bytes));
  } catch (error) {
    const reason = error instanceof XmlSyntaxError ? error.message : invalidUtf8Reason(bytes);
    throw new ResponseParserError(
      `Unable to parse response (${reason}), invalid XML received. Further retries may succeed:\n${pyBytesRepr(bytes)}`,
      { cause: error },
    );
  }
}

/** Where expat stops on bytes that are not UTF-8: the first bad byte, as line and column. */
function invalidUtf8Reason(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0 || i + extra >= bytes.length) break;
    let ok = true;
    for (let k = 1; k <= extra; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    if (!ok) break;
    i += extra + 1;
  }
  const before = Buffer.from(bytes.subarray(0, i)).toString("utf8");
  const lines = before.split("\n");
  return `not well-formed (invalid token): line ${lines.length}, column ${lines[lines.length - 1]!.length}`;
}

/**
 * botocore's `_build_name_to_xml_node` followed by `_replace_nodes`: each
 * child becomes a key, elements with children become dicts, leaves their
 * text (null for an empty element, as ElementTree's None).
 */
export function elementToDict(element: XmlElement | XmlElement[], depth = 0): Parsed {
  // botocore recurses here too and fails past Python's recursion limit; this fails cleanly.
  if (depth > MAX_DEPTH) throw new ResponseParserError(`Unable to parse response: the XML is nested more than ${MAX_DEPTH} levels deep`);
  const out: Parsed = {};
  for (const [name, node] of childrenByName(element)) {
    const first = Array.isArray(node) ? node[0]! : node;
    const nested = Array.isArray(node) ? node.length > 0 : first.children !== undefined;
    setKey(out, name, nested ? elementToDict(node, depth + 1) : (first.text ?? null));
  }
  return out;
}

/** How deep an error document may nest (Python's recursion limit is 1,000). */
const MAX_DEPTH = 900;
