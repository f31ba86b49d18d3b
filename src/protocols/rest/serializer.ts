/**
 * What `rest-json` and `rest-xml` share (botocore's BaseRestSerializer):
 * each input member goes to the URI, the query string, a header, a header
 * map, or the body; the body format is the subclass's.
 */
import { ParamValidationError } from "../../exceptions.js";
import type { RequestBody, RequestDict } from "../../http/types.js";
import type { OperationModel } from "../../models/service-model.js";
import type { Shape } from "../../models/shape.js";
import { expandHostPrefix, fillIdempotencyTokens } from "../common/operation-info.js";
import { encodeUriLabel } from "../common/uri-label.js";
import { type SerializerOptions, defaultRequest, entriesOf, isSet, truthy } from "../common/serializer-support.js";
import { type TimestampPrecision, formatTimestampText, toInstant } from "../common/timestamps.js";
import { floatToString, scalarToString } from "../common/values.js";
import type { Serializer } from "../types.js";
import { jsonValueHeader } from "./json-value-header.js";

type Location = "uri" | "querystring" | "header" | "headers" | "body";

interface MemberPlan {
  location: Location;
  /** The serialized name: URI label, query key, header name or header prefix. */
  wireName: string;
  shape: Shape;
}

type UriPart = string | { label: string; greedy: boolean };

interface OperationPlan {
  method: string;
  uri: readonly UriPart[];
  members: ReadonlyMap<string, MemberPlan>;
  payload: string | undefined;
  /** The payload member is a blob or string: the caller's value is the body. */
  streamingPayload: boolean;
  /** Some member has no location, so an empty body is still a document (rest-json `{}`). */
  hasBodyMembers: boolean;
}

function compileUri(template: string): UriPart[] {
  const parts: UriPart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(.*?)\}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    const label = match[1]!;
    parts.push(label.endsWith("+") ? { label: label.slice(0, -1), greedy: true } : { label, greedy: false });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

function compilePlan(operation: OperationModel): OperationPlan {
  const members = new Map<string, MemberPlan>();
  const shape = operation.input_shape;
  let payload: string | undefined;
  let streamingPayload = false;
  let hasBodyMembers = false;
  if (shape !== undefined) {
    const shapeMembers = shape.members;
    for (const name in shapeMembers) {
      const member = shapeMembers[name]!;
      const location = member.serialization.location;
      const known = location === "uri" || location === "querystring" || location === "header" || location === "headers";
      if (location === undefined) hasBodyMembers = true;
      members.set(name, { location: known ? location : "body", wireName: member.serialization.name ?? name, shape: member });
    }
    payload = shape.serialization.payload;
    if (payload !== undefined) {
      const type = shapeMembers[payload]?.type_name;
      streamingPayload = type === "blob" || type === "string";
    }
  }
  return {
    method: operation.http.method ?? "POST",
    uri: compileUri(operation.http.requestUri ?? "/"),
    members,
    payload,
    streamingPayload,
    hasBodyMembers,
  };
}

/** How a REST protocol writes its body. */
export interface RestBodyFormat {
  /** The body for these parameters of this shape. */
  serializeBody(params: unknown, shape: Shape): string;
  /** The body sent for a structure payload the caller left out. */
  readonly emptyBody: string;
  /** The body when no member is sent but the shape has body members ("" unless the protocol wants `{}`). */
  readonly emptyDocument: string;
  /** Sets Content-Type once the body is known (rest-json only). */
  setContentType?(request: RequestDict, streamingPayload: boolean): void;
}

/** botocore's BaseRestSerializer, with the body written by `format`. */
export class RestSerializer implements Serializer {
  private readonly plans = new WeakMap<OperationModel, OperationPlan>();
  private readonly precision: TimestampPrecision;

  constructor(
    private readonly format: RestBodyFormat,
    options: SerializerOptions = {},
  ) {
    this.precision = options.timestamp_precision ?? "default";
  }

