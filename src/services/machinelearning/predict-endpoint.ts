/**
 * Amazon ML's Predict goes to the model's own real-time endpoint, given
 * as `PredictEndpoint` in the request, not to the service endpoint
 * (botocore's `switch_host_machinelearning`). The switch happens before
 * signing, so the signature covers the new host.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { switchEndpoint } from "../common/new-endpoint.js";
import { pyTruthy } from "../common/python-truth.js";

function bodyText(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  return "";
}

/** Points the request at the host (and scheme) of `PredictEndpoint`. */
export function switchHostMachineLearning({ request }: HandlerKwargs<"request-created">): void {
  const document = JSON.parse(bodyText(request.body)) as Record<string, unknown>;
  const endpoint = document.PredictEndpoint;
  if (pyTruthy(endpoint)) request.url = switchEndpoint(request.url, String(endpoint));
}
