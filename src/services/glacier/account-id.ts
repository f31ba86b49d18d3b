/**
 * Glacier requires `accountId` in every path, and `-` means the caller's
 * own account; botocore fills it in when left out (`inject_account_id`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { type Customization, on } from "../customization.js";

/** Sets `accountId: "-"` when the caller gave none. */
export function injectAccountId({ params }: HandlerKwargs<"before-parameter-build">): void {
  if (params.accountId === undefined || params.accountId === null) params.accountId = "-";
}

/** Registration for every Glacier operation. */
export const glacierAccountId: Customization = {
  name: "inject_account_id",
  services: ["glacier"],
  handlers: [on("before-parameter-build.glacier", injectAccountId)],
};
