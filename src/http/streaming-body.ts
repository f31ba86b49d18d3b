/**
 * botocore.response.StreamingBody, async: the body of a streamed response
 * (S3 GetObject's `Body`, Lambda's `Payload`), read in pieces or whole, with
 * botocore's check that as many bytes arrived as Content-Length promised.
 */
import { Readable } from "node:stream";
import { IncompleteReadError } from "../exceptions.js";
import { translateStreamError } from "./transport-errors.js";

const DEFAULT_CHUNK_SIZE = 1024;
const EMPTY = Buffer.alloc(0);

/**
 * What the raw stream's listeners write to. Kept apart from the body so that
 * the socket, which holds the raw stream and so its listeners, does not keep
 * an abandoned StreamingBody alive: the body must be collectable for the
 * finalizer below to release the connection.
 */
interface SourceState {
  ended: boolean;
  error: unknown;
  closed: boolean;
  /** Readers waiting for the raw stream to change; more than one if reads overlap. */
  waiting: (() => void)[];
}

// A body dropped unread would hold its pooled connection forever (a paused
// socket never times out); destroying the raw stream when the body is
// collected frees it.
const abandoned = new FinalizationRegistry<Readable>((raw) => {
  if (!raw.destroyed) raw.destroy();
});

/** The body of a streamed response (botocore.response.StreamingBody). */
export class StreamingBody implements AsyncIterable<Uint8Array> {
  private readonly raw: Readable;
  private readonly contentLength: number | undefined;
  private readonly endpointUrl: string | undefined;
  private readonly state: SourceState;
  private pending: Buffer = EMPTY;
  private amountRead = 0;
  /** Bytes taken from the raw stream (some may still be pending), for error texts. */
  private received = 0;

  /**
   * @param raw the response body stream
   * @param content_length the Content-Length header, when the response had one
   * @param endpoint_url the request URL, for ReadTimeoutError's message
   */
  constructor(raw: Readable, content_length?: string | number | null, endpoint_url?: string) {
    this.raw = raw;
    this.contentLength =
      content_length === undefined || content_length === null || content_length === "" ? undefined : Number(content_length);
    this.endpointUrl = endpoint_url;
    const state: SourceState = { ended: false, error: undefined, closed: false, waiting: [] };
    this.state = state;
    const wake = (): void => {
      if (state.waiting.length === 0) return;
      const waiting = state.waiting;
      state.waiting = [];
      for (const resolve of waiting) resolve();
    };
    raw.on("readable", wake);
    raw.on("end", () => {
      state.ended = true;
      wake();
    });
    raw.on("error", (error: unknown) => {
      state.error = error;
      wake();
    });
    raw.on("close", () => {
      state.closed = true;
      wake();
    });
    abandoned.register(this, raw, this);
  }

