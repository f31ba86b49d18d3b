/** Runs one Python script with JSON on stdin and returns its JSON stdout (one process per suite). */
import { spawnSync } from "node:child_process";

/** Runs `script` under python3 with `input` as JSON on stdin; parses what it prints. */
export function runPython<T>(script: string, input: unknown): T {
  const result = spawnSync("python3", ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
