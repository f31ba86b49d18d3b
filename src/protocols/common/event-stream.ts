/**
 * Which member of an output structure is an event stream, remembered per
 * shape (the model's getter scans every member on each call).
 */
import type { Shape } from "../../models/shape.js";

const cache = new WeakMap<Shape, string | null>();

/** The name of the structure's event stream member, if it has one. */
export function eventStreamMember(shape: Shape): string | undefined {
  let name = cache.get(shape);
  if (name === undefined) {
    name = shape.event_stream_name ?? null;
    cache.set(shape, name);
  }
  return name ?? undefined;
}
