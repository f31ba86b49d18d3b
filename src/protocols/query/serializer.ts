/**
 * The `query` and `ec2` serializers (botocore's QuerySerializer and
 * EC2Serializer): every input member becomes a form field of the POST body,
 * `Action` and `Version` first, nested names joined with dots.
 *
 * EC2 differs in names (`queryName`, else the capitalized `locationName`)
 * and lists (`Name.1`, never a `member` level, nothing for an empty list).
 */
import type { RequestDict } from "../../http/types.js";
import type { OperationModel } from "../../models/service-model.js";
import type { Shape } from "../../models/shape.js";
import { expandHostPrefix, fillIdempotencyTokens } from "../common/operation-info.js";
import { type SerializerOptions, defaultRequest, entriesOf, isSet, truthy } from "../common/serializer-support.js";
import { type TimestampPrecision, formatTimestampText } from "../common/timestamps.js";
import { floatToString, scalarToString, toBase64 } from "../common/values.js";
import type { Serializer } from "../types.js";
import { formEncode } from "./form-encode.js";

/** Writes one value under `prefix` into the form fields. */
type FieldWriter = (fields: string[], value: unknown, prefix: string) => void;

interface Flavor {
  ec2: boolean;
  precision: TimestampPrecision;
  writers: WeakMap<Shape, FieldWriter>;
}

function serializedName(flavor: Flavor, shape: Shape, fallback: string): string {
  const s = shape.serialization;
  if (!flavor.ec2) return s.name ?? fallback;
  if (s.queryName !== undefined) return s.queryName;
  if (s.name !== undefined) return s.name.charAt(0).toUpperCase() + s.name.slice(1);
  return fallback;
}

function pushField(fields: string[], key: string, value: string): void {
  fields.push(`${formEncode(key)}=${formEncode(value)}`);
}

function writerFor(flavor: Flavor, shape: Shape): FieldWriter {
  let writer = flavor.writers.get(shape);
  if (writer === undefined) {
    writer = buildWriter(flavor, shape);
    flavor.writers.set(shape, writer);
  }
  return writer;
}

function buildWriter(flavor: Flavor, shape: Shape): FieldWriter {
  switch (shape.type_name) {
    case "structure":
      return structureWriter(flavor, shape);
    case "list":
      return flavor.ec2 ? ec2ListWriter(flavor, shape) : listWriter(flavor, shape);
    case "map":
      return mapWriter(flavor, shape);
    case "blob":
      return (fields, value, prefix) => pushField(fields, prefix, toBase64(value));
    case "timestamp": {
      const format = shape.serialization.timestampFormat ?? "iso8601";
      return (fields, value, prefix) => pushField(fields, prefix, formatTimestampText(value, format, flavor.precision));
    }
    case "boolean":
      return (fields, value, prefix) => pushField(fields, prefix, truthy(value) ? "true" : "false");
    case "float":
    case "double":
      return (fields, value, prefix) => pushField(fields, prefix, floatToString(value));
    default:
      return (fields, value, prefix) => pushField(fields, prefix, scalarToString(value));
  }
}

interface MemberPlan {
  name: string;
  write: FieldWriter;
}

function structureWriter(flavor: Flavor, shape: Shape): FieldWriter {
  // Members are planned on first use, so recursive shapes never plan forever.
  let plans: Map<string, MemberPlan> | undefined;
  return (fields, value, prefix) => {
    if (plans === undefined) {
      plans = new Map();
      const members = shape.members;
      for (const key in members) {
        const member = members[key]!;
        plans.set(key, { name: serializedName(flavor, member, key), write: writerFor(flavor, member) });
      }
    }
    if (value instanceof Map) {
      for (const [key, memberValue] of entriesOf(value)) {
        const plan = plans.get(key);
        if (plan === undefined || !isSet(memberValue)) continue;
        plan.write(fields, memberValue, prefix === "" ? plan.name : `${prefix}.${plan.name}`);
      }
      return;
    }
    for (const key in value as Record<string, unknown>) {
      const memberValue = (value as Record<string, unknown>)[key];
      if (memberValue === undefined || memberValue === null) continue;
      const plan = plans.get(key);
      if (plan !== undefined) plan.write(fields, memberValue, prefix === "" ? plan.name : `${prefix}.${plan.name}`);
    }
  };
}

function listWriter(flavor: Flavor, shape: Shape): FieldWriter {
  return (fields, value, prefix) => {
    const items = value as readonly unknown[];
    if (items.length === 0) {
      // The query protocol sends an empty list as an empty field.
      pushField(fields, prefix, "");
      return;
    }
    const member = shape.member;
    let listPrefix: string;
    if (shape.serialization.flattened === true) {
      const memberName = member.serialization.name;
      listPrefix = memberName ? replaceLastSegment(prefix, memberName) : prefix;
    } else {
      listPrefix = `${prefix}.${member.serialization.name ?? "member"}`;
    }
    const write = writerFor(flavor, member);
    for (let i = 0; i < items.length; i++) write(fields, items[i], `${listPrefix}.${i + 1}`);
  };
}

function replaceLastSegment(prefix: string, name: string): string {
  const dot = prefix.lastIndexOf(".");
  return dot < 0 ? name : `${prefix.slice(0, dot)}.${name}`;
}

function ec2ListWriter(flavor: Flavor, shape: Shape): FieldWriter {
  return (fields, value, prefix) => {
    const items = value as readonly unknown[];
    const write = writerFor(flavor, shape.member);
    for (let i = 0; i < items.length; i++) write(fields, items[i], `${prefix}.${i + 1}`);
  };
}

function mapWriter(flavor: Flavor, shape: Shape): FieldWriter {
  return (fields, value, prefix) => {
    const base = shape.serialization.flattened === true ? prefix : `${prefix}.entry`;
    const keyShape = shape.key;
    const valueShape = shape.value;
    const keySuffix = serializedName(flavor, keyShape, "key");
    const valueSuffix = serializedName(flavor, valueShape, "value");
    const writeKey = writerFor(flavor, keyShape);
    const writeValue = writerFor(flavor, valueShape);
    let i = 0;
    for (const [key, entryValue] of entriesOf(value)) {
      i++;
      writeKey(fields, key, `${base}.${i}.${keySuffix}`);
      writeValue(fields, entryValue, `${base}.${i}.${valueSuffix}`);
    }
  };
}

/** botocore's QuerySerializer (`ec2: false`) or EC2Serializer (`ec2: true`). */
export class QuerySerializer implements Serializer {
  private readonly flavor: Flavor;
  /** `Action=...&Version=...` per operation. */
  private readonly heads = new WeakMap<OperationModel, string>();

  constructor(ec2: boolean, options: SerializerOptions = {}) {
    this.flavor = { ec2, precision: options.timestamp_precision ?? "default", writers: new WeakMap() };
  }

  serialize_to_request(params: Record<string, unknown>, operation: OperationModel): RequestDict {
    const input = fillIdempotencyTokens(params, operation);
    const request = defaultRequest(operation.http.method ?? "POST");
    request.headers = { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" };
    let head = this.heads.get(operation);
    if (head === undefined) {
      head = `Action=${formEncode(operation.name)}&Version=${formEncode(String(operation.metadata.apiVersion))}`;
      this.heads.set(operation, head);
    }
    const fields = [head];
    const shape = operation.input_shape;
    if (shape !== undefined) writerFor(this.flavor, shape)(fields, input, "");
    request.body = fields.join("&");
    const hostPrefix = expandHostPrefix(input, operation);
    if (hostPrefix !== undefined) request.host_prefix = hostPrefix;
    return request;
  }
}
