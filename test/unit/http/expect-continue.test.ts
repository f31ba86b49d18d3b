// Expect: 100-continue on the wire, boto3-ts against botocore: S3 PutObject
// sends its head alone, its body after "100 Continue" (or after a second of
// silence), and never when the server answers first.
import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { EndpointConnectionError } from "../../../src/exceptions.js";
import { BotocoreCalls, type CallOutcome, type CallSpec, tsCall, tsClient } from "../../support/call-differential.js";
import { makeTestCertificates, startTlsTerminator } from "../../support/tls-fixtures.js";

type Behaviour = "continue" | "refuse" | "silent";

interface Seen {
  expect: string | undefined;
  contentLength: number;
  /** Milliseconds from the head to the first body byte (undefined: no body came). */
  bodyAfterMs: number | undefined;
  /** Body bytes received in all (for "refuse": within half a second of the answer). */
  bodyBytes: number;
}

/** An HTTP/1.1 server on a raw socket, so that 100 Continue and early answers are exactly as scripted. */
async function startScriptedServer(behaviour: Behaviour): Promise<{ url: string; port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let buffer = Buffer.alloc(0);
    let current: (Seen & { headAt: number; remaining: number }) | undefined;
    const answer = (status: string, body = ""): void => {
      socket.write(`HTTP/1.1 ${status}\r\nx-amz-request-id: r1\r\nETag: "d41d8cd98f00b204e9800998ecf8427e"\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (current === undefined) {
          const end = buffer.indexOf("\r\n\r\n");
          if (end === -1) return;
          const head = buffer.subarray(0, end).toString("latin1");
          buffer = buffer.subarray(end + 4);
          const header = (name: string): string | undefined => new RegExp(`^${name}: *(.*)$`, "im").exec(head)?.[1]?.trim();
          const contentLength = Number(header("content-length") ?? 0);
          current = { expect: header("expect"), contentLength, bodyAfterMs: undefined, bodyBytes: 0, headAt: performance.now(), remaining: contentLength };
          seen.push(current);
          if (behaviour === "continue" && current.expect === "100-continue") socket.write("HTTP/1.1 100 Continue\r\n\r\n");
          if (behaviour === "refuse") {
            answer("403 Forbidden", "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r1</RequestId></Error>");
          }
        }
        if (buffer.length === 0) return;
        const take = Math.min(buffer.length, current.remaining);
        if (take > 0 && current.bodyAfterMs === undefined) current.bodyAfterMs = performance.now() - current.headAt;
        current.bodyBytes += take;
        current.remaining -= take;
        buffer = buffer.subarray(take);
        if (current.remaining > 0) return;
        if (behaviour !== "refuse") answer("200 OK");
        current = undefined;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("Expect: 100-continue, as botocore sends it", () => {
  let botocore: BotocoreCalls;
  before(() => {
    botocore = new BotocoreCalls();
  });
  after(async () => {
    await botocore.close();
  });

  const BODY_SIZE = 256 * 1024;

  async function run(sdk: "ts" | "py", behaviour: Behaviour): Promise<{ outcome: CallOutcome; seen: Seen[] }> {
    const server = await startScriptedServer(behaviour);
    try {
      const spec: CallSpec = {
        service: "s3",
        operation: "put_object",
        params: { Bucket: "bucket", Key: "key", Body: { $b: Buffer.alloc(BODY_SIZE, 120).toString("base64") } },
        endpoint_url: server.url,
        config: { retries: { total_max_attempts: 1 }, read_timeout: 5, s3: { addressing_style: "path" } },
      };
      if (sdk === "ts") spec.params!.Body = Buffer.alloc(BODY_SIZE, 120);
      const outcome = sdk === "ts" ? await tsCall(spec) : await botocore.call(spec);
      // Whatever the client still sends after the answer arrives within this half second.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { outcome, seen: server.seen };
    } finally {
      await server.close();
    }
  }

  test("the server answers 100 Continue: the head goes alone, the body follows at once", async () => {
    const [ts, py] = await Promise.all([run("ts", "continue"), run("py", "continue")]);
    for (const [who, result] of [["boto3-ts", ts], ["botocore", py]] as const) {
      assert.ok(result.outcome.ok, `${who}: ${JSON.stringify(result.outcome.error)}`);
      assert.equal(result.seen.length, 1, who);
      assert.equal(result.seen[0]!.expect, "100-continue", who);
      assert.equal(result.seen[0]!.bodyBytes, BODY_SIZE, who);
      assert.ok(result.seen[0]!.bodyAfterMs! < 500, `${who}: body after ${result.seen[0]!.bodyAfterMs} ms`);
    }
    assert.deepEqual(ts.outcome.result, py.outcome.result);
  });

  test("the server answers 403 at once: the body is never sent, the caller gets the 403", async () => {
    const [ts, py] = await Promise.all([run("ts", "refuse"), run("py", "refuse")]);
    assert.deepEqual(ts.outcome.error, py.outcome.error);
    assert.deepEqual(ts.outcome.error, {
      type: "AccessDenied",
      code: "AccessDenied",
      message: "An error occurred (AccessDenied) when calling the PutObject operation: Access Denied",
    });
    assert.equal(py.seen[0]!.bodyBytes, 0, "botocore sent no body");
    assert.equal(ts.seen[0]!.bodyBytes, 0, "boto3-ts sent no body");
  });

  test("the server says nothing: the body goes after one second", async () => {
    const [ts, py] = await Promise.all([run("ts", "silent"), run("py", "silent")]);
    for (const [who, result] of [["boto3-ts", ts], ["botocore", py]] as const) {
      assert.ok(result.outcome.ok, `${who}: ${JSON.stringify(result.outcome.error)}`);
      assert.equal(result.seen[0]!.bodyBytes, BODY_SIZE, who);
      const after = result.seen[0]!.bodyAfterMs!;
      assert.ok(after >= 950 && after < 2500, `${who}: body after ${after} ms`);
    }
  });

  test("over TLS: verified with the CA bundle, or botocore's SSLError", async () => {
    const certs = makeTestCertificates();
    const server = await startScriptedServer("continue");
    const secure = await startTlsTerminator(certs, server.port);
    try {
      const spec = (verify: string | null): CallSpec => ({
        service: "s3",
        operation: "put_object",
        params: { Bucket: "bucket", Key: "key", Body: "over tls" },
        endpoint_url: secure.url,
        verify,
        config: { retries: { total_max_attempts: 1 }, s3: { addressing_style: "path" } },
      });
      const ok = await tsCall(spec(certs.caPath));
      assert.ok(ok.ok, JSON.stringify(ok.error));
      assert.equal(server.seen[0]!.expect, "100-continue");
      const [ts, py] = await Promise.all([tsCall(spec(null)), botocore.call(spec(null))]);
      assert.equal(ts.error?.type, "SSLError");
      assert.equal(ts.error?.message, py.error?.message.replace(/ \(_ssl\.c:\d+\)$/, ""));
    } finally {
      await secure.close();
      await server.close();
      certs.remove();
    }
  });

  test("a file stream body follows the 100 Continue whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "boto3ts-expect-"));
    const server = await startScriptedServer("continue");
    try {
      const path = join(dir, "upload.bin");
      writeFileSync(path, Buffer.alloc(3 * 1024 * 1024 + 7, 42));
      const client = tsClient({ service: "s3", operation: "put_object", endpoint_url: server.url, config: { s3: { addressing_style: "path" } } });
      await client.put_object({ Bucket: "bucket", Key: "file", Body: createReadStream(path) });
      assert.equal(server.seen[0]!.expect, "100-continue");
      assert.equal(server.seen[0]!.bodyBytes, server.seen[0]!.contentLength);
      assert.ok(server.seen[0]!.contentLength >= 3 * 1024 * 1024 + 7);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a refused connection is botocore's EndpointConnectionError", async () => {
    const server = await startScriptedServer("continue");
    const url = server.url;
    await server.close();
    const spec: CallSpec = {
      service: "s3",
      operation: "put_object",
      params: { Bucket: "bucket", Key: "key", Body: "x" },
      endpoint_url: url,
      config: { retries: { total_max_attempts: 1 }, s3: { addressing_style: "path" } },
    };
    const [ts, py] = await Promise.all([tsCall(spec), botocore.call(spec)]);
    assert.deepEqual(ts.error, py.error);
    assert.equal(ts.error?.type, EndpointConnectionError.name);
  });
});
