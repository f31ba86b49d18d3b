/**
 * Writes a shape's input as JSON text (botocore's JSONSerializer walk):
 * member names as serialized, timestamps as epoch seconds unless the model
 * says otherwise, blobs as base64, special floats as strings, longs past
 * 2^53 (bigints) with all their digits.
 *
 * The text is written directly while walking, one writer per shape,
 * instead of building a value for JSON.stringify: for the small bodies
 * most calls send that is about twice as fast.
 */
import type { Shape } from "../../models/shape.js";
import { type TimestampPrecision, formatTimestamp } from "../common/timestamps.js";
import { handleFloat, toBase64 } from "../common/values.js";

/** Writes one caller value of a shape as JSON text. */
export type JsonTextWriter = (value: unknown) => string;

/** Characters a JSON string must escape (lone surrogates too, as JSON.stringify does); anything else is copied. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON text. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function hasBigInt(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  if (value === null || typeof value !== "object" || value instanceof Date || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some(hasBigInt);
  for (const key in value as Record<string, unknown>) if (hasBigInt((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Any JSON value a caller passed (documents, untyped members): JSON.stringify, with bigints as digits. */
export function plainJsonText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "bigint":
      return value.toString();
    default:
      break;
  }
  if (!hasBigInt(value)) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === "function" ? "null" : plainJsonText(item))).join(",")}]`;
  const parts: string[] = [];
  for (const key in value as Record<string, unknown>) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && typeof item !== "function") parts.push(`${jsonString(key)}:${plainJsonText(item)}`);
  }
  return `{${parts.join(",")}}`;
}

interface MemberPlan {
  /** `"name":`, ready to write. */
  key: string;
  write: JsonTextWriter;
  /** A document member, whose None is written as null (others skip it). */
  document: boolean;
}

/** Builds and caches writers for one timestamp precision and default timestamp format. */
export class JsonWriter {
  private readonly writers = new WeakMap<Shape, JsonTextWriter>();

  constructor(
    private readonly precision: TimestampPrecision,
    private readonly defaultTimestampFormat = "unixtimestamp",
  ) {}

  /** The writer for a shape. */
  writer(shape: Shape): JsonTextWriter {
    let writer = this.writers.get(shape);
    if (writer === undefined) {
      writer = this.build(shape);
      this.writers.set(shape, writer);
    }
    return writer;
  }

  private build(shape: Shape): JsonTextWriter {
    switch (shape.type_name) {
      case "structure":
        return shape.is_document_type ? plainJsonText : this.structure(shape);
      case "list":
        return (value) => {
          const items = value as readonly unknown[];
          const write = this.writer(shape.member);
          let out = "[";
          for (let i = 0; i < items.length; i++) {
            const item = items[i];
            if (i > 0) out += ",";
            out += item === null || item === undefined ? "null" : write(item);
          }
          return `${out}]`;
        };
      case "map":
        return (value) => {
          const write = this.writer(shape.value);
          let out = "";
          if (value instanceof Map) {
            for (const [key, item] of value as Map<string, unknown>) {
              out += `${out === "" ? "" : ","}${jsonString(String(key))}:${item === null || item === undefined ? "null" : write(item)}`;
            }
          } else {
            const record = value as Record<string, unknown>;
            for (const key in record) {
              const item = record[key];
              if (item !== undefined) out += `${out === "" ? "" : ","}${jsonString(key)}:${item === null ? "null" : write(item)}`;
            }
          }
          return `{${out}}`;
        };
      case "timestamp": {
        const format = shape.serialization.timestampFormat ?? this.defaultTimestampFormat;
        return (value) => plainJsonText(formatTimestamp(value, format, this.precision));
      }
      case "blob":
        // Base64 needs no escaping.
        return (value) => `"${toBase64(value)}"`;
      case "float":
      case "double":
        return (value) => plainJsonText(handleFloat(value));
      case "string":
        return (value) => (typeof value === "string" ? jsonString(value) : plainJsonText(value));
      default:
        return plainJsonText;
    }
  }

  private structure(shape: Shape): JsonTextWriter {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plans: Map<string, MemberPlan> | undefined;
    return (value) => {
      if (plans === undefined) {
        plans = new Map();
        const members = shape.members;
        for (const key in members) {
          const member = members[key]!;
          plans.set(key, { key: `${jsonString(member.serialization.name ?? key)}:`, write: this.writer(member), document: member.is_document_type });
        }
      }
      let out = "";
      if (value instanceof Map) {
        for (const [key, item] of value as Map<string, unknown>) {
          const plan = plans.get(key);
          if (plan === undefined || item === undefined || (item === null && !plan.document)) continue;
          out += `${out === "" ? "" : ","}${plan.key}${item === null ? "null" : plan.write(item)}`;
        }
        return `{${out}}`;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (item === undefined) continue;
        const plan = plans.get(key);
        // None is a valid document, which botocore writes as null; other members skip it.
        if (plan === undefined || (item === null && !plan.document)) continue;
        out += `${out === "" ? "" : ","}${plan.key}${item === null ? "null" : plan.write(item)}`;
      }
      return `{${out}}`;
    };
  }
}
