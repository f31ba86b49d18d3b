/**
 * Runs fault scenarios against boto3-ts and botocore at once, each SDK with
 * its own scenario token on one fault server, and collects what the server
 * saw (attempts, arrival times) beside what each caller got. The test files
 * (test/integration/faults-*.test.ts) assert that both agree and that the
 * waits between attempts stay within botocore's bounds.
 */
import type { BotocoreCalls, CallOutcome, CallSpec } from "./call-differential.js";
import { loggedDelays, tsCall } from "./call-differential.js";
import type { Fault, FaultServer, RequestRecord } from "./fault-server.js";

/** An operation the fault server answers, with the protocol it exercises. */
export interface FaultOperation {
  /** e.g. `dynamodb.get_item (json)` */
  label: string;
  service: string;
  operation: string;
  params(id: string): Record<string, unknown>;
  /** The output streams (read whole before the call counts as done). */
  streams?: boolean;
}

/** The operations of the fault matrix: json, rest-xml (plain and streamed) and query. */
export const FAULT_OPERATIONS: Readonly<Record<string, FaultOperation>> = {
  json: {
    label: "dynamodb.get_item (json)",
    service: "dynamodb",
    operation: "get_item",
    params: (id) => ({ TableName: "t", Key: { id: { S: id } } }),
  },
  restXml: {
    label: "s3.list_objects_v2 (rest-xml)",
    service: "s3",
    operation: "list_objects_v2",
    params: (id) => ({ Bucket: "b", Prefix: id }),
  },
  restXmlStream: {
    label: "s3.get_object (rest-xml, streamed body)",
    service: "s3",
    operation: "get_object",
    params: (id) => ({ Bucket: "b", Key: id }),
    streams: true,
  },
  restXmlPut: {
    label: "s3.put_object (rest-xml, Expect: 100-continue)",
    service: "s3",
    operation: "put_object",
    params: (id) => ({ Bucket: "b", Key: id, Body: `payload of ${id}` }),
  },
  query: {
    label: "sns.get_topic_attributes (query)",
    service: "sns",
    operation: "get_topic_attributes",
    params: (id) => ({ TopicArn: `arn:aws:sns:us-east-1:123456789012:${id}` }),
  },
};

/** One scenario of the matrix. */
export interface FaultCase {
  name: string;
  operation: FaultOperation;
  faults: readonly Fault[];
  /** Config keyword arguments for both SDKs. */
  config: Record<string, unknown>;
  stallMs?: number;
}

/** What one SDK did in a case. */
export interface SdkRun {
  outcome: CallOutcome;
  requests: RequestRecord[];
  /** Seconds between an attempt's end (as the server saw it) and the next attempt's arrival. */
  backoffs: number[];
  /** The delays the SDK's retry debug lines named. */
  delays: number[];
}

/** Both SDKs' runs of one case. */
export interface CaseRun {
  case: FaultCase;
  ts: SdkRun;
  py: SdkRun;
}

/** Replaces a scenario's token so both SDKs' texts compare equal. */
export function normalize<T>(value: T, token: string): T {
  return JSON.parse(JSON.stringify(value ?? null).split(token).join("TOKEN")) as T;
}

function backoffsOf(requests: readonly RequestRecord[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < requests.length; i++) {
    const previous = requests[i - 1]!;
    out.push((requests[i]!.arrivedAt - (previous.doneAt ?? previous.arrivedAt)) / 1000);
  }
  return out;
}

async function runOne(server: FaultServer, kase: FaultCase, sdk: "ts" | "py", botocore: BotocoreCalls, id: string): Promise<SdkRun> {
  const scenario = server.scenario({ faults: kase.faults, stallMs: kase.stallMs ?? 2000 });
  const spec: CallSpec = {
    service: kase.operation.service,
    operation: kase.operation.operation,
    params: kase.operation.params(id),
    endpoint_url: scenario.endpointUrl,
    config: kase.config,
    read_streams: kase.operation.streams === true,
  };
  const raw = sdk === "ts" ? await tsCall(spec) : await botocore.call(spec);
  // Let the server see the last connection's end before reading its records.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const outcome = normalize(raw, scenario.token);
  return { outcome, requests: scenario.requests, backoffs: backoffsOf(scenario.requests), delays: loggedDelays(raw.log) };
}

/** Runs every case through both SDKs, `concurrency` cases at a time (each case's two SDKs side by side). */
export async function runFaultCases(server: FaultServer, botocore: BotocoreCalls, cases: readonly FaultCase[], concurrency: number): Promise<CaseRun[]> {
  const results: CaseRun[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const kase = cases[index]!;
      const id = `id${index}-${Math.random().toString(36).slice(2, 8)}`;
      const [ts, py] = await Promise.all([runOne(server, kase, "ts", botocore, id), runOne(server, kase, "py", botocore, id)]);
      results[index] = { case: kase, ts, py };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}

/**
 * The most a retry mode may wait before attempt n+1 (n = the attempt that
 * failed, from 1): legacy `rand * 2^(n-1)` (DynamoDB's policy: exactly
 * `0.05 * 2^(n-1)`), standard and adaptive `min(rand * 2^(n-1), 20)`.
 */
export function backoffBound(mode: string, service: string, n: number): { min: number; max: number } {
  if (mode === "legacy" && service === "dynamodb") {
    const exact = 0.05 * 2 ** (n - 1);
    return { min: exact, max: exact };
  }
  return { min: 0, max: Math.min(2 ** (n - 1), 20) };
}

/** A row of the fault report. */
export interface ReportRow {
  mode: string;
  case: string;
  attempts: { ts: number; py: number };
  outcome: { ts: string; py: string };
  delays: { ts: number[]; py: number[] };
  backoffs: { ts: number[]; py: number[] };
}

/** The report row for a case. */
export function reportRow(mode: string, run: CaseRun): ReportRow {
  const describe = (outcome: CallOutcome): string =>
    outcome.ok ? `ok (RetryAttempts ${String(outcome.retry_attempts)})` : `${outcome.error!.type}: ${outcome.error!.message}`;
  const round = (values: number[]): number[] => values.map((value) => Math.round(value * 1000) / 1000);
  return {
    mode,
    case: run.case.name,
    attempts: { ts: run.ts.requests.length, py: run.py.requests.length },
    outcome: { ts: describe(run.ts.outcome), py: describe(run.py.outcome) },
    delays: { ts: round(run.ts.delays), py: round(run.py.delays) },
    backoffs: { ts: round(run.ts.backoffs), py: round(run.py.backoffs) },
  };
}
