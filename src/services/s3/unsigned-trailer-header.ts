/**
 * An unsigned request that sends its checksum in a trailer must still say
 * so in `X-Amz-Content-SHA256`, which no signer is there to set
 * (botocore's `_set_extra_headers_for_unsigned_request`).
 */
import { UNSIGNED } from "../../config/config.js";
import type { HandlerKwargs } from "../../events/event-names.js";
import { setHeader } from "../../http/types.js";

/** Sets `X-Amz-Content-SHA256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` on unsigned requests with a trailing checksum. */
export function setExtraHeadersForUnsignedRequest({ request, signature_version }: HandlerKwargs<"before-sign">): void {
  const checksum = request.context.checksum as { request_algorithm?: { in?: string } } | undefined;
  const inTrailer = checksum?.request_algorithm?.in === "trailer";
  // botocore passes the UNSIGNED sentinel; the pipeline may spell it "none".
  const unsigned = (signature_version as unknown) === UNSIGNED || signature_version === "none";
  if (unsigned && inTrailer) setHeader(request.headers, "X-Amz-Content-SHA256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
}
