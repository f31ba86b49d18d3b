import { pyTruthy } from "../python-values.js";

/** `not(value)`: Python's logical `not`, so an empty string or list counts as false too. */
export function not(value: unknown): boolean {
  return !pyTruthy(value);
}
