/**
 * Import/Export's model still says SigV2, but botocore has signed it with
 * SigV4 since long before rule sets, and keeps doing so unless the user
 * configured a signature version (`_set_importexport_signature_version`).
 */
import type { BaseClient } from "../../client/base-client.js";
import type { HandlerKwargs } from "../../events/event-names.js";
import { type Customization, type HandlerRegistration, on } from "../customization.js";

/** A `choose-signer` handler that answers `v4`. */
export function defaultSignerToSigv4(_kwargs: HandlerKwargs<"choose-signer">): string {
  return "v4";
}

function registrations(client: BaseClient): readonly HandlerRegistration[] {
  // A signature version the user configured wins; botocore then registers nothing. The client keeps
  // only the final Config, where an unconfigured version is the model's (v2): anything else was configured.
  // (An explicit "v2" is taken as unconfigured; there is no SigV2 signer to honour it.)
  if (client.meta.config.signature_version !== client.meta.service_model.metadata.signatureVersion) return [];
  return [on("choose-signer.importexport", defaultSignerToSigv4, { uniqueId: "importexport-default-signer-to-sigv4" })];
}

/** Registration made by botocore's client factory for importexport clients. */
export const importExportSigv4: Customization = {
  name: "_set_importexport_signature_version",
  services: ["importexport"],
  clientHandlers: registrations,
};
