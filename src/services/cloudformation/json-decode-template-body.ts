/**
 * GetTemplate returns the template as text; botocore hands a JSON template
 * back as an object, in its original key order, and leaves YAML or other
 * text as it is (`json_decode_template_body`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Parses `TemplateBody` as JSON when it is JSON. */
export function jsonDecodeTemplateBody({ parsed }: HandlerKwargs<"after-call">): void {
  const body = parsed.TemplateBody;
  if (typeof body !== "string") return;
  try {
    parsed.TemplateBody = JSON.parse(body) as unknown;
  } catch {
    // YAML templates stay text.
  }
}
