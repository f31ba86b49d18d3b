/**
 * Fuzzing the six response parsers: 100,000 inputs by default (random
 * bytes, truncated and garbled real responses, well-formed documents with
 * the wrong content, garbage headers), success and error statuses, real
 * output and error shapes (see fuzz-inputs.ts), from a fixed seed. Every
 * input must either parse into plain data or raise one of botocore's
 * documented errors (ResponseParserError and the rest of the BotoCoreError
 * family) — never a TypeError, RangeError or other crash, never a hang.
 *
 * The inputs run in worker threads; the main thread watches their
 * progress in shared memory and stops a worker stuck on one input, which
 * it reports by number (inputs are a function of seed and number).
 *
 * BOTO3TS_FUZZ_INPUTS=<n> and BOTO3TS_FUZZ_SEED=<n> change the run;
 * BOTO3TS_FUZZ_ONLY=<i> replays one input.
 */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import type { FuzzFailure, FuzzJob, FuzzSummary } from "./fuzz-worker.js";

const INPUTS = Number(process.env.BOTO3TS_FUZZ_INPUTS ?? 100_000);
const SEED = Number(process.env.BOTO3TS_FUZZ_SEED ?? 20_251_121);
const ONLY = process.env.BOTO3TS_FUZZ_ONLY === undefined ? undefined : Number(process.env.BOTO3TS_FUZZ_ONLY);
/** No single input may take this long (a hang is stopped at HANG_MS). */
const SLOW_MS = 2_000;
const HANG_MS = 10_000;

interface WorkerResult {
  summary?: FuzzSummary;
  hang?: { index: number };
  crash?: string;
}

function runWorker(job: Omit<FuzzJob, "progress" | "slot">, progress: SharedArrayBuffer, slot: number): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./fuzz-worker.js", import.meta.url), { workerData: { ...job, progress, slot } satisfies FuzzJob });
    const view = new Int32Array(progress);
    let last = -2;
    let since = performance.now();
    const timer = setInterval(() => {
      const current = Atomics.load(view, slot);
      if (current !== last) {
        last = current;
        since = performance.now();
      } else if (current >= 0 && performance.now() - since > HANG_MS) {
        clearInterval(timer);
        void worker.terminate();
        resolve({ hang: { index: current } });
      }
    }, 100);
    worker.once("message", (summary: FuzzSummary) => {
      clearInterval(timer);
      resolve({ summary });
    });
    worker.once("error", (error) => {
      clearInterval(timer);
      resolve({ crash: `${error.name}: ${error.message}\n${error.stack ?? ""}` });
    });
  });
}

function describeFailure(failure: FuzzFailure): string {
  return `#${failure.index} ${failure.protocol} ${failure.target} [${failure.kind}, status ${failure.status}]: ${failure.error}\n    body: ${JSON.stringify(failure.preview)}`;
}

describe("parser fuzzing", () => {
  test(`${ONLY === undefined ? INPUTS : 1} inputs over six protocols raise only documented errors, never crash or hang`, { timeout: 300_000 }, async () => {
    const workers = ONLY === undefined ? Math.max(1, Math.min(2, availableParallelism())) : 1;
    const progress = new SharedArrayBuffer(4 * workers);
    const jobs = Array.from({ length: workers }, (_, w) =>
      ONLY === undefined ? { seed: SEED, first: w, step: workers, end: INPUTS } : { seed: SEED, first: ONLY, step: 1, end: ONLY + 1 },
    );
    const started = performance.now();
    const results = await Promise.all(jobs.map((job, slot) => runWorker(job, progress, slot)));
    const elapsed = performance.now() - started;

    const problems: string[] = [];
    const total: FuzzSummary = { inputs: 0, parsed: 0, refused: {}, byKind: {}, failures: [], slowest: { index: -1, ms: 0 }, elapsedMs: elapsed };
    for (const result of results) {
      if (result.hang !== undefined) problems.push(`input #${result.hang.index} ran for more than ${HANG_MS} ms (stopped)`);
      if (result.crash !== undefined) problems.push(`a worker crashed: ${result.crash}`);
      const summary = result.summary;
      if (summary === undefined) continue;
      total.inputs += summary.inputs;
      total.parsed += summary.parsed;
      for (const [name, n] of Object.entries(summary.refused)) total.refused[name] = (total.refused[name] ?? 0) + n;
      for (const [name, n] of Object.entries(summary.byKind)) total.byKind[name] = (total.byKind[name] ?? 0) + n;
      total.failures.push(...summary.failures);
      if (summary.slowest.ms > total.slowest.ms) total.slowest = summary.slowest;
    }
    console.log(
      `fuzz: ${total.inputs} inputs (seed ${SEED}) in ${(elapsed / 1000).toFixed(1)} s: ${total.parsed} parsed, ` +
        `${Object.entries(total.refused).map(([name, n]) => `${n} ${name}`).join(", ")}, ${total.failures.length} failures; ` +
        `slowest input #${total.slowest.index} took ${total.slowest.ms.toFixed(1)} ms`,
    );
    console.log(`fuzz inputs by protocol and kind: ${Object.entries(total.byKind).sort().map(([name, n]) => `${name} ${n}`).join(", ")}`);
    problems.push(...total.failures.sort((a, b) => a.index - b.index).map(describeFailure));
    if (total.slowest.ms > SLOW_MS) problems.push(`input #${total.slowest.index} took ${total.slowest.ms.toFixed(0)} ms (bound ${SLOW_MS} ms)`);
    assert.equal(problems.length, 0, problems.join("\n"));
    assert.equal(total.inputs, ONLY === undefined ? INPUTS : 1);
  });
});
