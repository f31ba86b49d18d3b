/**
 * Runs the same retry scenarios through botocore (botocore-retries.py, one
 * Python process per batch) and through boto3-ts's strategies, producing
 * results of the same shape so that tests compare them step by step.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  ChecksumError,
  ConnectionClosedError,
  ConnectionError,
  ConnectTimeoutError,
  EndpointConnectionError,
  HTTPClientError,
  NoCredentialsError,
  ProxyConnectionError,
  ReadTimeoutError,
  ResponseStreamingError,
  SSLError,
} from "../../../../src/exceptions.js";
import type { HttpResponse } from "../../../../src/http/http-response.js";
import { Loader } from "../../../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../../../src/models/service-model.js";
import { createRetryStrategy } from "../../../../src/retries/index.js";
import type { AdaptiveRetryStrategy } from "../../../../src/retries/adaptive-strategy.js";
import type { StandardRetryStrategy } from "../../../../src/retries/standard-strategy.js";
import type { RetryClock, RetryStrategy } from "../../../../src/retries/types.js";
import { REPO_ROOT } from "../../../support/paths.js";

/** A response an attempt receives. */
export interface ResponseSpec {
  status: number;
  code?: string | null;
  headers?: Record<string, string>;
  body_b64?: string;
  /** Whether the parsed response has ResponseMetadata (default true). */
  metadata?: boolean;
}

/** One event of a scenario: an attempt's outcome, a send (adaptive), or a call's final response. */
export interface Step {
  call?: string;
  /** The fake clock's time at this step (adaptive). */
  t?: number;
  /** Seconds the fake clock moves forward before this step (adaptive). */
  dt?: number;
  send?: boolean;
  after_call?: number;
  op?: string;
  attempt?: number;
  response?: ResponseSpec | null;
  error?: string;
}

/** A retry setup and the events it sees. */
export interface Scenario {
  name: string;
  kind: "legacy" | "legacy-custom" | "standard" | "adaptive";
  service: string;
  /** Config(retries=...) without the mode. */
  retries?: { max_attempts?: number; total_max_attempts?: number };
  env?: Record<string, string>;
  new_retries?: boolean;
  random?: number[];
  retry_data?: unknown;
  start?: number;
  steps: Step[];
}

/** What botocore (or boto3-ts) did at one step. */
export interface StepResult {
  result: number | false | null;
  raised: { class: string; message: string } | null;
  metadata?: Record<string, unknown> | null;
  retries: Record<string, unknown> | null;
  capacity: number | null;
  available: number | null;
  slept?: number[];
  limiter?: Record<string, unknown>;
}

/** A scenario's results, or the error its setup raised. */
export type ScenarioResult = { steps: StepResult[] } | { error: { class: string; message: string } };

const SCRIPT = join(REPO_ROOT, "test", "unit", "retries", "support", "botocore-retries.py");

