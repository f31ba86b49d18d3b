/**
 * Import/Export's model still says SigV2, but botocore has signed it with
 * SigV4 since long before rule sets, and keeps doing so unless the user
 * configured a signature version (`_set_importexport_signature_version`;
 * the registry registers it only then).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** A `choose-signer` handler that answers `v4`. */
export function defaultSignerToSigv4(_kwargs: HandlerKwargs<"choose-signer">): string {
  return "v4";
}
