// HttpTransport against real local servers: responses, pooling, timeouts,
// and the botocore errors for each way a connection fails.
import { describe, test, after, before } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import {
  ConnectionClosedError,
  EndpointConnectionError,
  HTTPClientError,
  ReadTimeoutError,
  ResponseStreamingError,
  IncompleteReadError,
} from "../../../src/exceptions.js";
import { HttpTransport, getTransport, readBody } from "../../../src/http/transport.js";
import { StreamingBody } from "../../../src/http/streaming-body.js";
import type { AWSPreparedRequest } from "../../../src/http/types.js";
import {
  closedPort,
  readRequestBody,
  sleep,
  startHttpServer,
  startRawServer,
  type LocalHttpServer,
} from "./support/local-server.js";

function request(url: string, overrides: Partial<AWSPreparedRequest> = {}): AWSPreparedRequest {
  return { method: "GET", url, headers: {}, body: undefined, stream_output: false, context: {}, ...overrides };
}

const transports: HttpTransport[] = [];
function transport(options: ConstructorParameters<typeof HttpTransport>[0] = {}): HttpTransport {
  const t = new HttpTransport(options);
  transports.push(t);
  return t;
}
after(async () => {
  await Promise.all(transports.map((t) => t.close()));
});

describe("HttpTransport: responses", () => {
  let server: LocalHttpServer;
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  before(async () => {
    server = await startHttpServer(async (req, res) => {
      const body = (await readRequestBody(req)).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader("X-Amz-Request-Id", "req-1");
      res.setHeader("X-Multi", ["a", "b"]);
      res.setHeader("Set-Cookie", ["c=1", "d=2"]);
      res.setHeader("Content-Type", "application/x-amz-json-1.0");
      res.statusCode = req.url === "/missing" ? 404 : 200;
      res.end(JSON.stringify({ echo: body }));
    });
  });
  after(() => server.close());

  test("a request goes out as given and the response comes back whole", async () => {
    const t = transport();
    const response = await t.send(
      request(`${server.url}/path/to?x=1&y=%2F`, {
        method: "POST",
        headers: { "X-Amz-Target": "DynamoDB_20120810.GetItem", "Content-Length": "10" },
        body: '{"a":"ü"}',
      }),
    );
    assert.equal(response.status_code, 200);
    assert.equal(response.headers["x-amz-request-id"], "req-1");
    assert.equal(response.headers["content-type"], "application/x-amz-json-1.0");
    // Repeated headers are joined as botocore's HTTPHeaderDict shows them.
    assert.equal(response.headers["x-multi"], "a, b");
    assert.equal(response.headers["set-cookie"], "c=1, d=2");
    assert.deepEqual(JSON.parse(Buffer.from(response.content!).toString()), { echo: '{"a":"ü"}' });
    assert.deepEqual(await readBody(response), response.content);
    const last = seen[seen.length - 1]!;
    assert.equal(last.method, "POST");
    assert.equal(last.url, "/path/to?x=1&y=%2F");
    assert.equal(last.headers["x-amz-target"], "DynamoDB_20120810.GetItem");
    assert.equal(last.headers["content-length"], "10");
    assert.equal(last.body, '{"a":"ü"}');
  });

  test("error statuses are responses, not exceptions", async () => {
    const response = await transport().send(request(`${server.url}/missing`));
    assert.equal(response.status_code, 404);
    assert.ok(response.content!.byteLength > 0);
  });

  test("a URL without a path sends /", async () => {
    await transport().send(request(`${server.url}?list-type=2`));
    assert.equal(seen[seen.length - 1]!.url, "/?list-type=2");
  });

  test("the body stream of a gathered response replays its content", async () => {
    const response = await transport().send(request(`${server.url}/x`));
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(response.content!));
  });

  test("Expect: 100-continue goes out (Node's server answers 100) and non-ASCII header values travel as UTF-8", async () => {
    await transport().send(
      request(`${server.url}/h`, {
        method: "PUT",
        headers: { Expect: "100-continue", "x-amz-meta-name": "café", "Transfer-Encoding": "chunked" },
        body: Readable.from([Buffer.from("abc")]),
      }),
    );
    const last = seen[seen.length - 1]!;
    assert.equal(last.headers["expect"], "100-continue");
    assert.equal(Buffer.from(last.headers["x-amz-meta-name"] as string, "latin1").toString("utf8"), "café");
    assert.equal(last.headers["transfer-encoding"], "chunked");
    assert.equal(last.body, "abc");
  });
});

