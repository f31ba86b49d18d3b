/**
 * A request body as the attempt loop sends it: once, or again from its
 * start on a retry (botocore's `AWSRequest.reset_stream`, which seeks a file
 * object back to 0).
 *
 * - Text and bytes are in memory and sent as they are on every attempt.
 * - A file stream (`fs.createReadStream(path)`, not yet read, no encoding)
 *   is streamed, never held whole; it is rewound by opening the file again
 *   from the same range. Its length comes from the file, as botocore learns
 *   a file's length by seeking.
 * - A Blob (`fs.openAsBlob`, `new Blob(...)`) is streamed and re-streamed.
 * - Any other Readable can be read once: it is streamed, and a retry of it
 *   fails with botocore's UnseekableStreamError. When its bytes must be known
 *   before sending (a header checksum, a signed payload hash) it is read
 *   into memory first, and from then on it is in memory like bytes.
 *
 * With a trailing checksum (`withTrailer`), every send is the body encoded
 * as aws-chunked with the checksum in its trailer, computed while sending.
 */
import { createHash } from "node:crypto";
import { createReadStream, ReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { UnseekableStreamError } from "../exceptions.js";
import { determineContentLength } from "../http/content-length.js";
import type { RequestBody } from "../http/types.js";
import { awsChunkedStream } from "../checksums/aws-chunked.js";
import { createChecksum } from "../checksums/algorithms.js";

/** A file stream's range, enough to open it again. */
interface FileRange {
  path: string;
  start: number | undefined;
  end: number | undefined;
  highWaterMark: number;
}

type Source =
  | { kind: "memory"; body: string | Uint8Array }
  | { kind: "file"; range: FileRange; original: ReadStream | undefined }
  | { kind: "blob"; blob: Blob }
  | { kind: "stream"; stream: Readable };

/** The aws-chunked encoding of the body, with its checksum trailer. */
interface Trailer {
  algorithm: string;
  name: string;
}

/** A file stream that can be opened again at the same range: a path, nothing read, bytes not text. */
function rewindableFile(body: Readable): FileRange | undefined {
  if (!(body instanceof ReadStream) || typeof body.path !== "string") return undefined;
  if (body.bytesRead > 0 || body.readableDidRead || body.readableLength > 0 || body.destroyed || body.readableEncoding !== null) return undefined;
  const file = body as ReadStream & { start?: number; end?: number };
  return { path: body.path, start: file.start, end: file.end, highWaterMark: body.readableHighWaterMark };
}

/** Python's repr of a file object is what botocore's message shows; this is the closest a stream has. */
function describeStream(stream: Readable): string {
  const path = (stream as { path?: unknown }).path;
  return typeof path === "string" ? `<${stream.constructor.name} path=${JSON.stringify(path)}>` : `<${stream.constructor.name}>`;
}

function toBuffer(chunk: unknown): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer);
}

/** A request body that knows how to send itself once more, or that it cannot. */
export class RequestBodySource {
  private source: Source;
  private trailer: Trailer | undefined;
  private readonly opened: Readable[] = [];
  private readonly digests = new Map<string, Uint8Array>();
  private sends = 0;
  private lastSent: RequestBody | undefined;

  /** @param body the request dict's body after before-call (text, bytes, a Readable or a Blob) */
  constructor(body: RequestBody | Blob | null | undefined) {
    if (body === undefined || body === null) this.source = { kind: "memory", body: "" };
    else if (typeof body === "string" || body instanceof Uint8Array) this.source = { kind: "memory", body };
    else if (body instanceof Blob) this.source = { kind: "blob", blob: body };
    else {
      const range = rewindableFile(body);
      this.source = range !== undefined ? { kind: "file", range, original: body as ReadStream } : { kind: "stream", stream: body };
    }
  }

  /** True when the body is text or bytes held in memory (before any aws-chunked encoding). */
  get inMemory(): boolean {
    return this.source.kind === "memory";
  }

  /** True when the body can be sent again from its start. */
  get rewindable(): boolean {
    return this.source.kind !== "stream";
  }

  /** The unencoded body's length in bytes, or null when only reading it can tell (botocore's determine_content_length). */
  get length(): number | null {
    const source = this.source;
    switch (source.kind) {
      case "memory":
        return determineContentLength(source.body);
      case "blob":
        return source.blob.size;
      case "file":
        return fileRangeLength(source.range);
      case "stream":
        return null;
    }
  }

  /** The length of what each send carries, when known before sending: null once encoded as aws-chunked. */
  get sendLength(): number | null {
    return this.trailer === undefined ? this.length : null;
  }

  /** True when `body` is what the latest `forSend` returned. */
  isLastSent(body: RequestBody | undefined): boolean {
    return body !== undefined && body === this.lastSent;
  }

  /** Sends from now on encode the body as aws-chunked with this checksum in the trailer. */
  withTrailer(algorithm: string, name: string): void {
    this.trailer = { algorithm, name };
  }