  /**
   * Reads at most `amt` bytes (fewer only at the end of the body), or the
   * whole rest of the body when `amt` is omitted. An empty result means the
   * body is exhausted.
   */
  async read(amt?: number | null): Promise<Uint8Array> {
    if (amt === undefined || amt === null) {
      const chunks: Buffer[] = this.pending.length > 0 ? [this.pending] : [];
      let total = this.pending.length;
      this.pending = EMPTY;
      for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) {
        chunks.push(chunk);
        total += chunk.length;
      }
      this.amountRead += total;
      this.verifyContentLength();
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    }
    const chunk = await this.take(amt);
    this.amountRead += chunk.length;
    if (chunk.length === 0 && amt > 0) this.verifyContentLength();
    return chunk;
  }

  /** Yields the body in pieces of `chunk_size` bytes (the last may be shorter). */
  async *iter_chunks(chunk_size: number = DEFAULT_CHUNK_SIZE): AsyncGenerator<Uint8Array, void, undefined> {
    for (;;) {
      const chunk = await this.read(chunk_size);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  /**
   * Yields the body line by line, split at `\n`, `\r\n` or `\r` as Python's
   * `bytes.splitlines` does; `keepends` keeps the line endings.
   */
  async *iter_lines(
    chunk_size: number = DEFAULT_CHUNK_SIZE,
    keepends = false,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    let pending: Buffer = EMPTY;
    for await (const chunk of this.iter_chunks(chunk_size)) {
      const lines = splitLines(pending.length > 0 ? Buffer.concat([pending, chunk]) : Buffer.from(chunk));
      for (let i = 0; i < lines.length - 1; i++) yield keepends ? lines[i]!.line : lines[i]!.text;
      pending = lines[lines.length - 1]!.line;
    }
    if (pending.length > 0) {
      const [last] = splitLines(pending);
      yield keepends ? last!.line : last!.text;
    }
  }

  /**
   * The rest of the body as lines, each keeping its `\n` (Python's
   * `IOBase.readlines`, which botocore passes through unchecked).
   */
  async readlines(): Promise<Uint8Array[]> {
    const parts: Buffer[] = this.pending.length > 0 ? [this.pending] : [];
    this.pending = EMPTY;
    for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) parts.push(chunk);
    const data = Buffer.concat(parts);
    this.amountRead += data.length;
    const lines: Uint8Array[] = [];
    let start = 0;
    for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, start)) {
      lines.push(data.subarray(start, at + 1));
      start = at + 1;
    }
    if (start < data.length) lines.push(data.subarray(start));
    return lines;
  }

  /** Iterates 1 KiB chunks, as iterating botocore's StreamingBody does. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.iter_chunks(DEFAULT_CHUNK_SIZE);
  }

  /**
   * The rest of the body as a Node stream, for piping. Chunks come as they
   * arrive; errors are botocore's (ReadTimeoutError, ResponseStreamingError,
   * IncompleteReadError).
   */
  stream(): Readable {
    return Readable.from(this.remainingChunks(), { objectMode: false });
  }

  /** Bytes read so far. */
  tell(): number {
    return this.amountRead;
  }

  /** Stops reading and releases the connection; what was not read is discarded. */
  close(): void {
    abandoned.unregister(this);
    this.pending = EMPTY;
    if (!this.raw.destroyed) this.raw.destroy();
  }

  private async *remainingChunks(): AsyncGenerator<Buffer, void, undefined> {
    if (this.pending.length > 0) {
      const first = this.pending;
      this.pending = EMPTY;
      this.amountRead += first.length;
      yield first;
    }
    for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) {
      this.amountRead += chunk.length;
      yield chunk;
    }
    this.verifyContentLength();
  }

  /** Exactly `amt` bytes, or fewer at the end of the body. */
  private async take(amt: number): Promise<Buffer> {
    while (this.pending.length < amt) {
      const chunk = await this.next();
      if (chunk === null) break;
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    }
    const pending = this.pending;
    if (pending.length <= amt) {
      this.pending = EMPTY;
      return pending;
    }
    this.pending = pending.subarray(amt);
    return pending.subarray(0, amt);
  }

  /** The next piece of the raw stream, or null at its end. */
  private async next(): Promise<Buffer | null> {
    const state = this.state;
    for (;;) {
      if (state.error === undefined && this.raw.errored !== null) state.error = this.raw.errored;
      if (state.error !== undefined) {
        throw translateStreamError(state.error, this.endpointUrl, { received: this.received, contentLength: this.contentLength });
      }
      const chunk: unknown = this.raw.read();
      if (chunk !== null) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
        this.received += bytes.length;
        return bytes;
      }
      if (state.ended || state.closed || this.raw.readableEnded) {
        abandoned.unregister(this);
        return null;
      }
      await new Promise<void>((resolve) => {
        state.waiting.push(resolve);
      });
    }
  }

  private verifyContentLength(): void {
    if (this.contentLength !== undefined && this.amountRead !== this.contentLength) {
      throw new IncompleteReadError({ actual_bytes: this.amountRead, expected_bytes: this.contentLength });
    }
  }
}

interface SplitLine {
  /** The line with its ending. */
  line: Buffer;
  /** The line without its ending. */
  text: Buffer;
}

/** Python's `bytes.splitlines(True)`, keeping each line's ending apart. */
function splitLines(data: Buffer): SplitLine[] {
  const lines: SplitLine[] = [];
  let start = 0;
  let i = 0;
  while (i < data.length) {
    const c = data[i]!;
    if (c === 10 || c === 13) {
      const textEnd = i;
      i += c === 13 && data[i + 1] === 10 ? 2 : 1;
      lines.push({ line: data.subarray(start, i), text: data.subarray(start, textEnd) });
      start = i;
    } else {
      i++;
    }
  }
  if (start < data.length) lines.push({ line: data.subarray(start), text: data.subarray(start) });
  return lines;
}

/** Reads a whole body stream, with StreamingBody's errors and length check. */
export function readAll(
  raw: Readable,
  endpointUrl?: string,
  contentLength?: string | number | null,
): Promise<Uint8Array> {
  return new StreamingBody(raw, contentLength, endpointUrl).read();
}
