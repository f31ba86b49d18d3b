import { EndpointResolutionError } from "../../exceptions.js";
import { pyType } from "../python-values.js";

/** `stringEquals(a, b)`: both must be strings, else the rule set is broken. */
export function stringEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") {
    throw new EndpointResolutionError({ msg: `Both values must be strings, not ${pyType(a)} and ${pyType(b)}.` });
  }
  return a === b;
}
