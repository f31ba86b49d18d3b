import { EndpointResolutionError } from "../../exceptions.js";
import { pyType } from "../python-values.js";

/** `booleanEquals(a, b)`: both must be booleans, else the rule set is broken. */
export function booleanEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== "boolean" || typeof b !== "boolean") {
    throw new EndpointResolutionError({ msg: `Both arguments must be bools, not ${pyType(a)} and ${pyType(b)}.` });
  }
  return a === b;
}
