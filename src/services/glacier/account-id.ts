/**
 * Glacier requires `accountId` in every path, and `-` means the caller's
 * own account; botocore fills it in when left out (`inject_account_id`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Sets `accountId: "-"` when the caller gave none. */
export function injectAccountId({ params }: HandlerKwargs<"before-parameter-build">): void {
  if (params.accountId === undefined || params.accountId === null) params.accountId = "-";
}
