/**
 * Client creation cost, boto3-ts against boto3, measured side by side in one
 * run: for each of s3, ec2 and dynamodb, a fresh process imports the SDK and
 * creates its first client, then 100 more of the same service. Each side
 * runs `rounds` times alternately; medians are reported, with ratios.
 *
 *   node dist/bench/client-creation.js [rounds]
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

interface Sample {
  import: number;
  first: number;
  next100: number;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const rounds = Number(process.argv[2] ?? 7);
const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" };

const NODE_SCRIPT = `
const t0 = performance.now();
const { Session } = await import(${JSON.stringify(join(root, "dist", "src", "index.js"))});
const t1 = performance.now();
const s = new Session({ region_name: "us-west-2", aws_access_key_id: "a", aws_secret_access_key: "b" });
const a = performance.now(); s.client(process.argv[1]); const b = performance.now();
for (let i = 0; i < 100; i++) s.client(process.argv[1]);
const c = performance.now();
console.log(JSON.stringify({ import: t1 - t0, first: b - a, next100: c - b }));
`;

const PYTHON_SCRIPT = `
import json, sys, time
t0 = time.perf_counter()
import boto3
t1 = time.perf_counter()
s = boto3.Session(region_name='us-west-2', aws_access_key_id='a', aws_secret_access_key='b')
a = time.perf_counter(); s.client(sys.argv[1]); b = time.perf_counter()
for i in range(100): s.client(sys.argv[1])
c = time.perf_counter()
print(json.dumps({'import': (t1 - t0) * 1000, 'first': (b - a) * 1000, 'next100': (c - b) * 1000}))
`;

function run(command: string, args: string[]): Sample {
  return JSON.parse(execFileSync(command, args, { encoding: "utf8", env })) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: string[] = [];
for (const service of ["s3", "ec2", "dynamodb"]) {
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(run(process.execPath, ["--input-type=module", "-e", NODE_SCRIPT, service]));
    theirs.push(run(process.env.BOTO3TS_PYTHON || "python3", ["-c", PYTHON_SCRIPT, service]));
  }
  for (const key of ["import", "first", "next100"] as const) {
    const a = median(ours.map((s) => s[key]));
    const b = median(theirs.map((s) => s[key]));
    rows.push(`| ${service} | ${key === "next100" ? "100 next clients" : key === "first" ? "first client" : "import"} | ${a.toFixed(2)} ms | ${b.toFixed(2)} ms | ${(b / a).toFixed(1)}x |`);
  }
}
console.log(`Client creation, medians of ${rounds} fresh processes each (boto3-ts vs boto3 ${execFileSync("python3", ["-c", "import boto3; print(boto3.__version__)"], { encoding: "utf8", env }).trim()})\n`);
console.log("| service | what | boto3-ts | boto3 | boto3 / boto3-ts |");
console.log("|---|---|---:|---:|---:|");
for (const row of rows) console.log(row);
