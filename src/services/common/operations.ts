/**
 * Which operations of a service a behaviour applies to, worked out once per
 * service model, so a per-client registration can target exactly those
 * operations' events instead of listening to every call.
 */
import type { BaseClient } from "../../client/base-client.js";
import type { RawOperation, ServiceModel } from "../../models/service-model.js";

const scans = new WeakMap<ServiceModel, Map<string, readonly string[]>>();

/** Names of the service's operations whose raw model satisfies `test`, cached under `key`. */
export function operationsWhere(model: ServiceModel, key: string, test: (operation: RawOperation) => boolean): readonly string[] {
  let byKey = scans.get(model);
  if (byKey === undefined) scans.set(model, (byKey = new Map()));
  let names = byKey.get(key);
  if (names === undefined) {
    const operations = model.raw.operations;
    names = Object.keys(operations).filter((name) => test(operations[name]!));
    byKey.set(key, names);
  }
  return names;
}

/** The hyphenized service id events are named with (`s3`, `api-gateway`). */
export function eventServiceId(client: BaseClient): string {
  return client._runtime.service.serviceId;
}
