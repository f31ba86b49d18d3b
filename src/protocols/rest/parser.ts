/**
 * What `rest-json` and `rest-xml` share on output (botocore's
 * BaseRestParser): members bound to headers, header maps and the status
 * code, the payload member, and the request id headers.
 */
import type { Shape } from "../../models/shape.js";
import {
  type Parsed, type ParserOptions, ProtocolParser, type ResponseView, bodyBytes, bodyText, setKey,
} from "../common/parser-base.js";
import { parseTimestamp } from "../common/timestamps.js";
import { fromBase64, pyFloat, pyInt } from "../common/values.js";
import { EventStream, type EventStreamParser } from "../event-stream/index.js";
import { parseJsonText } from "../json/json-text.js";

/** How a REST protocol reads its body. */
export interface RestBodyReader {
  /** Parses the whole body of a structure (no payload member, or a structure payload). */
  readBody(bytes: Uint8Array, shape: Shape): unknown;
  /** Header booleans: rest-json takes "TRUE" too, rest-xml only "true". */
  readonly caseInsensitiveBooleans: boolean;
}

type HeaderReader = (text: string) => unknown;

interface HeaderPlan {
  name: string;
  kind: "header" | "headers" | "statusCode";
  /** Lower-cased header name, or lower-cased prefix for a header map. */
  wireName: string;
  read: HeaderReader;
}

interface OutputPlan {
  headers: HeaderPlan[];
  payload: string | undefined;
  payloadKind: "eventstream" | "raw" | "document" | undefined;
}

/** botocore's `_populate_response_metadata` for REST protocols. */
export function restResponseMetadata(view: ResponseView): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  const amzn = view.lower["x-amzn-requestid"];
  if (amzn !== undefined) {
    metadata.RequestId = amzn;
  } else {
    const amz = view.lower["x-amz-request-id"];
    if (amz !== undefined) {
      metadata.RequestId = amz;
      metadata.HostId = view.lower["x-amz-id-2"] ?? "";
    }
  }
  return metadata;
}

/** The REST parser; subclasses add the body format and the error document. */
export abstract class RestParser extends ProtocolParser {
  private readonly plans = new WeakMap<Shape, OutputPlan>();
  private readonly timestampParser: (value: unknown) => unknown;
  private readonly blobParser: (value: string) => unknown;

  constructor(
    protected readonly body: RestBodyReader,
    options: ParserOptions,
  ) {
    super();
    this.timestampParser = options.timestamp_parser ?? parseTimestamp;
    this.blobParser = options.blob_parser ?? fromBase64;
  }

  /** How this protocol reads event payloads (botocore's `EVENT_STREAM_PARSER_CLS`), made on first use. */
  protected abstract eventParser(): EventStreamParser;

  protected doParse(view: ResponseView, shape: Shape | undefined): Parsed {
    const parsed: Parsed = { ResponseMetadata: restResponseMetadata(view) };
    if (shape !== undefined) this.addModeledParse(view, shape, parsed);
    return parsed;
  }

  protected doModeledErrorParse(view: ResponseView, shape: Shape): Parsed {
    const parsed: Parsed = {};
    this.addModeledParse(view, shape, parsed);
    return parsed;
  }

  private addModeledParse(view: ResponseView, shape: Shape, parsed: Parsed): void {
    let plan = this.plans.get(shape);
    if (plan === undefined) {
      plan = this.compile(shape);
      this.plans.set(shape, plan);
    }
    for (const header of plan.headers) {
      if (header.kind === "header") {
        const value = view.lower[header.wireName];
        if (value !== undefined) parsed[header.name] = header.read(value);
      } else if (header.kind === "headers") {
        parsed[header.name] = headerMap(view.headers, header.wireName);
      } else {
        parsed[header.name] = view.statusCode;
      }
    }
    const payload = plan.payload;
    if (payload === undefined) {
      const body = this.body.readBody(bodyBytes(view), shape);
      // Own keys only, `__proto__` included as data (a document body can hold anything).
      if (body !== null && typeof body === "object") for (const key of Object.keys(body)) setKey(parsed, key, (body as Parsed)[key]);
    } else if (plan.payloadKind === "eventstream") {
      // botocore's `_create_event_stream`: events are read as the caller iterates.
      const operationName = view.context.operation_name as string | undefined;
      parsed[payload] = new EventStream(view.body, shape.members[payload]!, this.eventParser(), operationName);
    } else if (plan.payloadKind === "raw") {
      // A blob payload is the body as handed over (a stream for streaming output); a string is text.
      const body = view.body;
      parsed[payload] = body instanceof Uint8Array && shape.members[payload]!.type_name === "string" ? bodyText(body) : body;
    } else {
      parsed[payload] = this.body.readBody(bodyBytes(view), shape.members[payload]!);
    }
  }

  private compile(shape: Shape): OutputPlan {
    const headers: HeaderPlan[] = [];
    const members = shape.members;
    for (const name in members) {
      const member = members[name]!;
      const location = member.serialization.location;
      if (location === "header") {
        headers.push({ name, kind: "header", wireName: (member.serialization.name ?? name).toLowerCase(), read: this.headerReader(member) });
      } else if (location === "headers") {
        headers.push({ name, kind: "headers", wireName: (member.serialization.name ?? "").toLowerCase(), read: String });
      } else if (location === "statusCode") {
        headers.push({ name, kind: "statusCode", wireName: "", read: String });
      }
    }
    const payload = shape.serialization.payload;
    let payloadKind: OutputPlan["payloadKind"];
    if (payload !== undefined) {
      const member = members[payload]!;
      if (member.serialization.eventstream === true) payloadKind = "eventstream";
      else if (member.type_name === "string" || member.type_name === "blob") payloadKind = "raw";
      else payloadKind = "document";
    }
    return { headers, payload, payloadKind };
  }

  /** A header value read as its shape says (botocore's handlers given the header text). */
  private headerReader(shape: Shape): HeaderReader {
    switch (shape.type_name) {
      case "list": {
        // RFC 7230 list: split on commas (botocore does not honour quotes here).
        const item = this.headerReader(shape.member);
        return (text) => text.split(",").map((part) => item(part.trim()));
      }
      case "boolean":
        return this.body.caseInsensitiveBooleans ? (text) => text.toLowerCase() === "true" : (text) => text === "true";
      case "integer":
      case "long":
        return pyInt;
      case "float":
      case "double":
        return pyFloat;
      case "timestamp":
        return this.timestampParser;
      case "blob":
        return this.blobParser;
      case "string":
        if (shape.serialization.jsonvalue === true) return (text) => parseJsonText(bodyText(fromBase64(text)));
        return (text) => text;
      default:
        return (text) => text;
    }
  }
}

/** The headers that start with a prefix, keyed by the rest of their name as received. */
function headerMap(headers: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    if (name.toLowerCase().startsWith(prefix)) setKey(out, name.slice(prefix.length), headers[name]!);
  }
  return out;
}
