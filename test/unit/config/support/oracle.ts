/**
 * Runs a batch of questions through the installed botocore (one Python
 * process per batch; see botocore-oracle.py) and returns its answers.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../../support/paths.js";

/** One answer: a value, or the class name and message of the error raised. */
export type OracleAnswer = { ok: unknown } | { error: string; message: string };

/** A session answer: whether creating the session failed, then one answer per call. */
export interface SessionAnswer {
  created: OracleAnswer;
  calls: OracleAnswer[];
}

const SUPPORT = join(REPO_ROOT, "test", "unit", "config", "support");

/** Sends the requests to botocore (through botocore-oracle.py, or another script in this folder) and returns its answers, in order. */
export function askBotocore<T = OracleAnswer>(requests: readonly unknown[], script = "botocore-oracle.py"): T[] {
  const result = spawnSync("python3", [join(SUPPORT, script)], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/root", AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`botocore oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T[];
}

/** Runs a function and shapes its outcome like an oracle answer (undefined becomes null, as Python's None). */
export function answerOf(fn: () => unknown): OracleAnswer {
  try {
    return { ok: toPlain(fn()) };
  } catch (err) {
    if (err instanceof Error) return { error: err.name, message: err.message };
    throw err;
  }
}

/** The async form of answerOf. */
export async function answerOfAsync(fn: () => Promise<unknown>): Promise<OracleAnswer> {
  try {
    return { ok: toPlain(await fn()) };
  } catch (err) {
    if (err instanceof Error) return { error: err.name, message: err.message };
    throw err;
  }
}

/** Plain JSON data: null-prototype records become ordinary objects, undefined becomes null. */
export function toPlain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    // defineProperty, so that a key named "__proto__" stays a key.
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: toPlain(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
