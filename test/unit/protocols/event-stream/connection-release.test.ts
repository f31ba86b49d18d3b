/**
 * An event stream holds its HTTP connection only while it is read. Against
 * a local server whose streams never end (as Kinesis and Bedrock keep theirs
 * open), with a pool of one connection: after a stream is left early,
 * closed, fails to decode, or is dropped and garbage-collected, the next
 * call gets a connection. A stream read to its end leaves its connection
 * in the pool for reuse.
 */
import assert from "node:assert/strict";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Config, Session } from "../../../../src/index.js";
import { ChecksumMismatch, type EventStream } from "../../../../src/protocols/event-stream/index.js";
import { eventFrame } from "./frames.js";

const chunk = (text: string): Buffer =>
  eventFrame("chunk", JSON.stringify({ bytes: Buffer.from(text).toString("base64") }), "application/json");

let url: string;
let openSockets = 0;
let accepted = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  // The model id says how the stream behaves: "endless" streams forever, "corrupt" sends a bad frame and
  // stays open, anything else sends two events and ends.
  const model = decodeURIComponent(req.url!.split("/")[2] ?? "");
  res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": model });
  if (model === "endless" || model === "corrupt") {
    const first = chunk("first");
    if (model === "corrupt") first[first.length - 1]! ^= 0xff;
    res.write(first);
    let n = 0;
    const timer = setInterval(() => res.write(chunk(`more ${n++}`)), 20);
    res.on("close", () => clearInterval(timer));
    return;
  }
  res.end(Buffer.concat([chunk("a"), chunk("b")]));
});

before(async () => {
  server.on("connection", (socket: Socket) => {
    accepted++;
    openSockets++;
    socket.on("close", () => openSockets--);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Invoke = (params: { modelId: string; body: string }) => Promise<{ body: EventStream<{ chunk: { bytes: Uint8Array } }> }>;

let transports = 0;

/**
 * A client with one pooled connection: a stream that keeps it blocks every
 * later call. Each test gets a pool of its own (transports are shared by
 * equal options, so the connect timeout differs), untouched by the others.
 */
function bedrock(): Invoke {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
  const client = session.client("bedrock-runtime", {
    endpoint_url: url,
    config: new Config({ max_pool_connections: 1, retries: { max_attempts: 0 }, read_timeout: 30, connect_timeout: 30 + ++transports }),
  });
  const invoke = (client as unknown as Record<string, Invoke>).invoke_model_with_response_stream!;
  return (params) => invoke.call(client, params);
}

function text(event: { chunk: { bytes: Uint8Array } }): string {
  return Buffer.from(event.chunk.bytes).toString();
}

/** The next call on the same client completes (it needs the one connection), or the test fails after 3 s. */
async function nextCallCompletes(invoke: Invoke, before?: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const call = (async () => {
    const { body } = await invoke({ modelId: "short", body: "{}" });
    const seen: string[] = [];
    for await (const event of body) seen.push(text(event));
    return seen;
  })();
  let done = false;
  void call.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 150 && !done; i++) {
    before?.();
    await new Promise((resolve) => {
      timer = setTimeout(resolve, 20);
    });
  }
  clearTimeout(timer);
  assert.equal(done, true, "the next call never got the connection");
  assert.deepEqual(await call, ["a", "b"]);
}

describe("the connection of an event stream", () => {
  test("leaving a for-await loop early releases it", async () => {
    const invoke = bedrock();
    const { body } = await invoke({ modelId: "endless", body: "{}" });
    for await (const event of body) {
      assert.equal(text(event), "first");
      break;
    }
    await nextCallCompletes(invoke);
  });

  test("close() releases it, unread", async () => {
    const invoke = bedrock();
    const { body } = await invoke({ modelId: "endless", body: "{}" });
    body.close();
    await nextCallCompletes(invoke);
  });

  test("a frame that fails its CRC releases it", async () => {
    const invoke = bedrock();
    const { body } = await invoke({ modelId: "corrupt", body: "{}" });
    await assert.rejects(async () => {
      for await (const _ of body);
    }, ChecksumMismatch);
    await nextCallCompletes(invoke);
  });

  test("a stream dropped unread is released when it is garbage-collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const invoke = bedrock();
    await (async () => {
      await invoke({ modelId: "endless", body: "{}" });
    })();
    await nextCallCompletes(invoke, gc);
  });

  test("without any of these, the stream keeps it: the next call waits", async () => {
    const invoke = bedrock();
    const { body } = await invoke({ modelId: "endless", body: "{}" });
    let done = false;
    const next = invoke({ modelId: "short", body: "{}" }).then((out) => {
      done = true;
      return out;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(done, false, "the pool should have had no connection to give");
    body.close();
    for await (const _ of (await next).body);
  });

  test("a stream read to its end leaves the connection in the pool for the next call", async () => {
    const invoke = bedrock();
    const before = accepted;
    for (let i = 0; i < 3; i++) {
      const { body } = await invoke({ modelId: "short", body: "{}" });
      const seen: string[] = [];
      for await (const event of body) seen.push(text(event));
      assert.deepEqual(seen, ["a", "b"]);
    }
    assert.equal(accepted - before, 1, "all three calls used one connection");
    assert.ok(openSockets >= 1);
  });
});
