/**
 * RequestBodySource: what each attempt sends. Bytes again; a file stream
 * re-opened at its range; a Blob re-streamed; a once-only stream sent once
 * and then refused with UnseekableStreamError (or read into memory when its
 * bytes must be known first); aws-chunked encoding computed afresh per send;
 * every file descriptor closed at the end.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, writeFileSync, type ReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { awsChunkedFrames } from "../../../src/checksums/aws-chunked.js";
import { checksumOf } from "../../../src/checksums/algorithms.js";
import { RequestBodySource } from "../../../src/client/request-body.js";
import { UnseekableStreamError } from "../../../src/exceptions.js";
import type { RequestBody } from "../../../src/http/types.js";
import { bodyBytes } from "./support/capture.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-body-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const DATA = randomBytes(300_000);
const file = join(dir, "data.bin");
writeFileSync(file, DATA);

const read = (body: RequestBody): Promise<Buffer> => bodyBytes(body);

describe("RequestBodySource", () => {
  test("bytes and text are sent as they are, every time; their length is their UTF-8 length", async () => {
    const text = new RequestBodySource("héllo");
    assert.equal(text.length, 6);
    assert.equal(text.forSend(), "héllo");
    assert.equal(text.forSend(), "héllo");
    const bytes = new RequestBodySource(DATA);
    assert.equal(bytes.forSend(), DATA);
    assert.ok(bytes.rewindable && bytes.inMemory);
    assert.equal(new RequestBodySource(undefined).length, 0);
  });

  test("a file stream is sent first as given, then re-opened at the same range on each retry", async () => {
    const original = createReadStream(file, { start: 1000, end: 200_999 });
    const body = new RequestBodySource(original);
    assert.ok(body.rewindable && !body.inMemory);
    assert.equal(body.length, 200_000);
    const first = body.forSend();
    assert.equal(first, original);
    assert.deepEqual(await read(first), DATA.subarray(1000, 201_000));
    const second = body.forSend() as ReadStream;
    assert.notEqual(second, original);
    assert.deepEqual(await read(second), DATA.subarray(1000, 201_000));
    body.dispose();
  });

  test("a file stream already read from cannot be rewound: it is a once-only stream", async () => {
    const original = createReadStream(file);
    await new Promise<void>((resolve) => original.once("readable", () => resolve()));
    original.read(10);
    const body = new RequestBodySource(original);
    assert.equal(body.rewindable, false);
    assert.equal(body.length, null);
    original.destroy();
  });

  test("a Blob is streamed and re-streamed; its size is its length", async () => {
    const body = new RequestBodySource(new Blob([DATA]));
    assert.equal(body.length, DATA.length);
    assert.deepEqual(await read(body.forSend()), DATA);
    assert.deepEqual(await read(body.forSend()), DATA);
  });

  test("a once-only stream is sent once; a retry after it was read is UnseekableStreamError, with botocore's message", async () => {
    const stream = Readable.from([DATA.subarray(0, 1000), DATA.subarray(1000)]);
    const body = new RequestBodySource(stream);
    assert.equal(body.rewindable, false);
    assert.equal(body.length, null);
    const sent = body.forSend();
    assert.equal(sent, stream);
    assert.deepEqual(await read(sent), DATA);
    assert.throws(() => body.forSend(), (error: unknown) => {
      assert.ok(error instanceof UnseekableStreamError);
      assert.equal(error.message, "Need to rewind the stream <Readable>, but stream is not seekable.");
      return true;
    });
  });

  test("a once-only stream nothing read yet (the send failed before its body) is sent again", async () => {
    const stream = Readable.from([DATA]);
    const body = new RequestBodySource(stream);
    body.forSend();
    assert.equal(body.forSend(), stream);
    assert.deepEqual(await read(stream), DATA);
  });

  test("digests of a file read it in a pass of its own; the send still carries every byte", async () => {
    const body = new RequestBodySource(createReadStream(file));
    const digests = await body.digestsOf(["crc32", "sha256"]);
    assert.equal(Buffer.from(digests.get("crc32")!).toString("base64"), checksumOf("crc32", DATA));
    assert.equal(Buffer.from(digests.get("sha256")!).toString("base64"), checksumOf("sha256", DATA));
    assert.deepEqual(await read(body.forSend()), DATA);
    body.dispose();
  });

  test("a once-only stream whose digest is needed is read into memory, and sent (and re-sent) from there", async () => {
    const body = new RequestBodySource(Readable.from([DATA]));
    await body.digestsOf(["crc32c"]);
    assert.ok(body.inMemory && body.rewindable);
    assert.deepEqual(await read(body.forSend()), DATA);
    assert.deepEqual(await read(body.forSend()), DATA);
  });

  test("the payload hash of a once-only stream taken by a send swaps the stream for its bytes", async () => {
    const body = new RequestBodySource(Readable.from([DATA]));
    const sent = body.forSend() as Readable;
    const { body: toSend, sha256 } = await body.payloadSha256(sent);
    assert.ok(toSend instanceof Uint8Array);
    assert.deepEqual(Buffer.from(toSend), DATA);
    assert.equal(sha256, Buffer.from(checksumOf("sha256", DATA), "base64").toString("hex"));
    assert.ok(body.isLastSent(toSend));
    assert.deepEqual(await read(body.forSend()), DATA);
    // A file keeps streaming: hashed over a pass of its own.
    const fileBody = new RequestBodySource(createReadStream(file));
    const fileSent = fileBody.forSend() as Readable;
    const hashed = await fileBody.payloadSha256(fileSent);
    assert.equal(hashed.body, fileSent);
    assert.deepEqual(await read(fileSent), DATA);
    fileBody.dispose();
  });

  test("with a trailer, each send is the aws-chunked body encoded afresh, byte for byte the same", async () => {
    const body = new RequestBodySource(createReadStream(file));
    body.withTrailer("crc32", "x-amz-checksum-crc32");
    assert.equal(body.sendLength, null);
    const first = await read(body.forSend());
    const second = await read(body.forSend());
    assert.deepEqual(first, second);
    const expected: Buffer[] = [];
    for await (const frame of awsChunkedFrames(DATA, "crc32", "x-amz-checksum-crc32")) expected.push(frame);
    assert.deepEqual(first, Buffer.concat(expected));
    assert.ok(first.toString("latin1").endsWith(`0\r\nx-amz-checksum-crc32:${checksumOf("crc32", DATA)}\r\n\r\n`));
  });

  test("dispose closes every stream it opened, and the caller's file stream it never sent", async () => {
    const unsent = createReadStream(file);
    const closed = new Promise<void>((resolve) => unsent.once("close", () => resolve()));
    const body = new RequestBodySource(unsent);
    body.dispose();
    await closed;
    assert.ok(unsent.destroyed);

    const retried = new RequestBodySource(createReadStream(file));
    const first = retried.forSend() as ReadStream;
    const second = retried.forSend() as ReadStream;
    retried.dispose();
    assert.ok(first.destroyed && second.destroyed);
  });
});

describe("aws-chunked frames", () => {
  test("1 MiB chunks whatever the pieces the stream gives, the last one short, then the trailer", async () => {
    const data = randomBytes(2 * 1024 * 1024 + 17);
    const pieces = [data.subarray(0, 5), data.subarray(5, 700_000), data.subarray(700_000, 1_048_576), data.subarray(1_048_576)];
    const frames: Buffer[] = [];
    for await (const frame of awsChunkedFrames(Readable.from(pieces), "sha256", "x-amz-checksum-sha256")) frames.push(frame);
    assert.equal(frames.length, 4);
    assert.equal(frames[0]!.subarray(0, 8).toString(), "100000\r\n");
    assert.equal(frames[2]!.subarray(0, 4).toString(), "11\r\n");
    assert.equal(frames[3]!.toString(), `0\r\nx-amz-checksum-sha256:${checksumOf("sha256", data)}\r\n\r\n`);
    const payload = Buffer.concat(frames.slice(0, 3).map((f) => f.subarray(f.indexOf("\r\n") + 2, f.length - 2)));
    assert.deepEqual(payload, data);
  });

  test("an empty body is the trailer alone", async () => {
    const frames: Buffer[] = [];
    for await (const frame of awsChunkedFrames("", "crc32", "x-amz-checksum-crc32")) frames.push(frame);
    assert.deepEqual(frames.map(String), ["0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"]);
  });
});
