/**
 * Load under faults: 20,000 DynamoDB GetItem calls at concurrency 64
 * against the fault server (in its own process), 5% of requests failing
 * with a random fault of every kind the server knows, in standard and in
 * adaptive mode. Every call must either return its own item (the server
 * echoes each call's id) or raise one of the documented errors; the
 * server's per-id request counts must equal each call's attempts (nothing
 * lost, duplicated or crossed); RSS after a GC must not grow from the end of
 * the first quarter to the end of the last; each run must finish in time.
 *
 * BOTO3TS_LOAD_REPORT=<dir> writes the figures as <dir>/load-<mode>.json.
 * Reproduce: `node scripts/run-tests.mjs test/load/faults-load`.
 */
import assert from "node:assert/strict";
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Config } from "../../src/config/config.js";
import { ChecksumError, ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError } from "../../src/exceptions.js";
import { Session } from "../../src/session.js";
import { FAULTS } from "../support/fault-server.js";
import type { ServerCommand, ServerReply } from "./support/fault-server-process.js";

const CALLS = 20_000;
const CONCURRENCY = 64;
const FAULT_RATE = 0.05;
// Stated bounds. Time: the measured run takes 15-25 s per mode on the 2-core machine alone
// (most of it the retries' backoff, ~1,000 retries averaging 0.5 s, spread over 64 slots);
// 90 s leaves room for the rest of the suite running beside it.
const TIME_BOUND_S = 90;
// RSS and heap after a full GC, the last quarter's median against the first's: a leak of even
// 1 KiB per call would add 15 MiB over the last three quarters.
const RSS_GROWTH_BOUND_MIB = 24;
const HEAP_GROWTH_BOUND_MIB = 8;

// In adaptive mode the server throttles like a service, only above this many requests per
// second (other faults stay random at 5%). Throttles at a fixed share of requests whatever the
// rate drive adaptive mode's CUBIC (botocore's constants) down to ~33 requests/s at a 1.1% share:
// measured 593.8 s for the 20,000 calls, which no test budget holds.
const ADAPTIVE_THROTTLE_ABOVE = 800;

// Errors a call may end with under these faults (all botocore's, all documented):
// a read that timed out, a connection closed before the response, the service's error,
// or a body corrupted on every attempt (ChecksumError: never returned as a success).
const INJECTED_CODES = new Set(["ThrottlingException", "TooManyRequestsException", "SlowDown", "ServiceUnavailable", "InternalError", "502", "504"]);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Sample {
  completed: number;
  rssMiB: number;
  heapMiB: number;
}

interface LoadFigures {
  mode: string;
  calls: number;
  concurrency: number;
  seconds: number;
  serverRequests: number;
  injectedFaults: Record<string, number>;
  ok: number;
  errors: Record<string, number>;
  retriedCalls: number;
  rssMiB: { firstQuarter: number; lastQuarter: number; growth: number };
  heapMiB: { firstQuarter: number; lastQuarter: number; growth: number };
  samples: Sample[];
}

class ServerProcess {
  private readonly child: ChildProcess;
  private readonly waiting: ((reply: ServerReply) => void)[] = [];
  readonly ready: Promise<string>;

  constructor() {
    const entry = join(dirname(fileURLToPath(import.meta.url)), "support", "fault-server-process.js");
    this.child = fork(entry, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (reply: ServerReply) => this.waiting.shift()?.(reply));
    this.ready = this.next().then((reply) => (reply as { url: string }).url);
  }

  private next(): Promise<ServerReply> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async ask(command: ServerCommand): Promise<ServerReply> {
    const reply = this.next();
    this.child.send(command);
    return reply;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.send({ type: "close" } satisfies ServerCommand);
    await exited;
  }
}

function classify(error: unknown): string | undefined {
  if (error instanceof ClientError) return INJECTED_CODES.has(error.response.Error.Code) ? `ClientError ${error.response.Error.Code}` : undefined;
  if (error instanceof ReadTimeoutError) return "ReadTimeoutError";
  if (error instanceof ConnectionClosedError) return "ConnectionClosedError";
  if (error instanceof EndpointConnectionError) return "EndpointConnectionError";
  if (error instanceof ChecksumError) return "ChecksumError";
  return undefined;
}

const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function sample(completed: number): Sample {
  gc();
  const usage = process.memoryUsage();
  return { completed, rssMiB: mib(usage.rss), heapMiB: mib(usage.heapUsed) };
}