  serialize_to_request(params: Record<string, unknown>, operation: OperationModel): RequestDict {
    let plan = this.plans.get(operation);
    if (plan === undefined) {
      plan = compilePlan(operation);
      this.plans.set(operation, plan);
    }
    const input = fillIdempotencyTokens(params, operation);
    const request = defaultRequest(plan.method);
    const hostPrefix = expandHostPrefix(input, operation);
    if (hostPrefix !== undefined) request.host_prefix = hostPrefix;
    const shape = operation.input_shape;
    if (shape === undefined) {
      request.url_path = operation.http.requestUri ?? "/";
      return request;
    }

    const labels: Record<string, string> = {};
    const query: Record<string, string | string[]> = {};
    const headers: Record<string, string> = {};
    let hasHeaders = false;
    let body: Record<string, unknown> | undefined;
    for (const key in input) {
      const value = input[key];
      if (value === undefined || value === null) continue;
      const member = plan.members.get(key);
      if (member === undefined) continue;
      switch (member.location) {
        case "uri":
          labels[member.wireName] = this.uriValue(value, member.shape);
          break;
        case "querystring":
          this.addQuery(query, member, value);
          break;
        case "header":
          if (member.shape.type_name === "list" && !truthy(value)) break;
          headers[member.wireName] = this.headerValue(member.shape, value);
          hasHeaders = true;
          break;
        case "headers":
          if (value instanceof Map) {
            for (const [suffix, headerValue] of entriesOf(value)) {
              headers[member.wireName + suffix] = scalarToString(headerValue);
              hasHeaders = true;
            }
          } else {
            for (const suffix in value as Record<string, unknown>) {
              headers[member.wireName + suffix] = scalarToString((value as Record<string, unknown>)[suffix]);
              hasHeaders = true;
            }
          }
          break;
        default:
          (body ??= {})[key] = value;
      }
    }
    request.url_path = renderUri(plan.uri, labels);
    request.query_string = query;
    if (hasHeaders) request.headers = headers;
    request.body = this.payload(plan, input, shape, body);
    this.format.setContentType?.(request, plan.streamingPayload);
    return request;
  }

  private payload(plan: OperationPlan, input: Readonly<Record<string, unknown>>, shape: Shape, body: Record<string, unknown> | undefined): RequestBody {
    const payload = plan.payload;
    if (payload !== undefined) {
      const value = input[payload];
      // A blob or string payload is the body itself, passed through untouched.
      if (plan.streamingPayload) return isSet(value) ? (value as RequestBody) : "";
      return isSet(value) ? this.format.serializeBody(value, shape.members[payload]!) : this.format.emptyBody;
    }
    if (body !== undefined) return this.format.serializeBody(body, shape);
    return plan.hasBodyMembers ? this.format.emptyDocument : "";
  }

  /** botocore's `_get_uri_and_query_string_value`, then text. */
  private uriValue(value: unknown, shape: Shape): string {
    switch (shape.type_name) {
      case "boolean":
        return value === true ? "true" : value === false ? "false" : scalarToString(value).toLowerCase();
      case "timestamp":
        return formatTimestampText(value, shape.serialization.timestampFormat ?? "iso8601", this.precision);
      case "float":
      case "double":
        return floatToString(value);
      default:
        return scalarToString(value);
    }
  }

  private addQuery(query: Record<string, string | string[]>, member: MemberPlan, value: unknown): void {
    if (value instanceof Map || (typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value))) {
      // A map member spreads its entries into the query string as they are.
      for (const [key, item] of entriesOf(value)) {
        query[key] = Array.isArray(item) ? item.map(scalarToString) : scalarToString(item);
      }
    } else if (member.shape.type_name === "list") {
      const itemShape = member.shape.member;
      query[member.wireName] = (value as readonly unknown[]).map((item) => this.uriValue(item, itemShape));
    } else {
      query[member.wireName] = this.uriValue(value, member.shape);
    }
  }

  /** botocore's `_convert_header_value`. */
  private headerValue(shape: Shape, value: unknown): string {
    switch (shape.type_name) {
      case "timestamp": {
        // Headers carry whole seconds, whatever the format.
        const seconds = toInstant(value).seconds;
        const format = shape.serialization.timestampFormat ?? "rfc822";
        const text = formatTimestampText(seconds, format, this.precision);
        return this.precision === "millisecond" && format.toLowerCase() === "unixtimestamp" ? `${text}.0` : text;
      }
      case "list": {
        const member = shape.member;
        const parts: string[] = [];
        for (const item of value as readonly unknown[]) {
          if (item === null || item === undefined) continue;
          parts.push(member.type_name === "string" ? escapeHeaderListItem(String(item)) : this.headerValue(member, item));
        }
        return parts.join(",");
      }
      case "boolean":
        return value === true ? "true" : value === false ? "false" : scalarToString(value).toLowerCase();
      case "float":
      case "double":
        return floatToString(value);
      case "string":
        if (shape.serialization.jsonvalue === true && shape.serialization.location === "header") return jsonValueHeader(value);
        return scalarToString(value);
      default:
        return scalarToString(value);
    }
  }
}

/** Quotes a list item that holds a comma or a quote, escaping its quotes. */
function escapeHeaderListItem(value: string): string {
  if (value.includes('"') || value.includes(",")) return `"${value.replace(/"/g, '\\"')}"`;
  return value;
}

function renderUri(parts: readonly UriPart[], labels: Readonly<Record<string, string>>): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const value = labels[part.label];
    if (value === undefined) {
      throw new ParamValidationError({ report: `Missing required parameter in input: "${part.label}"` });
    }
    out += encodeUriLabel(value, part.greedy);
  }
  return out;
}
