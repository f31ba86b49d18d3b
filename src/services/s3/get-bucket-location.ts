/**
 * GetBucketLocation's answer is the text of the document's root element,
 * which the model cannot describe, so the parser leaves it out and this
 * handler reads it (botocore's `parse_get_bucket_location`). An empty
 * element (us-east-1) gives null, as botocore's None.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { parseXml } from "../../protocols/xml/xml-reader.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Sets `LocationConstraint` from the response body's root element. */
export function parseGetBucketLocation({ parsed, http_response }: HandlerKwargs<"after-call">): void {
  // A response that never came from the wire (a before-call stub) has no body to read.
  const content = http_response.content;
  if (content === undefined) return;
  const root = parseXml(UTF8.decode(content));
  parsed.LocationConstraint = root.text ?? null;
}
