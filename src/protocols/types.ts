/** The two interfaces every protocol implements. */
import type { RequestDict, ResponseDict } from "../http/types.js";
import type { OperationModel } from "../models/service-model.js";
import type { Shape } from "../models/shape.js";

/** Turns an operation's parameters into a request dict (botocore's `Serializer`). */
export interface Serializer {
  serialize_to_request(params: Record<string, unknown>, operation: OperationModel): RequestDict;
}

/** Turns a response into botocore's parsed dict (botocore's `ResponseParser`). */
export interface Parser {
  parse(response: ResponseDict, shape: Shape | undefined): Record<string, unknown>;
}
