/**
 * Runs botocore through python3 for differential tests: one process per
 * batch (python3 here is a pyenv shim that costs ~100 ms to start), JSON in
 * on stdin, JSON out on stdout.
 */
import { execFileSync } from "node:child_process";

/** Runs `script` once with `input` as JSON on stdin; returns what it prints as JSON. */
export function runPython<T>(script: string, input: unknown): T {
  const env: Record<string, string | undefined> = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") && key !== "AWS_EC2_METADATA_DISABLED") delete env[key];
  env.AWS_CONFIG_FILE = "/nonexistent/boto3-ts-test-config";
  env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/boto3-ts-test-credentials";
  const out = execFileSync(process.env.BOTO3TS_PYTHON || "python3", ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    env,
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out) as T;
}

/**
 * Values that JSON cannot carry are tagged: `{"__bytes__": base64}`,
 * `{"__datetime__": iso}`. This Python snippet (prepended to scripts)
 * untags them into bytes and datetime.
 */
export const PYTHON_DECODE_HELPERS = `
import base64, datetime, json, sys
def untag(v):
    if isinstance(v, dict):
        if '__bytes__' in v: return base64.b64decode(v['__bytes__'])
        if '__datetime__' in v: return datetime.datetime.fromisoformat(v['__datetime__'].replace('Z', '+00:00'))
        return {k: untag(x) for k, x in v.items()}
    if isinstance(v, list): return [untag(x) for x in v]
    return v
def to_text(b):
    if b is None: return ''
    if isinstance(b, str): return b
    if hasattr(b, 'read'):
        if hasattr(b, 'tell'):
            pos = b.tell(); data = b.read(); b.seek(pos); b = data
        else:
            b = b.read()
    return base64.b64encode(bytes(b)).decode() if not _is_utf8(b) else bytes(b).decode()
def _is_utf8(b):
    try:
        bytes(b).decode('utf-8'); return True
    except UnicodeDecodeError:
        return False
`;

/** The TS side of the same tags. */
export function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.__bytes__ === "string") return new Uint8Array(Buffer.from(record.__bytes__, "base64"));
    if (typeof record.__datetime__ === "string") return new Date(record.__datetime__);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = untag(v);
    return out;
  }
  return value;
}
