/**
 * S3 stores user metadata in HTTP headers and accepts only US-ASCII there
 * (botocore's `validate_ascii_metadata`); failing early gives a clear
 * message instead of a signature mismatch.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { ParamValidationError } from "../../exceptions.js";

const NON_ASCII = /[^\x00-\x7f]/;

/** Throws ParamValidationError when a `Metadata` key or value has a non-ASCII character. */
export function validateAsciiMetadata({ params }: HandlerKwargs<"before-parameter-build">): void {
  const metadata = params.Metadata;
  // This runs before parameter validation, which reports a Metadata of the wrong type.
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return;
  for (const [key, value] of Object.entries(metadata as Record<string, unknown>)) {
    if (NON_ASCII.test(key) || (typeof value === "string" && NON_ASCII.test(value))) {
      throw new ParamValidationError({
        report:
          `Non ascii characters found in S3 metadata for key "${key}", value: "${String(value)}".  \n` +
          "S3 metadata can only contain ASCII characters. ",
      });
    }
  }
}
