/**
 * Operations callable before the caller has credentials (getting them is
 * their purpose) are sent unsigned (botocore's `disable_signing`).
 */
import { UNSIGNED } from "../../config/config.js";
import type { HandlerKwargs } from "../../events/event-names.js";

/** A `choose-signer` handler that answers UNSIGNED. */
export function disableSigning(_kwargs: HandlerKwargs<"choose-signer">): string {
  // The choose-signer result type does not list the sentinel yet; the pipeline accepts it.
  return UNSIGNED as unknown as string;
}
