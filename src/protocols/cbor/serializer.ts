/**
 * The `smithy-rpc-v2-cbor` serializer (botocore's RpcV2CBORSerializer): a
 * POST to `/service/<targetPrefix>/operation/<Operation>` with the input as
 * a CBOR map, timestamps as tag 1 over epoch seconds.
 */
import type { RequestDict } from "../../http/types.js";
import { getHeader } from "../../http/types.js";
import type { OperationModel } from "../../models/service-model.js";
import type { Shape } from "../../models/shape.js";
import { expandHostPrefix, fillIdempotencyTokens } from "../common/operation-info.js";
import { type SerializerOptions, defaultRequest, entriesOf, isSet, truthy } from "../common/serializer-support.js";
import { type TimestampPrecision, formatTimestamp } from "../common/timestamps.js";
import { toBytes } from "../common/values.js";
import type { Serializer } from "../types.js";
import { CborWriter } from "./encoder.js";

type ItemWriter = (out: CborWriter, value: unknown) => void;

function toNumberish(value: unknown): number | bigint {
  if (typeof value === "number" || typeof value === "bigint") return value;
  return Number(value);
}

/** Builds and caches CBOR item writers per shape. */
class CborShapeWriter {
  private readonly writers = new WeakMap<Shape, ItemWriter>();

  constructor(private readonly precision: TimestampPrecision) {}

  writer(shape: Shape): ItemWriter {
    let writer = this.writers.get(shape);
    if (writer === undefined) {
      writer = this.build(shape);
      this.writers.set(shape, writer);
    }
    return writer;
  }

  private build(shape: Shape): ItemWriter {
    switch (shape.type_name) {
      case "structure":
        return this.structure(shape);
      case "list":
        return (out, value) => {
          const items = value as readonly unknown[];
          const write = this.writer(shape.member);
          out.head(4, items.length);
          for (const item of items) write(out, item);
        };
      case "map":
        return (out, value) => {
          const entries = [...entriesOf(value)];
          const writeKey = this.writer(shape.key);
          const writeValue = this.writer(shape.value);
          out.head(5, entries.length);
          for (const [key, item] of entries) {
            writeKey(out, key);
            writeValue(out, item);
          }
        };
      case "integer":
      case "long":
        return (out, value) => out.integer(toNumberish(value));
      case "blob":
        return (out, value) => out.bytes(toBytes(value));
      case "string":
        return (out, value) => out.text(String(value));
      case "boolean":
        return (out, value) => out.boolean(truthy(value));
      case "float":
        return (out, value) => out.float(Number(value), false);
      case "double":
        return (out, value) => out.float(Number(value), true);
      case "timestamp":
        return (out, value) => {
          const seconds = formatTimestamp(value, "unixtimestamp", this.precision) as number;
          out.head(6, 1);
          if (Number.isInteger(seconds)) out.integer(seconds);
          else out.float(seconds, true);
        };
      default:
        return (out, value) => out.text(String(value));
    }
  }

  private structure(shape: Shape): ItemWriter {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plans: Map<string, { name: string; write: ItemWriter }> | undefined;
    return (out, value) => {
      if (plans === undefined) {
        plans = new Map();
        const members = shape.members;
        for (const key in members) {
          const member = members[key]!;
          plans.set(key, { name: member.serialization.name ?? key, write: this.writer(member) });
        }
      }
      const present: [{ name: string; write: ItemWriter }, unknown][] = [];
      for (const [key, item] of entriesOf(value)) {
        const plan = plans.get(key);
        if (plan !== undefined && isSet(item)) present.push([plan, item]);
      }
      out.head(5, present.length);
      for (const [plan, item] of present) {
        out.text(plan.name);
        plan.write(out, item);
      }
    };
  }
}

/** botocore's RpcV2CBORSerializer. */
export class RpcV2CborSerializer implements Serializer {
  private readonly writer: CborShapeWriter;

  constructor(options: SerializerOptions = {}) {
    this.writer = new CborShapeWriter(options.timestamp_precision ?? "default");
  }

  serialize_to_request(params: Record<string, unknown>, operation: OperationModel): RequestDict {
    const input = fillIdempotencyTokens(params, operation);
    const request = defaultRequest("POST");
    request.url_path = `/service/${String(operation.service_model.metadata.targetPrefix)}/operation/${operation.name}`;
    const shape = operation.input_shape;
    if (shape !== undefined) {
      const out = new CborWriter();
      this.writer.writer(shape)(out, input);
      request.body = out.finish();
    }
    const hostPrefix = expandHostPrefix(input, operation);
    if (hostPrefix !== undefined) request.host_prefix = hostPrefix;
    const headers = request.headers;
    headers["smithy-protocol"] = "rpc-v2-cbor";
    const accept = operation.has_event_stream_output ? "application/vnd.amazon.eventstream" : "application/cbor";
    if (operation.service_model.is_query_compatible) headers["x-amzn-query-mode"] = "true";
    headers.Accept = accept;
    const hasBody = request.body !== "";
    if (hasBody && getHeader(headers, "Content-Type") === undefined) headers["Content-Type"] = accept;
    return request;
  }
}
