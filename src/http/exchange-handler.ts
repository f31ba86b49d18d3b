/**
 * The undici dispatch handler behind `HttpTransport.send`: one per request.
 * A response whose output is not streamed is gathered straight from the
 * socket's chunks into one buffer (no stream object on that path); a
 * streamed one is handed over as a Readable that pauses the socket when its
 * reader falls behind.
 */
import { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import type { HttpResponse } from "./http-response.js";

/** What the handler settles its promise with; the transport turns it into an `HttpResponse`. */
export interface Exchange {
  status_code: number;
  headers: Record<string, string>;
  /** Set when the body was gathered. */
  content: Buffer | undefined;
  /** Set when the body is streamed. */
  stream: ResponseStream | undefined;
}

/** Response headers as botocore shows them: lower-cased names, repeats joined with ", ". */
export function headersFromRaw(raw: readonly Buffer[] | readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString("latin1").toLowerCase();
    const value = raw[i + 1]!.toString("latin1");
    const previous = headers[name];
    if (previous === undefined || !Object.hasOwn(headers, name)) {
      if (name === "__proto__") {
        Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
      } else {
        headers[name] = value;
      }
    } else {
      headers[name] = `${previous}, ${value}`;
    }
  }
  return headers;
}

/** The body of a streamed response: reading it pulls from the socket, destroying it aborts the exchange. */
export class ResponseStream extends Readable {
  private resumeSocket: (() => void) | undefined;
  private abortExchange: ((reason?: Error) => void) | undefined;
  /** True once the whole body has arrived, so destroying no longer aborts anything. */
  complete = false;

  constructor(resume: () => void, abort: ((reason?: Error) => void) | undefined) {
    super({ highWaterMark: 64 * 1024 });
    this.resumeSocket = resume;
    this.abortExchange = abort;
  }

  override _read(): void {
    this.resumeSocket?.();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.complete) {
      const abort = this.abortExchange;
      this.abortExchange = undefined;
      this.resumeSocket = undefined;
      // Aborting mid-body makes undici drop the socket and free the pool slot.
      abort?.(error ?? undefined);
    }
    callback(error);
  }
}

/** An undici handler that settles one request: gathered or streamed, per `streaming`. */
export class ExchangeHandler implements Dispatcher.DispatchHandler {
  /** True once undici has a connected socket and starts writing the request. */
  connected = false;
  /** True once the response head (a final status) has arrived. */
  responded = false;
  private abort: ((reason?: Error) => void) | undefined;
  private chunks: Buffer[] = [];
  private length = 0;
  private status = 0;
  private headers: Record<string, string> = {};
  private stream: ResponseStream | undefined;
  private settled = false;

  constructor(
    private readonly streaming: boolean,
    private readonly resolve: (exchange: Exchange) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  onConnect(abort: (reason?: Error) => void): void {
    this.connected = true;
    this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // Interim responses (100 Continue and the like) are not the answer.
    if (statusCode < 200) return true;
    this.responded = true;
    this.status = statusCode;
    this.headers = headersFromRaw(rawHeaders);
    if (this.streaming) {
      this.stream = new ResponseStream(resume, this.abort);
      this.settled = true;
      this.resolve({ status_code: statusCode, headers: this.headers, content: undefined, stream: this.stream });
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.stream !== undefined) return this.stream.push(chunk);
    this.chunks.push(chunk);
    this.length += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.stream !== undefined) {
      this.stream.complete = true;
      this.stream.push(null);
      return;
    }
    const content = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    this.chunks = [];
    this.settled = true;
    // undici frees the socket for the next request only in a setImmediate it
    // schedules right after this callback returns: settling any sooner makes
    // a caller sending requests one after another find the socket busy and
    // open a second connection (a second TLS handshake against a real
    // endpoint). The microtask runs once undici has scheduled its immediate,
    // so ours comes after it and the caller's next request reuses the socket.
    const exchange: Exchange = { status_code: this.status, headers: this.headers, content, stream: undefined };
    const resolve = this.resolve;
    queueMicrotask(() => setImmediate(resolve, exchange));
  }

  onError(error: Error): void {
    if (!this.settled) {
      this.settled = true;
      this.reject(error);
      return;
    }
    // The response was already handed over: the error belongs to its body.
    if (this.stream !== undefined && !this.stream.destroyed) this.stream.destroy(error);
  }
}

/** A gathered response; its `body` stream is made only if someone asks for it. */
export class BufferedResponse implements HttpResponse {
  private stream: Readable | undefined;

  constructor(
    readonly url: string,
    readonly status_code: number,
    readonly headers: Record<string, string>,
    readonly content: Uint8Array,
  ) {}

  /** A stream over `content`, for code that reads every response as a stream. */
  get body(): Readable {
    if (this.stream === undefined) {
      const content = this.content;
      this.stream = new Readable({
        read() {
          if (content.byteLength > 0) this.push(content);
          this.push(null);
        },
      });
    }
    return this.stream;
  }
}
