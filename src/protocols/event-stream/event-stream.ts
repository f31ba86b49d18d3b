/**
 * botocore.eventstream.EventStream, async: the event-stream member of a
 * result (S3 SelectObjectContent's `Payload`, Kinesis SubscribeToShard's
 * `EventStream`, Bedrock's `body` and `stream`).
 *
 * ```ts
 * const { Payload } = await s3.select_object_content({ ... });
 * for await (const event of Payload) {
 *   if (event.Records) process.stdout.write(event.Records.Payload);
 *   else if (event.End) console.log("done");
 * }
 * ```
 *
 * Events are decoded as the bytes arrive. The HTTP connection is held only
 * while the stream is read: it is released when the stream ends, on
 * `close()`, when a `for await` loop is left early, when decoding fails,
 * and when an abandoned stream is garbage-collected.
 */
import type { Readable } from "node:stream";
import type { Shape } from "../../models/shape.js";
import { type Parsed, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { ChunkSource } from "./chunk-source.js";
import { EventStreamBuffer, type EventStreamMessage } from "./decoder.js";
import { NoInitialResponseError } from "./errors.js";
import type { EventStreamParser } from "./event-parser.js";

// A stream dropped unread would hold its pooled connection until the read
// timeout (or forever if the server keeps sending); destroying the body when
// the stream is collected frees it.
const abandoned = new FinalizationRegistry<ChunkSource>((source) => source.destroy());

// Internal methods (announce an initial-response, read it), keyed by symbols so they stay off the public surface.
const SETTLE: unique symbol = Symbol("boto3-ts.event-stream.settle");
const EXPECT_INITIAL: unique symbol = Symbol("boto3-ts.event-stream.expect-initial");

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const SETTLED = Promise.resolve();

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/**
 * The events of a streamed response (botocore.eventstream.EventStream):
 * iterate it with `for await`; each event is `{ EventName: members }` as
 * botocore yields it, and a modeled exception or an error message in the
 * stream throws EventStreamError.
 */
export class EventStream<Event = Record<string, unknown>> implements AsyncIterable<Event> {
  private readonly source: ChunkSource;
  private readonly buffer = new EventStreamBuffer();
  private readonly shape: Shape;
  private readonly parser: EventStreamParser;
  private readonly operationName: string | undefined;
  /** Set once the body has ended, failed or been closed: no message comes after (botocore's exhausted generator). */
  private finished = false;
  /** The json and cbor protocols' initial-response, read once before any event. */
  private initial: (() => Promise<void>) | undefined;
  private initialRead: Promise<void> | undefined;

  /**
   * @param raw_stream the response body, as the transport hands it over
   * @param output_shape the event-stream union (the output member's shape)
   * @param parser the protocol's event parsing
   * @param operation_name the operation, for EventStreamError's message
   */
  constructor(raw_stream: Readable | Uint8Array | undefined, output_shape: Shape, parser: EventStreamParser, operation_name?: string) {
    this.source = new ChunkSource(raw_stream);
    this.shape = output_shape;
    this.parser = parser;
    this.operationName = operation_name;
    abandoned.register(this, this.source, this);
  }

  /**
   * Yields the events in order (unknown event types are skipped, as botocore
   * skips them). Leaving the loop early closes the stream. After an
   * EventStreamError a new loop goes on with the next event, as in botocore.
   */
  [Symbol.asyncIterator](): AsyncIterator<Event, undefined> {
    return {
      next: async (): Promise<IteratorResult<Event, undefined>> => {
        if (this.initial !== undefined) await this[SETTLE]();
        for (;;) {
          const message = await this.nextMessage();
          if (message === null) return DONE;
          const event = this.parser.parse(message, this.shape, this.operationName);
          if (hasKeys(event)) return { done: false, value: event as Event };
        }
      },
      return: async (): Promise<IteratorResult<Event, undefined>> => {
        this.close();
        return DONE;
      },
    };
  }

  /**
   * Reads the next message and returns it if it is the initial-response
   * (botocore's `get_initial_response`); otherwise it is consumed all the
   * same and NoInitialResponseError is thrown. For the `json` and CBOR
   * protocols the client has already read it into the result.
   */
  async get_initial_response(): Promise<EventStreamMessage> {
    await this[SETTLE]();
    return this.takeInitialResponse();
  }

  /** A short form for `util.inspect` and `console.log` (the shape and parser internals say nothing useful). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `EventStream { ${this.shape.name}${this.finished ? ", finished" : ""} }`;
  }

  /** Stops reading and releases the connection; events not read are dropped. */
  close(): void {
    abandoned.unregister(this);
    this.finished = true;
    this.source.destroy();
  }

  /**
   * Declares that the stream starts with an initial-response, which `merge`
   * takes into the result (json and cbor protocols). Internal.
   */
  [EXPECT_INITIAL](merge: (message: EventStreamMessage) => void): void {
    this.initial = async () => {
      let message: EventStreamMessage;
      try {
        message = await this.takeInitialResponse();
      } catch (error) {
        this.close();
        if (error instanceof NoInitialResponseError) throw new ResponseParserError("First event was not of type initial-response");
        throw error;
      }
      merge(message);
    };
  }

  /** Reads the announced initial-response, once, however many callers wait. Internal. */
  [SETTLE](): Promise<void> {
    const initial = this.initial;
    if (initial === undefined) return SETTLED;
    return (this.initialRead ??= initial());
  }

  private async takeInitialResponse(): Promise<EventStreamMessage> {
    const message = await this.nextMessage();
    if (message !== null && message.headers[":event-type"] === "initial-response") return message;
    throw new NoInitialResponseError();
  }

  /** The next decoded message, or null once the body has ended. A decoding failure ends the stream. */
  private async nextMessage(): Promise<EventStreamMessage | null> {
    try {
      while (!this.finished) {
        const step = this.buffer.next();
        if (!step.done) return step.value;
        const chunk = await this.source.next();
        if (chunk === null) {
          // Bytes left over that never made a whole message end the stream quietly, as in botocore.
          this.finished = true;
          abandoned.unregister(this);
          return null;
        }
        this.buffer.add_data(chunk);
      }
      return null;
    } catch (error) {
      this.close();
      throw error;
    }
  }
}

/**
 * Declares that `stream` starts with an initial-response whose payload,
 * read by `read`, gives the result's other members (botocore's
 * `_handle_event_stream` for the json and cbor protocols). They go first in
 * `parsed`, as in botocore's dict.
 */
export function expectInitialResponse(stream: EventStream<unknown>, parsed: Parsed, read: (payload: Uint8Array) => unknown): void {
  stream[EXPECT_INITIAL]((message) => {
    const members = read(message.payload);
    if (members === null || typeof members !== "object" || Array.isArray(members)) return;
    const rest = Object.entries(parsed);
    for (const [key] of rest) delete parsed[key];
    for (const key in members) setKey(parsed, key, (members as Record<string, unknown>)[key]);
    for (const [key, value] of rest) setKey(parsed, key, value);
  });
}

/**
 * Reads the initial-response of each event stream in a parsed result, so
 * that the call resolves with the result complete, or fails, as botocore's
 * parse does. Without it the first read of the stream does this.
 */
export async function readInitialResponse(parsed: Parsed): Promise<void> {
  for (const key in parsed) {
    const value = parsed[key];
    if (value instanceof EventStream) await value[SETTLE]();
  }
}
