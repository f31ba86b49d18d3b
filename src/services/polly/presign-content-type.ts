/**
 * A presigned SynthesizeSpeech URL is opened by a browser or player that
 * sends no Content-Type, so it must not be signed with one
 * (botocore's `remove_content_type_header_for_presigning`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { deleteHeader } from "../../http/types.js";

/** Drops `Content-Type` from a request being presigned. */
export function removeContentTypeForPresigning({ request }: HandlerKwargs<"before-sign">): void {
  // The prepared request's headers are case-insensitive in botocore.
  if (request.context.is_presign_request === true) deleteHeader(request.headers, "Content-Type");
}
