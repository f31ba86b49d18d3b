import { isValidHostLabel } from "./is-valid-host-label.js";

const IPV4 = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}\n?$/;

/** Length in code points, as Python's `len()` counts. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) count++;
    else {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      count++;
    }
  }
  return count;
}

/**
 * `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: the bucket can be
 * the first label(s) of a host name: at least 3 characters, lower case, not
 * an IPv4 address, and valid host label(s).
 */
export function awsIsVirtualHostableS3Bucket(value: unknown, allowSubDomains: unknown): boolean {
  if (value === undefined || value === null) return false;
  const text = value as string;
  if (codePoints(text) < 3 || text.toLowerCase() !== text || IPV4.test(text)) return false;
  return isValidHostLabel(text, allowSubDomains);
}
