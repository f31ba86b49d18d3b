/**
 * Endpoint discovery operations (DynamoDB's DescribeEndpoints and kin) must
 * say which API version they speak (botocore's
 * `inject_api_version_header_if_needed`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

/** Sets `x-amz-api-version` on an endpoint discovery operation's request. */
export function injectApiVersionHeader({ model, params }: HandlerKwargs<"before-call">): void {
  if (!model.raw.endpointoperation) return;
  params.headers["x-amz-api-version"] = model.service_model.api_version;
}
