/**
 * Timestamps as the credential providers read and write them: botocore
 * parses expiry times with dateutil and writes them as
 * `%Y-%m-%dT%H:%M:%SZ` (or `%Z`, which gives "UTC", in its JSON cache).
 */

// ISO 8601 as AWS and the caches write it, plus dateutil's "UTC"/"GMT" suffixes.
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a timestamp as botocore's dateutil does for the forms AWS uses.
 * A time without a zone counts as UTC (botocore would fail comparing it
 * with an aware time). Undefined when the text is not a date.
 */
export function parseDateTime(text: string): Date | undefined {
  const match = ISO_LIKE.exec(text.trim());
  if (match === null) {
    const fallback = Date.parse(text);
    return Number.isNaN(fallback) ? undefined : new Date(fallback);
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = "Z"] = match;
  const ms = Number(`0.${fraction || "0"}`) * 1000;
  let utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(ms));
  const upper = zone.toUpperCase();
  if (upper !== "Z" && upper !== "UTC" && upper !== "GMT") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0");
    utc -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `%Y-%m-%dT%H:%M:%SZ` in UTC, the form botocore writes expiry times in. */
export function formatUtcSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
