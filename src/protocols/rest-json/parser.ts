/**
 * The `rest-json` parser (botocore's RestJSONParser): REST bindings, a JSON
 * body, and an error code from `x-amzn-errortype` or the body's `code`.
 */
import type { Shape } from "../../models/shape.js";
import type { Parsed, ParserOptions, ResponseView } from "../common/parser-base.js";
import { JsonShapeReader } from "../json/json-reader.js";
import type { EventStreamParser } from "../event-stream/index.js";
import { jsonErrorParse, jsonEventParser, readJsonBody } from "../json/parser.js";
import { RestParser } from "../rest/parser.js";

/** botocore's RestJSONParser. */
export class RestJsonParser extends RestParser {
  private readonly options: ParserOptions;
  private events: EventStreamParser | undefined;

  constructor(options: ParserOptions = {}) {
    const reader = new JsonShapeReader(true, options);
    super(
      {
        caseInsensitiveBooleans: true,
        readBody: (bytes: Uint8Array, shape: Shape) => readJsonBody(bytes, reader.reader(shape)) ?? {},
      },
      options,
    );
    this.options = options;
  }

  /** Events read as botocore's EventStreamJSONParser reads them: plain `json` rules, not rest-json's. */
  protected eventParser(): EventStreamParser {
    return (this.events ??= jsonEventParser(this.options));
  }

  protected doErrorParse(view: ResponseView): Parsed {
    const { parsed, body } = jsonErrorParse(view);
    const error = parsed.Error as Record<string, unknown>;
    let code: unknown;
    const header = view.lower["x-amzn-errortype"];
    if (header !== undefined) code = header;
    else if ("code" in body || "Code" in body) code = "code" in body ? body.code : body.Code;
    if (code === undefined || code === null) return parsed;
    if (typeof code === "string") {
      const colon = code.indexOf(":");
      if (colon >= 0) code = code.slice(0, colon);
      const hash = (code as string).lastIndexOf("#");
      if (hash >= 0) code = (code as string).slice(hash + 1);
    }
    error.Code = code;
    return parsed;
  }
}