  /**
   * The body for the next send. The first send takes the body as given; a
   * later one rewinds it, or throws UnseekableStreamError for a stream that
   * can be read only once (as botocore's reset_stream does).
   */
  forSend(): RequestBody {
    const source = this.source;
    // A once-only stream nothing has read yet (the send failed before its body) is still at its start.
    if (this.sends > 0 && source.kind === "stream" && (source.stream.readableDidRead || source.stream.destroyed)) {
      throw new UnseekableStreamError({ stream_object: describeStream(source.stream) });
    }
    // The previous attempt is over: close what it left open (a file a failed send never finished).
    if (source.kind !== "stream") this.closeOpened();
    this.sends++;
    const body = this.openUnencoded();
    if (this.trailer === undefined) return (this.lastSent = body);
    const encoded = awsChunkedStream(body, this.trailer.algorithm, this.trailer.name);
    this.opened.push(encoded);
    return (this.lastSent = encoded);
  }

  /**
   * Base64 digests of the unencoded body for each algorithm (botocore's
   * names, plus `sha256` for the payload hash), read in one pass and cached.
   * A stream that can be read only once is read into memory first.
   */
  async digestsOf(algorithms: readonly string[]): Promise<Map<string, Uint8Array>> {
    const missing = algorithms.filter((a) => !this.digests.has(a));
    if (missing.length > 0) {
      if (this.source.kind === "stream") await this.buffer();
      const checksums = missing.map((a) => {
        const checksum = createChecksum(a);
        if (checksum === undefined) throw new Error(`Unknown checksum algorithm: ${a}`);
        return checksum;
      });
      const source = this.source;
      if (source.kind === "memory") {
        const bytes = typeof source.body === "string" ? Buffer.from(source.body, "utf8") : source.body;
        for (const checksum of checksums) checksum.update(bytes);
      } else {
        // A pass of its own over a rewindable source; the sends open it afresh.
        const stream = this.openUnencoded() as Readable;
        for await (const chunk of stream) {
          const bytes = toBuffer(chunk);
          for (const checksum of checksums) checksum.update(bytes);
        }
      }
      missing.forEach((a, i) => this.digests.set(a, checksums[i]!.digest()));
    }
    return this.digests;
  }

  /**
   * Reads a once-only stream into memory, so that it can be hashed and sent
   * again; only while nothing of it has been read (a send may have taken it
   * and not started).
   */
  async buffer(): Promise<void> {
    const source = this.source;
    if (source.kind !== "stream") return;
    const stream = source.stream;
    if (stream.readableDidRead || stream.destroyed) throw new UnseekableStreamError({ stream_object: describeStream(stream) });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(toBuffer(chunk));
    this.source = { kind: "memory", body: Buffer.concat(chunks) };
  }

  /**
   * The body's SHA-256 in hex, for a signature over a streamed body. `sent`
   * is what the send is about to carry: the stream `forSend` gave (a file or
   * Blob is hashed over a pass of its own; a once-only stream is read into
   * memory, and the bytes are returned to send instead) or a stream a
   * handler put in its place (read into memory likewise).
   */
  async payloadSha256(sent: Readable): Promise<{ body: RequestBody; sha256: string }> {
    if (this.trailer !== undefined) throw new Error("an aws-chunked body is not signed");
    if (sent !== this.lastSent) {
      const chunks: Buffer[] = [];
      for await (const chunk of sent) chunks.push(toBuffer(chunk));
      const bytes = Buffer.concat(chunks);
      return { body: bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
    }
    if (this.source.kind === "stream") await this.buffer();
    const digest = (await this.digestsOf(["sha256"])).get("sha256")!;
    const body = this.source.kind === "memory" ? this.source.body : sent;
    this.lastSent = body;
    return { body, sha256: Buffer.from(digest).toString("hex") };
  }

  /** Closes every stream opened for this call that was not read to its end (file descriptors are not collected). */
  dispose(): void {
    const source = this.source;
    if (source.kind === "file" && source.original !== undefined) {
      source.original.destroy();
      source.original = undefined;
    }
    this.closeOpened();
  }

  private closeOpened(): void {
    for (const stream of this.opened) if (!stream.destroyed) stream.destroy();
    this.opened.length = 0;
  }

  private openUnencoded(): RequestBody {
    const source = this.source;
    switch (source.kind) {
      case "memory":
        return source.body;
      case "file": {
        let stream: ReadStream;
        if (source.original !== undefined) {
          stream = source.original;
          source.original = undefined;
        } else {
          const { path, start, end, highWaterMark } = source.range;
          stream = createReadStream(path, { start, end, highWaterMark });
        }
        this.opened.push(stream);
        return stream;
      }
      case "blob": {
        const stream = Readable.fromWeb(source.blob.stream() as Parameters<typeof Readable.fromWeb>[0]);
        this.opened.push(stream);
        return stream;
      }
      case "stream":
        this.opened.push(source.stream);
        return source.stream;
    }
  }
}

/** The bytes a file range holds now, as determineContentLength counts a file stream; null if the file cannot be read. */
function fileRangeLength(range: FileRange): number | null {
  try {
    const size = statSync(range.path).size;
    const start = range.start ?? 0;
    const end = range.end === undefined || range.end === Infinity ? size - 1 : Math.min(range.end, size - 1);
    return Math.max(0, end - start + 1);
  } catch {
    return null;
  }
}
