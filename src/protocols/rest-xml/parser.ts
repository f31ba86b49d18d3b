/**
 * The `rest-xml` parser (botocore's RestXMLParser): REST bindings, an XML
 * body, and errors in either S3's form (`<Error>` at the root, request ids
 * from headers) or the `<ErrorResponse><Error>` form of other services,
 * falling back to the status code when the body is not XML.
 */
import type { Shape } from "../../models/shape.js";
import { type Parsed, type ParserOptions, type ResponseView, bodyBytes, setKey, statusCodeError } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { parseTimestamp } from "../common/timestamps.js";
import { EventStreamParser } from "../event-stream/index.js";
import { RestParser, restResponseMetadata } from "../rest/parser.js";
import type { XmlElement } from "../xml/xml-reader.js";
import { elementToDict, parseXmlBody } from "../xml/xml-body.js";
import { XmlShapeReader } from "../xml/xml-shape-reader.js";

/** botocore's `merge_dicts` (without list appending); only own keys, so `__proto__` in a body stays data. */
function mergeDicts(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array)) {
      if (existing !== undefined && existing !== null && typeof existing === "object") {
        mergeDicts(existing as Record<string, unknown>, value as Record<string, unknown>);
        continue;
      }
    }
    setKey(target, key, value);
  }
}

/** What an empty event payload reads as: botocore's `ETree.Element('')`, an element with nothing in it. */
const EMPTY_ELEMENT: XmlElement = { name: "", qname: "", attrs: undefined, children: undefined, text: undefined };

/** botocore's RestXMLParser. */
export class RestXmlParser extends RestParser {
  private readonly reader: XmlShapeReader;
  private readonly eventTimestamps: (value: unknown) => unknown;
  private events: EventStreamParser | undefined;

  constructor(options: ParserOptions = {}) {
    const reader = new XmlShapeReader("query", options);
    super(
      {
        caseInsensitiveBooleans: false,
        readBody: (bytes: Uint8Array, shape: Shape) => (bytes.length === 0 ? {} : reader.reader(shape)(parseXmlBody(bytes))),
      },
      options,
    );
    this.reader = reader;
    this.eventTimestamps = options.timestamp_parser ?? parseTimestamp;
  }

  /** Events read as botocore's EventStreamXMLParser reads them: XML along the event's shape. */
  protected eventParser(): EventStreamParser {
    return (this.events ??= new EventStreamParser(
      (payload, shape) => this.reader.reader(shape)(payload.length === 0 ? EMPTY_ELEMENT : parseXmlBody(payload)),
      this.eventTimestamps,
    ));
  }

  protected doErrorParse(view: ResponseView): Parsed {
    const bytes = bodyBytes(view);
    if (bytes.length > 0) {
      try {
        return this.errorFromBody(view, bytes);
      } catch (error) {
        // A body that is not XML still leaves the status code to report.
        if (!(error instanceof ResponseParserError)) throw error;
      }
    }
    const parsed = statusCodeError(view);
    parsed.ResponseMetadata = { RequestId: view.lower["x-amz-request-id"] ?? "", HostId: view.lower["x-amz-id-2"] ?? "" };
    return parsed;
  }

  private errorFromBody(view: ResponseView, bytes: Uint8Array): Parsed {
    const root = parseXmlBody(bytes);
    const parsed = elementToDict(root);
    // S3: <Error> at the root, unqualified (ElementTree compares the namespaced tag).
    if (root.qname === "Error" && !(root.attrs !== undefined && root.attrs.xmlns)) {
      delete parsed.RequestId;
      delete parsed.HostId;
      return { Error: parsed, ResponseMetadata: restResponseMetadata(view) };
    }
    if ("RequestId" in parsed) {
      parsed.ResponseMetadata = { RequestId: parsed.RequestId };
      delete parsed.RequestId;
    }
    const merged: Parsed = { Error: { Message: "", Code: "" } };
    mergeDicts(merged, parsed);
    return merged;
  }
}
