/**
 * The `query` and `ec2` parsers (botocore's QueryParser and EC2QueryParser).
 * Results sit under `<OperationResult>` (the output's `resultWrapper`), the
 * request id under `<ResponseMetadata><RequestId>` (EC2: `<requestId>`);
 * errors are `<ErrorResponse><Error>` (EC2: `<Response><Errors><Error>`).
 */
import type { Shape } from "../../models/shape.js";
import { type Parsed, type ParserOptions, ProtocolParser, type ResponseView, bodyBytes, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { elementToDict, parseXmlBody } from "../xml/xml-body.js";
import type { XmlElement } from "../xml/xml-reader.js";
import { XmlShapeReader, childrenByName } from "../xml/xml-shape-reader.js";

/** botocore's QueryParser (`ec2: false`) or EC2QueryParser (`ec2: true`). */
export class QueryParser extends ProtocolParser {
  private readonly reader: XmlShapeReader;

  constructor(
    private readonly ec2: boolean,
    options: ParserOptions = {},
  ) {
    super();
    this.reader = new XmlShapeReader(ec2 ? "ec2" : "query", options);
  }

  protected doParse(view: ResponseView, shape: Shape | undefined): Parsed {
    return this.parseBody(view, shape, true);
  }

  protected doModeledErrorParse(view: ResponseView, shape: Shape): Parsed {
    return this.parseBody(view, shape, false);
  }

  protected doErrorParse(view: ResponseView): Parsed {
    const root = parseXmlBody(bodyBytes(view));
    const parsed = elementToDict(root);
    // {"Errors": {"Error": {...}}} becomes {"Error": {...}}.
    if ("Errors" in parsed) {
      const errors = parsed.Errors;
      delete parsed.Errors;
      if (errors !== null && typeof errors === "object") for (const [key, value] of Object.entries(errors)) setKey(parsed, key, value);
    }
    if ("RequestId" in parsed) {
      parsed.ResponseMetadata = { RequestId: parsed.RequestId };
      delete parsed.RequestId;
    }
    if (this.ec2 && "RequestID" in parsed) {
      parsed.ResponseMetadata = { RequestId: parsed.RequestID };
      delete parsed.RequestID;
    }
    return parsed;
  }

  private parseBody(view: ResponseView, shape: Shape | undefined, injectMetadata: boolean): Parsed {
    const root = parseXmlBody(bodyBytes(view));
    let parsed: Parsed = {};
    if (shape !== undefined) {
      let start: XmlElement | XmlElement[] = root;
      const wrapper = shape.serialization.resultWrapper;
      if (wrapper !== undefined) {
        const found = childrenByName(root).get(wrapper);
        // botocore fails with a KeyError here; say what was missing instead.
        if (found === undefined) throw new ResponseParserError(`Invalid service response: no ${wrapper} element`);
        start = found;
      }
      parsed = this.reader.reader(shape)(start) as Parsed;
    }
    if (injectMetadata) this.injectMetadata(root, parsed);
    return parsed;
  }

  private injectMetadata(root: XmlElement, parsed: Parsed): void {
    const children = childrenByName(root);
    if (this.ec2) {
      const requestId = children.get("requestId");
      if (requestId !== undefined) {
        const element = Array.isArray(requestId) ? requestId[0]! : requestId;
        parsed.ResponseMetadata = { RequestId: element.text ?? null };
      }
      return;
    }
    const metadata = children.get("ResponseMetadata");
    if (metadata === undefined) return;
    const out: Record<string, unknown> = {};
    for (const [name, node] of childrenByName(metadata)) {
      setKey(out, name, (Array.isArray(node) ? undefined : node.text) ?? null);
    }
    parsed.ResponseMetadata = out;
  }
}
