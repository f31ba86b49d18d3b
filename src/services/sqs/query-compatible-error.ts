/**
 * SQS moved from the query protocol to JSON before SDKs could speak both,
 * and its modeled errors lack the `error` code trait other query-compatible
 * services have. Its error classes are named after the shape the error
 * code header names (kept as `QueryErrorCode`), so botocore maps errors by
 * that name (`_handle_sqs_compatible_error`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Makes the raised error class follow `Error.QueryErrorCode`. */
export function handleSqsCompatibleError({ parsed, context }: HandlerKwargs<"after-call">): void {
  const error = parsed.Error as { QueryErrorCode?: string } | undefined;
  if (!error) return;
  const queryCode = error.QueryErrorCode;
  if (queryCode) context.error_code_override = queryCode;
}
