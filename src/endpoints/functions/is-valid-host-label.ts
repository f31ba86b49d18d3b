// Python's `\d` is any Unicode digit and its `$` also matches before a final newline.
const HOST_LABEL = /^(?!-)[a-zA-Z\p{Nd}-]{1,63}(?<!-)\n?$/u;

/**
 * `isValidHostLabel(value, allowSubDomains)`: an RFC 1123 label, or with
 * subdomains allowed, dot-separated labels that each are one.
 */
export function isValidHostLabel(value: unknown, allowSubDomains: unknown): boolean {
  if (value === undefined || value === null) return false;
  const text = value as string;
  if (allowSubDomains === false && text.includes(".")) return false;
  if (allowSubDomains === true) return text.split(".").every((label) => HOST_LABEL.test(label));
  return HOST_LABEL.test(text);
}
