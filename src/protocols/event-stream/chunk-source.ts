/**
 * The raw body of an event-stream response, read chunk by chunk as the
 * bytes arrive (events must not wait for a buffer to fill).
 *
 * The stream's listeners write only to a small state object, never to the
 * reader: the socket holds the stream and so its listeners, and it must not
 * keep an abandoned EventStream alive, or the finalizer that releases the
 * connection would never run.
 */
import type { Readable } from "node:stream";
import { translateStreamError } from "../../http/transport-errors.js";

interface SourceState {
  ended: boolean;
  closed: boolean;
  error: unknown;
  /** Readers waiting for the stream to change. */
  waiting: (() => void)[];
}

/** Chunks of a response body: a Node stream, or bytes already read. */
export class ChunkSource {
  private readonly raw: Readable | undefined;
  private readonly state: SourceState = { ended: false, closed: false, error: undefined, waiting: [] };
  private whole: Uint8Array | undefined;
  /** Set when this side destroyed the stream (undici then reports an abort that is no failure). */
  private destroyedHere = false;

  /** `body` is the response body: a stream as the transport hands it over, or bytes (a body read whole). */
  constructor(body: Readable | Uint8Array | undefined) {
    if (body === undefined || body instanceof Uint8Array) {
      this.raw = undefined;
      this.whole = body;
      return;
    }
    this.raw = body;
    const state = this.state;
    const wake = (): void => {
      if (state.waiting.length === 0) return;
      const waiting = state.waiting;
      state.waiting = [];
      for (const resolve of waiting) resolve();
    };
    body.on("readable", wake);
    body.on("end", () => {
      state.ended = true;
      wake();
    });
    body.on("error", (error: unknown) => {
      state.error = error;
      wake();
    });
    body.on("close", () => {
      state.closed = true;
      wake();
    });
  }

  /** The next chunk, or null at the end of the body (or once it was destroyed). */
  async next(): Promise<Uint8Array | null> {
    const raw = this.raw;
    if (raw === undefined) {
      const whole = this.whole;
      this.whole = undefined;
      return whole === undefined || whole.byteLength === 0 ? null : whole;
    }
    if (this.destroyedHere) return null;
    const state = this.state;
    for (;;) {
      if (state.error === undefined && raw.errored !== null) state.error = raw.errored;
      // A stream this side destroyed ends quietly; one that failed reports why.
      if (state.error !== undefined && !this.destroyedHere) throw translateStreamError(state.error, undefined);
      const chunk: unknown = raw.read();
      if (chunk !== null) return typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
      if (state.ended || state.closed || raw.readableEnded || raw.destroyed) return null;
      await new Promise<void>((resolve) => {
        state.waiting.push(resolve);
      });
    }
  }

  /** Stops reading and releases the connection: the stream is destroyed, what was not read is dropped. */
  destroy(): void {
    this.whole = undefined;
    const raw = this.raw;
    if (raw === undefined || raw.destroyed) return;
    this.destroyedHere = true;
    raw.destroy();
  }
}
