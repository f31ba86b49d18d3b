/**
 * A measurement, not a test (run by hand): adaptive mode's settled call
 * rate, boto3-ts against botocore, when 5% of requests fail at random and a
 * fixed share of them (3 kinds of 14: ~1.1% of requests) are throttles,
 * whatever the rate. 64 concurrent callers each, one after the other, for
 * DURATION seconds (default 60) against the fault server in its own process.
 *
 *   npx tsc -p tsconfig.json && node dist/test/load/adaptive-throttle-rate.js
 */
import { fork, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Config } from "../../src/config/config.js";
import { Session } from "../../src/session.js";
import { FAULTS } from "../support/fault-server.js";
import type { ServerCommand, ServerReply } from "./support/fault-server-process.js";

const DURATION = Number(process.env.DURATION ?? 60);
process.env.AWS_EC2_METADATA_DISABLED = "true";

const child = fork(join(dirname(fileURLToPath(import.meta.url)), "support", "fault-server-process.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const waiting: ((reply: ServerReply) => void)[] = [];
child.on("message", (reply: ServerReply) => waiting.shift()?.(reply));
const next = (): Promise<ServerReply> => new Promise((resolve) => waiting.push(resolve));
const ask = (command: ServerCommand): Promise<ServerReply> => {
  const reply = next();
  child.send(command);
  return reply;
};
await next();
const scenario = (): Promise<ServerReply> => ask({ type: "random", options: { rate: 0.05, kinds: FAULTS, stallMs: 1500, seed: 11 } });

const rate = (done: number[], from: number, to: number): string => (done.filter((t) => t >= from && t < to).length / (to - from)).toFixed(1);

const forTs = (await scenario()) as { endpointUrl: string };
const client = new Session({ aws_access_key_id: "a", aws_secret_access_key: "b", region_name: "us-east-1" }).client("dynamodb", {
  endpoint_url: forTs.endpointUrl,
  config: new Config({ retries: { mode: "adaptive" }, read_timeout: 1, max_pool_connections: 64 }),
});
const done: number[] = [];
const started = performance.now();
let stop = false;
let n = 0;
setTimeout(() => {
  stop = true;
}, DURATION * 1000);
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (!stop) {
      const i = n++;
      await client.get_item({ TableName: "t", Key: { id: { S: `x${i}` } } }).catch(() => undefined);
      done.push((performance.now() - started) / 1000);
    }
  }),
);
console.log(`boto3-ts calls/s: first 10 s ${rate(done, 0, 10)}, 10-30 s ${rate(done, 10, 30)}, last 30 s ${rate(done, DURATION - 30, DURATION)}`);

const forPy = (await scenario()) as { endpointUrl: string };
const python = `
import threading, time, botocore.session
from botocore.config import Config
c = botocore.session.get_session().create_client('dynamodb', region_name='us-east-1', endpoint_url='${forPy.endpointUrl}',
    aws_access_key_id='a', aws_secret_access_key='b', config=Config(retries={'mode': 'adaptive'}, read_timeout=1, max_pool_connections=64))
t0 = time.monotonic(); done = []; stop = [False]; n = [0]; lock = threading.Lock()
def work():
    while not stop[0]:
        with lock:
            i = n[0]; n[0] += 1
        try: c.get_item(TableName='t', Key={'id': {'S': 'x%d' % i}})
        except Exception: pass
        done.append(time.monotonic() - t0)
threads = [threading.Thread(target=work) for _ in range(64)]
[t.start() for t in threads]
time.sleep(${DURATION}); stop[0] = True
[t.join() for t in threads]
rate = lambda a, b: '%.1f' % (len([x for x in done if a <= x < b]) / (b - a))
print('botocore calls/s: first 10 s %s, 10-30 s %s, last 30 s %s' % (rate(0, 10), rate(10, 30), rate(${DURATION} - 30, ${DURATION})))
`;
const py = spawn(process.env.BOTO3TS_PYTHON || "python3", ["-c", python], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env } });
await new Promise((resolve) => py.on("exit", resolve));
child.send({ type: "close" } satisfies ServerCommand);
