/**
 * The published types as a user sees them: a consumer project outside the
 * repository, with boto3-ts in its node_modules (a symlink to this
 * repository, so dist/ and package.json "exports" are what resolve), type
 * checked by the repo's TypeScript. It compiles README.md's Quickstart,
 * extracted at test time, and a file of wiring checks whose
 * `@ts-expect-error` lines fail the run if the typed clients do not reach
 * `import boto3 from "boto3-ts"`.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT } from "../support/paths.js";

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

/** The first ```ts block of README.md's "Quickstart" section. */
export function readmeQuickstart(readme: string): string {
  const section = readme.indexOf("\n## Quickstart");
  assert.ok(section >= 0, "README.md has a Quickstart section");
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(section));
  assert.ok(match !== null, "README.md's Quickstart has a ```ts block");
  return match[1]!;
}

const WIRING = `
import boto3, { Session, type BaseClient, type ServiceClient, type StreamingBody } from "boto3-ts";
import type { Bucket, S3Client } from "boto3-ts/types/s3";
import type { ServiceClients } from "boto3-ts/types";

const s3: S3Client = boto3.client("s3");
const buckets: Bucket[] | undefined = (await s3.list_buckets()).Buckets;
const body: StreamingBody | undefined = (await s3.get_object({ Bucket: "b", Key: "k" })).Body;
// @ts-expect-error Key is required
await s3.get_object({ Bucket: "b" });

const ddb = new Session({ region_name: "us-east-1" }).client("dynamodb");
const name: string | undefined = (await ddb.get_item({ TableName: "t", Key: { id: { S: "1" } } })).Item?.["name"]?.S;
// @ts-expect-error no such parameter
await ddb.get_item({ TableName: "t", Key: {}, Table: "t" });

try {
  await s3.get_object({ Bucket: "b", Key: "k" });
} catch (err) {
  if (err instanceof s3.exceptions.NoSuchKey) {
    const code: "NoSuchKey" = err.response.Error.Code;
    void code;
  }
}

const ec2: ServiceClients["ec2"] = boto3.client("ec2", { region_name: "us-east-1" });
const other: ServiceClient = boto3.client("a-model-of-my-own");

// The map stays open: a client type of one's own, by declaration merging.
interface MyClient extends BaseClient {
  hello(params?: { Name?: string }): Promise<{ Greeting?: string }>;
}
declare module "boto3-ts" {
  interface ServiceClientMap {
    "my-service": MyClient;
  }
}
const mine: MyClient = boto3.client("my-service");
void [buckets, body, name, ec2, other, mine];
`;

let project: string | undefined;
after(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

/** A consumer project that depends on this repository, with `files` in it. */
function consumerProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "boto3-ts-consumer-"));
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "boto3-ts"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const compilerOptions = {
    target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function tsc(dir: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, "-p", dir, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

test("README's Quickstart and the published wiring type-check in a consumer project", async (t) => {
  const quickstart = readmeQuickstart(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
  project = consumerProject({ "quickstart.ts": quickstart, "wiring.ts": WIRING });
  const { code, output } = await tsc(project, "--extendedDiagnostics");
  const errors = output.split("\n").filter((line) => line.includes("error TS"));
  assert.deepEqual(errors, [], output);
  assert.equal(code, 0, output);
  // What it costs a user's program, for the record: every generated file is loaded, each parsed and bound once.
  const stat = (name: string): string => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(output)?.[1]?.trim() ?? "?";
  t.diagnostic(`consumer type-check: ${stat("Files")} files, total ${stat("Total time")}, memory ${stat("Memory used")}`);
});

test("a misuse in the consumer project fails its type-check", async () => {
  const dir = consumerProject({ "misuse.ts": 'import boto3 from "boto3-ts";\nawait boto3.client("s3").get_object({ Bucket: "b" });\n' });
  try {
    const { code, output } = await tsc(dir);
    assert.notEqual(code, 0);
    assert.match(output, /misuse\.ts\(2,\d+\): error TS2741: Property 'Key' is missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
