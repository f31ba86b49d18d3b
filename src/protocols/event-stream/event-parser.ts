/**
 * From a decoded message to botocore's event (BaseEventStreamParser):
 * `{ EventName: members }` for an event the model knows, `{}` for one it
 * does not (the stream skips it), and EventStreamError for an exception
 * or error message.
 *
 * What differs between protocols is only how a payload is decoded and read
 * along a shape; each protocol parser supplies that as a function.
 */
import { type ErrorResponse, EventStreamError } from "../../exceptions.js";
import type { Shape } from "../../models/shape.js";
import { type Parsed, bodyText, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import type { EventStreamHeaders, EventStreamMessage, HeaderValue } from "./decoder.js";

/**
 * Reads an event payload along a shape: the protocol's decode followed by
 * its walk along the shape (botocore's `_initial_body_parse` then
 * `_parse_shape`). An empty payload reads as an empty document.
 */
export type EventPayloadReader = (payload: Uint8Array, shape: Shape) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** The member a header names, when the header is a string naming one (never an inherited property). */
function memberNamed(shape: Shape, name: HeaderValue | undefined): Shape | undefined {
  if (typeof name !== "string") return undefined;
  const members = shape.members;
  return Object.hasOwn(members, name) ? members[name] : undefined;
}

function header(headers: EventStreamHeaders, name: string, fallback: HeaderValue): HeaderValue {
  return Object.hasOwn(headers, name) ? headers[name]! : fallback;
}

/** One protocol's event parsing (botocore's EventStreamJSONParser, EventStreamXMLParser, EventStreamCBORParser). */
export class EventStreamParser {
  /**
   * @param readPayload the protocol's payload reading
   * @param timestampParser the parser option for timestamps, given epoch seconds for timestamp header members
   */
  constructor(
    private readonly readPayload: EventPayloadReader,
    private readonly timestampParser: (value: unknown) => unknown,
  ) {}

  /**
   * One message of an event stream whose union shape is `shape` (botocore's
   * `EventStream._parse_event`): the event, or `{}` for an event type the
   * model lacks; exception and error messages throw EventStreamError.
   */
  parse(message: EventStreamMessage, shape: Shape, operationName: string | undefined): Parsed {
    const type = message.headers[":message-type"];
    if (type === "error" || type === "exception") {
      throw new EventStreamError(this.errorResponse(message, shape), operationName ?? "None");
    }
    return this.parseShape(message, shape);
  }

  /** botocore's `_do_parse`: the stream's union picks the event member, whose members are then read. */
  private parseShape(message: EventStreamMessage, shape: Shape): Parsed {
    const parsed: Parsed = {};
    if (shape.serialization.eventstream === true) {
      const eventType = message.headers[":event-type"];
      const eventShape = memberNamed(shape, eventType);
      if (eventShape !== undefined) setKey(parsed, eventType as string, this.parseShape(message, eventShape));
      return parsed;
    }
    this.readHeaderMembers(message.headers, shape, parsed);
    if (shape.serialization.event === true) this.readPayloadMembers(message.payload, shape, parsed);
    return parsed;
  }

  /** Members bound to headers take the header's value; timestamps arrive in epoch milliseconds. */
  private readHeaderMembers(headers: EventStreamHeaders, shape: Shape, parsed: Parsed): void {
    const members = shape.members;
    for (const name in members) {
      const member = members[name]!;
      if (member.serialization.eventheader !== true || !Object.hasOwn(headers, name)) continue;
      let value: unknown = headers[name];
      if (member.type_name === "timestamp") value = this.timestampParser(epochSeconds(value));
      setKey(parsed, name, value);
    }
  }

  /** The payload member (bytes, text or a document), or else the whole payload read as the event. */
  private readPayloadMembers(payload: Uint8Array, shape: Shape, parsed: Parsed): void {
    const members = shape.members;
    for (const name in members) {
      const member = members[name]!;
      if (member.serialization.eventpayload !== true) continue;
      const type = member.type_name;
      setKey(parsed, name, type === "blob" ? payload : type === "string" ? bodyText(payload) : this.readPayload(payload, member));
      return;
    }
    const body = this.readPayload(payload, shape);
    if (isRecord(body)) for (const key in body) setKey(parsed, key, body[key]);
  }

  /**
   * botocore's `_do_error_parse` for a message: a modeled exception gives its
   * type as the code and its body's Message (or message); anything else the
   * `:error-code` and `:error-message` headers.
   */
  private errorResponse(message: EventStreamMessage, shape: Shape): ErrorResponse {
    const headers = message.headers;
    const exceptionType = headers[":exception-type"];
    const exceptionShape = memberNamed(shape, exceptionType);
    let error: Record<string, unknown>;
    if (exceptionShape !== undefined) {
      const read = this.readPayload(message.payload, exceptionShape);
      const body = isRecord(read) ? read : {};
      const text = Object.hasOwn(body, "Message") ? body.Message : Object.hasOwn(body, "message") ? body.message : "";
      error = { Code: exceptionType, Message: text };
    } else {
      error = { Code: header(headers, ":error-code", ""), Message: header(headers, ":error-message", "") };
    }
    // botocore's error dict for a message has no ResponseMetadata.
    return { Error: error } as unknown as ErrorResponse;
  }
}

/** A timestamp header (epoch milliseconds) as the epoch seconds a timestamp parser takes. */
function epochSeconds(value: unknown): number {
  if (typeof value === "number") return value / 1000;
  if (typeof value === "bigint") return Number(value) / 1000;
  // Python's bool is an int.
  if (typeof value === "boolean") return value ? 0.001 : 0;
  const type = typeof value === "string" ? "str" : "bytes";
  throw new ResponseParserError(`unsupported operand type(s) for /: '${type}' and 'float'`);
}
