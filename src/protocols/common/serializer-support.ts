/**
 * Pieces every serializer shares: the empty request botocore starts from,
 * the options a client passes, and the walk helpers for caller objects.
 */
import type { RequestDict } from "../../http/types.js";
import type { TimestampPrecision } from "./timestamps.js";

/** Options fixed when a client creates its serializer (botocore's `creating-serializer` kwargs). */
export interface SerializerOptions {
  /** `millisecond` for services that want millisecond timestamps (botocore: bedrock-agentcore). */
  timestamp_precision?: TimestampPrecision;
}

/** botocore's `_create_default_request`, with the empty body as "". */
export function defaultRequest(method: string): RequestDict {
  return { url_path: "/", query_string: {}, method, headers: {}, body: "", context: {} };
}

/** A caller's value is set when it is neither undefined nor null (botocore skips None). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The entries of a caller's map or structure: a plain object, or a Map. */
export function entriesOf(value: unknown): Iterable<[string, unknown]> {
  if (value instanceof Map) return value as Map<string, unknown>;
  if (value !== null && typeof value === "object") return Object.entries(value as Record<string, unknown>);
  return [];
}

/** Python's truthiness for the values a caller can pass. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    for (const _ in value) return true;
    return false;
  }
  return Boolean(value);
}
