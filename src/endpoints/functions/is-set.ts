/** `isSet(value)`: true unless the value is None (unset). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
