/**
 * The frame decoder's errors, with the names and messages of botocore's
 * `botocore.eventstream` (ParserError and its subclasses).
 *
 * botocore derives these from Python's `Exception`; here they extend
 * BotoCoreError so that one `instanceof BotoCoreError` catches every
 * failure the SDK itself raises. They belong in src/exceptions.ts and live
 * here until they move.
 */
import { BotoCoreError } from "../../exceptions.js";

/** The largest header block botocore accepts (128 KiB). */
export const MAX_HEADERS_LENGTH = 128 * 1024;
/** The largest payload botocore accepts (24 MiB). */
export const MAX_PAYLOAD_LENGTH = 24 * 1024 * 1024;

/** A frame that cannot be decoded (botocore.eventstream.ParserError). */
export class ParserError extends BotoCoreError {
  static override fmt = "{msg}";
}

/** The same header name twice in one message (botocore.eventstream.DuplicateHeader). */
export class DuplicateHeader extends ParserError {
  static override fmt = 'Duplicate header present: "{header}"';
}

/** A header block longer than 128 KiB (botocore.eventstream.InvalidHeadersLength). */
export class InvalidHeadersLength extends ParserError {
  static override fmt = `Header length of {length} exceeded the maximum of ${MAX_HEADERS_LENGTH}`;
}

/** A payload longer than 24 MiB (botocore.eventstream.InvalidPayloadLength). */
export class InvalidPayloadLength extends ParserError {
  static override fmt = `Payload length of {length} exceeded the maximum of ${MAX_PAYLOAD_LENGTH}`;
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}

/** A prelude or message CRC32 that does not match the bytes (botocore.eventstream.ChecksumMismatch). */
export class ChecksumMismatch extends ParserError {
  static override fmt = "Checksum mismatch: expected {expected}, calculated {calculated}";

  /** `expected` is the CRC the frame carries, `calculated` the one its bytes give. */
  constructor(kwargs: { expected: number; calculated: number }) {
    // botocore prints both as 0x%08x; the kwargs keep that text.
    super({ expected: hex32(kwargs.expected), calculated: hex32(kwargs.calculated) });
  }
}

/** The stream's first event was not an initial-response (botocore.eventstream.NoInitialResponseError). */
export class NoInitialResponseError extends ParserError {
  static override fmt = "First event was not of the initial-response type";
}
