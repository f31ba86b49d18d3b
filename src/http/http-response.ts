/**
 * What the transport returns for one HTTP exchange (botocore's AWSResponse).
 * A `before-send` handler may return one of these to skip the network.
 */
import type { Readable } from "node:stream";

/** An HTTP response: status, headers, and the body as a stream or as bytes already read. */
export interface HttpResponse {
  /** The request URL this responds to. */
  url?: string;
  status_code: number;
  /** Lower-cased names; a repeated header's values joined with ", " as botocore shows them. */
  headers: Record<string, string>;
  /**
   * The body stream. When `content` is set the transport has drained it
   * already and it yields nothing more.
   */
  body: Readable;
  /**
   * The whole body, when the transport read it before returning (requests
   * whose output is not streamed, as botocore's `send` does).
   */
  content?: Uint8Array;
}
