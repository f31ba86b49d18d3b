/**
 * Every Glacier request names the API version in `x-amz-glacier-version`
 * (botocore's `add_glacier_version`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { type Customization, on } from "../customization.js";

/** Sets `x-amz-glacier-version` to the model's API version. */
export function addGlacierVersion({ model, params }: HandlerKwargs<"before-call">): void {
  params.headers["x-amz-glacier-version"] = model.metadata.apiVersion!;
}

/** Registration for every Glacier call. */
export const glacierVersion: Customization = {
  name: "add_glacier_version",
  services: ["glacier"],
  handlers: [on("before-call.glacier", addGlacierVersion)],
};
