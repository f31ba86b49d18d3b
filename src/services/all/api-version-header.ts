/**
 * Endpoint discovery operations (DynamoDB's DescribeEndpoints and kin) must
 * say which API version they speak (botocore's
 * `inject_api_version_header_if_needed`).
 */
import type { ServiceRuntime } from "../../client/runtime.js";
import type { HandlerKwargs } from "../../events/event-names.js";
import { type Customization, type HandlerRegistration, on } from "../customization.js";
import { operationsWhere } from "../common/operations.js";

/** Sets `x-amz-api-version` on an endpoint discovery operation's request. */
export function injectApiVersionHeader({ model, params }: HandlerKwargs<"before-call">): void {
  if (!model.raw.endpointoperation) return;
  params.headers["x-amz-api-version"] = model.service_model.api_version;
}

function registrations(service: ServiceRuntime): readonly HandlerRegistration[] {
  // botocore listens to every before-call; only these operations can match, so only they are hooked.
  return operationsWhere(service.model, "endpointoperation", (op) => Boolean(op.endpointoperation)).map((name) =>
    on(`before-call.${service.serviceId}.${name}`, injectApiVersionHeader),
  );
}

/** Registration for every service that has an endpoint discovery operation. */
export const apiVersionHeader: Customization = {
  name: "inject_api_version_header_if_needed",
  services: "*",
  serviceHandlers: registrations,
};
