/**
 * S3 Control's rule set already puts `{AccountId}.` in front of the host,
 * and the model's `hostPrefix` would add it a second time. botocore drops
 * the model's prefix from operations that declare `RequiresAccountId`, on
 * their first call, for the life of the model
 * (`remove_accid_host_prefix_from_model`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Deletes an `{AccountId}.` host prefix from an operation whose endpoint rules add it. */
export function removeAccountIdHostPrefix({ model }: HandlerKwargs<"before-parameter-build">): void {
  const requiresAccountId = model.static_context_parameters.some((p) => p.name === "RequiresAccountId" && p.value === true);
  const endpoint = model.endpoint;
  if (endpoint !== undefined && endpoint.hostPrefix === "{AccountId}." && requiresAccountId) delete endpoint.hostPrefix;
}
