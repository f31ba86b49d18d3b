/**
 * Carries TS test values to Python as the values botocore would receive:
 * JSON, with the types JSON cannot tell apart tagged (`{"$t": kind, "v": ...}`).
 * The Python side's `decode()` (PY_DECODE) turns them back into int, float,
 * bytes, bytearray and aware datetimes. `undefined` members are dropped
 * (absent), `undefined` list items become None, as the validator reads them.
 */
import { spawnSync } from "node:child_process";

/** A JSON-encodable tagged form of `value`. */
export function toTagged(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "bigint":
      return { $t: "int", v: value.toString() };
    case "number":
      if (Number.isInteger(value)) return { $t: "int", v: BigInt(value).toString() };
      return { $t: "float", v: Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : value.toString() };
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return Array.from(value, (item: unknown) => toTagged(item));
      if (value instanceof Uint8Array) return { $t: "bytes", v: Buffer.from(value).toString("base64") };
      if (value instanceof ArrayBuffer) return { $t: "bytearray", v: Buffer.from(value).toString("base64") };
      if (value instanceof Date) return { $t: "datetime", v: value.getTime() };
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toTagged(item);
      return out;
    }
    default:
      throw new Error(`no Python counterpart for ${typeof value}`);
  }
}

/** Python source defining `decode(tagged)`. */
export const PY_DECODE = `
import base64, datetime
def decode(v):
    if isinstance(v, list):
        return [decode(i) for i in v]
    if isinstance(v, dict):
        t = v.get('$t')
        if t == 'int': return int(v['v'])
        if t == 'float': return float(v['v'])
        if t == 'bytes': return base64.b64decode(v['v'])
        if t == 'bytearray': return bytearray(base64.b64decode(v['v']))
        if t == 'datetime':
            return datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=v['v'])
        return {k: decode(i) for k, i in v.items()}
    return v
`;

/**
 * Runs `script` once in python3 with one JSON request per line on stdin and
 * returns one parsed JSON reply per line of its stdout.
 */
export function runPythonBatch(script: string, requests: readonly unknown[]): unknown[] {
  const input = requests.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const result = spawnSync("python3", ["-c", script], {
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", PYTHONIOENCODING: "utf-8" },
  });
  if (result.status !== 0) throw new Error(`python3 failed (${result.status}): ${result.stderr}`);
  const lines = result.stdout.split("\n").filter((line) => line !== "");
  if (lines.length !== requests.length) {
    throw new Error(`python3 answered ${lines.length} of ${requests.length} requests: ${result.stderr}`);
  }
  return lines.map((line) => JSON.parse(line) as unknown);
}
