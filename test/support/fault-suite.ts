/**
 * The fault matrix as node:test suites, one per retry mode: every fault,
 * failing once then recovering and failing on every attempt, against json,
 * rest-xml (plain and streamed) and query operations, plus botocore's
 * default attempt counts for the faults that fail fast. For each case,
 * boto3-ts must match botocore on the attempts the server saw, the outcome
 * (result, or error class, message and code), RetryAttempts and
 * MaxAttemptsReached; and each SDK's waits must stay in botocore's bounds.
 *
 * BOTO3TS_FAULT_REPORT=<dir> writes the matrix as <dir>/faults-<mode>.json.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { BotocoreCalls } from "./call-differential.js";
import { type CaseRun, FAULT_OPERATIONS, type FaultCase, type FaultOperation, backoffBound, reportRow, runFaultCases, type SdkRun } from "./fault-matrix.js";
import { FAULTS, type Fault, type FaultServer, startFaultServer } from "./fault-server.js";

// Read timeout of the matrix clients; stalls last twice as long.
const READ_TIMEOUT = 1;
const STALL_MS = 2000;
// Room for a loaded 2-core machine: a retry may start this much later than its delay says.
const LATE_SLACK = 1.5;
// ... and this much earlier, measured from the server's end of the previous attempt: the server
// notes its own resets and answers at once, but learns of a client's read timeout (a stall) only
// when its event loop gets to the connection's close, which a loaded machine delays.
const EARLY_SLACK = 0.1;
const EARLY_SLACK_AFTER_STALL = 0.35;
// Adaptive mode's token bucket may hold a send back after a throttle (its slowest rate is 0.5/s).
const TOKEN_WAIT = 2.5;

const THROTTLES: ReadonlySet<Fault> = new Set(["throttle", "429", "slowdown"]);
// Faults whose failures come at once: also run with botocore's default attempt counts.
const FAST_FAULTS: readonly Fault[] = ["reset", "500", "503", "throttle"];
const PUT_FAULTS: readonly Fault[] = ["stall-headers", "reset", "close", "truncate", "reset-body", "500", "503", "slowdown", "throttle"];
// Faults that only a streamed body shows differently (the others fail before the call returns).
const BODY_FAULTS: readonly Fault[] = ["stall-body", "reset-body", "truncate", "corrupt"];

function matrixCases(mode: string): FaultCase[] {
  const config = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    retries: { mode, total_max_attempts: 3 },
    read_timeout: READ_TIMEOUT,
    connect_timeout: 1,
    max_pool_connections: 64,
    ...extra,
  });
  const cases: FaultCase[] = [];
  const add = (operation: FaultOperation, fault: Fault, faults: readonly Fault[], label: string, extra?: Record<string, unknown>): void => {
    cases.push({ name: `${operation.label}: ${fault} ${label}`, operation, faults, config: config(extra), stallMs: STALL_MS });
  };
  for (const operation of [FAULT_OPERATIONS.json!, FAULT_OPERATIONS.restXml!, FAULT_OPERATIONS.query!]) {
    for (const fault of FAULTS) {
      add(operation, fault, [fault, "ok"], "once, then ok");
      add(operation, fault, [fault], "on every attempt (3 attempts)");
    }
    for (const fault of FAST_FAULTS) {
      add(operation, fault, [fault], "on every attempt (default attempts)", { retries: { mode } });
    }
  }
  for (const fault of BODY_FAULTS) add(FAULT_OPERATIONS.restXmlStream!, fault, [fault], "on every attempt");
  // Uploads take the 100-continue path (Node's HTTP client rather than undici): its failures must read the same.
  for (const fault of PUT_FAULTS) {
    add(FAULT_OPERATIONS.restXmlPut!, fault, [fault, "ok"], "once, then ok");
    add(FAULT_OPERATIONS.restXmlPut!, fault, [fault], "on every attempt (3 attempts)");
  }
  add(FAULT_OPERATIONS.restXmlStream!, "500", ["500", "ok"], "once, then ok");
  return cases;
}

function checkWaits(mode: string, run: CaseRun, sdk: SdkRun, who: string): void {
  const service = run.case.operation.service;
  const attempts = sdk.requests.length;
  assert.equal(sdk.delays.length, attempts - 1, `${who}: one logged delay per retry (${JSON.stringify(sdk.outcome.log)})`);
  const throttled = run.case.faults.some((fault) => THROTTLES.has(fault));
  for (let i = 0; i < sdk.delays.length; i++) {
    const delay = sdk.delays[i]!;
    const { min, max } = backoffBound(mode, service, i + 1);
    assert.ok(delay >= min - 1e-9 && delay <= max + 1e-9, `${who}: delay ${delay} before attempt ${i + 2} is outside [${min}, ${max}]`);
    const measured = sdk.backoffs[i]!;
    const extra = mode === "adaptive" && throttled ? TOKEN_WAIT : 0;
    const stalled = sdk.requests[i]!.fault.startsWith("stall");
    assert.ok(measured >= delay - (stalled ? EARLY_SLACK_AFTER_STALL : EARLY_SLACK), `${who}: attempt ${i + 2} came ${measured.toFixed(3)} s after the last one ended, before its delay ${delay}`);
    assert.ok(measured <= delay + extra + LATE_SLACK, `${who}: attempt ${i + 2} came ${measured.toFixed(3)} s after the last one ended; its delay was ${delay}`);
  }
}

/** Declares the fault matrix for one retry mode. */
export function faultMatrixSuite(mode: "legacy" | "standard" | "adaptive"): void {
  /** A DynamoDB body corrupted on every attempt, which botocore's newer retry modes hand back. */
  function corruptionReturnedByBotocore(mode: string, run: CaseRun): boolean {
    return mode !== "legacy" && run.case.operation.service === "dynamodb" && run.case.faults.length > 0 && run.case.faults.every((f) => f === "corrupt") && run.py.outcome.ok;
  }

  describe(`faults in ${mode} mode: boto3-ts against botocore on one fault server`, () => {
    let server: FaultServer;
    let botocore: BotocoreCalls;
    const cases = matrixCases(mode);
    let runs: CaseRun[] = [];

    before(async () => {
      server = await startFaultServer();
      botocore = new BotocoreCalls();
      runs = await runFaultCases(server, botocore, cases, 24);
      const dir = process.env.BOTO3TS_FAULT_REPORT;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `faults-${mode}.json`), `${JSON.stringify(runs.map((run) => reportRow(mode, run)), null, 1)}\n`);
      }
    });
    after(async () => {
      await botocore?.close();
      await server?.close();
    });

    cases.forEach((kase, index) => {
      test(kase.name, () => {
        const run = runs[index];
        assert.ok(run !== undefined, "the case ran");
        const { ts, py } = run;
        assert.equal(ts.requests.length, py.requests.length, "attempts the server saw");
        if (corruptionReturnedByBotocore(mode, run)) {
          // The one deliberate difference: botocore's standard and adaptive modes return a DynamoDB body
          // whose CRC32 never matched as a success; boto3-ts raises legacy mode's ChecksumError instead.
          assert.equal(py.outcome.ok, true, "botocore returns the corrupted body");
          assert.equal(ts.outcome.error?.type, "ChecksumError", "boto3-ts refuses the corrupted body");
          assert.match(ts.outcome.error?.message ?? "", /^Checksum crc32 failed, expected checksum \d+ did not match calculated checksum \d+\.$/);
          return;
        }
        assert.equal(ts.outcome.ok, py.outcome.ok, `outcome: ${JSON.stringify(ts.outcome.error)} vs ${JSON.stringify(py.outcome.error)}`);
        assert.deepEqual(ts.outcome.error, py.outcome.error, "error class, message and code");
        assert.deepEqual(ts.outcome.result, py.outcome.result, "result");
        assert.equal(ts.outcome.retry_attempts ?? null, py.outcome.retry_attempts ?? null, "ResponseMetadata.RetryAttempts");
        assert.equal(ts.outcome.max_attempts_reached ?? null, py.outcome.max_attempts_reached ?? null, "ResponseMetadata.MaxAttemptsReached");
        checkWaits(mode, run, ts, "boto3-ts");
        checkWaits(mode, run, py, "botocore");
      });
    });
  });
}
