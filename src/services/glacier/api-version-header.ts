/**
 * Every Glacier request names the API version in `x-amz-glacier-version`
 * (botocore's `add_glacier_version`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Sets `x-amz-glacier-version` to the model's API version. */
export function addGlacierVersion({ model, params }: HandlerKwargs<"before-call">): void {
  params.headers["x-amz-glacier-version"] = model.metadata.apiVersion!;
}
