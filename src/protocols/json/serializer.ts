/**
 * The `json` serializer (botocore's JSONSerializer, awsJson 1.0 and 1.1):
 * a POST of the input as a JSON object, the operation named by
 * `X-Amz-Target`, `{}` when there is no input.
 */
import type { RequestDict } from "../../http/types.js";
import type { OperationModel } from "../../models/service-model.js";
import { expandHostPrefix, fillIdempotencyTokens } from "../common/operation-info.js";
import { type SerializerOptions, defaultRequest } from "../common/serializer-support.js";
import type { Serializer } from "../types.js";
import { JsonWriter } from "./json-writer.js";

/** botocore's JSONSerializer. */
export class JsonSerializer implements Serializer {
  private readonly writer: JsonWriter;

  constructor(options: SerializerOptions = {}) {
    this.writer = new JsonWriter(options.timestamp_precision ?? "default");
  }

  serialize_to_request(params: Record<string, unknown>, operation: OperationModel): RequestDict {
    const input = fillIdempotencyTokens(params, operation);
    const metadata = operation.metadata;
    const request = defaultRequest(operation.http.method ?? "POST");
    request.headers = {
      "X-Amz-Target": `${String(metadata.targetPrefix)}.${operation.name}`,
      "Content-Type": `application/x-amz-json-${String(metadata.jsonVersion)}`,
    };
    if (operation.service_model.is_query_compatible) request.headers["x-amzn-query-mode"] = "true";
    const shape = operation.input_shape;
    request.body = shape === undefined ? "{}" : this.writer.writer(shape)(input);
    const hostPrefix = expandHostPrefix(input, operation);
    if (hostPrefix !== undefined) request.host_prefix = hostPrefix;
    return request;
  }
}
