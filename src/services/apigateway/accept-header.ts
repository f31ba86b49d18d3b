/**
 * API Gateway answers in HAL JSON unless asked for plain JSON, which its
 * model describes; botocore asks (`add_accept_header`) unless the request
 * already says what it accepts.
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Sets `Accept: application/json` when no Accept header is set. */
export function addAcceptHeader({ params }: HandlerKwargs<"before-call">): void {
  const headers = params.headers;
  if (headers.Accept === undefined || headers.Accept === null) headers.Accept = "application/json";
}
