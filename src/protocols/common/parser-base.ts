/**
 * What every protocol parser shares (botocore's `ResponseParser.parse`):
 * the choice between a result, a generic error, a modeled error and a
 * protocol error, and the `ResponseMetadata` added to each.
 */
import { isAscii } from "node:buffer";
import type { Readable } from "node:stream";
import type { ResponseDict } from "../../http/types.js";
import type { Shape } from "../../models/shape.js";
import type { Parser } from "../types.js";
import { httpReason } from "./http-reasons.js";
import { ResponseParserError } from "./response-parser-error.js";

/**
 * Parser options, as botocore's `ResponseParserFactory.set_parser_defaults`
 * takes them: replace how timestamps and blobs are turned into values.
 */
export interface ParserOptions {
  /** Receives the wire value (text or epoch number); default: a Date. */
  timestamp_parser?: (value: unknown) => unknown;
  /** Receives the base64 text; default: the decoded bytes. */
  blob_parser?: (value: string) => unknown;
}

/** A parsed dict as botocore returns it. */
export type Parsed = Record<string, unknown>;

/** A response as the parsers read it: headers both as received and lower-cased. */
export interface ResponseView {
  statusCode: number;
  /** Headers as received (names kept), for header maps that strip a prefix. */
  headers: Readonly<Record<string, string>>;
  /** A lower-cased copy: single-header lookups, and `ResponseMetadata.HTTPHeaders`. */
  lower: Record<string, string>;
  /** The body bytes, or the stream handed over for a streaming payload. */
  body: Uint8Array | Readable | undefined;
  context: Record<string, unknown>;
}

const EMPTY = new Uint8Array(0);

/** The body as bytes; a stream (only ever given for streaming payloads) reads as empty. */
export function bodyBytes(view: ResponseView): Uint8Array {
  return view.body instanceof Uint8Array ? view.body : EMPTY;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The body decoded as UTF-8, as botocore's `body.decode('utf-8')`. */
export function bodyText(bytes: Uint8Array): string {
  // A large ASCII body (most are): checked in one vectorized pass, then copied byte for byte, several
  // times faster than decoding UTF-8. Below a few KiB the decoder's lower call cost wins.
  if (bytes.byteLength > 4096 && isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("ascii");
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw new ResponseParserError("'utf-8' codec can't decode the response body: invalid UTF-8", { cause });
  }
}

/** Sets a key even when it is `__proto__` (response data is never allowed to touch prototypes). */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * botocore's `_is_generic_error_response`: a 5xx whose body is empty or an
 * HTML page (a proxy or load balancer answered, not the service).
 */
export function isGenericErrorResponse(view: ResponseView): boolean {
  if (view.statusCode < 500) return false;
  if (view.body === undefined || view.body === null) return true;
  if (!(view.body instanceof Uint8Array)) return false;
  const bytes = view.body;
  let start = 0;
  let end = bytes.length;
  while (start < end && isAsciiSpace(bytes[start]!)) start++;
  while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
  if (start === end) return true;
  const html = [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e]; // "<html>"
  if (end - start < html.length) return false;
  for (let i = 0; i < html.length; i++) if (bytes[start + i] !== html[i]) return false;
  return true;
}

/** An error from the status code alone: Code is the status, Message Python's reason phrase. */
export function statusCodeError(view: ResponseView): Parsed {
  return { Error: { Code: String(view.statusCode), Message: httpReason(view.statusCode) }, ResponseMetadata: {} };
}

const UPPER_CASE = /[A-Z]/;

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  // The transport hands over lower-cased names: then a plain copy does.
  let lower = true;
  for (const name in headers) {
    if (UPPER_CASE.test(name) || name === "__proto__") {
      lower = false;
      break;
    }
  }
  if (lower) return { ...headers };
  const out: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === "__proto__") setKey(out, lower, headers[name]!);
    else out[lower] = headers[name]!;
  }
  return out;
}

/** The two traits `parse` reads on every call. */
interface ShapeTraits {
  exception: boolean;
  eventStream: boolean;
}

const traits = new WeakMap<Shape, ShapeTraits>();

/**
 * A shape's traits, kept per shape: trait objects differ in layout from
 * shape to shape, so reading them on each call costs a megamorphic lookup
 * where a mixed workload (many services) pays most.
 */
function traitsOf(shape: Shape): ShapeTraits {
  let found = traits.get(shape);
  if (found === undefined) {
    found = { exception: shape.metadata.exception === true, eventStream: shape.serialization.eventstream === true };
    traits.set(shape, found);
  }
  return found;
}

/** The parts each protocol supplies; `parse` decides which one runs. */
export abstract class ProtocolParser implements Parser {
  /** A successful response (status below 301). */
  protected abstract doParse(view: ResponseView, shape: Shape | undefined): Parsed;
  /** An error response, read without a modeled error shape. */
  protected abstract doErrorParse(view: ResponseView, shape: Shape | undefined): Parsed;
  /** An error response read for the fields of its modeled error shape. */
  protected abstract doModeledErrorParse(view: ResponseView, shape: Shape): Parsed;

  /**
   * Parses a response for an output shape, or for a modeled error shape
   * (`service_model.shape_for_error_code(code)`) to get that error's fields.
   */
  parse(response: ResponseDict, shape: Shape | undefined): Parsed {
    try {
      return this.parseResponse(response, shape);
    } catch (error) {
      // A body nested deeper than the stack (a recursive shape, a document) is a bad response, not a crash.
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        throw new ResponseParserError("Unable to parse response: it is nested too deeply", { cause: error });
      }
      throw error;
    }
  }

  private parseResponse(response: ResponseDict, shape: Shape | undefined): Parsed {
    const view: ResponseView = {
      statusCode: response.status_code,
      headers: response.headers,
      lower: lowerCaseHeaders(response.headers),
      body: response.body as Uint8Array | Readable | undefined,
      context: response.context ?? {},
    };
    let parsed: Parsed;
    if (view.statusCode >= 301) {
      if (isGenericErrorResponse(view)) {
        parsed = statusCodeError(view);
      } else if (shape !== undefined && traitsOf(shape).exception) {
        // Modeled fields are merged into the error dict; they carry no metadata.
        return this.doModeledErrorParse(view, shape);
      } else {
        parsed = this.doErrorParse(view, shape);
      }
    } else {
      parsed = this.doParse(view, shape);
    }
    if (shape !== undefined && traitsOf(shape).eventStream) return parsed;
    let metadata = parsed.ResponseMetadata as Record<string, unknown> | undefined;
    if (metadata === undefined || metadata === null || typeof metadata !== "object") {
      metadata = {};
      parsed.ResponseMetadata = metadata;
    }
    metadata.HTTPStatusCode = view.statusCode;
    metadata.HTTPHeaders = view.lower;
    const checksum = (view.context.checksum as { response_algorithm?: unknown } | undefined)?.response_algorithm;
    if (checksum) metadata.ChecksumAlgorithm = checksum;
    return parsed;
  }
}

/**
 * botocore's `_do_query_compatible_error_parse`: an `x-amzn-query-error`
 * header (`Code;Type`) restores the error code of the service's query days.
 */
export function queryCompatibleCode(code: string, view: ResponseView, error: Record<string, unknown>): string {
  const header = view.lower["x-amzn-query-error"];
  if (header === undefined) return code;
  const parts = header.split(";");
  if (parts.length === 2 && parts[0] !== "") {
    error.QueryErrorCode = code;
    error.Type = parts[1];
    return parts[0]!;
  }
  return code;
}