describe("HttpTransport: pooling", () => {
  test("sequential requests reuse one keep-alive connection", async () => {
    const server = await startHttpServer((_req, res) => {
      res.end("ok");
    });
    try {
      const t = transport();
      for (let i = 0; i < 20; i++) assert.equal((await t.send(request(`${server.url}/${i}`))).status_code, 200);
      assert.equal(server.connections, 1);
    } finally {
      await server.close();
    }
  });

  test("max_pool_connections bounds the connections and requests in flight per origin", async () => {
    const server = await startHttpServer(async (_req, res) => {
      await sleep(40);
      res.end("slow");
    });
    try {
      const t = transport({ max_pool_connections: 2 });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => t.send(request(`${server.url}/${i}`))));
      assert.deepEqual(results.map((r) => r.status_code), [200, 200, 200, 200, 200, 200]);
      assert.equal(server.maxInFlight, 2);
      assert.equal(server.connections, 2);
    } finally {
      await server.close();
    }
  });

  test("clients with equal options share one transport", () => {
    assert.equal(getTransport(), getTransport({}));
    assert.equal(getTransport({ max_pool_connections: 10, read_timeout: 60 }), getTransport());
    const custom = getTransport({ read_timeout: 5, verify: false });
    assert.equal(getTransport({ verify: false, read_timeout: 5 }), custom);
    assert.notEqual(custom, getTransport());
  });
});

