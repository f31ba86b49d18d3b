/**
 * The same API call made by boto3-ts and by botocore (one long-lived
 * python3 per test file, each call on its own thread so calls overlap as
 * they do on the TypeScript side), with results of one shape: the output or
 * the error class and message, the retry count botocore reports, how long
 * the call took, and the retry debug lines the call logged.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { Config, type ConfigOptions } from "../../src/config/config.js";
import { ClientError } from "../../src/exceptions.js";
import { DEBUG, getLogger, StreamHandler } from "../../src/logging/index.js";
import { Session } from "../../src/session.js";
import type { ServiceClient } from "../../src/client/base-client.js";
import { PYTHON_WORKER_PRELUDE } from "./botocore-worker.js";

/** One call, described the same way for both SDKs. */
export interface CallSpec {
  service: string;
  /** boto3's method name, e.g. `list_tables`. */
  operation: string;
  params?: Record<string, unknown>;
  endpoint_url: string;
  region_name?: string;
  verify?: boolean | string | null;
  /** Config keyword arguments (botocore's names). */
  config?: Record<string, unknown>;
  /** Environment variables set while the client is created (null removes one). */
  env?: Record<string, string | null>;
  /** Read streamed output members whole (e.g. GetObject's Body) before the call counts as done. */
  read_streams?: boolean;
  /** Credentials (default testing/testing). */
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
}

/** What a call produced, in the same shape for both SDKs. */
export interface CallOutcome {
  ok: boolean;
  /** The output without ResponseMetadata (bytes as base64 `{ "$b": ... }`). */
  result?: Record<string, unknown>;
  error?: {
    type: string;
    message: string;
    /** ClientError's Error.Code. */
    code?: string;
  };
  /** ResponseMetadata.RetryAttempts (from the output or the ClientError). */
  retry_attempts?: number | null;
  max_attempts_reached?: boolean | null;
  seconds: number;
  /** Retry debug lines (`botocore.retryhandler`, `botocore.retries.*`) logged by this call. */
  log: string[];
}

const PYTHON_CALLS = String.raw`
import os, threading, time, logging
from botocore.config import Config
import botocore.exceptions
_session.set_config_variable('credentials_file', '/nonexistent')
_env_lock = threading.Lock()
_out_lock = threading.Lock()
class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = {}
    def emit(self, record):
        message = record.getMessage()
        if record.name == 'botocore.endpoint' and not message.startswith('Response received to retry'):
            return
        self.lines.setdefault(threading.get_ident(), []).append(record.name + ': ' + message)
_capture = _Capture()
for _name in ('botocore.retryhandler', 'botocore.retries', 'botocore.endpoint'):
    _logger = logging.getLogger(_name)
    _logger.setLevel(logging.DEBUG)
    _logger.addHandler(_capture)
def _metadata(response):
    md = (response or {}).get('ResponseMetadata') or {}
    return md.get('RetryAttempts'), md.get('MaxAttemptsReached')
def _read_streams(value):
    if isinstance(value, dict):
        return {k: _read_streams(v) for k, v in value.items()}
    if hasattr(value, 'read'):
        return value.read()
    return value
def run(req):
    _capture.lines.pop(threading.get_ident(), None)
    env = req.get('env') or {}
    cfg = req.get('config')
    with _env_lock:
        saved = {k: os.environ.get(k) for k in env}
        try:
            for k, v in env.items():
                if v is None: os.environ.pop(k, None)
                else: os.environ[k] = v
            client = _session.create_client(
                req['service'], region_name=req.get('region_name') or 'us-east-1',
                endpoint_url=req['endpoint_url'], verify=req.get('verify'),
                aws_access_key_id=req.get('aws_access_key_id') or 'testing',
                aws_secret_access_key=req.get('aws_secret_access_key') or 'testing',
                config=Config(**cfg) if cfg is not None else None)
        finally:
            for k, v in saved.items():
                if v is None: os.environ.pop(k, None)
                else: os.environ[k] = v
    t0 = time.monotonic()
    out = {}
    try:
        result = getattr(client, req['operation'])(**untag(req.get('params') or {}))
        if req.get('read_streams'):
            result = _read_streams(result)
        out['ok'] = True
        out['retry_attempts'], out['max_attempts_reached'] = _metadata(result)
        result.pop('ResponseMetadata', None)
        out['result'] = tag(result)
    except botocore.exceptions.ClientError as e:
        out['ok'] = False
        out['error'] = {'type': type(e).__name__, 'message': str(e), 'code': e.response.get('Error', {}).get('Code')}
        out['retry_attempts'], out['max_attempts_reached'] = _metadata(e.response)
    except Exception as e:
        out['ok'] = False
        out['error'] = {'type': type(e).__name__, 'message': str(e)}
    out['seconds'] = time.monotonic() - t0
    out['log'] = _capture.lines.pop(threading.get_ident(), [])
    return out
def _serve(req):
    try:
        out = run(req)
    except Exception as e:
        out = {'ok': False, 'error': {'type': 'HarnessError', 'message': repr(e)}, 'seconds': 0, 'log': []}
    out['id'] = req['id']
    line = json.dumps(out)
    with _out_lock:
        sys.stdout.write(line + '\n')
        sys.stdout.flush()
def _loop():
    for line in sys.stdin:
        threading.Thread(target=_serve, args=(json.loads(line),), daemon=True).start()
_loop()
`;

/** botocore in one python3, running each call on its own thread. */
export class BotocoreCalls {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (outcome: CallOutcome) => void>();
  private nextId = 1;
  private buffered = "";
  private stderr = "";
  private exited: Error | undefined;

