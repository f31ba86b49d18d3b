/**
 * A per-service customization: plain data, applied only to clients of the
 * services it names. Each behaviour is one handler on one of botocore's
 * events, registered on every new client of those services, so it runs at
 * exactly the point botocore runs it; its code loads on first use. Changes
 * botocore makes to the client class itself (`creating-client-class`
 * removals, `getattr` aliases) and to the serializer (`creating-serializer`)
 * are data too, applied without events because client creation is
 * synchronous. This file has types only; the registry (index.ts) holds the
 * data and the `on()` helper.
 */
import type { BaseClient } from "../client/base-client.js";
import type { ServiceRuntime } from "../client/runtime.js";
import type { AnyEventName, EventHandler } from "../events/event-names.js";
import type { SerializerOptions } from "../protocols/index.js";
import type { ModuleLoader } from "./lazy-handler.js";

/** One handler registration. */
export interface HandlerRegistration<E extends AnyEventName = AnyEventName> {
  /** The event, e.g. `after-call.s3.GetBucketLocation`. */
  readonly event: E;
  readonly handler: EventHandler<E>;
  /** botocore's REGISTER_FIRST / REGISTER_LAST; middle by default. */
  readonly position?: "first" | "last";
  /** A unique id, so that the same behaviour is never registered twice. */
  readonly uniqueId?: string;
}

/** Changes to a service's client class, made once per class. */
export interface ClientClassChanges {
  /** Operation methods botocore deletes at `creating-client-class` (for example, ones that need HTTP/2). */
  readonly removeMethods?: readonly string[];
  /** Extra method names that resolve to an existing method (botocore's `getattr` ClientMethodAlias): alias → method. */
  readonly methodAliases?: Readonly<Record<string, string>>;
}

/** A set of behaviours for some services (or for every service, with `services: "*"`). */
export interface Customization {
  /** botocore's name for the behaviour (its handler or class), for readers and debugging. */
  readonly name: string;
  /** botocore service names (`s3`, `route53`), or "*" for all services. */
  readonly services: readonly string[] | "*";
  /** The module with the behaviour's code, loaded in the background once a client of the service exists. */
  readonly load?: ModuleLoader<unknown>;
  /** Handlers that are the same for every client (shared functions). */
  readonly handlers?: readonly HandlerRegistration[];
  /**
   * Handlers that depend only on the service's model (which operations to
   * hook), worked out once per service model.
   */
  readonly serviceHandlers?: (service: ServiceRuntime) => readonly HandlerRegistration[];
  /**
   * Handlers made for one client, for behaviours that keep per-client state
   * (a region cache) or call back into the client (HeadBucket, presigning
   * with its credentials), registered after all others as botocore's
   * client factory does.
   */
  readonly clientHandlers?: (client: BaseClient) => readonly HandlerRegistration[];
  /** Changes to the client class. */
  readonly clientClass?: ClientClassChanges;
  /** Options for the service's serializer (botocore's `creating-serializer` handlers). */
  readonly serializerOptions?: SerializerOptions;
}
