/**
 * Parameters for an operation, generated from its input shape with a
 * seeded random source: every member type, nested structures, lists and
 * maps, blobs as bytes and text, timestamps in every caller form, and the
 * hazards of each location (URI labels, greedy labels, query strings,
 * headers and header maps, host-prefix labels).
 */
import type { OperationModel } from "../../src/models/service-model.js";
import type { Shape } from "../../src/models/shape.js";
import type { SeededRandom } from "./seeded-random.js";
import {
  BAD_HOST_LABELS, BODY_STRINGS, DOUBLES, FLOATS, GREEDY_LABELS, HEADER_STRINGS, HOST_LABELS, INTEGERS, LONGS, MAP_KEYS,
  TIMESTAMPS, URI_LABELS, documentValue, isNonNegativeTimestamp,
} from "./value-pools.js";

/** Where a value goes on the wire, which decides which hazards it gets. */
type Place = "body" | "uri" | "greedy" | "query" | "header";

/** What a generated case exercised, counted for the coverage report. */
export type Coverage = Map<string, number>;

interface Context {
  random: SeededRandom;
  protocol: string;
  coverage: Coverage;
  /** Values left to generate in this case: keeps the largest inputs (EC2) bounded. */
  budget: number;
}

function count(context: Context, feature: string): void {
  context.coverage.set(feature, (context.coverage.get(feature) ?? 0) + 1);
}

function greedyLabels(operation: OperationModel): Set<string> {
  const out = new Set<string>();
  for (const match of (operation.http.requestUri ?? "").matchAll(/\{([^}]*)\+\}/g)) out.add(match[1]!);
  return out;
}

/**
 * Generates the parameters of one call. Required members are always
 * present; others appear at random, a few as `null` on REST protocols
 * (whose serializers skip a top-level None).
 */
export function generateParams(operation: OperationModel, random: SeededRandom, protocol: string, coverage: Coverage): Record<string, unknown> {
  const input = operation.input_shape;
  if (input === undefined) return {};
  const context: Context = { random, protocol, coverage, budget: 300 };
  const greedy = greedyLabels(operation);
  const required = new Set(input.required_members);
  const out: Record<string, unknown> = {};
  const rest = protocol === "rest-json" || protocol === "rest-xml";
  for (const [name, member] of Object.entries(input.members)) {
    const s = member.serialization;
    if (s.eventstream === true || member.raw.eventstream === true) continue;
    if (s.hostLabel === true) {
      count(context, "host-prefix label");
      const bad = random.chance(0.1);
      if (bad) count(context, "host-prefix label (invalid)");
      out[name] = random.pick(bad ? BAD_HOST_LABELS : HOST_LABELS);
      continue;
    }
    if (member.metadata.idempotencyToken === true) {
      // botocore and this package would each fill in a random UUID.
      out[name] = `token-${random.int(0, 1e6)}`;
      continue;
    }
    const location = rest ? s.location : undefined;
    const wanted = required.has(name) || location === "uri" || random.chance(0.65);
    if (!wanted) continue;
    // REST serializers skip a top-level None; elsewhere botocore's validation refuses it, so only REST gets one.
    if (rest && !required.has(name) && location !== "uri" && random.chance(0.04)) {
      out[name] = null;
      count(context, "null member");
      continue;
    }
    let place: Place = "body";
    if (location === "uri") place = greedy.has(s.name ?? name) ? "greedy" : "uri";
    else if (location === "querystring") place = "query";
    else if (location === "header" || location === "headers") place = "header";
    if (location !== undefined) count(context, `${location} ${member.type_name}${place === "greedy" ? " (greedy)" : ""}`);
    if (s.jsonvalue === true && location === "header") {
      count(context, "header jsonvalue");
      out[name] = documentValue((items) => random.pick(items), 1);
      continue;
    }
    const value = valueFor(member, context, 0, place);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function timestampFor(shape: Shape, context: Context, place: Place): Date | number | string {
  const format = shape.serialization.timestampFormat ?? "default";
  count(context, `timestamp ${place} ${format}`);
  let value = context.random.pick(TIMESTAMPS);
  // botocore's CBOR encoder cannot write a negative epoch (it raises); keep CBOR cases to what it can send.
  while (context.protocol === "smithy-rpc-v2-cbor" && !isNonNegativeTimestamp(value)) value = context.random.pick(TIMESTAMPS);
  return value;
}

function stringFor(shape: Shape, context: Context, place: Place): string {
  const random = context.random;
  if (shape.enum.length > 0 && random.chance(0.8)) return random.pick(shape.enum);
  switch (place) {
    case "uri":
      return random.pick(URI_LABELS);
    case "greedy":
      return random.pick(GREEDY_LABELS);
    case "header":
      return random.pick(HEADER_STRINGS);
    default:
      return random.pick(BODY_STRINGS);
  }
}

/** One value of a shape, or undefined when the budget or depth says stop. */
function valueFor(shape: Shape, context: Context, depth: number, place: Place): unknown {
  const random = context.random;
  context.budget--;
  switch (shape.type_name) {
    case "structure": {
      if (shape.is_document_type) {
        count(context, "document");
        return documentValue((items) => random.pick(items), 0);
      }
      if (depth > 5 || context.budget <= 0) return undefined;
      const out: Record<string, unknown> = {};
      const members = Object.entries(shape.members);
      if (shape.is_tagged_union) {
        count(context, "union");
        for (let attempt = 0; attempt < 4 && members.length > 0; attempt++) {
          const [name, member] = random.pick(members);
          const value = valueFor(member, context, depth + 1, "body");
          if (value !== undefined) {
            out[name] = value;
            break;
          }
        }
        return out;
      }
      const required = new Set(shape.required_members);
      const keep = depth < 2 ? 0.7 : 0.45;
      for (const [name, member] of members) {
        if (!required.has(name) && !random.chance(keep)) continue;
        const value = valueFor(member, context, depth + 1, "body");
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case "list": {
      const size = context.budget <= 0 ? 0 : random.pick([0, 1, 1, 2, 2, 3]);
      if (size === 0) count(context, `empty list (${place})`);
      const out: unknown[] = [];
      const itemPlace = place === "uri" || place === "greedy" ? "query" : place;
      for (let i = 0; i < size; i++) {
        const value = valueFor(shape.member, context, depth + 1, itemPlace);
        if (value !== undefined) out.push(value);
      }
      return out;
    }
    case "map": {
      const size = context.budget <= 0 ? 0 : random.pick([0, 1, 2, 2, 3]);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < size; i++) {
        const key = shape.key.enum.length > 0 && random.chance(0.8) ? random.pick(shape.key.enum) : random.pick(MAP_KEYS);
        // Header-map keys become header names: keep them to token characters.
        const name = place === "header" ? `${key.replace(/[^A-Za-z0-9-]/g, "")}-${i}` : key;
        const value = valueFor(shape.value, context, depth + 1, place);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case "string":
      return stringFor(shape, context, place);
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
      count(context, `blob ${place}`);
      return random.chance(0.5) ? random.bytes(random.int(0, 12)) : random.pick(BODY_STRINGS);
    case "timestamp":
      return timestampFor(shape, context, place);
    default:
      return undefined;
  }
}
