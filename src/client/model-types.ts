/**
 * The TypeScript forms of model values: what the generated per-service
 * types (`src/services-types/`, made by `scripts/generate-types.mjs`) are
 * built from. Each says what a parameter accepts or what a result holds at
 * run time, as the serializers and parsers make it.
 *
 * @module boto3-ts/client/model-types
 */
import type { EventStream as EventStreamClass } from "../protocols/event-stream/index.js";
import type { Readable } from "node:stream";
import type { ClientError, ErrorInfo, ErrorResponse } from "../exceptions.js";
import type { StreamingBody } from "../http/streaming-body.js";
import type { ResponseMetadata } from "./response-metadata.js";

export type { BaseClient } from "./base-client.js";
export type { ModeledExceptions } from "./exceptions-factory.js";

/** A document (free-form JSON) in a result, and a `jsonvalue` header as botocore decodes it. Integers past 2^53 arrive as bigint. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A document parameter: any JSON value; a bigint is written as an exact JSON integer. */
export type DocumentInput = string | number | bigint | boolean | null | DocumentInput[] | { [key: string]: DocumentInput };

/** A timestamp parameter: a Date, epoch seconds, or text botocore reads as a timestamp (ISO 8601, epoch seconds). */
export type TimestampInput = Date | number | string;

/** A `long` parameter: a number, or a bigint for values past 2^53. */
export type LongInput = number | bigint;

/**
 * A `long` in a result: a number. A value past 2^53 (2^63 - 1 at most)
 * arrives as a bigint, exact, as botocore gives a Python int; that case is
 * left out of the type so that everyday arithmetic on sizes and counts
 * stays simple.
 */
export type LongOutput = number;

/**
 * A blob parameter sent inside the request (base64 in a JSON, XML or query
 * body, or in a header): text (sent as UTF-8) or bytes (a Buffer is a
 * Uint8Array). A Blob or a stream is taken only as a payload.
 */
export type BlobInput = string | Uint8Array | ArrayBuffer;

/**
 * A blob payload parameter, the request body itself (S3 PutObject's `Body`,
 * Lambda Invoke's `Payload`): text, bytes, a Blob, or a Node stream.
 */
export type StreamingBlobInput = string | Uint8Array | Blob | Readable;

/** A streaming payload in a result (S3 GetObject's `Body`): read it with `read()`, `iter_chunks()` or as a stream. */
export type StreamingBlobOutput = StreamingBody;

/** What every operation resolves to: the output members plus `ResponseMetadata`. */
export type Result<Output> = Output & { ResponseMetadata: ResponseMetadata };

/** The result of an operation that has no output members. */
export interface EmptyResult {
  ResponseMetadata: ResponseMetadata;
}

/** The parameters of an operation that has no input members. */
export type NoParams = Record<string, never>;

/**
 * A tagged union: exactly one of the members of `Members` is set. The others
 * read as `undefined`, so `value.S` is a `string | undefined` on any branch.
 */
export type OneOf<Members> = {
  [K in keyof Members]-?: { [P in K]-?: Members[P] } & { [P in Exclude<keyof Members, K>]?: never };
}[keyof Members];

/** A union member the model did not know when the types were made (botocore's `SDK_UNKNOWN_MEMBER`). */
export interface UnknownMember {
  /** The member's name as the service sent it. */
  name: string;
}

/** An event stream in a result: the events, each `{ EventName: fields }` (botocore's EventStream), with `close()`. */
export type EventStream<Event> = EventStreamClass<Event>;

/** An instance of a modeled error: a ClientError whose `response` carries the code and the error shape's fields. */
export interface ModeledClientError<Code extends string, Fields> extends ClientError {
  /** The parsed error: `Error.Code` is this error's code; the error shape's members sit beside `Error`. */
  readonly response: ErrorResponse & { Error: ErrorInfo & { Code: Code } } & Fields;
}

/** A modeled error class on `client.exceptions` (`s3.exceptions.NoSuchKey`): `err instanceof` it narrows to `Instance`. */
export interface ModeledErrorClass<Instance extends ClientError> {
  new (response: ErrorResponse, operationName: string): Instance;
  readonly prototype: Instance;
}