  constructor() {
    const env: Record<string, string | undefined> = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    for (const key of Object.keys(env)) if (key.startsWith("AWS_") && key !== "AWS_EC2_METADATA_DISABLED") delete env[key];
    for (const key of Object.keys(env)) if (key.toLowerCase().endsWith("_proxy")) delete env[key];
    env.AWS_CONFIG_FILE = "/nonexistent/boto3-ts-test-config";
    env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/boto3-ts-test-credentials";
    // The prelude's own loop is never started: this script runs its threaded one.
    const source = `${PYTHON_WORKER_PRELUDE}\n${PYTHON_CALLS}\n`;
    this.child = spawn(process.env.BOTO3TS_PYTHON || "python3", ["-c", source], { env });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    this.child.on("exit", (code, signal) => {
      this.exited = new Error(`python3 exited (${code ?? signal}): ${this.stderr}`);
      const failed: CallOutcome = { ok: false, error: { type: "HarnessError", message: this.exited.message }, seconds: 0, log: [] };
      for (const resolve of this.pending.values()) resolve(failed);
      this.pending.clear();
    });
    this.child.stdin.on("error", () => undefined);
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      const reply = JSON.parse(line) as CallOutcome & { id: number };
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      const { id: _id, ...outcome } = reply;
      resolve?.(outcome);
      newline = this.buffered.indexOf("\n");
    }
  }

  /** Runs one call in botocore. */
  call(spec: CallSpec): Promise<CallOutcome> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<CallOutcome>((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ ...spec, id })}\n`);
    });
  }

  /** Ends the process. */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const done = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    await done;
  }
}

// Each TypeScript call collects the retry lines logged inside its own async chain.
const callLog = new AsyncLocalStorage<string[]>();
let logHandlerInstalled = false;
function installLogHandler(): void {
  if (logHandlerInstalled) return;
  logHandlerInstalled = true;
  const logger = getLogger("botocore.retryhandler");
  logger.setLevel(DEBUG);
  const handler = new StreamHandler((_line, record) => callLog.getStore()?.push(`${record.name}: ${record.getMessage()}`));
  handler.setLevel(DEBUG);
  logger.addHandler(handler);
}

function tagBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString("base64") };
  if (value instanceof Date) return { $ts: value.getTime() };
  if (Array.isArray(value)) return value.map(tagBytes);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = tagBytes(member);
    return out;
  }
  return value;
}

async function readStreams(value: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const readable = member as { read?: unknown } | null;
    out[key] = readable !== null && typeof readable === "object" && typeof readable.read === "function" ? await (member as { read(): Promise<Uint8Array> }).read() : member;
  }
  return out;
}

/** A boto3-ts client made as `spec` says (environment applied while it is created). */
export function tsClient(spec: CallSpec): ServiceClient {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(spec.env ?? {})) {
    saved[key] = process.env[key];
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const session = new Session({
      aws_access_key_id: spec.aws_access_key_id ?? "testing",
      aws_secret_access_key: spec.aws_secret_access_key ?? "testing",
      region_name: spec.region_name ?? "us-east-1",
    });
    return session.client(spec.service, {
      endpoint_url: spec.endpoint_url,
      verify: spec.verify ?? null,
      config: spec.config === undefined ? null : new Config(spec.config as ConfigOptions),
    }) as ServiceClient;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Runs one call in boto3-ts. */
export function tsCall(spec: CallSpec, client: ServiceClient = tsClient(spec)): Promise<CallOutcome> {
  installLogHandler();
  const log: string[] = [];
  return callLog.run(log, async () => {
    const started = performance.now();
    const outcome: CallOutcome = { ok: false, seconds: 0, log };
    try {
      const method = client[spec.operation];
      if (typeof method !== "function") throw new TypeError(`no method ${spec.operation}`);
      let result = (await method.call(client, spec.params ?? {})) as Record<string, unknown>;
      if (spec.read_streams) result = await readStreams(result);
      const { ResponseMetadata: metadata, ...rest } = result as { ResponseMetadata?: Record<string, unknown> };
      outcome.ok = true;
      outcome.retry_attempts = (metadata?.RetryAttempts as number | undefined) ?? null;
      outcome.max_attempts_reached = (metadata?.MaxAttemptsReached as boolean | undefined) ?? null;
      outcome.result = tagBytes(rest) as Record<string, unknown>;
    } catch (error) {
      const err = error as Error;
      outcome.error = { type: err.name, message: err.message };
      if (error instanceof ClientError) {
        outcome.error.code = error.response.Error.Code;
        outcome.retry_attempts = (error.response.ResponseMetadata?.RetryAttempts as number | undefined) ?? null;
        outcome.max_attempts_reached = (error.response.ResponseMetadata?.MaxAttemptsReached as boolean | undefined) ?? null;
      }
    }
    outcome.seconds = (performance.now() - started) / 1000;
    return outcome;
  });
}

/**
 * The delays a call slept before its retries, from its debug lines:
 * botocore's endpoint logs "Response received to retry, sleeping for X
 * seconds" once per retry in every mode; boto3-ts logs "... retrying
 * request after delay of: X".
 */
export function loggedDelays(log: readonly string[]): number[] {
  const sleeping = log.flatMap((line) => /sleeping for ([0-9.e-]+) seconds/.exec(line)?.[1] ?? []);
  if (sleeping.length > 0) return sleeping.map(Number);
  return log.flatMap((line) => /retrying request after delay of: ([0-9.e-]+)/.exec(line)?.[1] ?? []).map(Number);
}
