/**
 * A local S3-like upload sink for streamed-upload tests, over http or https
 * on 127.0.0.1: it reads each PUT body as it arrives (decoding aws-chunked
 * and its trailer), keeps nothing but counts, checks the request's checksum
 * (header or trailer) and answers 200 with an ETag — or 400 BadDigest on a
 * mismatch, or 500 InternalError for the first `failFirst` uploads, after
 * reading their whole body.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChecksum, type Checksum } from "../../../../src/checksums/algorithms.js";

/** What the sink saw of one upload. */
export interface Upload {
  headers: Record<string, string | string[] | undefined>;
  /** Bytes of payload (decoded, when aws-chunked). */
  bytes: number;
  /** Bytes on the wire after HTTP framing (the aws-chunked encoding included). */
  wireBytes: number;
  /** The algorithm of the checksum that was checked, and whether it matched. */
  algorithm?: string;
  checksumOk?: boolean;
  /** Where the checksum came from. */
  checksumIn?: "header" | "trailer";
  status: number;
}

/** A running sink. */
export interface UploadSink {
  url: string;
  uploads: Upload[];
  /** Uploads to answer with 500 before the first success. */
  failFirst: number;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made with openssl. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "boto3ts-cert-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes aws-chunked as it streams by: payload bytes to `onData`, trailer lines to `onTrailer`. */
class AwsChunkedDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private remaining = -1; // bytes of the current chunk still to come; -1 while reading a size line
  private done = false;
  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly onTrailer: (name: string, value: string) => void,
  ) {}

  write(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.done) {
        const end = this.buffer.indexOf("\r\n");
        if (end === -1) return;
        const line = this.buffer.subarray(0, end).toString("latin1");
        this.buffer = this.buffer.subarray(end + 2);
        if (line === "") return;
        const colon = line.indexOf(":");
        this.onTrailer(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        continue;
      }
      if (this.remaining === -1) {
        const end = this.buffer.indexOf("\r\n");
        if (end === -1) return;
        const size = Number.parseInt(this.buffer.subarray(0, end).toString("latin1").split(";")[0]!, 16);
        this.buffer = this.buffer.subarray(end + 2);
        if (size === 0) {
          this.done = true;
          continue;
        }
        this.remaining = size;
      }
      if (this.remaining > 0) {
        if (this.buffer.length === 0) return;
        const take = Math.min(this.remaining, this.buffer.length);
        this.onData(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.remaining -= take;
        if (this.remaining > 0) return;
      }
      if (this.buffer.length < 2) return;
      if (this.buffer.subarray(0, 2).toString() !== "\r\n") throw new Error("aws-chunked: no CRLF after a chunk");
      this.buffer = this.buffer.subarray(2);
      this.remaining = -1;
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

async function handle(sink: UploadSink, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const upload: Upload = { headers: { ...req.headers }, bytes: 0, wireBytes: 0, status: 200 };
  const chunked = (header(req, "content-encoding") ?? "").split(",").map((s) => s.trim()).includes("aws-chunked");
  let checksum: Checksum | undefined;
  let expected: string | undefined;
  if (chunked) {
    const name = header(req, "x-amz-trailer") ?? "";
    upload.algorithm = name.replace(/^x-amz-checksum-/, "");
    upload.checksumIn = "trailer";
    checksum = createChecksum(upload.algorithm);
  } else {
    for (const name of Object.keys(req.headers)) {
      const match = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256|sha512)$/.exec(name);
      if (match === null) continue;
      upload.algorithm = match[1]!;
      upload.checksumIn = "header";
      checksum = createChecksum(upload.algorithm);
      expected = header(req, name);
    }
  }
  const count = (data: Buffer): void => {
    upload.bytes += data.length;
    checksum?.update(data);
  };
  const decoder = chunked ? new AwsChunkedDecoder(count, (name, value) => { if (name === header(req, "x-amz-trailer")) expected = value; }) : undefined;
  for await (const chunk of req) {
    upload.wireBytes += (chunk as Buffer).length;
    if (decoder !== undefined) decoder.write(chunk as Buffer);
    else count(chunk as Buffer);
  }
  if (checksum !== undefined) upload.checksumOk = checksum.b64digest() === expected;
  sink.uploads.push(upload);
  if (upload.checksumOk === false) {
    upload.status = 400;
    res.writeHead(400, { "content-type": "application/xml" });
    res.end("<Error><Code>BadDigest</Code><Message>The checksum did not match.</Message></Error>");
  } else if (sink.failFirst > 0) {
    sink.failFirst--;
    upload.status = 500;
    res.writeHead(500, { "content-type": "application/xml" });
    res.end("<Error><Code>InternalError</Code><Message>Please try again.</Message></Error>");
  } else {
    res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"', "content-length": "0" });
    res.end();
  }
}

/** Starts a sink on a free loopback port; with `tls`, over https. */
export async function startUploadSink(tls?: { key: Buffer; cert: Buffer }): Promise<UploadSink> {
  const sockets = new Set<Socket>();
  const sink: UploadSink = { url: "", uploads: [], failFirst: 0, close: async () => {} };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(sink, req, res).catch((error: unknown) => res.destroy(error as Error));
  };
  const server: Server = tls === undefined ? createHttpServer(listener) : createHttpsServer(tls, listener);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  sink.url = `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return sink;
}
