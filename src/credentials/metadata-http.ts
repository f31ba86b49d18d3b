/**
 * One HTTP exchange with a local metadata service (instance metadata or the
 * container credentials endpoint), on the SDK's transport with one timeout
 * for both connecting and reading, as botocore's `URLLib3Session(timeout=...)`.
 * A failure is re-thrown without the request attached, so that tokens in
 * its headers cannot surface through `util.inspect` of the error.
 */
import { BotoCoreError } from "../exceptions.js";
import { getTransport, readBody } from "../http/transport.js";

/** What the fetchers read from a response. */
export interface MetadataResponse {
  readonly url: string;
  readonly status_code: number;
  readonly content: Uint8Array;
  /** The body decoded as UTF-8. */
  readonly text: string;
}

type BotoCoreErrorClass = new (kwargs: Readonly<Record<string, unknown>>, options?: { cause?: unknown }) => BotoCoreError;

function withoutRequest(error: unknown): unknown {
  if (!(error instanceof BotoCoreError) || !("request" in error.kwargs)) return error;
  const { request: _request, ...kwargs } = error.kwargs;
  return new (error.constructor as BotoCoreErrorClass)(kwargs, { cause: error.cause });
}

/** Sends one request; rejects with botocore's connection errors (EndpointConnectionError, ReadTimeoutError, ...). */
export async function metadataRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  timeoutSeconds: number,
): Promise<MetadataResponse> {
  const transport = getTransport({ connect_timeout: timeoutSeconds, read_timeout: timeoutSeconds });
  try {
    const response = await transport.send({ method, url, headers, body: undefined, stream_output: false, context: {} });
    const content = await readBody(response);
    return { url, status_code: response.status_code, content, text: Buffer.from(content).toString("utf8") };
  } catch (err) {
    throw withoutRequest(err);
  }
}
