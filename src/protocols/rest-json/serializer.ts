/**
 * The `rest-json` serializer (botocore's RestJSONSerializer): REST
 * bindings, a JSON body, `{}` when the input has body members but none is
 * set, and `Content-Type: application/json` for any structured body.
 */
import type { RequestDict } from "../../http/types.js";
import type { Shape } from "../../models/shape.js";
import { getHeader } from "../../http/types.js";
import type { SerializerOptions } from "../common/serializer-support.js";
import { JsonWriter } from "../json/json-writer.js";
import { type RestBodyFormat, RestSerializer } from "../rest/serializer.js";

class JsonBody implements RestBodyFormat {
  readonly emptyBody = "{}";
  readonly emptyDocument = "{}";

  constructor(private readonly writer: JsonWriter) {}

  serializeBody(params: unknown, shape: Shape): string {
    return this.writer.writer(shape)(params);
  }

  setContentType(request: RequestDict, streamingPayload: boolean): void {
    if (streamingPayload || request.body === "") return;
    if (getHeader(request.headers, "Content-Type") === undefined) request.headers["Content-Type"] = "application/json";
  }
}

/** botocore's RestJSONSerializer. */
export function createRestJsonSerializer(options: SerializerOptions = {}): RestSerializer {
  return new RestSerializer(new JsonBody(new JsonWriter(options.timestamp_precision ?? "default")), options);
}
