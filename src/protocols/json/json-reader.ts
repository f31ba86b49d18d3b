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
import { describeValue, fromBase64, pyFloat, pyIntOf } from "../common/values.js";

/** Converts one decoded JSON value of a shape. */
export type JsonReader = (value: unknown) => unknown;

/**
 * Thrown by a reader that met an integer JSON.parse rounded (past 2^53):
 * the caller decodes the text again with exact integers and reads it again.
 */
export const NEEDS_EXACT_INTEGERS: unique symbol = Symbol("needs exact integers");

/**
 * Set while the exact decode is read: integers are bigints there, so a
 * large integral number left is one the text spelled as a float (`1e16`).
 */
let exactPass = false;

function isRoundedInteger(value: unknown): boolean {
  return !exactPass && typeof value === "number" && !Number.isSafeInteger(value) && Number.isInteger(value);
}

/** An integer member's value, unless JSON.parse rounded it. */
function checkInteger(value: unknown): unknown {
  if (isRoundedInteger(value)) throw NEEDS_EXACT_INTEGERS;
  return value;
}

/** A document, unless some integer in it was rounded by JSON.parse. */
function checkDocument(value: unknown): unknown {
  if (hasRoundedInteger(value)) throw NEEDS_EXACT_INTEGERS;
  return value;
}

function hasRoundedInteger(value: unknown): boolean {
  if (typeof value === "number") return isRoundedInteger(value);
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(hasRoundedInteger);
  for (const key in value as Record<string, unknown>) if (hasRoundedInteger((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Reads a JSON body along a shape: JSON.parse first, and only when the
 * reader finds an integer past 2^53, a second, exact decode.
 */
export function readJsonText(text: string, read: JsonReader, decode: (text: string) => unknown, exact: (text: string) => unknown): unknown {
  try {
    return read(decode(text));
  } catch (error) {
    if (error !== NEEDS_EXACT_INTEGERS) throw error;
    const value = exact(text);
    exactPass = true;
    try {
      return read(value);
    } finally {
      exactPass = false;
    }
  }
}

interface MemberPlan {
  name: string;
  /** Position in the model, to keep botocore's member order. */
  index: number;
  read: JsonReader | null;
  /** Another member with the same wire name (botocore fills both). */
  next: MemberPlan | undefined;
}

interface StructurePlan {
  byWireName: Map<string, MemberPlan>;
  wireNames: Set<string>;
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
      if (typeof value !== "string") throw new ResponseParserError(`Invalid blob value: ${describeValue(value)}`);
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
        return shape.is_document_type ? checkDocument : this.structure(shape);
      case "list":
        // The decoded body belongs to this parse alone, so lists and maps are converted in place.
        return (value) => {
          if (!Array.isArray(value)) throw new ResponseParserError(`Invalid service response: ${shape.name} must be a list.`);
          const read = this.reader(shape.member);
          if (read === identity) return value;
          for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            if (item !== null) value[i] = read(item);
          }
          return value;
        };
      case "map":
        return (value) => {
          if (value === null || typeof value !== "object" || Array.isArray(value)) {
            throw new ResponseParserError(`Invalid service response: ${shape.name} must be an object.`);
          }
          const readKey = this.reader(shape.key);
          const readValue = this.reader(shape.value);
          const record = value as Record<string, unknown>;
          if (readKey === identity) {
            if (readValue === identity) return record;
            for (const key in record) {
              const item = record[key];
              if (item !== null) setKey(record, key, readValue(item));
            }
            return record;
          }
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
        return this.convertScalars ? (value) => pyIntOf(checkInteger(value)) : checkInteger;
      case "float":
      case "double":
        return this.convertScalars ? pyFloat : null;
      default:
        return null;
    }
  }

  private plan(shape: Shape): StructurePlan {
    const byWireName = new Map<string, MemberPlan>();
    const wireNames = new Set<string>();
    let index = 0;
    const members = shape.members;
    for (const name in members) {
      const member = members[name]!;
      const wireName = member.serialization.name ?? name;
      const read = this.reader(member);
      const plan: MemberPlan = { name, index: index++, read: read === identity ? null : read, next: undefined };
      const first = byWireName.get(wireName);
      if (first === undefined) byWireName.set(wireName, plan);
      else {
        let last = first;
        while (last.next !== undefined) last = last.next;
        last.next = plan;
      }
      wireNames.add(wireName);
    }
    return { byWireName, wireNames };
  }

  private structure(shape: Shape): JsonReader {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plan: StructurePlan | undefined;
    const union = shape.is_tagged_union;
    return (value) => {
      if (value === null || value === undefined) return null;
      // botocore fails with an AttributeError on a scalar or a list here.
      if (typeof value !== "object" || Array.isArray(value)) throw new ResponseParserError(`Invalid service response: ${shape.name} must be an object.`);
      plan ??= this.plan(shape);
      const record = value as Record<string, unknown>;
      if (union) {
        // The usual union (a DynamoDB AttributeValue): one modeled member, set. One pass decides it.
        let only: string | undefined;
        let count = 0;
        for (const key in record) {
          only = key;
          if (++count > 1) break;
        }
        if (count === 1) {
          const raw = record[only!];
          const member = plan.byWireName.get(only!);
          if (raw !== null && raw !== undefined && member !== undefined && member.name === only && member.next === undefined) {
            if (member.read !== null) {
              const converted = member.read(raw);
              if (converted !== raw) record[only!] = converted;
            }
            return record;
          }
        }
        const unknown = checkUnion(shape, record, plan.wireNames);
        if (unknown !== undefined) return unknown;
      }
      // The usual body has only modeled members, named as in the model and in model order:
      // convert it in place and hand it back, without building a copy.
      const byWireName = plan.byWireName;
      let last = -1;
      let done = 0;
      for (const key in record) {
        const raw = record[key];
        const member = byWireName.get(key);
        if (raw === null || raw === undefined || member === undefined || member.name !== key || member.next !== undefined || member.index < last) {
          return rebuild(record, byWireName, done);
        }
        last = member.index;
        if (member.read !== null) {
          const converted = member.read(raw);
          if (converted !== raw) record[key] = converted;
        }
        done++;
      }
      return record;
    };
  }
}

/**
 * botocore's dict for a body the fast path cannot reuse: modeled members
 * only, nulls dropped, in model order. The first `done` keys were already
 * converted in place.
 */
function rebuild(record: Readonly<Record<string, unknown>>, byWireName: ReadonlyMap<string, MemberPlan>, done: number): Parsed {
  const found: [number, string, unknown][] = [];
  let seen = 0;
  let ordered = true;
  for (const key in record) {
    const raw = record[key];
    const converted = seen++ < done;
    if (raw === null || raw === undefined) continue;
    for (let member = byWireName.get(key); member !== undefined; member = member.next) {
      if (found.length > 0 && found[found.length - 1]![0] > member.index) ordered = false;
      found.push([member.index, member.name, converted || member.read === null ? raw : member.read(raw)]);
    }
  }
  if (!ordered) found.sort((x, y) => x[0] - y[0]);
  const out: Parsed = {};
  for (const [, name, item] of found) out[name] = item;
  return out;
}
