// StreamingBody: botocore's reading semantics (compared with botocore itself
// for iter_lines and iter_chunks), and that a body closed or dropped gives
// its connection back.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { IncompleteReadError } from "../../../src/exceptions.js";
import { StreamingBody } from "../../../src/http/streaming-body.js";
import { HttpTransport } from "../../../src/http/transport.js";
import { sleep, startHttpServer } from "./support/local-server.js";

/** A raw stream that delivers `data` in pieces of `piece` bytes, asynchronously. */
function source(data: Buffer, piece = 7): Readable {
  let offset = 0;
  return new Readable({
    read() {
      setImmediate(() => {
        if (offset >= data.length) {
          this.push(null);
          return;
        }
        this.push(data.subarray(offset, offset + piece));
        offset += piece;
      });
    },
  });
}

const toText = (chunks: Uint8Array[]): string[] => chunks.map((c) => Buffer.from(c).toString("latin1"));

async function collect(iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

const LINE_CASES: { data: string; chunk: number; keepends: boolean }[] = [
  { data: "a\nb\nc", chunk: 1024, keepends: false },
  { data: "a\nb\nc\n", chunk: 2, keepends: false },
  { data: "one\r\ntwo\rthree\n\nfour\r\n", chunk: 3, keepends: false },
  { data: "one\r\ntwo\rthree\n\nfour\r\n", chunk: 3, keepends: true },
  { data: "x\r", chunk: 2, keepends: true },
  { data: "\n\n\r\r\n", chunk: 1, keepends: false },
  { data: "\n\n\r\r\n", chunk: 1, keepends: true },
  { data: "long line without end", chunk: 4, keepends: false },
  { data: "ab\r\ncd\r\n", chunk: 3, keepends: true },
  { data: "", chunk: 5, keepends: false },
];

const PYTHON = String.raw`
import io, json, sys
from botocore.response import StreamingBody
cases = json.load(sys.stdin)
out = {"lines": [], "chunks": []}
for c in cases["lines"]:
    data = c["data"].encode("latin1")
    body = StreamingBody(io.BytesIO(data), len(data))
    out["lines"].append([l.decode("latin1") for l in body.iter_lines(c["chunk"], c["keepends"])])
for c in cases["chunks"]:
    data = c["data"].encode("latin1")
    body = StreamingBody(io.BytesIO(data), len(data))
    out["chunks"].append([l.decode("latin1") for l in body.iter_chunks(c["chunk"])])
json.dump(out, sys.stdout)
`;

const CHUNK_CASES = [
  { data: "0123456789", chunk: 3 },
  { data: "0123456789", chunk: 10 },
  { data: "0123456789", chunk: 1024 },
  { data: "", chunk: 4 },
];

describe("StreamingBody reads as botocore's does", () => {
  let expected: { lines: string[][]; chunks: string[][] };
  before(() => {
    const result = spawnSync("python3", ["-c", PYTHON], {
      input: JSON.stringify({ lines: LINE_CASES, chunks: CHUNK_CASES }),
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    expected = JSON.parse(result.stdout) as typeof expected;
  });

  test("iter_lines matches botocore, whatever the chunk size", async () => {
    for (const [i, c] of LINE_CASES.entries()) {
      const data = Buffer.from(c.data, "latin1");
      const body = new StreamingBody(source(data, 2), data.length);
      assert.deepEqual(toText(await collect(body.iter_lines(c.chunk, c.keepends))), expected.lines[i], JSON.stringify(c));
    }
  });

  test("iter_chunks matches botocore", async () => {
    for (const [i, c] of CHUNK_CASES.entries()) {
      const data = Buffer.from(c.data, "latin1");
      const body = new StreamingBody(source(data, 4), data.length);
      assert.deepEqual(toText(await collect(body.iter_chunks(c.chunk))), expected.chunks[i], JSON.stringify(c));
    }
  });

  test("read(amt) returns exactly amt bytes until the end, then empty", async () => {
    const data = Buffer.from("abcdefghijklmnopqrstuvwxyz");
    const body = new StreamingBody(source(data, 5), data.length);
    assert.equal(Buffer.from(await body.read(3)).toString(), "abc");
    assert.equal(Buffer.from(await body.read(11)).toString(), "defghijklmn");
    assert.equal(body.tell(), 14);
    assert.equal(Buffer.from(await body.read()).toString(), "opqrstuvwxyz");
    assert.equal((await body.read()).byteLength, 0);
    assert.equal((await body.read(10)).byteLength, 0);
  });

  test("overlapping reads each get distinct bytes, none lost", async () => {
    const data = Buffer.from("0123456789abcdefghij");
    const body = new StreamingBody(source(data, 3), data.length);
    const parts = await Promise.all([body.read(5), body.read(5), body.read(5), body.read()]);
    const all = parts.map((p) => Buffer.from(p).toString()).join("");
    assert.equal([...all].sort().join(""), [...data.toString()].sort().join(""));
    for (const part of parts.slice(0, 3)) assert.ok(part.byteLength <= 5);
  });

  test("readlines splits after each newline and keeps it", async () => {
    const body = new StreamingBody(source(Buffer.from("a\nb\r\nc\rd\n\ne"), 2));
    await body.read(0);
    assert.deepEqual(toText(await body.readlines()), ["a\n", "b\r\n", "c\rd\n", "\n", "e"]);
  });

  test("iterating the body yields 1 KiB chunks", async () => {
    const data = Buffer.alloc(2500, 1);
    const sizes = (await collect(new StreamingBody(source(data, 300), data.length))).map((c) => c.byteLength);
    assert.deepEqual(sizes, [1024, 1024, 452]);
  });

  test("fewer bytes than Content-Length: IncompleteReadError at the end", async () => {
    const body = new StreamingBody(source(Buffer.from("abc")), "5");
    assert.equal((await body.read(3)).byteLength, 3);
    await assert.rejects(body.read(2), (e: unknown) => e instanceof IncompleteReadError && e.message === "3 read, but total bytes expected is 5.");
    const more = new StreamingBody(source(Buffer.from("abcdef")), 5);
    await assert.rejects(more.read(), { message: "6 read, but total bytes expected is 5." });
  });

  test("no Content-Length: nothing to verify", async () => {
    const body = new StreamingBody(source(Buffer.from("abc")));
    assert.equal(Buffer.from(await body.read()).toString(), "abc");
  });

  test("stream() pipes the rest of the body", async () => {
    const data = Buffer.alloc(100_000, 3);
    const body = new StreamingBody(source(data, 4096), data.length);
    await body.read(10);
    let received = 0;
    await pipeline(
      body.stream(),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          received += chunk.length;
          done();
        },
      }),
    );
    assert.equal(received, data.length - 10);
  });
});

