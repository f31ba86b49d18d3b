/**
 * Walks a decoded JSON body along its shape (botocore's BaseJSONParser and,
 * for `rest-json`, RestJSONParser's scalar rules): member names from the
 * wire, blobs decoded, timestamps as Dates, unions checked. A reader is
 * built once per shape and kept.
 *
 * The `json` protocol passes scalars through as decoded; `rest-json` also
 * converts them (`int()`, `float()`, booleans from "true"), as botocore does.
 */
import type { Shape } from "../../models/shape.js";
import { type Parsed, type ParserOptions, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { parseTimestamp } from "../common/timestamps.js";
import { fromBase64, pyFloat, pyIntOf } from "../common/values.js";

/** Converts one decoded JSON value of a shape. */
export type JsonReader = (value: unknown) => unknown;

interface MemberPlan {
  name: string;
  wireName: string;
  read: JsonReader | null;
  /** The wire name is also an Object.prototype property (`constructor`...): read own properties only. */
  ownOnly: boolean;
}

function identity(value: unknown): unknown {
  return value;
}

/** botocore's `ensure_boolean`. */
function ensureBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase() === "true";
  return false;
}


/** botocore's check that a union has exactly one member, and its marker for a member this model lacks. */
export function checkUnion(shape: Shape, value: Readonly<Record<string, unknown>>, names: ReadonlySet<string>): Parsed | undefined {
  let count = 0;
  let first: string | undefined;
  let tag: string | undefined;
  for (const key in value) {
    first ??= key;
    if (key !== "__type" && value[key] !== null && value[key] !== undefined) {
      tag ??= key;
      count++;
    }
  }
  if (count !== 1) throw new ResponseParserError(`Invalid service response: ${shape.name} must have one and only one member set.`);
  // botocore checks the set member, but names the first key it received.
  if (!names.has(tag!)) return { SDK_UNKNOWN_MEMBER: { name: first } };
  return undefined;
}

/** Builds and caches readers for one flavor of JSON parsing. */
export class JsonShapeReader {
  private readonly readers = new WeakMap<Shape, JsonReader>();
  private readonly readTimestamp: JsonReader;
  private readonly readBlob: JsonReader;

  /** `convertScalars` is rest-json's behaviour; plain `json` leaves scalars as decoded. */
  constructor(
    private readonly convertScalars: boolean,
    options: ParserOptions = {},
  ) {
    this.readTimestamp = options.timestamp_parser ?? parseTimestamp;
    const blobParser = options.blob_parser ?? fromBase64;
    this.readBlob = (value) => {
      if (typeof value !== "string") throw new ResponseParserError(`Invalid blob value: ${String(value)}`);
      return blobParser(value);
    };
  }

  /** The reader for a shape. */
  reader(shape: Shape): JsonReader {
    let reader = this.readers.get(shape);
    if (reader === undefined) {
      reader = this.build(shape) ?? identity;
      this.readers.set(shape, reader);
    }
    return reader;
  }

  /** A reader, or null when the value passes through unchanged. */
  private build(shape: Shape): JsonReader | null {
    switch (shape.type_name) {
      case "structure":
        return shape.is_document_type ? null : this.structure(shape);
      case "list":
        return (value) => {
          if (!Array.isArray(value)) throw new ResponseParserError(`Invalid service response: ${shape.name} must be a list.`);
          const read = this.reader(shape.member);
          const out = new Array<unknown>(value.length);
          for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            out[i] = item === null ? null : read(item);
          }
          return out;
        };
      case "map":
        return (value) => {
          const readKey = this.reader(shape.key);
          const readValue = this.reader(shape.value);
          const record = value as Record<string, unknown>;
          const out: Record<string, unknown> = {};
          for (const key in record) {
            const item = record[key];
            setKey(out, readKey(key) as string, item === null ? null : readValue(item));
          }
          return out;
        };
      case "blob":
        return this.readBlob;
      case "timestamp":
        return this.readTimestamp;
      case "boolean":
        return this.convertScalars ? ensureBoolean : null;
      case "integer":
      case "long":
        return this.convertScalars ? pyIntOf : null;
      case "float":
      case "double":
        return this.convertScalars ? pyFloat : null;
      default:
        return null;
    }
  }

  private structure(shape: Shape): JsonReader {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plans: MemberPlan[] | undefined;
    let wireNames: Set<string> | undefined;
    const union = shape.is_tagged_union;
    return (value) => {
      if (value === null || value === undefined) return null;
      if (plans === undefined) {
        plans = [];
        wireNames = new Set();
        const members = shape.members;
        for (const name in members) {
          const member = members[name]!;
          const wireName = member.serialization.name ?? name;
          const read = this.reader(member);
          plans.push({ name, wireName, read: read === identity ? null : read, ownOnly: wireName in Object.prototype });
          wireNames.add(wireName);
        }
      }
      const record = value as Record<string, unknown>;
      if (union) {
        const unknown = checkUnion(shape, record, wireNames!);
        if (unknown !== undefined) return unknown;
      }
      const out: Parsed = {};
      for (const plan of plans) {
        const raw = record[plan.wireName];
        if (raw === null || raw === undefined || (plan.ownOnly && !Object.hasOwn(record, plan.wireName))) continue;
        out[plan.name] = plan.read === null ? raw : plan.read(raw);
      }
      return out;
    };
  }
}
