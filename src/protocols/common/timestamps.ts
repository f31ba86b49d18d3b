/**
 * Timestamps in and out. Callers pass a Date, epoch seconds or a date
 * string (botocore's `parse_to_aware_datetime`); serializers print one of the
 * model's formats (`iso8601`, `unixtimestamp`, `rfc822`). Parsers read any of
 * those back into a Date (botocore's `parse_timestamp`).
 *
 * Inputs are kept as whole seconds plus microseconds because Python keeps
 * microseconds and botocore prints them in ISO 8601; a Date holds only
 * milliseconds.
 */
import { ParamValidationError } from "../../exceptions.js";
import { ResponseParserError } from "./response-parser-error.js";
import { describeValue, tryPyFloat } from "./values.js";

/** A point in time: whole epoch seconds (floored) and microseconds past them. */
export interface Instant {
  seconds: number;
  micros: number;
}

/** `default` prints microseconds in ISO 8601 and whole seconds in epoch; `millisecond` prints milliseconds in both. */
export type TimestampPrecision = "default" | "millisecond";

function fromEpochSeconds(value: number): Instant {
  // Python's fromtimestamp rounds to the microsecond.
  const totalMicros = Math.round(value * 1e6);
  const seconds = Math.floor(totalMicros / 1e6);
  return { seconds, micros: totalMicros - seconds * 1e6 };
}

function fromMillis(ms: number): Instant {
  const seconds = Math.floor(ms / 1000);
  return { seconds, micros: Math.round((ms - seconds * 1000) * 1000) };
}

/** Reads a caller's timestamp: a Date, epoch seconds (number or bigint), or a date string. */
export function toInstant(value: unknown): Instant {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidInput(value);
    return fromMillis(ms);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalidInput(value);
    return fromEpochSeconds(value);
  }
  if (typeof value === "bigint") return { seconds: Number(value), micros: 0 };
  if (typeof value === "string") {
    const numeric = tryPyFloat(value);
    if (numeric !== undefined && Number.isFinite(numeric)) return fromEpochSeconds(numeric);
    const parsed = parseDateString(value);
    if (parsed !== undefined) return parsed;
  }
  throw invalidInput(value);
}

function invalidInput(value: unknown): ParamValidationError {
  return new ParamValidationError({ report: `Invalid timestamp value: ${String(value)}` });
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

function isoSeconds(instant: Instant): string {
  const d = new Date(instant.seconds * 1000);
  const year = d.getUTCFullYear();
  const y = year >= 1000 ? `${year}` : `${year}`.padStart(4, "0");
  return `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Formats a timestamp for the wire; `unixtimestamp` gives a number, the others text. */
export function formatTimestamp(value: unknown, format: string, precision: TimestampPrecision): string | number {
  const instant = toInstant(value);
  switch (format.toLowerCase()) {
    case "iso8601":
      if (precision === "millisecond") return `${isoSeconds(instant)}.${`${Math.floor(instant.micros / 1000)}`.padStart(3, "0")}Z`;
      return instant.micros > 0 ? `${isoSeconds(instant)}.${`${instant.micros}`.padStart(6, "0")}Z` : `${isoSeconds(instant)}Z`;
    case "unixtimestamp":
      return precision === "millisecond" ? instant.seconds + Math.floor(instant.micros / 1000) / 1000 : instant.seconds;
    case "rfc822":
      return new Date(instant.seconds * 1000).toUTCString();
    default:
      throw new ParamValidationError({ report: `Unknown timestamp format: ${format}` });
  }
}

/** Formats a timestamp as text (query strings, URI labels, headers, XML, query bodies). */
export function formatTimestampText(value: unknown, format: string, precision: TimestampPrecision): string {
  const out = formatTimestamp(value, format, precision);
  return typeof out === "number" ? String(out) : out;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  january: 0, february: 1, march: 2, april: 3, june: 5, july: 6, august: 7, september: 8, october: 9,
  november: 10, december: 11, sept: 8,
};

const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const RFC_RE =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(GMT|UTC|UT|Z|[+-]\d{2}:?\d{2})?$/;
const ASCTIME_RE = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(?:Z|z|UTC|GMT|UT)$/.test(zone)) return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function twoDigitYear(year: string): number {
  const value = Number(year);
  if (year.length > 2) return value;
  // dateutil puts a two-digit year within 50 years of now.
  const now = new Date().getUTCFullYear();
  const century = now - (now % 100);
  let full = century + value;
  if (full >= now + 50) full -= 100;
  else if (full < now - 50) full += 100;
  return full;
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  fraction: string | undefined, zone: string | undefined,
): Instant | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  if (Number.isNaN(ms)) return undefined;
  const seconds = ms / 1000 - offsetMinutes(zone) * 60;
  const micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
  return { seconds, micros };
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** `YYYY-MM-DDTHH:MM:SS[.fff...]Z`, what services send nearly always, read without regular expressions. */
function parseCommonIso(text: string): Instant | undefined {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  let micros = 0;
  if (n > 20) {
    // `.` then one or more digits before the `Z`; Python keeps the first six.
    if (text.charCodeAt(19) !== 46 || n === 21) return undefined;
    if (digits(text, 20, Math.min(n - 21, 15)) < 0 || (n - 21 > 15 && !/^\d+$/.test(text.slice(35, n - 1)))) return undefined;
    const take = Math.min(n - 21, 6);
    micros = digits(text, 20, take) * 10 ** (6 - take);
  }
  return { seconds: Date.UTC(year, month - 1, day, hour, minute, second) / 1000, micros };
}

/** Parses the date strings services send (ISO 8601, RFC 822/1123/850, asctime); naive times are UTC. */
export function parseDateString(text: string): Instant | undefined {
  const common = parseCommonIso(text);
  if (common !== undefined) return common;
  const value = text.trim();
  let m = ISO_RE.exec(value);
  if (m !== null) {
    return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7], m[8]);
  }
  m = RFC_RE.exec(value);
  if (m !== null) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return undefined;
    return build(twoDigitYear(m[3]!), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7], m[8]);
  }
  m = ASCTIME_RE.exec(value);
  if (m !== null) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return undefined;
    return build(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), undefined, undefined);
  }
  return undefined;
}

function instantToDate(instant: Instant): Date {
  return new Date(instant.seconds * 1000 + Math.floor(instant.micros / 1000));
}

/**
 * botocore's `parse_timestamp`: epoch seconds (number or numeric text) or a
 * date string, to a Date (sub-millisecond digits are dropped).
 */
export function parseTimestamp(value: unknown): Date {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return instantToDate(fromEpochSeconds(value));
  } else if (typeof value === "bigint") {
    return new Date(Number(value) * 1000);
  } else if (typeof value === "string") {
    const common = parseCommonIso(value);
    if (common !== undefined) return instantToDate(common);
    const numeric = tryPyFloat(value);
    if (numeric !== undefined && Number.isFinite(numeric)) return instantToDate(fromEpochSeconds(numeric));
    const parsed = parseDateString(value);
    if (parsed !== undefined) return instantToDate(parsed);
    throw new ResponseParserError(`Invalid timestamp "${value}": Unknown string format: ${value}`);
  }
  throw new ResponseParserError(`Invalid timestamp "${describeValue(value)}"`);
}