describe("StreamingBody gives its connection back", () => {
  const size = 4 * 1024 * 1024;

  async function bigBodyServer() {
    return startHttpServer((_req, res) => {
      res.writeHead(200, { "Content-Length": String(size) });
      res.end(Buffer.alloc(size, 9));
    });
  }

  test("close() mid-body frees the pool's only connection", async () => {
    const server = await bigBodyServer();
    const transport = new HttpTransport({ max_pool_connections: 1, read_timeout: 5 });
    try {
      const first = await transport.send({ method: "GET", url: `${server.url}/a`, headers: {}, body: undefined, stream_output: true, context: {} });
      const body = new StreamingBody(first.body, first.headers["content-length"]);
      assert.equal((await body.read(1000)).byteLength, 1000);
      body.close();
      const second = await transport.send({ method: "GET", url: `${server.url}/b`, headers: {}, body: undefined, stream_output: false, context: {} });
      assert.equal(second.content!.byteLength, size);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  test("a body dropped unread is released when collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const server = await bigBodyServer();
    const transport = new HttpTransport({ max_pool_connections: 1, read_timeout: 30 });
    try {
      await (async () => {
        const first = await transport.send({ method: "GET", url: `${server.url}/a`, headers: {}, body: undefined, stream_output: true, context: {} });
        new StreamingBody(first.body, first.headers["content-length"]);
      })();
      const second = transport.send({ method: "GET", url: `${server.url}/b`, headers: {}, body: undefined, stream_output: false, context: {} });
      let done = false;
      void second.then(() => {
        done = true;
      });
      for (let i = 0; i < 50 && !done; i++) {
        gc();
        await sleep(20);
      }
      assert.equal(done, true, "the second request never got the connection");
      assert.equal((await second).content!.byteLength, size);
    } finally {
      await transport.destroy();
      await server.close();
    }
  });
});
