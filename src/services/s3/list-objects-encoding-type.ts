/**
 * S3 list operations ask for URL-encoded keys unless the caller chose an
 * encoding (botocore's `set_list_objects_encoding_type_url`): XML 1.0
 * cannot carry some characters keys may hold. The matching decode is in
 * decode-list-objects.ts, and only undoes what was asked for here.
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Sets `EncodingType: "url"` and remembers in the context that it was not the caller's choice. */
export function setListObjectsEncodingTypeUrl({ params, context }: HandlerKwargs<"before-parameter-build">): void {
  if (params.EncodingType === undefined) {
    context.encoding_type_auto_set = true;
    params.EncodingType = "url";
  }
}
