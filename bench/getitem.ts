/**
 * DynamoDB GetItem against a local canned server on 127.0.0.1, sequential
 * and at concurrency 16, through boto3-ts and through the floor: undici
 * sending the same request with headers computed once (no signing, no
 * serialization, no parsing). Ratios are measured in the same run.
 *
 *   node dist/bench/getitem.js [requests]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { Session } from "../src/index.js";

const total = Number(process.argv[2] ?? 4000);
const body = JSON.stringify({ Item: { pk: { S: "user#1" }, name: { S: "Alice" }, age: { N: "42" }, tags: { SS: ["a", "b"] } } });

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "r", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const session = new Session({ region_name: "us-east-1", aws_access_key_id: "AKID", aws_secret_access_key: "secret" });
const ddb = session.client("dynamodb", { endpoint_url: url });
const params = { TableName: "t", Key: { pk: { S: "user#1" } } };

const agent = new Agent({ connections: 10 });
const requestBody = JSON.stringify(params);
const headers = {
  "x-amz-target": "DynamoDB_20120810.GetItem",
  "content-type": "application/x-amz-json-1.0",
  authorization: "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
  "x-amz-date": "20240101T000000Z",
};
async function floor(): Promise<void> {
  const res = await agent.request({ origin: url, path: "/", method: "POST", headers, body: requestBody });
  JSON.parse(await res.body.text());
}
async function sdk(): Promise<void> {
  await ddb.get_item!(params);
}

async function sequential(fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]! * 1000;
}

async function concurrent(fn: () => Promise<void>, concurrency: number): Promise<number> {
  let left = total;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

for (const fn of [floor, sdk]) await sequential(fn); // warm up both
const rows: [string, number, number][] = [];
const seqFloor = await sequential(floor);
const seqSdk = await sequential(sdk);
rows.push(["GetItem sequential, median µs", seqSdk, seqFloor]);
const parFloor = await concurrent(floor, 16);
const parSdk = await concurrent(sdk, 16);
rows.push(["GetItem concurrency 16, req/s", parSdk, parFloor]);
console.log(`| case | boto3-ts | floor (undici, precomputed) | ratio |\n|---|---:|---:|---:|`);
console.log(`| ${rows[0]![0]} | ${rows[0]![1].toFixed(0)} | ${rows[0]![2].toFixed(0)} | ${(rows[0]![1] / rows[0]![2]).toFixed(2)}x floor |`);
console.log(`| ${rows[1]![0]} | ${rows[1]![1].toFixed(0)} | ${rows[1]![2].toFixed(0)} | ${(rows[1]![1] / rows[1]![2]).toFixed(2)}x floor |`);
await agent.close();
server.close();
