/**
 * Turns what a user may pass for a timestamp member into a Date, accepting
 * what botocore's `parse_to_aware_datetime` accepts: a Date, epoch seconds
 * (number, bigint, or a numeric string as Python's `float()` reads it), or a
 * date string. botocore hands strings to dateutil, whose parser takes almost
 * any text; this module reads the forms people send in practice — ISO 8601
 * (extended and basic), RFC 1123 / RFC 850 / asctime, `YYYY/MM/DD` and
 * `MM/DD/YYYY` — and rejects the rest. Naive times are UTC, as in botocore.
 *
 * The serializer should use this same function, so that whatever passes
 * validation also serializes.
 */

// Python's datetime covers years 1 to 9999; botocore rejects epochs outside.
const MIN_EPOCH_MS = -62135596800000;
const MAX_EPOCH_MS = 253402300800000;

// Python float() syntax: underscores between digits, inf/nan words.
const PY_FLOAT = /^\s*[+-]?(?:(?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?\s*$/;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DAY = "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*";
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
const ZONE = "(z|utc|gmt|[+-]\\d{2}(?::?\\d{2})?)";
const CLOCK = "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?";

const ISO_EXTENDED = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[t ](\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?)?\\s*${ZONE}?$`);
const ISO_BASIC = new RegExp(`^(\\d{4})(\\d{2})(\\d{2})(?:t(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:[.,](\\d+))?)?)?)?${ZONE}?$`);
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASH_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const RFC_DATE = new RegExp(`^(?:${DAY},?\\s+)?(\\d{1,2})[\\s-]+${MONTH}[\\s-]+(\\d{2,4})(?:\\s+${CLOCK})?(?:\\s*${ZONE})?$`);
const ASCTIME = new RegExp(`^${DAY}\\s+${MONTH}\\s+(\\d{1,2})\\s+${CLOCK}\\s+(\\d{4})$`);

/** The instant a timestamp input stands for, or undefined when botocore would reject it. */
export function parseTimestampInput(value: unknown): Date | undefined {
  switch (typeof value) {
    case "number": return fromEpochSeconds(value);
    // bool is an int in Python, so botocore takes True as epoch 1.
    case "boolean": return fromEpochSeconds(value ? 1 : 0);
    case "bigint": return fromEpochSeconds(Number(value));
    case "string": return parseTimestampString(value);
    case "object":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
      return undefined;
    default: return undefined;
  }
}

function fromEpochSeconds(seconds: number): Date | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || ms < MIN_EPOCH_MS || ms >= MAX_EPOCH_MS) return undefined;
  return new Date(ms);
}

function parseTimestampString(text: string): Date | undefined {
  if (PY_FLOAT.test(text)) return fromEpochSeconds(Number(text.trim().replace(/_/g, "")));
  const s = text.trim().toLowerCase();
  let m = ISO_EXTENDED.exec(s) ?? ISO_BASIC.exec(s);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7], m[8]);
  if ((m = SLASH_YMD.exec(s))) return build(+m[1]!, +m[2]!, +m[3]!);
  if ((m = SLASH_MDY.exec(s))) return build(+m[3]!, +m[1]!, +m[2]!);
  if ((m = RFC_DATE.exec(s))) {
    return build(fullYear(m[3]!), MONTHS[m[2]!]!, +m[1]!, m[4], m[5], m[6], m[7], m[8]);
  }
  if ((m = ASCTIME.exec(s))) return build(+m[7]!, MONTHS[m[1]!]!, +m[2]!, m[3], m[4], m[5], m[6]);
  return undefined;
}

/** dateutil's two-digit year rule: the year within 50 years of today. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  const now = new Date().getUTCFullYear();
  let full = year + Math.floor(now / 100) * 100;
  if (full >= now + 50) full -= 100;
  else if (full < now - 50) full += 100;
  return full;
}

function build(
  year: number, month: number, day: number,
  hour?: string, minute?: string, second?: string, fraction?: string, zone?: string,
): Date | undefined {
  const h = hour === undefined ? 0 : +hour;
  const mi = minute === undefined ? 0 : +minute;
  const sec = second === undefined ? 0 : +second;
  if (year < 1 || month < 1 || month > 12 || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, mi, sec, ms);
  // A day past the month's end rolls over in JS; dateutil rejects it.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  const offset = zoneOffsetMinutes(zone);
  return offset === 0 ? date : new Date(date.getTime() - offset * 60000);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === "z" || zone === "utc" || zone === "gmt") return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
  return zone[0] === "-" ? -minutes : minutes;
}
