/**
 * SSO OIDC follows OAuth 2.0, whose errors carry their text in
 * `error_description`; botocore copies it to `Message` so the raised
 * error has a message (`_map_oauth2_errors`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { pyTruthy } from "../common/python-truth.js";

/** Rewrites an error body so `Message` holds `error_description` when it has no message of its own. */
export function mapOauth2Errors({ response_dict }: HandlerKwargs<"before-parse">): void {
  if (response_dict.status_code < 400) return;
  const raw = response_dict.body;
  if (!(raw instanceof Uint8Array)) return;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  } catch {
    return;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return;
  const fields = body as Record<string, unknown>;
  const description = fields.error_description;
  // botocore tests body.get("Message", body.get("message")): a present Message, even empty, is the one tested.
  const existing = "Message" in fields ? fields.Message : fields.message;
  if (!pyTruthy(description) || pyTruthy(existing)) return;
  fields.Message = description;
  response_dict.body = Buffer.from(JSON.stringify(fields));
}
