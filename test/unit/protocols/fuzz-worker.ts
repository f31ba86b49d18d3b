/**
 * The fuzz test's worker thread: parses its share of the inputs and
 * reports what came out. Before each input it writes the input's number
 * into shared memory, so the main thread can tell a hang (the number stops
 * moving) and stop the worker.
 */
import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { BotoCoreError } from "../../../src/exceptions.js";
import { createParser } from "../../../src/protocols/index.js";
import type { Parser } from "../../../src/protocols/types.js";
import { FUZZ_PROTOCOLS, fuzzInput, loadTargets } from "./fuzz-inputs.js";

/** What the main thread sends. */
export interface FuzzJob {
  seed: number;
  /** Inputs `first`, `first + step`, ... below `end`. */
  first: number;
  step: number;
  end: number;
  /** Int32Array over a SharedArrayBuffer: slot `slot` holds the input being parsed, -1 when done. */
  progress: SharedArrayBuffer;
  slot: number;
}

/** One input that broke the contract. */
export interface FuzzFailure {
  index: number;
  protocol: string;
  target: string;
  kind: string;
  status: number;
  error: string;
  preview: string;
}

/** What the worker reports. */
export interface FuzzSummary {
  inputs: number;
  parsed: number;
  /** Documented errors by class name. */
  refused: Record<string, number>;
  /** Inputs by protocol and kind. */
  byKind: Record<string, number>;
  failures: FuzzFailure[];
  slowest: { index: number; ms: number };
  elapsedMs: number;
}

const ALLOWED_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, Date.prototype, Uint8Array.prototype, Buffer.prototype, null]);

/** Checks that a parsed result is plain data: objects, arrays, Dates, bytes, streams, scalars. */
function checkResult(value: unknown, depth: number, budget: { left: number }): string | undefined {
  if (--budget.left < 0 || depth > 200) return undefined;
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? `a ${typeof value} in the result` : undefined;
  }
  if (value instanceof Readable || value instanceof Date || value instanceof Uint8Array) return undefined;
  const proto = Object.getPrototypeOf(value);
  if (!ALLOWED_PROTOTYPES.has(proto)) return `an object of class ${(proto as { constructor?: { name?: string } })?.constructor?.name ?? "?"} in the result`;
  for (const key of Object.keys(value)) {
    const found = checkResult((value as Record<string, unknown>)[key], depth + 1, budget);
    if (found !== undefined) return found;
  }
  return undefined;
}

function run(job: FuzzJob): FuzzSummary {
  const started = performance.now();
  const progress = new Int32Array(job.progress);
  const targets = loadTargets(job.seed);
  const parsers = new Map<string, Parser>(FUZZ_PROTOCOLS.map((protocol) => [protocol, createParser(protocol)]));
  const summary: FuzzSummary = { inputs: 0, parsed: 0, refused: {}, byKind: {}, failures: [], slowest: { index: -1, ms: 0 }, elapsedMs: 0 };
  for (let i = job.first; i < job.end; i += job.step) {
    Atomics.store(progress, job.slot, i);
    const input = fuzzInput(targets, job.seed, i);
    const protocol = input.target.protocol;
    const key = `${protocol} / ${input.kind}`;
    summary.byKind[key] = (summary.byKind[key] ?? 0) + 1;
    summary.inputs++;
    const response = { status_code: input.status_code, headers: input.headers, body: input.body, context: { operation_name: input.target.operation.name } };
    const t0 = performance.now();
    let problem: string | undefined;
    try {
      const parsed = parsers.get(protocol)!.parse(response, input.shape);
      problem = checkResult(parsed, 0, { left: 100_000 });
      summary.parsed++;
    } catch (error) {
      if (error instanceof BotoCoreError) summary.refused[error.name] = (summary.refused[error.name] ?? 0) + 1;
      else problem = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n") ?? ""}` : `threw a ${typeof error}: ${String(error)}`;
    }
    const ms = performance.now() - t0;
    if (ms > summary.slowest.ms) summary.slowest = { index: i, ms };
    const polluted = Object.keys(Object.prototype);
    if (polluted.length > 0) {
      problem ??= `Object.prototype was polluted: ${polluted.join(", ")}`;
      // Clean up, so that the inputs after this one are judged on their own.
      for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
    }
    if (problem !== undefined && summary.failures.length < 50) {
      summary.failures.push({
        index: i,
        protocol,
        target: `${input.target.service}.${input.target.operation.name} (${input.shape?.name ?? "no shape"})`,
        kind: input.kind,
        status: input.status_code,
        error: problem,
        preview: Buffer.from(input.body.subarray(0, 160)).toString("latin1"),
      });
    }
  }
  Atomics.store(progress, job.slot, -1);
  summary.elapsedMs = performance.now() - started;
  return summary;
}

if (parentPort !== null) parentPort.postMessage(run(workerData as FuzzJob));
