/**
 * Writes output values as JSON bodies (json, rest-json), written by hand
 * so that the text can carry what JSON.stringify cannot: integers past
 * 2^53, exponent spellings, escaped unicode, unknown and null members,
 * pretty-printing, and on rest-json the numbers and booleans some
 * services send as strings.
 */
import type { Shape } from "../../src/models/shape.js";
import type { Coverage } from "./param-generator.js";
import { type WireTime, epochNumber, timeText } from "./output-values.js";
import type { SeededRandom } from "./seeded-random.js";

/** A JSON string with non-ASCII characters escaped as \u sequences (surrogate pairs past the BMP). */
function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Writes JSON for shapes; one instance per response. */
export class JsonResponseWriter {
  private readonly pretty: boolean;

  constructor(
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
    /** rest-json converts scalars with int() / float() / ensure_boolean, so strings are fair. */
    private readonly restJson: boolean,
  ) {
    this.pretty = random.chance(0.25);
  }

  private count(feature: string): void {
    this.coverage.set(feature, (this.coverage.get(feature) ?? 0) + 1);
  }

  private string(text: string): string {
    if (this.random.chance(0.2)) {
      this.count("json escaped unicode");
      return asciiJsonString(text);
    }
    return JSON.stringify(text);
  }

  /** Any JSON value (documents, jsonvalue): JSON.stringify with bigints written out. */
  private plain(value: unknown): string {
    if (typeof value === "bigint") return value.toString();
    if (Array.isArray(value)) return `[${value.map((item) => this.plain(item)).join(",")}]`;
    if (value !== null && typeof value === "object") {
      return `{${Object.entries(value).map(([key, item]) => `${this.string(key)}:${this.plain(item)}`).join(",")}}`;
    }
    if (typeof value === "string") return this.string(value);
    return JSON.stringify(value) ?? "null";
  }

  /** The JSON text of a value of `shape`; `top` skips members bound to headers or the status code. */
  write(shape: Shape, value: unknown, top = false): string {
    const random = this.random;
    switch (shape.type_name) {
      case "structure": {
        if (shape.is_document_type) return this.plain(value);
        const record = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const [key, member] of Object.entries(shape.members)) {
          const location = member.serialization.location;
          if (top && (location === "header" || location === "headers" || location === "statusCode")) continue;
          const name = member.serialization.name ?? key;
          const item = record[key];
          if (item === undefined) {
            if (!shape.is_tagged_union && random.chance(0.05)) {
              this.count("json null member");
              parts.push(`${this.string(name)}:null`);
            }
            continue;
          }
          parts.push(`${this.string(name)}:${this.write(member, item)}`);
        }
        if (random.chance(0.1)) {
          this.count("json unknown member");
          parts.splice(random.int(0, parts.length), 0, `"unknownMember":${random.pick(['"x"', "[1,2]", '{"a":null}', "12345678901234567890"])}`);
        }
        const gap = this.pretty ? "\n  " : "";
        return `{${parts.map((part) => gap + part).join(",")}${this.pretty && parts.length > 0 ? "\n" : ""}}`;
      }
      case "list":
        return `[${(value as unknown[]).map((item) => this.write(shape.member, item)).join(this.pretty ? ", " : ",")}]`;
      case "map":
        return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${this.string(key)}:${this.write(shape.value, item)}`).join(",")}}`;
      case "string":
        if (shape.serialization.jsonvalue === true) return this.string(JSON.stringify(value));
        return this.string(value as string);
      case "integer":
      case "long": {
        const text = String(value);
        if (this.restJson && random.chance(0.1)) {
          this.count("json integer as string");
          return `"${text}"`;
        }
        return text;
      }
      case "float":
      case "double": {
        const number = value as number;
        // Services send the special floats as strings.
        if (!Number.isFinite(number)) return `"${Number.isNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity"}"`;
        if (this.restJson && random.chance(0.1)) return `"${number}"`;
        return random.chance(0.2) ? number.toExponential() : String(number);
      }
      case "boolean":
        if (this.restJson && random.chance(0.1)) {
          this.count("json boolean as string");
          return value ? '"true"' : '"false"';
        }
        return value ? "true" : "false";
      case "blob":
        return JSON.stringify(Buffer.from(value as Uint8Array).toString("base64"));
      case "timestamp": {
        const time = value as WireTime;
        const format = shape.serialization.timestampFormat;
        if (format === "iso8601" || format === "rfc822" || (format === undefined && random.chance(0.1))) {
          this.count("json timestamp as text");
          return JSON.stringify(timeText(time, random, format ?? "iso8601"));
        }
        return String(epochNumber(time));
      }
      default:
        return "null";
    }
  }
}
