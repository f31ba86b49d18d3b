/**
 * The hyphenized service id events are named with (`s3`, `api-gateway`),
 * for handlers that emit events of their own.
 */
import type { BaseClient } from "../../client/base-client.js";

/** The service id part of a client's event names. */
export function eventServiceId(client: BaseClient): string {
  return client._runtime.service.serviceId;
}
