/**
 * Ask for response checksums by default (botocore's
 * `_handle_request_validation_mode_member`): with
 * `response_checksum_validation = when_supported` (the default), an
 * operation's validation-mode member (S3's `ChecksumMode`) is set to
 * `ENABLED` unless the caller set it.
 */
import type { Config } from "../../config/config.js";
import type { HandlerKwargs } from "../../events/event-names.js";

/** Fills the operation's `requestValidationModeMember` with `ENABLED` when validation is `when_supported`. */
export function handleRequestValidationModeMember({ params, model, context }: HandlerKwargs<"before-parameter-build">): void {
  const config = context.client_config as Config | undefined;
  if (config === undefined || config === null) return;
  const member = model.http_checksum.requestValidationModeMember;
  if (typeof member !== "string" || config.response_checksum_validation !== "when_supported") return;
  if (params[member] === undefined) params[member] = "ENABLED";
}
