/**
 * The `json` parser (botocore's JSONParser, awsJson 1.0 and 1.1), and the
 * JSON error reading it shares with `rest-json`.
 */
import type { Shape } from "../../models/shape.js";
import { eventStreamMember } from "../common/event-stream.js";
import {
  type Parsed, type ParserOptions, ProtocolParser, type ResponseView, bodyBytes, bodyText, queryCompatibleCode,
} from "../common/parser-base.js";
import { parseTimestamp } from "../common/timestamps.js";
import { EventStream, EventStreamParser, expectInitialResponse } from "../event-stream/index.js";
import { type JsonReader, JsonShapeReader, readJsonText } from "./json-reader.js";
import { parseJsonExact, parseJsonQuick, parseJsonText } from "./json-text.js";

/**
 * botocore's `_parse_body_as_json`: `{}` for no body, the decoded value, or
 * `{message: <body text>}` when the body is not JSON (botocore does not raise).
 */
export function parseBodyAsJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {};
  const text = bodyText(bytes);
  try {
    // Only top-level values are read from an error body: decode exactly only if one of them needs it.
    const quick = parseJsonQuick(text);
    if (quick !== null && typeof quick === "object" && !Array.isArray(quick)) {
      for (const key in quick as Record<string, unknown>) {
        const value = (quick as Record<string, unknown>)[key];
        if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) return parseJsonText(text);
      }
    }
    return quick;
  } catch {
    return { message: text };
  }
}

function decodeOrMessage(decode: (text: string) => unknown): (text: string) => unknown {
  return (text) => {
    try {
      return decode(text);
    } catch {
      return { message: text };
    }
  };
}

const quick = decodeOrMessage(parseJsonQuick);
const exact = decodeOrMessage(parseJsonExact);

/** `_parse_body_as_json` read along a shape, with integers past 2^53 kept exact. */
export function readJsonBody(bytes: Uint8Array, read: JsonReader): unknown {
  if (bytes.length === 0) return read({});
  return readJsonText(bodyText(bytes), read, quick, exact);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** botocore's BaseJSONParser `_do_error_parse`; returns the error dict and the decoded body. */
export function jsonErrorParse(view: ResponseView): { parsed: Parsed; body: Record<string, unknown> } {
  const body = asRecord(parseBodyAsJson(bodyBytes(view)));
  const error: Record<string, unknown> = { Message: "", Code: "" };
  const parsed: Parsed = { Error: error, ResponseMetadata: {} };
  error.Message = "message" in body ? body.message : "Message" in body ? body.Message : "";
  let code: unknown = "__type" in body ? body.__type : view.statusCode ? String(view.statusCode) : undefined;
  if (code !== undefined && code !== null) {
    if (typeof code === "string") {
      const colon = code.indexOf(":");
      if (colon >= 0) code = code.slice(0, colon);
      const hash = (code as string).lastIndexOf("#");
      if (hash >= 0) code = (code as string).slice(hash + 1);
      code = queryCompatibleCode(code as string, view, error);
    }
    error.Code = code;
  }
  injectRequestId(parsed, view);
  return { parsed, body };
}

/** botocore's JSON `_inject_response_metadata`: `x-amzn-requestid` becomes `RequestId`. */
export function injectRequestId(parsed: Parsed, view: ResponseView): void {
  const requestId = view.lower["x-amzn-requestid"];
  if (requestId === undefined) return;
  let metadata = parsed.ResponseMetadata as Record<string, unknown> | undefined;
  if (metadata === undefined) parsed.ResponseMetadata = metadata = {};
  metadata.RequestId = requestId;
}

/**
 * Event payloads under the JSON protocols (botocore's EventStreamJSONParser):
 * JSON read along the event's shape with plain `json` rules (scalars as
 * decoded, blobs from base64), whichever of the two protocols is parsing.
 */
export function jsonEventParser(options: ParserOptions, reader = new JsonShapeReader(false, options)): EventStreamParser {
  return new EventStreamParser((payload, shape) => readJsonBody(payload, reader.reader(shape)), options.timestamp_parser ?? parseTimestamp);
}

/** botocore's JSONParser. */
export class JsonParser extends ProtocolParser {
  private readonly reader: JsonShapeReader;
  private readonly options: ParserOptions;
  private events: EventStreamParser | undefined;

  constructor(options: ParserOptions = {}) {
    super();
    this.options = options;
    this.reader = new JsonShapeReader(false, options);
  }

  protected doParse(view: ResponseView, shape: Shape | undefined): Parsed {
    let parsed: Parsed = {};
    if (shape !== undefined) {
      const eventStream = eventStreamMember(shape);
      if (eventStream !== undefined) parsed = this.eventStreamOutput(view, shape, eventStream);
      else parsed = this.jsonBody(view, shape);
    }
    injectRequestId(parsed, view);
    return parsed;
  }

  /**
   * botocore's `_handle_event_stream`: the stream in its member, and the
   * other members from the stream's initial-response, read before any
   * event (readInitialResponse reads it before the call returns).
   */
  private eventStreamOutput(view: ResponseView, shape: Shape, name: string): Parsed {
    this.events ??= jsonEventParser(this.options, this.reader);
    const operationName = view.context.operation_name as string | undefined;
    const stream = new EventStream(view.body, shape.members[name]!, this.events, operationName);
    const parsed: Parsed = { [name]: stream };
    expectInitialResponse(stream, parsed, (payload) => readJsonBody(payload, this.reader.reader(shape)));
    return parsed;
  }

  protected doModeledErrorParse(view: ResponseView, shape: Shape): Parsed {
    return this.jsonBody(view, shape);
  }

  protected doErrorParse(view: ResponseView): Parsed {
    return jsonErrorParse(view).parsed;
  }

  private jsonBody(view: ResponseView, shape: Shape): Parsed {
    const parsed = readJsonBody(bodyBytes(view), this.reader.reader(shape));
    return (parsed ?? {}) as Parsed;
  }
}
