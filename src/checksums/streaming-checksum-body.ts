/**
 * botocore's StreamingChecksumBody: a streamed response body whose checksum
 * is computed as it is read and checked when the reader reaches the end.
 * The read that reaches the end of a body that does not match raises
 * FlexibleChecksumError instead of returning; so does the end of
 * `stream()`, `readlines()` and every iterator (botocore leaves `readlines`
 * unchecked; here no way of reading the body skips the check).
 */
import { Readable } from "node:stream";
import { StreamingBody } from "../http/streaming-body.js";
import type { Checksum } from "./algorithms.js";
import { checksumMismatch, digestMatches } from "./response-checksum.js";

/** A StreamingBody that validates its checksum at the end (botocore.httpchecksum.StreamingChecksumBody). */
export class StreamingChecksumBody extends StreamingBody {
  private readonly checksum: Checksum;
  private readonly expected: string;

  /**
   * @param raw the response body stream
   * @param content_length the Content-Length header, when the response had one
   * @param checksum a fresh checksum of the expected algorithm
   * @param expected the base64 checksum the response announced
   * @param endpoint_url the request URL, for ReadTimeoutError's message
   */
  constructor(raw: Readable, content_length: string | number | null | undefined, checksum: Checksum, expected: string, endpoint_url?: string) {
    super(raw, content_length, endpoint_url);
    this.checksum = checksum;
    this.expected = expected;
  }

  /** As StreamingBody.read; the read that ends the body checks the checksum. */
  override async read(amt?: number | null): Promise<Uint8Array> {
    const chunk = await super.read(amt);
    if (chunk.length > 0) this.checksum.update(chunk);
    if (amt === undefined || amt === null || (chunk.length === 0 && amt > 0)) this.validate();
    return chunk;
  }

  /** As StreamingBody.readlines, after the whole body has been checked. */
  override async readlines(): Promise<Uint8Array[]> {
    const data = Buffer.from(await this.read());
    const lines: Uint8Array[] = [];
    let start = 0;
    for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, start)) {
      lines.push(data.subarray(start, at + 1));
      start = at + 1;
    }
    if (start < data.length) lines.push(data.subarray(start));
    return lines;
  }

  /** As StreamingBody.stream; the stream errors with FlexibleChecksumError instead of ending when the body does not match. */
  override stream(): Readable {
    const chunks = super.stream();
    const checked = async function* (this: StreamingChecksumBody): AsyncGenerator<Buffer, void, undefined> {
      for await (const chunk of chunks) {
        this.checksum.update(chunk as Buffer);
        yield chunk as Buffer;
      }
      this.validate();
    };
    return Readable.from(checked.call(this), { objectMode: false });
  }

  private validate(): void {
    if (!digestMatches(this.checksum, this.expected)) throw checksumMismatch(this.checksum, this.expected);
  }
}
