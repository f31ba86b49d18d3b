#!/usr/bin/env node
// Assembles the built-in model data directory (data/) from the Python
// botocore and boto3 installed on this machine, as DESIGN.md §2 asks.
// Nothing here is committed: `npm install` runs this through `prepare`.
//
// Sources, in order:
//   BOTO3TS_BOTOCORE_DATA / BOTO3TS_BOTO3_DATA  name data directories directly
//   BOTO3TS_PYTHON (default: python3)           finds the installed packages
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "data");

function fail(message) {
  console.error(`\nboto3-ts: cannot build the model data.\n${message}\n`);
  process.exit(1);
}

function fromPython() {
  const python = process.env.BOTO3TS_PYTHON || "python3";
  const code = [
    "import json, os",
    "import botocore, boto3",
    "print(json.dumps({",
    "  'xform_overrides': {k[0]: v for k, v in botocore._xform_cache.items() if k[1] == '_'},",
    "  'botocore': os.path.join(os.path.dirname(botocore.__file__), 'data'),",
    "  'boto3': os.path.join(os.path.dirname(boto3.__file__), 'data'),",
    "  'botocore_version': botocore.__version__, 'boto3_version': boto3.__version__}))",
  ].join("\n");
  try {
    return JSON.parse(execFileSync(python, ["-c", code], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  } catch (err) {
    const detail = String(err.stderr || err.message || err).trim().split("\n").pop();
    fail(
      `Could not read botocore and boto3 through '${python}' (${detail}).\n` +
        "Install them (pip install boto3) so that `python3 -c \"import boto3, botocore\"` works,\n" +
        "or set BOTO3TS_BOTOCORE_DATA (and BOTO3TS_BOTO3_DATA) to their data directories,\n" +
        "or BOTO3TS_PYTHON to a Python that has them.",
    );
  }
}

function versionNextTo(dataDir) {
  // botocore/__init__.py sits next to data/; read __version__ without Python.
  try {
    const init = readFileSync(join(dataDir, "..", "__init__.py"), "utf8");
    return /__version__\s*=\s*['"]([^'"]+)['"]/.exec(init)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

function locate() {
  const botocoreDir = process.env.BOTO3TS_BOTOCORE_DATA;
  if (botocoreDir) {
    if (!existsSync(join(botocoreDir, "partitions.json"))) {
      fail(`BOTO3TS_BOTOCORE_DATA=${botocoreDir} is not a botocore data directory (no partitions.json in it).`);
    }
    const boto3Dir = process.env.BOTO3TS_BOTO3_DATA || null;
    return {
      botocore: botocoreDir,
      boto3: boto3Dir,
      botocore_version: versionNextTo(botocoreDir),
      boto3_version: boto3Dir ? versionNextTo(boto3Dir) : null,
    };
  }
  const found = fromPython();
  if (!existsSync(join(found.botocore, "partitions.json"))) {
    fail(`botocore at ${found.botocore} has no data directory; reinstall botocore.`);
  }
  return found;
}

/** Lists, per service, its API versions and the files each holds, for the loader's fast path. */
function indexServices(dataDir) {
  const services = {};
  for (const name of readdirSync(dataDir).sort()) {
    const serviceDir = join(dataDir, name);
    if (!statSync(serviceDir).isDirectory()) continue;
    const versions = {};
    for (const version of readdirSync(serviceDir).sort()) {
      const versionDir = join(serviceDir, version);
      if (!statSync(versionDir).isDirectory()) continue;
      versions[version] = readdirSync(versionDir).sort();
    }
    services[name] = versions;
  }
  return services;
}

const source = locate();
const manifestPath = join(out, "manifest.json");
if (existsSync(manifestPath) && !process.env.BOTO3TS_REBUILD_DATA) {
  const old = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (existsSync(join(out, "xform-overrides.json")) && old.botocore === source.botocore && old.botocore_version === source.botocore_version &&
      old.boto3 === source.boto3 && old.boto3_version === source.boto3_version) {
    console.log(`boto3-ts: model data is current (botocore ${source.botocore_version}).`);
    process.exit(0);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(source.botocore, join(out, "botocore"), {
  recursive: true,
  filter: (path) => !path.endsWith(".py") && !path.includes("__pycache__"),
});
if (source.boto3 && existsSync(source.boto3)) {
  cpSync(source.boto3, join(out, "boto3"), {
    recursive: true,
    filter: (path) => !path.endsWith(".py") && !path.includes("__pycache__"),
  });
}
// botocore's hand-kept exceptions to its snake_case rule (e.g. CreateCachediSCSIVolume).
const { xform_overrides: xformOverrides = {}, ...sourceInfo } = source;
writeFileSync(join(out, "xform-overrides.json"), JSON.stringify(xformOverrides));
const manifest = {
  ...sourceInfo,
  built_at: new Date().toISOString(),
  index: {
    botocore: indexServices(join(out, "botocore")),
    boto3: existsSync(join(out, "boto3")) ? indexServices(join(out, "boto3")) : {},
  },
};
writeFileSync(manifestPath, JSON.stringify(manifest));
const count = Object.keys(manifest.index.botocore).length;
console.log(`boto3-ts: model data built from botocore ${source.botocore_version} (${count} services) into data/.`);
