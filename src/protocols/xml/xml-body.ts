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
    const reason = error instanceof XmlSyntaxError ? error.message : "not well-formed (invalid token): line 1, column 0";
    throw new ResponseParserError(
      `Unable to parse response (${reason}), invalid XML received. Further retries may succeed:\n${pyBytesRepr(bytes)}`,
      { cause: error },
    );
  }
}

/**
 * botocore's `_build_name_to_xml_node` followed by `_replace_nodes`: each
 * child becomes a key, elements with children become dicts, leaves their
 * text (null for an empty element, as ElementTree's None).
 */
export function elementToDict(element: XmlElement | XmlElement[]): Parsed {
  const out: Parsed = {};
  for (const [name, node] of childrenByName(element)) {
    const first = Array.isArray(node) ? node[0]! : node;
    const nested = Array.isArray(node) ? node.length > 0 : first.children !== undefined;
    setKey(out, name, nested ? elementToDict(node) : (first.text ?? null));
  }
  return out;
}
