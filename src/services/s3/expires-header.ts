/**
 * S3 echoes an object's `Expires` header as stored, and it need not be a
 * date. botocore keeps the raw text as `ExpiresString` and drops a header
 * that does not parse, so the parser neither fails nor loses the value
 * (`handle_expires_header`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { deleteHeader, getHeader } from "../../http/types.js";
import type { Shape } from "../../models/shape.js";
import { parseTimestamp } from "../../protocols/common/timestamps.js";

function hasExpiresMember(shape: Shape | undefined): boolean {
  if (shape === undefined) return false;
  const members = shape.members;
  for (const name in members) {
    const member = members[name]!;
    if (member.name === "Expires" && member.serialization.name === "Expires") return true;
  }
  return false;
}

/** Adds `ExpiresString` to the result and removes an `Expires` header that is not a timestamp. */
export function handleExpiresHeader({ operation_model, response_dict, customized_response_dict }: HandlerKwargs<"before-parse">): void {
  if (!hasExpiresMember(operation_model.output_shape)) return;
  const value = getHeader(response_dict.headers, "Expires");
  if (!value) return;
  customized_response_dict.ExpiresString = value;
  try {
    // The same parser the response parser uses, so what survives here parses there.
    parseTimestamp(value);
  } catch {
    deleteHeader(response_dict.headers, "Expires");
  }
}
