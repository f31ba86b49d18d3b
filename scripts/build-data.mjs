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
import { gunzipSync } from "node:zlib";
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

/**
 * The documentation text makes up most of a model; nothing at run time reads
 * it, so the loader reads a copy without it. Only documentation at its known
 * places is dropped (a member may itself be named "documentation").
 */
function withoutDocumentation(model) {
  const dropRef = (ref) => {
    if (ref && typeof ref === "object") delete ref.documentation;
  };
  delete model.documentation;
  for (const op of Object.values(model.operations ?? {})) {
    delete op.documentation;
    delete op.documentationUrl;
    dropRef(op.input);
    dropRef(op.output);
    for (const error of op.errors ?? []) dropRef(error);
  }
  for (const shape of Object.values(model.shapes ?? {})) {
    delete shape.documentation;
    for (const member of Object.values(shape.members ?? {})) dropRef(member);
    dropRef(shape.member);
    dropRef(shape.key);
    dropRef(shape.value);
  }
  return model;
}

/**
 * Operation traits that decide, at client creation, which handlers a
 * service's clients get (see ServiceModel.operations_with_trait), so that
 * creating a client never needs the full model.
 */
const SUMMARY_TRAITS = ["endpointoperation", "endpointdiscovery", "httpChecksum.requestValidationModeMember"];

function operationTraits(model) {
  const out = {};
  for (const trait of SUMMARY_TRAITS) {
    const path = trait.split(".");
    out[trait] = Object.keys(model.operations ?? {}).filter((name) => {
      let value = model.operations[name];
      for (const part of path) value = value === undefined || value === null ? undefined : value[part];
      return value !== undefined && value !== null && value !== false;
    });
  }
  return out;
}

/** botocore.utils.deep_merge. */
function deepMerge(base, extra) {
  for (const [key, value] of Object.entries(extra)) {
    const current = base[key];
    const both = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (both(current) && both(value)) deepMerge(current, value);
    else base[key] = value;
  }
}

/**
 * Compiles the built-in botocore data for fast loading:
 * - each service model is also written as plain JSON without documentation
 *   and with its sdk-extras merged (`service-2.json`, which the loader
 *   prefers to the original `service-2.json.gz`);
 * - a summary (`service-2.summary.json`: metadata and operation names),
 *   enough to create a client; the model itself loads on the first call;
 * - each endpoint rule set decompressed.
 */
// botocore's xform_name (the same rule as src/util/naming.ts), for the
// summary's method names; its table of exceptions comes from botocore.
let xformOverrides = {};
function xformName(name) {
  if (name.includes("_")) return name;
  if (xformOverrides[name] !== undefined) return xformOverrides[name];
  let work = name;
  const special = /[A-Z]{2,}s$/.exec(work);
  if (special !== null) work = `${work.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
  return work.replace(/(.)([A-Z][a-z]+)/g, "$1_$2").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function compileModels(dataDir) {
  let count = 0;
  for (const service of readdirSync(dataDir)) {
    const serviceDir = join(dataDir, service);
    if (!statSync(serviceDir).isDirectory()) continue;
    for (const version of readdirSync(serviceDir)) {
      const dir = join(serviceDir, version);
      if (!statSync(dir).isDirectory()) continue;
      const model = join(dir, "service-2.json.gz");
      if (existsSync(model) && !existsSync(join(dir, "service-2.json"))) {
        const parsed = JSON.parse(gunzipSync(readFileSync(model)).toString("utf8"));
        const extras = join(dir, "service-2.sdk-extras.json");
        if (existsSync(extras)) deepMerge(parsed, JSON.parse(readFileSync(extras, "utf8")).merge ?? {});
        writeFileSync(join(dir, "service-2.json"), JSON.stringify(withoutDocumentation(parsed)));
        const operations = Object.keys(parsed.operations ?? {});
        const summary = { metadata: parsed.metadata, operations, methods: operations.map(xformName), traits: operationTraits(parsed) };
        writeFileSync(join(dir, "service-2.summary.json"), JSON.stringify(summary));
        count++;
      }
      const rules = join(dir, "endpoint-rule-set-1.json.gz");
      if (existsSync(rules) && !existsSync(join(dir, "endpoint-rule-set-1.json"))) {
        writeFileSync(join(dir, "endpoint-rule-set-1.json"), gunzipSync(readFileSync(rules)));
      }
    }
  }
  return count;
}

/**
 * endpoints.json split for fast loading: the partitions without their
 * services, and one file per service with its entry in each partition.
 * Clients read only their own service's part.
 */
function splitEndpoints(dataDir, outDir) {
  const endpoints = JSON.parse(readFileSync(join(dataDir, "endpoints.json"), "utf8"));
  mkdirSync(join(outDir, "services"), { recursive: true });
  const byService = {};
  const skeleton = { ...endpoints, partitions: [] };
  for (const partition of endpoints.partitions) {
    const { services, ...rest } = partition;
    skeleton.partitions.push({ ...rest, services: {} });
    for (const [name, data] of Object.entries(services)) (byService[name] ??= {})[partition.partition] = data;
  }
  writeFileSync(join(outDir, "partitions.json"), JSON.stringify(skeleton));
  for (const [name, data] of Object.entries(byService)) writeFileSync(join(outDir, "services", `${name}.json`), JSON.stringify(data));
  return Object.keys(byService).length;
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
xformOverrides = source.xform_overrides ?? {};
const compiled = compileModels(join(out, "botocore"));
const endpointServices = splitEndpoints(join(out, "botocore"), join(out, "endpoints"));

// botocore's hand-kept exceptions to its snake_case rule (e.g. CreateCachediSCSIVolume).
const { xform_overrides: _overrides, ...sourceInfo } = source;
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
console.log(
  `boto3-ts: model data built from botocore ${source.botocore_version} (${count} services, ${compiled} models compiled, endpoints of ${endpointServices} services split) into data/.`,
);
