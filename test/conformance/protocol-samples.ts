/** Deterministic sample values for a shape, for the differential tests against botocore. */
import type { Shape } from "../../src/models/shape.js";

/** Options for `sample`. */
export interface SampleOptions {
  /** Timestamps with millisecond digits only (a Date holds no more). */
  millisecondTimestamps?: boolean;
}

const STRINGS = ["plain", "with space/and~tilde*é", "a,b \"quoted\"", "x&y=z+1"];

/** Deterministic values that reach every member a few levels deep. */
export function sample(shape: Shape, depth: number, seed: number, options: SampleOptions = {}): unknown {
  switch (shape.type_name) {
    case "structure": {
      if (shape.is_document_type) return { doc: [1, 2.5, "x", true, null], nested: { k: "v" } };
      if (depth > 4) return undefined;
      const out: Record<string, unknown> = {};
      let i = 0;
      for (const [name, member] of Object.entries(shape.members)) {
        i++;
        if (member.serialization.eventstream === true || member.raw.eventstream === true) continue;
        if (member.serialization.hostLabel === true) {
          out[name] = `label-${i}`;
          continue;
        }
        const value = sample(member, depth + 1, seed + i, options);
        if (value === undefined) continue;
        out[name] = value;
        if (shape.is_tagged_union) break;
      }
      return out;
    }
    case "list": {
      const item = sample(shape.member, depth + 1, seed, options);
      return item === undefined ? [] : [item, sample(shape.member, depth + 1, seed + 1, options)];
    }
    case "map": {
      const value = sample(shape.value, depth + 1, seed, options);
      return value === undefined ? {} : { key1: value, "key two": sample(shape.value, depth + 1, seed + 1, options) };
    }
    case "string":
      if (shape.serialization.jsonvalue === true) return { a: [1, "é"], b: null, c: 2.5 };
      if (shape.enum.length > 0) return shape.enum[seed % shape.enum.length];
      return STRINGS[seed % STRINGS.length];
    case "integer":
      return 40 + (seed % 7);
    case "long":
      return 1234567890123 + seed;
    case "float":
      return 1.5;
    case "double":
      return 2.25 + seed;
    case "boolean":
      return seed % 2 === 0;
    case "blob":
      return `blob value ${seed}`;
    case "timestamp":
      if (options.millisecondTimestamps) return seed % 2 === 0 ? "2015-01-25T08:00:00.123Z" : "2019-12-16T23:48:18Z";
      return seed % 2 === 0 ? "2015-01-25T08:00:00.123456Z" : "2019-12-16T23:48:18Z";
    default:
      return undefined;
  }
}

