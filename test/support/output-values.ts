/**
 * Values a service could send for an output (or error) shape, generated
 * with a seeded random source, before any wire format: the response
 * writers (response-xml.ts, response-json.ts, response-cbor.ts) choose how
 * each value is spelled on the wire.
 */
import type { Shape } from "../../src/models/shape.js";
import type { Coverage } from "./param-generator.js";
import type { SeededRandom } from "./seeded-random.js";
import { BODY_STRINGS, DOUBLES, FLOATS, INTEGERS, LONGS, MAP_KEYS, documentValue } from "./value-pools.js";

/** A timestamp as sent: whole epoch seconds and microseconds past them. */
export class WireTime {
  constructor(
    readonly seconds: number,
    readonly micros: number,
  ) {}
}

/** Where a value will be written: header values stay printable ASCII. */
export type OutputPlace = "body" | "header";

/** ASCII header values (transports carry bytes as latin-1 at best). */
const HEADER_VALUES: readonly string[] = ["plain", "with space", "x=y; z", "~!*'()", "UPPER-lower_123", ""];

const TIMES: readonly WireTime[] = [
  new WireTime(1422172800, 0),
  new WireTime(1422172800, 123000),
  new WireTime(1422172800, 123456),
  new WireTime(1576540098, 999999),
  new WireTime(0, 0),
  new WireTime(-14182940, 500000),
  new WireTime(253402300799, 0),
  new WireTime(1700000000, 1000),
];

/** Generates output values with a budget that bounds the largest shapes. */
export class OutputValues {
  private budget = 250;

  constructor(
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
  ) {}

  private count(feature: string): void {
    this.coverage.set(feature, (this.coverage.get(feature) ?? 0) + 1);
  }

  /** A value for `shape`, or undefined when depth or budget says stop. */
  value(shape: Shape, depth: number, place: OutputPlace): unknown {
    const random = this.random;
    this.budget--;
    switch (shape.type_name) {
      case "structure":
        return this.structure(shape, depth);
      case "list": {
        const size = this.budget <= 0 ? 0 : random.pick([0, 1, 1, 2, 2, 3]);
        const out: unknown[] = [];
        for (let i = 0; i < size; i++) {
          const item = this.value(shape.member, depth + 1, place);
          if (item !== undefined) out.push(item);
        }
        return out;
      }
      case "map": {
        const size = this.budget <= 0 ? 0 : random.pick([0, 1, 2, 2, 3]);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < size; i++) {
          const key = shape.key.enum.length > 0 && random.chance(0.7) ? random.pick(shape.key.enum) : random.pick(MAP_KEYS);
          const name = place === "header" ? `${key.toLowerCase().replace(/[^a-z0-9-]/g, "")}-${i}` : key;
          const item = this.value(shape.value, depth + 1, place);
          if (item !== undefined) out[name] = item;
        }
        return out;
      }
      case "string":
        if (shape.serialization.jsonvalue === true) {
          this.count("jsonvalue");
          return documentValue((items) => random.pick(items), 1);
        }
        if (shape.enum.length > 0 && random.chance(0.7)) return random.pick(shape.enum);
        return random.pick(place === "header" ? HEADER_VALUES : BODY_STRINGS);
      case "integer":
        return random.pick(INTEGERS);
      case "long":
        return random.pick(LONGS);
      case "float":
        return random.pick(FLOATS);
      case "double":
        return random.pick(DOUBLES);
      case "boolean":
        return random.chance(0.5);
      case "blob":
        this.count(`blob ${place}`);
        return random.bytes(random.int(0, 40));
      case "timestamp":
        return random.pick(TIMES);
      default:
        return undefined;
    }
  }

  private structure(shape: Shape, depth: number): unknown {
    const random = this.random;
    if (shape.is_document_type) {
      this.count("document");
      return documentValue((items) => random.pick(items), 0);
    }
    if (depth > 5 || this.budget <= 0) return undefined;
    const out: Record<string, unknown> = {};
    const members = Object.entries(shape.members).filter(([, member]) => member.serialization.eventstream !== true);
    if (shape.is_tagged_union) {
      this.count("union");
      for (let attempt = 0; attempt < 4 && members.length > 0; attempt++) {
        const [name, member] = random.pick(members);
        const item = this.value(member, depth + 1, "body");
        if (item !== undefined) {
          out[name] = item;
          break;
        }
      }
      return out;
    }
    const keep = depth === 0 ? 0.8 : depth < 3 ? 0.6 : 0.4;
    const required = new Set(shape.required_members);
    for (const [name, member] of members) {
      if (!random.chance(required.has(name) ? 0.95 : keep)) continue;
      const location = member.serialization.location;
      const place = depth === 0 && (location === "header" || location === "headers") ? "header" : "body";
      if (depth === 0 && location !== undefined) this.count(`${location} ${member.type_name}`);
      const item = this.value(member, depth + 1, place);
      if (item !== undefined) out[name] = item;
    }
    return out;
  }
}

/** An epoch-seconds number for a time (fraction only when it has microseconds). */
export function epochNumber(time: WireTime): number {
  return time.micros === 0 ? time.seconds : time.seconds + time.micros / 1e6;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time in one of the text forms services use (and a few they rarely do), chosen at random. */
export function timeText(time: WireTime, random: SeededRandom, preferred: "iso8601" | "rfc822" | "unixTimestamp"): string {
  const d = new Date(time.seconds * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const fraction = time.micros === 0 ? "" : `.${pad(time.micros, 6)}`;
  const millis = `.${pad(Math.floor(time.micros / 1000), 3)}`;
  const rfc = `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock} GMT`;
  const epoch = String(epochNumber(time));
  // The same instant as local time at +05:30 (or -08:00), with its offset.
  const shifted = (minutes: number): string => {
    const l = new Date((time.seconds + minutes * 60) * 1000);
    const sign = minutes < 0 ? "-" : "+";
    const offset = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
    return `${pad(l.getUTCFullYear(), 4)}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}T${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())}${fraction}${offset}`;
  };
  const forms: Record<string, string> = {
    // (No local time past year 9999: Python's datetime cannot hold it.)
    isoEast: time.seconds > 253402000000 ? shifted(-480) : shifted(330),
    isoWest: shifted(-480),
    rfcNumericZone: rfc.replace("GMT", "+0000"),
    iso: `${date}T${clock}${fraction}Z`,
    isoMillis: `${date}T${clock}${millis}Z`,
    isoOffset: `${date}T${clock}${fraction}+00:00`,
    isoNoZone: `${date}T${clock}${fraction}`,
    rfc,
    epoch,
  };
  const main = preferred === "iso8601" ? forms.iso! : preferred === "rfc822" ? forms.rfc! : forms.epoch!;
  if (random.chance(0.6)) return main;
  return random.pick(Object.values(forms));
}
