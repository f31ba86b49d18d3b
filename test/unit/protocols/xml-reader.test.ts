/** The XML reader: ElementTree's tree shape, and expat's verdict and wording on bad documents. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ResponseParserError } from "../../../src/protocols/index.js";
import { parseXmlBody } from "../../../src/protocols/xml/xml-body.js";
import { parseXml } from "../../../src/protocols/xml/xml-reader.js";
import { askBotocore } from "./botocore.js";

const MALFORMED: readonly string[] = [
  "", "Not XML", "  x", "\n\nhello", "{", "&amp;", "1abc", "[1]", '"x"', "<", "<a", "<1a/>", "<a b=1/>",
  "<a><b></a>", "<a></a>junk", "<a>&foo;</a>", "<a>", "<a/><b/>", "<!-- c -->", "<a><![CDATA[x]]></a>junk",
  "<a>\n<b>\n</c></a>", '<?xml version="1.0"?>', '<?xml version="1.0"?>\n<a x="1" x="2"/>', "<a>&#0;</a>",
  '<a x="<"/>', "<a>x &amp y</a>",
];

const PYTHON = String.raw`
import json, sys
from botocore.parsers import QueryParser, ResponseParserError
p = QueryParser()
out = []
for body in json.load(sys.stdin):
    try:
        p._parse_xml_string_to_dom(body.encode('utf-8'))
        out.append(None)
    except ResponseParserError as e:
        out.append(str(e))
json.dump(out, sys.stdout)
`;

describe("XML reader", () => {
  test("rejects what expat rejects, with botocore's message", () => {
    const expected = askBotocore<(string | null)[]>(PYTHON, MALFORMED);
    MALFORMED.forEach((body, i) => {
      let message: string | null = null;
      try {
        parseXmlBody(Buffer.from(body, "utf8"));
      } catch (error) {
        assert.ok(error instanceof ResponseParserError, `${JSON.stringify(body)}: ${String(error)}`);
        message = error.message;
      }
      assert.equal(message, expected[i], `body ${JSON.stringify(body)}`);
    });
  });

  test("reports bytes that are not UTF-8 where expat does", () => {
    assert.throws(() => parseXmlBody(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])), {
      message: /^Unable to parse response \(not well-formed \(invalid token\): line 1, column 3\)/,
    });
  });

  test("keeps ElementTree's text: before the first child, entities and CDATA decoded, CRLF as LF", () => {
    const root = parseXml('<?xml version="1.0"?>\r\n<!-- lead --><r a="1&amp;2" b=\'x\ty\'>head &lt;&#65;&#x42;<![CDATA[<raw>]]>\r\n<c/>tail<d></d><e>  </e></r>');
    assert.equal(root.name, "r");
    assert.equal(root.text, "head <AB<raw>\n");
    assert.deepEqual(root.attrs, { a: "1&2", b: "x y" });
    assert.deepEqual(root.children!.map((c) => [c.name, c.text]), [["c", undefined], ["d", undefined], ["e", "  "]]);
  });

  test("drops namespace prefixes from names but keeps the written name", () => {
    const root = parseXml('<p:Envelope xmlns:p="urn:x"><p:Body>1</p:Body></p:Envelope>');
    assert.equal(root.name, "Envelope");
    assert.equal(root.qname, "p:Envelope");
    assert.equal(root.children![0]!.name, "Body");
    assert.equal(root.children![0]!.text, "1");
  });

  test("reads a deep document without recursion limits", () => {
    const depth = 20000;
    const root = parseXml(`${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`);
    let node = root;
    for (let i = 1; i < depth; i++) node = node.children![0]!;
    assert.equal(node.text, "x");
  });
});
