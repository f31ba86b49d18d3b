/**
 * A per-service customization: plain data, loaded only for clients of the
 * services it names. Each behaviour is one handler on one of botocore's
 * events, registered on every new client of those services, so it runs at
 * exactly the point botocore runs it.
 */
import type { AnyEventName, EventHandler } from "../events/event-names.js";

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

/** A set of behaviours for some services (or for every service, with `services: "*"`). */
export interface Customization {
  /** botocore service names (`s3`, `route53`), or "*" for all services. */
  readonly services: readonly string[] | "*";
  readonly handlers: readonly HandlerRegistration[];
}

/** Declares a registration with its event's typed arguments. */
export function on<E extends AnyEventName>(event: E, handler: EventHandler<E>, options: { position?: "first" | "last"; uniqueId?: string } = {}): HandlerRegistration {
  return { event, handler, ...options } as unknown as HandlerRegistration;
}
