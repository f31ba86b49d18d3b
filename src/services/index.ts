/**
 * The registry of per-service customizations: which behaviours a new client
 * of a service gets, beyond what its model describes. One folder per
 * service under src/services/, one behaviour per file.
 */
import type { BaseClient } from "../client/base-client.js";
import type { Customization } from "./customization.js";

/** Every customization, in botocore's registration order. */
const CUSTOMIZATIONS: readonly Customization[] = [];

const byService = new Map<string, readonly Customization[]>();

function customizationsFor(serviceName: string): readonly Customization[] {
  let found = byService.get(serviceName);
  if (found === undefined) {
    found = CUSTOMIZATIONS.filter((c) => c.services === "*" || c.services.includes(serviceName));
    byService.set(serviceName, found);
  }
  return found;
}

/** Registers the service's customization handlers on a new client's emitter. */
export function applyCustomizations(client: BaseClient): void {
  const events = client.meta.events;
  for (const customization of customizationsFor(client.meta.service_model.service_name)) {
    for (const r of customization.handlers) {
      if (r.position === "first") events.register_first(r.event, r.handler, r.uniqueId);
      else if (r.position === "last") events.register_last(r.event, r.handler, r.uniqueId);
      else events.register(r.event, r.handler, r.uniqueId);
    }
  }
}
