/**
 * The `smithy-rpc-v2-cbor` parser (botocore's RpcV2CBORParser): the body is
 * one CBOR map; structures keep their modeled members, everything else is
 * taken as decoded (maps, blobs, timestamps from tag 1).
 */
import type { Shape } from "../../models/shape.js";
import { eventStreamMember } from "../common/event-stream.js";
import {
  type Parsed, type ParserOptions, ProtocolParser, type ResponseView, bodyBytes, queryCompatibleCode,
} from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { parseTimestamp } from "../common/timestamps.js";
import { EventStream, EventStreamParser, expectInitialResponse } from "../event-stream/index.js";
import { decodeCbor } from "./decoder.js";

type CborReader = (value: unknown) => unknown;

function identity(value: unknown): unknown {
  return value;
}

/** botocore's RpcV2CBORParser. */
export class RpcV2CborParser extends ProtocolParser {
  private readonly readers = new WeakMap<Shape, CborReader>();
  private readonly decodeOptions: { timestampParser?: (value: unknown) => unknown };
  private events: EventStreamParser | undefined;

  constructor(options: ParserOptions = {}) {
    super();
    this.decodeOptions = options.timestamp_parser ? { timestampParser: options.timestamp_parser } : {};
  }

  protected doParse(view: ResponseView, shape: Shape | undefined): Parsed {
    let parsed: Parsed = {};
    if (shape !== undefined) {
      const eventStream = eventStreamMember(shape);
      if (eventStream !== undefined) parsed = this.eventStreamOutput(view, shape, eventStream);
      else parsed = this.payload(view, shape);
      const metadata: Record<string, unknown> = {};
      const requestId = view.lower["x-amzn-requestid"];
      if (requestId !== undefined) metadata.RequestId = requestId;
      parsed.ResponseMetadata = metadata;
    }
    return parsed;
  }

  protected doModeledErrorParse(view: ResponseView, shape: Shape): Parsed {
    return this.payload(view, shape);
  }

  /**
   * botocore's `_handle_event_stream`: the stream in its member, and the
   * initial-response's decoded map (not read along the shape, as botocore
   * leaves it) for the other members, read before any event
   * (readInitialResponse reads it before the call returns).
   */
  private eventStreamOutput(view: ResponseView, shape: Shape, name: string): Parsed {
    // botocore's EventStreamCBORParser walks no shape: every payload is taken as decoded.
    const decode = (payload: Uint8Array): unknown => (payload.length === 0 ? {} : decodeCbor(payload, this.decodeOptions));
    this.events ??= new EventStreamParser(decode, this.decodeOptions.timestampParser ?? parseTimestamp);
    const operationName = view.context.operation_name as string | undefined;
    const stream = new EventStream(view.body, shape.members[name]!, this.events, operationName);
    const parsed: Parsed = { [name]: stream };
    expectInitialResponse(stream, parsed, decode);
    return parsed;
  }

  protected doErrorParse(view: ResponseView): Parsed {
    const body = this.body(view);
    const error: Record<string, unknown> = {
      Message: "message" in body ? body.message : "Message" in body ? body.Message : "",
      Code: "",
    };
    const parsed: Parsed = { Error: error, ResponseMetadata: {} };
    let code: unknown = body.__type;
    if (code === undefined || code === null) code = String(view.statusCode);
    if (typeof code === "string") {
      const colon = code.indexOf(":");
      if (colon >= 0) code = code.slice(0, colon);
      const hash = (code as string).lastIndexOf("#");
      if (hash >= 0) code = (code as string).slice(hash + 1);
      code = queryCompatibleCode(code as string, view, error);
    }
    error.Code = code;
    const requestId = view.lower["x-amzn-requestid"];
    if (requestId !== undefined) (parsed.ResponseMetadata as Record<string, unknown>).RequestId = requestId;
    return parsed;
  }

  /** The decoded body; an empty body reads as {} (botocore fails on it). */
  private body(view: ResponseView): Record<string, unknown> {
    const bytes = bodyBytes(view);
    if (bytes.length === 0) return {};
    const value = decodeCbor(bytes, this.decodeOptions);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  private payload(view: ResponseView, shape: Shape): Parsed {
    return (this.reader(shape)(this.body(view)) ?? {}) as Parsed;
  }

  private reader(shape: Shape): CborReader {
    let reader = this.readers.get(shape);
    if (reader === undefined) {
      reader = this.build(shape);
      this.readers.set(shape, reader);
    }
    return reader;
  }

  private build(shape: Shape): CborReader {
    if (shape.type_name === "list") {
      return (value) => {
        // botocore iterates whatever it got (a map's keys, a string's characters); a list is what the shape says.
        if (!Array.isArray(value)) throw new ResponseParserError(`Invalid service response: ${shape.name} must be a list.`);
        const read = this.reader(shape.member);
        return value.map((item) => (item === null ? null : read(item)));
      };
    }
    if (shape.type_name !== "structure") return identity;
    let members: [string, Shape][] | undefined;
    const union = shape.is_tagged_union;
    return (value) => {
      members ??= Object.entries(shape.members);
      // botocore fails with an AttributeError on anything but a map here.
      if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) {
        throw new ResponseParserError(`Invalid service response: ${shape.name} must be a map.`);
      }
      const record = value as Record<string, unknown>;
      if (union) {
        let count = 0;
        for (const key in record) if (key !== "__type" && record[key] !== null && record[key] !== undefined) count++;
        if (count !== 1) throw new ResponseParserError(`Invalid service response: ${shape.name} must have one and only one member set.`);
      }
      const out: Parsed = {};
      // botocore reads CBOR members by member name, not by a serialized name.
      for (const [name, member] of members) {
        const item = record[name];
        if (item !== null && item !== undefined && Object.hasOwn(record, name)) out[name] = this.reader(member)(item);
      }
      return out;
    };
  }
}