/** Runs every scenario through botocore in one Python process. */
export function runBotocore(scenarios: readonly Scenario[]): ScenarioResult[] {
  const result = spawnSync("python3", [SCRIPT], {
    input: JSON.stringify(scenarios),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/root", AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`botocore oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ScenarioResult[];
}

const loader = new Loader({ includeDefaultSearchPaths: true });
const models = new Map<string, ServiceModel>();

/** The service model boto3-ts clients use, one per service per process. */
export function serviceModel(name: string): ServiceModel {
  let model = models.get(name);
  if (model === undefined) {
    model = new ServiceModel(loader.load_service_model(name, "service-2") as RawServiceModel, name);
    models.set(name, model);
  }
  return model;
}

/** The built-in `_retry.json`, shared as the loader shares it. */
export function retryData(): unknown {
  return loader.load_data("_retry");
}

/** Total attempts as botocore's client args compute them: Config total, else Config retries + 1, else AWS_MAX_ATTEMPTS. */
export function totalMaxAttempts(scenario: Scenario): number | undefined {
  const retries = scenario.retries ?? {};
  if (retries.total_max_attempts !== undefined) return retries.total_max_attempts;
  if (retries.max_attempts !== undefined) return retries.max_attempts + 1;
  const env = scenario.env?.["AWS_MAX_ATTEMPTS"];
  return env === undefined ? undefined : Number(env);
}

/** Builds the error an attempt throws, as the transport would. */
export function makeError(name: string): Error {
  switch (name) {
    case "ReadTimeoutError": return new ReadTimeoutError({ endpoint_url: "https://h" });
    case "ConnectTimeoutError": return new ConnectTimeoutError({ endpoint_url: "https://h" });
    case "EndpointConnectionError": return new EndpointConnectionError({ endpoint_url: "https://h" });
    case "ConnectionClosedError": return new ConnectionClosedError({ endpoint_url: "https://h" });
    case "ConnectionError": return new ConnectionError({ error: "boom" });
    case "HTTPClientError": return new HTTPClientError({ error: "boom" });
    case "SSLError": return new SSLError({ endpoint_url: "https://h", error: "boom" });
    case "ProxyConnectionError": return new ProxyConnectionError({ proxy_url: "http://p", error: "boom" });
    case "ResponseStreamingError": return new ResponseStreamingError({ error: "boom" });
    case "ChecksumError": return new ChecksumError({ checksum_type: "crc32", expected_checksum: 1, actual_checksum: 2 });
    case "NoCredentialsError": return new NoCredentialsError();
    default: throw new Error(`unknown error ${name}`);
  }
}

/** Builds an attempt's HTTP response and parsed dict. */
export function makeResponse(spec: ResponseSpec): { http: HttpResponse; parsed: Record<string, unknown> } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
  const http: HttpResponse = {
    status_code: spec.status,
    headers,
    body: Readable.from([]),
    content: new Uint8Array(Buffer.from(spec.body_b64 ?? "", "base64")),
  };
  const parsed: Record<string, unknown> = {};
  if (spec.code !== undefined && spec.code !== null) parsed["Error"] = { Code: spec.code, Message: "m" };
  if (spec.metadata !== false) parsed["ResponseMetadata"] = { HTTPStatusCode: spec.status };
  return { http, parsed };
}

/** A clock that moves only when told to, or when something sleeps on it. */
export class FakeClock implements RetryClock {
  t: number;
  slept: number[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(seconds: number): Promise<void> {
    // As the oracle's clock: time always passes, so sub-resolution remainders end.
    this.slept.push(seconds);
    if (this.slept.length > 10000) return Promise.reject(new Error("fake clock: endless sleeping"));
    const before = this.t;
    this.t += seconds;
    if (this.t === before) this.t = before + 1e-9;
    return Promise.resolve();
  }
}

/** A jitter source that replays `values` in a cycle, as the oracle's does. */
export function replay(values: readonly number[] | undefined): () => number {
  const list = values && values.length > 0 ? values : [0.5];
  let i = 0;
  return () => list[i++ % list.length]!;
}

/** Builds the strategy a scenario describes. */
export function strategyFor(scenario: Scenario, clock: FakeClock): RetryStrategy {
  const mode = scenario.kind === "legacy-custom" ? "legacy" : scenario.kind;
  return createRetryStrategy({
    mode,
    totalMaxAttempts: totalMaxAttempts(scenario),
    serviceModel: serviceModel(scenario.service),
    retryConfigData: scenario.kind === "legacy-custom" ? scenario.retry_data : retryData(),
    newRetries: scenario.new_retries === true,
    random: replay(scenario.random),
    clock,
  });
}

function describe(error: unknown): { class: string; message: string } {
  return error instanceof Error ? { class: error.name, message: error.message } : { class: typeof error, message: String(error) };
}

/** Runs a scenario through boto3-ts, shaping results like the oracle's. */
export async function runBoto3ts(scenario: Scenario): Promise<ScenarioResult> {
  const clock = new FakeClock(scenario.start ?? 0);
  let strategy: RetryStrategy;
  try {
    strategy = strategyFor(scenario, clock);
  } catch (error) {
    return { error: describe(error) };
  }
  const model = serviceModel(scenario.service);
  const contexts = new Map<string, Record<string, unknown>>();
  const steps: StepResult[] = [];
  try {
    for (const step of scenario.steps) {
      const call = step.call ?? "c1";
      let context = contexts.get(call);
      if (context === undefined) {
        context = { retries: { attempt: 1, "invocation-id": `id-${call}` } };
        contexts.set(call, context);
      }
      if (step.t !== undefined) clock.t = step.t;
      if (step.dt !== undefined) clock.t += step.dt;
      clock.slept = [];
      const out: StepResult = { result: null, raised: null, retries: null, capacity: null, available: null };
      if (step.send) {
        const wait = strategy.beforeAttempt({ operation: model.operation_model(step.op ?? model.operation_names[0]!) });
        if (wait !== undefined) await wait;
        delete (out as Partial<StepResult>).result;
        delete (out as Partial<StepResult>).raised;
      } else if (step.after_call !== undefined) {
        strategy.afterCall({ http: makeResponse({ status: step.after_call }).http, requestContext: context });
        delete (out as Partial<StepResult>).result;
        delete (out as Partial<StepResult>).raised;
      } else {
        (context["retries"] as Record<string, unknown>)["attempt"] = step.attempt;
        const response = step.response ? makeResponse(step.response) : undefined;
        const error = step.error ? makeError(step.error) : undefined;
        try {
          const decision = strategy.decide({
            attempt: step.attempt!,
            operation: model.operation_model(step.op!),
            response,
            error,
            requestContext: context,
          });
          if (decision.retry) out.result = decision.delaySeconds;
          else if (decision.delaySeconds > 0) {
            out.result = false;
            clock.slept.push(decision.delaySeconds);
          }
        } catch (thrown) {
          out.raised = describe(thrown);
        }
        out.metadata = response === undefined ? null : ((response.parsed["ResponseMetadata"] as Record<string, unknown>) ?? null);
      }
      out.retries = (context["retries"] as Record<string, unknown>) ?? null;
      out.capacity = (context["retry_quota_capacity"] as number) ?? null;
      out.available = strategy.mode === "legacy" ? null : (strategy as StandardRetryStrategy).quota.available_capacity;
      if (scenario.kind !== "legacy" && scenario.kind !== "legacy-custom") out.slept = [...clock.slept];
      if (scenario.kind === "adaptive") {
        const limiter = (strategy as AdaptiveRetryStrategy).limiter;
        const bucket = limiter.tokenBucket;
        const params = limiter.cubicParams;
        out.limiter = {
          enabled: limiter.enabled,
          measured: limiter.measured_rate,
          max_rate: bucket.max_rate,
          max_capacity: bucket.max_capacity,
          available: bucket.available_capacity,
          w_max: params.w_max,
          k: params.k,
          last_fail: params.last_fail,
        };
      }
      steps.push(out);
    }
  } catch (error) {
    return { error: describe(error) };
  }
  return { steps };
}

/** Deep equality where numbers may differ by a relative 1e-12 (pow may round differently by one ulp). */
export function assertClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > 1e-12 * scale) throw new Error(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      throw new Error(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    }
    expected.forEach((e, i) => assertClose(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") throw new Error(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const key of keys) assertClose(a[key] ?? null, e[key] ?? null, `${path}.${key}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
}
