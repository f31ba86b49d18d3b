/**
 * One long-lived python3 running botocore for a differential test file
 * (python3 here is a pyenv shim that costs ~100 ms to start): each request
 * is one JSON line on stdin, each reply one JSON line on stdout, in order.
 * Test files send their cases in batches and keep working while Python
 * answers.
 *
 * Values JSON cannot carry travel tagged, the same way in both directions:
 * `{"$b": base64}` bytes, `{"$dt": iso}` a datetime (to Python),
 * `{"$ts": epoch ms}` a datetime (from Python, floored to the millisecond
 * a Date holds), `{"$i": digits}` an integer past 2^53, `{"$f": "nan" |
 * "inf" | "-inf"}` a special float, `{"$element": tag}` an ElementTree node.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/**
 * Python helpers every worker script starts with: `untag`, `tag`,
 * `service_model(name)` (cached), `describe_error(e)`; the script defines
 * `handle(request)` and the prelude's loop calls it once per line.
 */
export const PYTHON_WORKER_PRELUDE = String.raw`
import base64, calendar, datetime, io, json, math, sys
import botocore.session
from botocore.response import StreamingBody
_session = botocore.session.get_session()
_models = {}
def service_model(name):
    m = _models.get(name)
    if m is None:
        m = _models[name] = _session.get_service_model(name)
    return m
def untag(v):
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == '$b': return base64.b64decode(x)
            if k == '$dt': return datetime.datetime.fromisoformat(x.replace('Z', '+00:00'))
            if k == '$i': return int(x)
            if k == '$f': return float(x)
        return {k: untag(x) for k, x in v.items()}
    if isinstance(v, list): return [untag(x) for x in v]
    return v
def tag(v):
    if v is None or isinstance(v, (bool, str)): return v
    if isinstance(v, int):
        return {'$i': str(v)} if abs(v) > 9007199254740991 else v
    if isinstance(v, float):
        if math.isnan(v): return {'$f': 'nan'}
        if math.isinf(v): return {'$f': 'inf' if v > 0 else '-inf'}
        return v
    if isinstance(v, dict): return {str(k): tag(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)): return [tag(x) for x in v]
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None: v = v.astimezone(datetime.timezone.utc)
        return {'$ts': calendar.timegm(v.timetuple()) * 1000 + v.microsecond // 1000}
    if isinstance(v, (bytes, bytearray)): return {'$b': base64.b64encode(bytes(v)).decode()}
    if isinstance(v, StreamingBody) or hasattr(v, 'read'): return tag(v.read())
    if hasattr(v, 'tag') and hasattr(v, 'attrib'): return {'$element': v.tag}
    return {'$repr': repr(v)}
def describe_error(e):
    return {'type': type(e).__name__, 'module': type(e).__module__, 'message': str(e)}
def _main():
    for line in sys.stdin:
        out = handle(json.loads(line))
        sys.stdout.write(json.dumps(out) + '\n')
        sys.stdout.flush()
`;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A python3 process answering one JSON request per line. */
export class BotocoreWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buffered = "";
  private stderr = "";
  private exited: Error | undefined;

  /** Starts python3 with the prelude, then `script` (which defines `handle`). */
  constructor(script: string) {
    const env: Record<string, string | undefined> = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    for (const key of Object.keys(env)) if (key.startsWith("AWS_") && key !== "AWS_EC2_METADATA_DISABLED") delete env[key];
    env.AWS_CONFIG_FILE = "/nonexistent/boto3-ts-test-config";
    env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/boto3-ts-test-credentials";
    const source = `${PYTHON_WORKER_PRELUDE}\n${script}\n_main()\n`;
    this.child = spawn(process.env.BOTO3TS_PYTHON || "python3", ["-c", source], { env });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    this.child.on("exit", (code, signal) => {
      this.exited = new Error(`python3 exited (${code ?? signal}): ${this.stderr}`);
      for (const waiting of this.pending.splice(0)) waiting.reject(this.exited);
    });
    this.child.stdin.on("error", () => {});
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      const waiting = this.pending.shift();
      if (waiting !== undefined) {
        try {
          waiting.resolve(JSON.parse(line));
        } catch (error) {
          waiting.reject(error as Error);
        }
      }
      newline = this.buffered.indexOf("\n");
    }
  }

  /** Sends one request; resolves with Python's reply to it. */
  request<T>(payload: unknown): Promise<T> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (value: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify(payload)}\n`);
    });
  }

  /** Ends the process (stdin closed; it exits when its loop ends). */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const done = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    await done;
  }
}
