/**
 * The shapes a request and a response take between pipeline stages. Names
 * follow botocore's, since these objects reach users through events
 * (`before-call` gets the request dict, `before-send` the prepared request).
 */
import type { Readable } from "node:stream";

/** A request body: text, bytes, or a stream read once when sent. */
export type RequestBody = string | Uint8Array | Readable;

/** Header names as the serializer wrote them (case kept); look up with `getHeader`. */
export type Headers = Record<string, string>;

/**
 * What a protocol serializer produces (botocore's "request dict").
 * `url_path` may carry a literal query from the model's requestUri
 * (e.g. `/{Bucket}?uploads`); `query_string` holds the serialized query members.
 */
export interface RequestDict {
  url_path: string;
  query_string: Record<string, string | string[]>;
  method: string;
  headers: Headers;
  body: RequestBody;
  /** The operation's `endpoint.hostPrefix`, with input labels already expanded. */
  host_prefix?: string;
  /** Filled by the pipeline before `before-call`: the full URL. */
  url?: string;
  /** Per-call state shared by the pipeline stages and event handlers. */
  context: Record<string, unknown>;
}

/** A request ready to sign and send (botocore's AWSRequest / AWSPreparedRequest). */
export interface AWSPreparedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: RequestBody | undefined;
  /** True when the response body is handed to the caller as a stream. */
  stream_output: boolean;
  context: Record<string, unknown>;
}

/** A response as the protocol parsers read it (botocore's "response dict"). */
export interface ResponseDict {
  status_code: number;
  /** Response headers with lower-cased names. */
  headers: Record<string, string>;
  /** The whole body, or a stream when the operation's output is streamed. */
  body: Uint8Array | Readable;
  context: Record<string, unknown>;
}

/** Finds a header regardless of the case of its name. */
export function getHeader(headers: Readonly<Headers>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() === lower) return headers[key];
  }
  return undefined;
}

/** Sets a header, replacing any existing header of the same name in another case. */
export function setHeader(headers: Headers, name: string, value: string): void {
  deleteHeader(headers, name);
  headers[name] = value;
}

/** Removes every header of this name, whatever its case. */
export function deleteHeader(headers: Headers, name: string): void {
  const lower = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() === lower) delete headers[key];
  }
}