describe("HttpTransport: failures", () => {
  test("a refused connection is an EndpointConnectionError", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/x?y=1`;
    const error = await transport().send(request(url)).catch((e: unknown) => e);
    assert.ok(error instanceof EndpointConnectionError, String(error));
    assert.equal((error as Error).message, `Could not connect to the endpoint URL: "${url}"`);
    assert.equal(((error as Error).cause as { code?: string }).code, "ECONNREFUSED");
    // The error is made in the caller's await chain: its stack names this test file.
    assert.match((error as Error).stack ?? "", /transport\.test\.js/);
  });

  test("no response head within read_timeout is a ReadTimeoutError", async () => {
    const server = await startHttpServer(async (_req, res) => {
      await sleep(1500);
      res.end();
    });
    try {
      const url = `${server.url}/stall`;
      const started = Date.now();
      const error = await transport({ read_timeout: 0.2 }).send(request(url)).catch((e: unknown) => e);
      assert.ok(error instanceof ReadTimeoutError, String(error));
      assert.equal((error as Error).message, `Read timeout on endpoint URL: "${url}"`);
      assert.ok(Date.now() - started < 1400);
    } finally {
      await server.close();
    }
  });

  test("a body that stalls mid-way is a ReadTimeoutError", async () => {
    const server = await startHttpServer(async (_req, res) => {
      res.writeHead(200, { "Content-Length": "10" });
      res.write("12345");
      await sleep(1500);
      res.end("67890");
    });
    try {
      const url = `${server.url}/half`;
      const error = await transport({ read_timeout: 0.2 }).send(request(url)).catch((e: unknown) => e);
      assert.ok(error instanceof ReadTimeoutError, String(error));
      assert.equal((error as Error).message, `Read timeout on endpoint URL: "${url}"`);

      const streamed = await transport({ read_timeout: 0.2 }).send(request(url, { stream_output: true }));
      const body = new StreamingBody(streamed.body, streamed.headers["content-length"], url);
      assert.deepEqual(Buffer.from(await body.read(5)).toString(), "12345");
      await assert.rejects(body.read(), (e: unknown) => e instanceof ReadTimeoutError);
    } finally {
      await server.close();
    }
  });

  test("a reader slower than read_timeout is not a timeout", async () => {
    const size = 8 * 1024 * 1024;
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { "Content-Length": String(size) });
      res.end(Buffer.alloc(size, 7));
    });
    try {
      const response = await transport({ read_timeout: 0.2 }).send(request(`${server.url}/big`, { stream_output: true }));
      const body = new StreamingBody(response.body, response.headers["content-length"]);
      await sleep(600);
      assert.equal((await body.read()).byteLength, size);
    } finally {
      await server.close();
    }
  });

  test("a connection reset mid-body: ConnectionClosedError when gathering, ResponseStreamingError when streaming", async () => {
    const server = await startRawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(50), () => {
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
    });
    try {
      const url = `${server.url}/reset`;
      const error = await transport().send(request(url)).catch((e: unknown) => e);
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(
        (error as Error).message,
        `Connection was closed before we received a valid response from endpoint URL: "${url}".`,
      );
      const streamed = await transport().send(request(url, { stream_output: true }));
      const body = new StreamingBody(streamed.body, streamed.headers["content-length"], url);
      await assert.rejects(body.read(), (e: unknown) => e instanceof ResponseStreamingError);
    } finally {
      await server.close();
    }
  });

  test("a body cut short by the server closing: botocore's ConnectionClosedError / ResponseStreamingError", async () => {
    const server = await startRawServer((socket) => {
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(50));
    });
    try {
      const url = `${server.url}/short`;
      const error = await transport().send(request(url)).catch((e: unknown) => e);
      assert.ok(error instanceof ConnectionClosedError, String(error));
      const streamed = await transport().send(request(url, { stream_output: true }));
      const body = new StreamingBody(streamed.body, streamed.headers["content-length"], url);
      assert.equal((await body.read(50)).byteLength, 50);
      await assert.rejects(body.read(10), (e: unknown) => e instanceof ResponseStreamingError);
    } finally {
      await server.close();
    }
  });

  test("a stream that ends cleanly short of Content-Length is an IncompleteReadError", async () => {
    const body = new StreamingBody(Readable.from([Buffer.from("abc")]), "10");
    const error = await body.read().catch((e: unknown) => e);
    assert.ok(error instanceof IncompleteReadError);
    assert.equal((error as Error).message, "3 read, but total bytes expected is 10.");
  });

  test("an invalid header value is an HTTPClientError", async () => {
    const server = await startHttpServer((_req, res) => {
      res.end();
    });
    try {
      const error = await transport()
        .send(request(`${server.url}/`, { headers: { "x-bad": "a\r\nb" } }))
        .catch((e: unknown) => e);
      assert.ok(error instanceof HTTPClientError, String(error));
      assert.match((error as Error).message, /^An HTTP Client raised an unhandled exception: /);
    } finally {
      await server.close();
    }
  });
});

describe("HttpTransport: request bodies", () => {
  test("a Readable body is streamed, with or without a length", async () => {
    const received: { length: string | undefined; encoding: string | undefined; size: number }[] = [];
    const server = await startHttpServer(async (req, res) => {
      const body = await readRequestBody(req);
      received.push({ length: req.headers["content-length"], encoding: req.headers["transfer-encoding"], size: body.length });
      res.end(String(body.reduce((sum, b) => sum + b, 0)));
    });
    try {
      const t = transport();
      const chunk = Buffer.alloc(64 * 1024, 1);
      let produced = 0;
      const source = (): Readable =>
        new Readable({
          read() {
            produced += 1;
            this.push(produced % 17 === 0 ? null : chunk);
          },
        });
      const sized = await t.send(
        request(`${server.url}/up`, { method: "PUT", headers: { "Content-Length": String(16 * chunk.length) }, body: source() }),
      );
      assert.equal(Buffer.from(sized.content!).toString(), String(16 * chunk.length));
      produced = 0;
      await t.send(request(`${server.url}/up`, { method: "PUT", body: source() }));
      assert.deepEqual(received, [
        { length: String(16 * chunk.length), encoding: undefined, size: 16 * chunk.length },
        { length: undefined, encoding: "chunked", size: 16 * chunk.length },
      ]);
    } finally {
      await server.close();
    }
  });
});
