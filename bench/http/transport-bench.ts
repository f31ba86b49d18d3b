// Transport overhead against the floor: plain `undici.request` sending the
// same precomputed request to the same canned local server. The server runs
// in a child process so it does not share the client's event loop.
//
//   npx tsc -p tsconfig.json && node dist/bench/http/transport-bench.js [rounds]
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { request as undiciRequest } from "undici";
import { getTransport } from "../../src/http/transport.js";
import type { AWSPreparedRequest } from "../../src/http/types.js";

const ROUNDS = Number(process.argv[2] ?? 7);
const SEQUENTIAL_REQUESTS = 3000;
const CONCURRENT_REQUESTS = 8000;
const CONCURRENCY = 16;
const PUT_REQUESTS = 300;
const MIB = 1024 * 1024;

const GET_ITEM_RESPONSE = JSON.stringify({ Item: { id: { S: "item-1" }, value: { N: "42" }, name: { S: "x".repeat(40) } } });

// ---- the canned server (child process) ------------------------------------
async function serve(): Promise<void> {
  const { createServer } = await import("node:http");
  const body = Buffer.from(GET_ITEM_RESPONSE);
  const server = createServer((req, res) => {
    // Drain the request body before answering, as a real service does.
    req.on("data", () => undefined);
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": "8SNV9S7KOTVN5FPS3RGR2QM7MVVV4KQNSO5AEMVJF66Q9ASUAAJG",
        "x-amz-crc32": "1234567890",
        "content-length": String(body.length),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send!(typeof address === "object" && address !== null ? address.port : 0);
  });
}

// ---- the client -----------------------------------------------------------
function signedHeaders(bodyLength: number, target: string): Record<string, string> {
  return {
    "X-Amz-Target": target,
    "Content-Type": "application/x-amz-json-1.0",
    "User-Agent": "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux lang/python#3.11.7 cfg/retry-mode#legacy Botocore/1.43.11",
    "X-Amz-Date": "20260101T000000Z",
    "X-Amz-Security-Token": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD".repeat(4),
    "amz-sdk-invocation-id": "6f1d2a4c-1f0e-4c7d-9a0a-2c1c0b9d5e11",
    "amz-sdk-request": "attempt=1; max=3",
    "Content-Length": String(bodyLength),
    Authorization:
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, " +
      "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, " +
      "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Sender = () => Promise<void>;

// Client CPU time per request (µs), alongside wall time: on a busy machine
// it moves less than wall time and still shows the transport's own cost.
const cpu = { seqFloor: [] as number[], seqOurs: [] as number[], concFloor: [] as number[], concOurs: [] as number[] };

function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

async function sequential(send: Sender, cpuKey: keyof typeof cpu): Promise<number> {
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) await send();
  const wall = Number(process.hrtime.bigint() - started) / SEQUENTIAL_REQUESTS / 1000;
  cpu[cpuKey].push(cpuMicros(cpuStart) / SEQUENTIAL_REQUESTS);
  return wall;
}

async function concurrent(send: Sender, total: number, cpuKey?: keyof typeof cpu): Promise<number> {
  let issued = 0;
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = total / (Number(process.hrtime.bigint() - started) / 1e9);
  if (cpuKey !== undefined) cpu[cpuKey].push(cpuMicros(cpuStart) / total);
  return rate;
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve(Number(m))));
  const url = `http://127.0.0.1:${port}/`;
  const getItemBody = JSON.stringify({ TableName: "bench", Key: { id: { S: "item-1" } } });
  const getItemHeaders = signedHeaders(Buffer.byteLength(getItemBody), "DynamoDB_20120810.GetItem");
  const putBody = Buffer.alloc(MIB, 0x61);
  const putHeaders = signedHeaders(MIB, "");
  const transport = getTransport();

  const floorGet: Sender = async () => {
    const { body } = await undiciRequest(url, { method: "POST", headers: getItemHeaders, body: getItemBody });
    await body.arrayBuffer();
  };
  const oursGet: Sender = async () => {
    const request: AWSPreparedRequest = {
      method: "POST",
      url,
      headers: getItemHeaders,
      body: getItemBody,
      stream_output: false,
      context: {},
    };
    await transport.send(request);
  };
  const floorPut: Sender = async () => {
    const { body } = await undiciRequest(url, { method: "PUT", headers: putHeaders, body: putBody });
    await body.arrayBuffer();
  };
  const oursPut: Sender = async () => {
    await transport.send({ method: "PUT", url, headers: putHeaders, body: putBody, stream_output: false, context: {} });
  };

  // Warm both paths (JIT, connections).
  for (let i = 0; i < 2000; i++) {
    await floorGet();
    await oursGet();
  }
  await concurrent(floorGet, 2000);
  await concurrent(oursGet, 2000);

  const results = { seqFloor: [] as number[], seqOurs: [] as number[], concFloor: [] as number[], concOurs: [] as number[] };
  const put = { floor: [] as number[], ours: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first so drift on a busy machine hits both alike.
    const pairs: [keyof typeof results, Sender, "seq" | "conc"][] =
      round % 2 === 0
        ? [["seqFloor", floorGet, "seq"], ["seqOurs", oursGet, "seq"], ["concFloor", floorGet, "conc"], ["concOurs", oursGet, "conc"]]
        : [["seqOurs", oursGet, "seq"], ["seqFloor", floorGet, "seq"], ["concOurs", oursGet, "conc"], ["concFloor", floorGet, "conc"]];
    for (const [key, send, kind] of pairs) {
      results[key].push(kind === "seq" ? await sequential(send, key) : await concurrent(send, CONCURRENT_REQUESTS, key));
    }
    const putOrder: ["floor" | "ours", Sender][] = round % 2 === 0 ? [["floor", floorPut], ["ours", oursPut]] : [["ours", oursPut], ["floor", floorPut]];
    for (const [key, send] of putOrder) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < PUT_REQUESTS; i++) await send();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      put[key].push((PUT_REQUESTS * MIB) / seconds / 1e6);
    }
  }

  const seqFloor = median(results.seqFloor);
  const seqOurs = median(results.seqOurs);
  const concFloor = median(results.concFloor);
  const concOurs = median(results.concOurs);
  const putFloor = median(put.floor);
  const putOurs = median(put.ours);
  console.log(`rounds: ${ROUNDS} (medians)`);
  console.log(`GetItem-shaped POST, sequential: floor ${seqFloor.toFixed(1)} µs, transport ${seqOurs.toFixed(1)} µs  -> ${(seqOurs / seqFloor).toFixed(3)}x floor (target <= 1.5x for the whole pipeline)`);
  console.log(`GetItem-shaped POST, concurrency ${CONCURRENCY}: floor ${concFloor.toFixed(0)}/s, transport ${concOurs.toFixed(0)}/s  -> ${(concOurs / concFloor).toFixed(3)}x floor (target >= 0.7x)`);
  console.log(`PUT 1 MiB, sequential: floor ${putFloor.toFixed(0)} MB/s, transport ${putOurs.toFixed(0)} MB/s  -> ${(putOurs / putFloor).toFixed(3)}x floor (target >= 0.85x)`);
  const c = (key: keyof typeof cpu): string => median(cpu[key]).toFixed(1);
  console.log(`client CPU per request (µs): sequential floor ${c("seqFloor")} / transport ${c("seqOurs")}; concurrency ${CONCURRENCY} floor ${c("concFloor")} / transport ${c("concOurs")}`);
  child.kill();
}

if (process.argv.includes("--serve")) await serve();
else await main();