async function runLoad(server: ServerProcess, mode: "standard" | "adaptive", seed: number, throttleAbove?: number): Promise<LoadFigures> {
  const scenario = (await server.ask({
    type: "random",
    options: { rate: FAULT_RATE, kinds: FAULTS, stallMs: 1500, seed, throttleAbove },
  })) as { token: string; endpointUrl: string };
  const session = new Session({ aws_access_key_id: "testing", aws_secret_access_key: "testing", region_name: "us-east-1" });
  const client = session.client("dynamodb", {
    endpoint_url: scenario.endpointUrl,
    config: new Config({ retries: { mode }, read_timeout: 1, connect_timeout: 2, max_pool_connections: CONCURRENCY }),
  });

  const outcomes: ({ ok: true; retryAttempts: number } | { ok: false; kind: string | undefined; error: unknown } | undefined)[] = new Array(CALLS);
  const samples: Sample[] = [sample(0)];
  const sampleEvery = CALLS / 20;
  let next = 0;
  let completed = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < CALLS) {
      const index = next++;
      const id = `${mode}-${index}`;
      let outcome: (typeof outcomes)[number];
      try {
        const out = await client.get_item({ TableName: "load", Key: { id: { S: id } } });
        const item = out.Item as { id?: { S?: string } } | undefined;
        assert.equal(item?.id?.S, id, `call ${id} got the item of another call`);
        outcome = { ok: true, retryAttempts: out.ResponseMetadata.RetryAttempts ?? 0 };
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        outcome = { ok: false, kind: classify(error), error };
      }
      assert.equal(outcomes[index], undefined, `call ${id} settled twice`);
      outcomes[index] = outcome;
      completed += 1;
      if (completed % sampleEvery === 0) samples.push(sample(completed));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;

  const stats = (await server.ask({ type: "stats", token: scenario.token })) as Extract<ServerReply, { type: "stats" }>;
  const perId = new Map(stats.perId);
  const errors: Record<string, number> = {};
  let ok = 0;
  let retriedCalls = 0;
  let attemptsSum = 0;
  for (let index = 0; index < CALLS; index++) {
    const id = `${mode}-${index}`;
    const outcome = outcomes[index];
    assert.ok(outcome !== undefined, `call ${id} never settled`);
    const seen = perId.get(id) ?? 0;
    attemptsSum += seen;
    if (outcome.ok) {
      ok += 1;
      if (outcome.retryAttempts > 0) retriedCalls += 1;
      assert.equal(seen, outcome.retryAttempts + 1, `call ${id}: the server saw ${seen} requests, the call reports ${outcome.retryAttempts} retries`);
    } else {
      assert.ok(outcome.kind !== undefined, `call ${id} raised an undocumented error: ${String(outcome.error)}`);
      errors[outcome.kind] = (errors[outcome.kind] ?? 0) + 1;
      assert.ok(seen >= 1 && seen <= 3, `call ${id} failed after ${seen} requests`);
    }
  }
  assert.equal(attemptsSum, stats.requests, "every request the server saw belongs to one call");
  // RSS after a GC still moves by tens of MiB from sample to sample (allocator arenas, socket
  // buffers), so each quarter is the median of its five samples.
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const quarter = (q: number): Sample => {
    const inQuarter = samples.slice((q - 1) * 5 + 1, q * 5 + 1);
    return { completed: q * 5000, rssMiB: median(inQuarter.map((s) => s.rssMiB)), heapMiB: median(inQuarter.map((s) => s.heapMiB)) };
  };
  return {
    mode,
    calls: CALLS,
    concurrency: CONCURRENCY,
    seconds: Math.round(seconds * 10) / 10,
    serverRequests: stats.requests,
    injectedFaults: stats.faults as Record<string, number>,
    ok,
    errors,
    retriedCalls,
    rssMiB: { firstQuarter: quarter(1).rssMiB, lastQuarter: quarter(4).rssMiB, growth: Math.round((quarter(4).rssMiB - quarter(1).rssMiB) * 10) / 10 },
    heapMiB: { firstQuarter: quarter(1).heapMiB, lastQuarter: quarter(4).heapMiB, growth: Math.round((quarter(4).heapMiB - quarter(1).heapMiB) * 10) / 10 },
    samples,
  };
}

describe(`load: ${CALLS} calls at concurrency ${CONCURRENCY} with ${FAULT_RATE * 100}% random faults`, () => {
  let server: ServerProcess;
  before(async () => {
    server = new ServerProcess();
    await server.ready;
  });
  after(async () => {
    await server?.close();
  });

  for (const [mode, seed, throttleAbove] of [["standard", 0x5eed1, undefined], ["adaptive", 0x5eed2, ADAPTIVE_THROTTLE_ABOVE]] as const) {
    test(`${mode} mode: every call gets its own result or a documented error; RSS flat; in time`, async (t) => {
      const figures = await runLoad(server, mode, seed, throttleAbove);
      const dir = process.env.BOTO3TS_LOAD_REPORT;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `load-${mode}.json`), `${JSON.stringify(figures, null, 1)}\n`);
      }
      t.diagnostic(
        `${mode}: ${figures.seconds} s, ${figures.serverRequests} requests, ${figures.ok} ok, errors ${JSON.stringify(figures.errors)}, ` +
          `RSS ${figures.rssMiB.firstQuarter} -> ${figures.rssMiB.lastQuarter} MiB, heap ${figures.heapMiB.firstQuarter} -> ${figures.heapMiB.lastQuarter} MiB (medians of the first and last quarters)`,
      );
      const injected = Object.values(figures.injectedFaults).reduce((a, b) => a + b, 0);
      assert.ok(injected > CALLS * FAULT_RATE * 0.8, `faults were injected (${injected})`);
      assert.ok(figures.seconds <= TIME_BOUND_S, `the run took ${figures.seconds} s (bound ${TIME_BOUND_S} s)`);
      assert.ok(figures.rssMiB.growth <= RSS_GROWTH_BOUND_MIB, `RSS grew ${figures.rssMiB.growth} MiB (bound ${RSS_GROWTH_BOUND_MIB})`);
      assert.ok(figures.heapMiB.growth <= HEAP_GROWTH_BOUND_MIB, `heap grew ${figures.heapMiB.growth} MiB (bound ${HEAP_GROWTH_BOUND_MIB})`);
    });
  }
});
