/**
 * CloudSearch Domain's Search is modeled as a GET with every option in the
 * query string, which long queries overflow; botocore sends it as a form
 * POST instead (`change_get_to_post`), before signing.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { setHeader } from "../../http/types.js";

/** Moves a GET request's query string into a form-encoded POST body. */
export function changeGetToPost({ request }: HandlerKwargs<"request-created">): void {
  const question = request.url.indexOf("?");
  if (request.method !== "GET" || question < 0) return;
  setHeader(request.headers, "Content-Type", "application/x-www-form-urlencoded");
  request.method = "POST";
  request.body = request.url.slice(question + 1);
  request.url = request.url.slice(0, question);
}
