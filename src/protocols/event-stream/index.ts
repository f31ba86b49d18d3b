/**
 * AWS event streams on output (`application/vnd.amazon.eventstream`): the
 * frame decoder, botocore's EventStream, the per-message event parsing the
 * protocol parsers share, and the decoder's errors.
 *
 * @module boto3-ts/protocols/event-stream
 */
export { EventStream, expectInitialResponse, readInitialResponse } from "./event-stream.js";
export { EventStreamParser } from "./event-parser.js";
export type { EventPayloadReader } from "./event-parser.js";
export { EventStreamBuffer, EventStreamMessage, MessagePrelude, parseHeaders } from "./decoder.js";
export type { EventStreamHeaders, HeaderValue } from "./decoder.js";
export {
  ChecksumMismatch, DuplicateHeader, InvalidHeadersLength, InvalidPayloadLength, MAX_HEADERS_LENGTH, MAX_PAYLOAD_LENGTH,
  NoInitialResponseError, ParserError,
} from "./errors.js";
