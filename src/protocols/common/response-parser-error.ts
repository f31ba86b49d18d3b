/**
 * botocore raises `botocore.parsers.ResponseParserError` when a response
 * body cannot be read. src/exceptions.ts has no such class yet, so it lives
 * here until the shared hierarchy takes it over.
 */
import { BotoCoreError } from "../../exceptions.js";

/** A response body the protocol parser could not read (botocore.parsers.ResponseParserError). */
export class ResponseParserError extends BotoCoreError {
  static override fmt = "{message}";

  constructor(message: string, options?: { cause?: unknown }) {
    super({ message }, options);
  }
}
