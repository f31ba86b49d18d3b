/** Runs a short Python script against the installed botocore, JSON in and out, in one process. */
import { spawnSync } from "node:child_process";

/** Runs `script` with `input` as JSON on stdin; the script prints JSON on stdout. */
export function askBotocore<T>(script: string, input: unknown): T {
  const result = spawnSync("python3", ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
