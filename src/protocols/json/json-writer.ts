/**
 * Builds the JSON value a shape's input becomes (botocore's JSONSerializer
 * walk): member names as serialized, timestamps as epoch seconds unless the
 * model says otherwise, blobs as base64, special floats as strings. The
 * value is then written once with JSON.stringify.
 *
 * A bigint (a `long` past 2^53) cannot go through JSON.stringify, so it is
 * replaced by a marker string that `stringifyJson` turns back into digits.
 */
import type { Shape } from "../../models/shape.js";
import { isSet } from "../common/serializer-support.js";
import { type TimestampPrecision, formatTimestamp } from "../common/timestamps.js";
import { handleFloat, toBase64 } from "../common/values.js";

/** Converts one caller value of a shape to its JSON form. */
export type JsonConverter = (value: unknown) => unknown;

const BIGINT_MARK = "\u0000bigint:";
const BIGINT_MARKED = /"\\u0000bigint:(-?\d+)"/g;
let markedBigInts = false;

function markBigInt(value: bigint): string {
  markedBigInts = true;
  return BIGINT_MARK + value.toString();
}

/** Any JSON value a caller passed (documents, jsonvalue headers): only bigints need care. */
export function plainJson(value: unknown): unknown {
  if (typeof value === "bigint") return markBigInt(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plainJson);
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value as Record<string, unknown>) out[key] = plainJson((value as Record<string, unknown>)[key]);
  return out;
}

/** JSON text of a value built by the converters, with marked bigints written as numbers. */
export function stringifyJson(value: unknown): string {
  // Conversion sets the flag before this runs; a stale flag only costs a scan.
  const text = JSON.stringify(value);
  if (!markedBigInts) return text;
  markedBigInts = false;
  return text.replace(BIGINT_MARKED, "$1");
}

/** Builds and caches converters for one timestamp precision and default timestamp format. */
export class JsonWriter {
  private readonly converters = new WeakMap<Shape, JsonConverter>();

  constructor(
    private readonly precision: TimestampPrecision,
    private readonly defaultTimestampFormat = "unixtimestamp",
  ) {}

  /** The converter for a shape. */
  converter(shape: Shape): JsonConverter {
    let converter = this.converters.get(shape);
    if (converter === undefined) {
      converter = this.build(shape);
      this.converters.set(shape, converter);
    }
    return converter;
  }

  private build(shape: Shape): JsonConverter {
    switch (shape.type_name) {
      case "structure":
        return shape.is_document_type ? plainJson : this.structure(shape);
      case "list": {
        return (value) => {
          const items = value as readonly unknown[];
          const member = this.converter(shape.member);
          const out = new Array<unknown>(items.length);
          for (let i = 0; i < items.length; i++) {
            const item = items[i];
            out[i] = item === null || item === undefined ? null : member(item);
          }
          return out;
        };
      }
      case "map":
        return (value) => {
          const convert = this.converter(shape.value);
          const out: Record<string, unknown> = {};
          if (value instanceof Map) {
            for (const [key, item] of value as Map<string, unknown>) out[key] = isSet(item) ? convert(item) : null;
          } else {
            const record = value as Record<string, unknown>;
            for (const key in record) {
              const item = record[key];
              if (item !== undefined) out[key] = item === null ? null : convert(item);
            }
          }
          return out;
        };
      case "timestamp": {
        const format = shape.serialization.timestampFormat ?? this.defaultTimestampFormat;
        return (value) => formatTimestamp(value, format, this.precision);
      }
      case "blob":
        return toBase64;
      case "float":
      case "double":
        return handleFloat;
      case "integer":
      case "long":
        return (value) => (typeof value === "bigint" ? markBigInt(value) : value);
      default:
        return (value) => value;
    }
  }

  private structure(shape: Shape): JsonConverter {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plans: Map<string, { name: string; convert: JsonConverter; document: boolean }> | undefined;
    return (value) => {
      if (plans === undefined) {
        plans = new Map();
        const members = shape.members;
        for (const key in members) {
          const member = members[key]!;
          plans.set(key, { name: member.serialization.name ?? key, convert: this.converter(member), document: member.is_document_type });
        }
      }
      const out: Record<string, unknown> = {};
      if (value instanceof Map) {
        for (const [key, item] of value as Map<string, unknown>) {
          const plan = plans.get(key);
          if (plan !== undefined && (isSet(item) || (item === null && plan.document))) out[plan.name] = item === null ? null : plan.convert(item);
        }
        return out;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (item === undefined) continue;
        const plan = plans.get(key);
        if (plan === undefined) continue;
        // None is a valid document, which botocore writes as null; other members skip it.
        if (item === null) {
          if (plan.document) out[plan.name] = null;
        } else {
          out[plan.name] = plan.convert(item);
        }
      }
      return out;
    };
  }
}
