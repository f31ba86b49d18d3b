import { EndpointResolutionError } from "../../exceptions.js";
import { pyType } from "../python-values.js";

const ASCII = /^[\x00-\x7f]*$/;

/**
 * `substring(value, start, stop, reverse)`: the characters [start, stop), or
 * counted from the end when `reverse`; unset when out of range or when the
 * input is not pure ASCII (indices would not mean characters).
 */
export function substring(value: unknown, start: unknown, stop: unknown, reverse: unknown): string | undefined {
  if (typeof value !== "string") {
    throw new EndpointResolutionError({ msg: `Input must be a string, not ${pyType(value)}.` });
  }
  const from = start as number;
  const to = stop as number;
  if (from >= to || value.length < to || !ASCII.test(value)) return undefined;
  if (reverse === true) return value.slice(value.length - to, value.length - from);
  return value.slice(from, to);
}
