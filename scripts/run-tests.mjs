#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with node's test
// runner. Starts one moto server on a free loopback port for the whole run
// and hands its URL to the integration tests (BOTO3TS_MOTO_URL).
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith(".test.js")) out.push(path);
  }
  return out;
}

const files = findTests(join(root, "dist", "test"))
  .filter((f) => filters.length === 0 || filters.some((p) => relative(root, f).includes(p)))
  .sort();
if (files.length === 0) {
  console.error("No test files found under dist/test (run tsc first).");
  process.exit(1);
}

// Tests never reach real AWS or instance metadata, and never read the
// developer's own AWS configuration.
const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
for (const key of Object.keys(env)) {
  if (/^AWS_/.test(key) && key !== "AWS_EC2_METADATA_DISABLED") delete env[key];
}
env.AWS_CONFIG_FILE = join(root, "test", "fixtures", "no-such-config");
env.AWS_SHARED_CREDENTIALS_FILE = join(root, "test", "fixtures", "no-such-credentials");

let moto = null;
if (files.some((f) => f.includes(`${join("dist", "test", "integration")}`))) {
  try {
    const { startMoto } = await import(join(root, "dist", "test", "support", "moto-server.js"));
    moto = await startMoto();
    env.BOTO3TS_MOTO_URL = moto.url;
    console.log(`moto server on ${moto.url}`);
  } catch (err) {
    if (process.env.CI === "true") {
      console.error(`moto could not be started and CI=true: ${err.message}`);
      process.exit(1);
    }
    console.warn(`\n!!! moto could not be started (${err.message}).\n!!! Integration tests will be SKIPPED. Install moto (pip install 'moto[server]').\n`);
    env.BOTO3TS_MOTO_UNAVAILABLE = err.message;
  }
}

const child = spawn(process.execPath, ["--test", "--test-concurrency=4", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  env,
});
const code = await new Promise((res) => child.on("exit", (c, signal) => res(c ?? (signal ? 1 : 0))));
if (moto) await moto.stop();
process.exit(code);
