#!/usr/bin/env node
// Generates the static types of every service client from the model data
// that scripts/build-data.mjs assembled (data/botocore): one declaration
// file per service (its client interface, its `client.exceptions`, and a
// type per structure, union and enum shape) and an index that maps each
// service name to its client type, which src/client/service-client-map.ts
// extends so that `boto3.client("s3")` is an S3Client.
//
// Written to src/services-types/ (ignored by git; the repo's own tsconfig
// compiles against it) and hard-linked into dist/src/services-types/, where
// the published declarations (dist/src/client/service-client-map.d.ts) find
// them; `wiring.d.ts` there is what ServiceClientMap extends (see
// REPO_SEES_TYPES below). Nothing here is committed. The `build` script runs
// this after build-data.mjs and before tsc; `npm test` runs it too, and it
// returns at once when its output is current.
//
// What the types say is what the runtime does: see src/client/model-types.ts
// for the value forms, and the botocore customizations table below.
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(root, "data", "botocore");
const srcOut = join(root, "src", "services-types");
const distOut = join(root, "dist", "src", "services-types");
const started = performance.now();

function fail(message) {
  console.error(`\nboto3-ts: cannot generate the service types.\n${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// botocore's customizations that change what a caller passes or gets back,
// as src/services/ implements them (the list there is the reference; the
// test in test/types/ checks the method tables against it).

/** Methods removed from a client class (botocore's `remove_*` creating-client-class handlers). */
const REMOVED_METHODS = {
  "bedrock-runtime": ["invoke_model_with_bidirectional_stream"],
  connecthealth: ["start_medical_scribe_listening_session"],
  "lexv2-runtime": ["start_conversation"],
  polly: ["start_speech_synthesis_stream"],
  qbusiness: ["chat"],
};

/** Extra method names (botocore's ClientMethodAlias): alias → method. */
const METHOD_ALIASES = {
  cloudwatch: { get_o_tel_enrichment: "get_otel_enrichment", start_o_tel_enrichment: "start_otel_enrichment", stop_o_tel_enrichment: "stop_otel_enrichment" },
  mturk: { list_hi_ts_for_qualification_type: "list_hits_for_qualification_type" },
  socialmessaging: { delete_whatsapp_media_message: "delete_whatsapp_message_media" },
};

/** Parameter aliases (botocore's ParameterAlias): the documented name replaces the model's. Operation "*" is every operation. */
const PARAMETER_ALIASES = {
  ec2: { "*": { Filter: "Filters" } },
  logs: { CreateExportTask: { from: "fromTime" } },
  cloudsearchdomain: { Search: { return: "returnFields" } },
};

/** Input members botocore fills in when left out, so callers need not pass them. */
const INJECTED_MEMBERS = { glacier: ["accountId"] };

/** Input members that take more than the model says. */
const WIDER_INPUTS = {
  s3: {
    // handle_copy_source_param: "bucket/key[?versionId=...]" or {Bucket, Key, VersionId}.
    CopyObject: { CopySource: "string | { Bucket: string; Key: string; VersionId?: string }" },
    UploadPartCopy: { CopySource: "string | { Bucket: string; Key: string; VersionId?: string }" },
  },
};

/** Output members decoded from JSON text by an after-call handler (text that is not JSON stays a string). */
const JSON_DECODED_OUTPUTS = {
  cloudformation: { GetTemplate: ["TemplateBody"] },
};

/** String shapes decoded from JSON wherever they sit in a result (iam's json_decode_policies). */
const JSON_DECODED_SHAPES = { iam: ["policyDocumentType"] };

// ---------------------------------------------------------------------------
// The model data.

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** botocore.utils.deep_merge, as build-data.mjs and the loader apply sdk-extras. */
function deepMerge(base, extra) {
  for (const [key, value] of Object.entries(extra)) {
    const current = base[key];
    const both = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (both(current) && both(value)) deepMerge(current, value);
    else base[key] = value;
  }
}

/** Every service with a service-2 model, at its latest API version (the version clients load by default). */
function listServices() {
  const manifestPath = join(root, "data", "manifest.json");
  if (!existsSync(manifestPath)) fail("data/manifest.json is missing: run `node scripts/build-data.mjs` first (npm run build does).");
  const manifest = readJson(manifestPath);
  const out = [];
  for (const [name, versions] of Object.entries(manifest.index.botocore)) {
    const withModel = Object.keys(versions).filter((v) => versions[v].some((f) => f === "service-2.json" || f === "service-2.json.gz")).sort();
    if (withModel.length === 0) continue;
    const version = withModel.at(-1);
    out.push({ name, version, files: versions[version] });
  }
  return { services: out, botocoreVersion: manifest.botocore_version, builtAt: manifest.built_at };
}

/**
 * The original model (with its documentation) plus its sdk-extras: the
 * compiled service-2.json the runtime reads is exactly this without the
 * documentation, and the generator takes each operation's first sentence.
 */
function loadModel({ name, version, files }) {
  const dir = join(dataDir, name, version);
  const model = files.includes("service-2.json.gz")
    ? JSON.parse(gunzipSync(readFileSync(join(dir, "service-2.json.gz"))).toString("utf8"))
    : readJson(join(dir, "service-2.json"));
  if (files.includes("service-2.sdk-extras.json")) deepMerge(model, readJson(join(dir, "service-2.sdk-extras.json")).merge ?? {});
  const summary = files.includes("service-2.summary.json") ? readJson(join(dir, "service-2.summary.json")) : undefined;
  return { model, summary };
}

// ---------------------------------------------------------------------------
// Text.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyName(name) {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function pascal(text) {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join("");
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The first sentence of an HTML documentation string, as one safe comment line. */
function firstSentence(html) {
  if (typeof html !== "string" || html === "") return "";
  let text = html.replace(/<(note|important)>[\s\S]*?<\/\1>/g, " ");
  if (!/[A-Za-z]/.test(text.replace(/<[^>]*>/g, ""))) text = html;
  text = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#\d+|#x[0-9a-fA-F]+|[a-z]+);/g, (all, e) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? all),
    )
    .replace(/\s+/g, " ")
    .trim();
  const end = /[.!?](\s|$)/.exec(text);
  let sentence = end === null ? text : text.slice(0, end.index + 1);
  if (sentence.length > 240) sentence = `${sentence.slice(0, 237).replace(/\s+\S*$/, "")}...`;
  // `*/` would end the comment; `@` after a space would start a TSDoc tag.
  return sentence.replace(/\*\//g, "*\\/").replace(/(^|\s)@/g, "$1");
}

function deprecatedTag(ref) {
  if (ref.deprecated !== true) return "";
  const message = typeof ref.deprecatedMessage === "string" ? ` ${firstSentence(ref.deprecatedMessage)}` : "";
  return `@deprecated${message}`;
}

// ---------------------------------------------------------------------------
// One service.

/**
 * The declarations of one service. Every shape a caller passes has an
 * "input" form and every shape a result holds an "output" form; where the
 * two are the same type (no required members, no timestamps, blobs, longs,
 * documents or unions anywhere below) one declaration serves both, under
 * the shape's name, as does a shape only one direction uses. Otherwise the
 * output form keeps the name and the input form is `<Name>Input`.
 */
function generateService(service, model, summary, botocoreVersion) {
  const { name: serviceName, version } = service;
  const shapes = model.shapes ?? {};
  const operations = model.operations ?? {};
  const metadata = model.metadata ?? {};
  const operationNames = Object.keys(operations);
  const methods = summary?.methods ?? operationNames.map(xformName);
  const taken = new Set(Object.keys(shapes));

  const unique = (base) => {
    let candidate = base;
    while (taken.has(candidate)) candidate += "_";
    taken.add(candidate);
    return candidate;
  };
  const prefix = pascal(metadata.serviceId ?? serviceName) || pascal(serviceName);
  const clientName = unique(`${prefix}Client`);
  const exceptionsName = unique(`${prefix}Exceptions`);

  // Operation-level adjustments, by top-level shape.
  const aliases = PARAMETER_ALIASES[serviceName] ?? {};
  const injected = INJECTED_MEMBERS[serviceName] ?? [];
  const wider = WIDER_INPUTS[serviceName] ?? {};
  const jsonOutputs = JSON_DECODED_OUTPUTS[serviceName] ?? {};
  const jsonShapes = new Set(JSON_DECODED_SHAPES[serviceName] ?? []);
  /** input shape name → { renames, optional (required members filled in when left out), wider, streamingPayload } */
  const inputAdjust = new Map();
  /** output shape name → { streamingPayload, extra, json } */
  const outputAdjust = new Map();
  for (const opName of operationNames) {
    const op = operations[opName];
    if (op.input !== undefined) {
      const shape = shapes[op.input.shape];
      const adjust = inputAdjust.get(op.input.shape) ?? { renames: {}, optional: new Set(), wider: {}, streamingPayload: false };
      for (const [original, alias] of Object.entries({ ...(aliases["*"] ?? {}), ...(aliases[opName] ?? {}) })) {
        if (shape.members?.[original] !== undefined) adjust.renames[original] = alias;
      }
      for (const member of shape.required ?? []) {
        if (shape.members[member]?.idempotencyToken === true || injected.includes(member)) adjust.optional.add(member);
      }
      Object.assign(adjust.wider, wider[opName] ?? {});
      if (shape.payload !== undefined && shapes[shape.members[shape.payload].shape]?.type === "blob") adjust.streamingPayload = true;
      inputAdjust.set(op.input.shape, adjust);
    }
    if (op.output !== undefined) {
      const shape = shapes[op.output.shape];
      const adjust = outputAdjust.get(op.output.shape) ?? { streamingPayload: false, extra: {}, json: new Set() };
      if (shape.payload !== undefined && shapes[shape.members[shape.payload].shape]?.type === "blob") adjust.streamingPayload = true;
      // handle_expires_header: the raw header text beside the parsed `Expires`.
      if (serviceName === "s3") {
        for (const ref of Object.values(shape.members ?? {})) {
          if (ref.shape === "Expires" && ref.locationName === "Expires" && shape.members.ExpiresString === undefined) adjust.extra.ExpiresString = "string";
        }
      }
      for (const member of jsonOutputs[opName] ?? []) adjust.json.add(member);
      outputAdjust.set(op.output.shape, adjust);
    }
  }
  const hasAdjustment = (name) => {
    const i = inputAdjust.get(name);
    const o = outputAdjust.get(name);
    return (i !== undefined && (Object.keys(i.renames).length > 0 || i.optional.size > 0 || Object.keys(i.wider).length > 0 || i.streamingPayload)) ||
      (o !== undefined && (o.streamingPayload || Object.keys(o.extra).length > 0 || o.json.size > 0));
  };

  const isJsonValueHeader = (ref) => ref.jsonvalue === true && ref.location === "header" && shapes[ref.shape]?.type === "string";
  const isEnum = (shape) => shape.type === "string" && Array.isArray(shape.enum) && shape.enum.length > 0;
  const isNamed = (shape) => shape.type === "structure" ? shape.document !== true : isEnum(shape);

  // Which shapes each direction reaches.
  const reached = { in: new Set(), out: new Set() };
  const reach = (start, mode) => {
    const stack = [start];
    const seen = reached[mode];
    while (stack.length > 0) {
      const name = stack.pop();
      if (seen.has(name)) continue;
      seen.add(name);
      const shape = shapes[name];
      if (shape === undefined) fail(`${serviceName}: shape ${name} is referenced but not defined.`);
      if (shape.type === "structure") for (const ref of Object.values(shape.members ?? {})) stack.push(ref.shape);
      else if (shape.type === "list") stack.push(shape.member.shape);
      else if (shape.type === "map") stack.push(shape.key.shape, shape.value.shape);
    }
  };
  for (const opName of operationNames) {
    const op = operations[opName];
    if (op.input !== undefined) reach(op.input.shape, "in");
    if (op.output !== undefined) reach(op.output.shape, "out");
  }
  const errorShapes = Object.keys(shapes).filter((name) => shapes[name].exception === true);
  for (const name of errorShapes) reach(name, "out");

  // Whether a shape's input and output forms differ (the shape graph may cycle).
  const differs = new Map();
  const leafDiffers = (name, shape) => {
    switch (shape.type) {
      case "timestamp":
      case "blob":
      case "long":
        return true;
      case "string":
        return jsonShapes.has(name);
      case "structure":
        // An empty input takes no members at all ($.NoParams), an empty result is just `{}`.
        return shape.document === true || shape.union === true || shape.eventstream === true || (shape.required ?? []).length > 0 ||
          Object.keys(shape.members ?? {}).length === 0 ||
          Object.values(shape.members ?? {}).some(isJsonValueHeader) || hasAdjustment(name);
      default:
        return false;
    }
  };
  // Intrinsic differences, then up to every shape that holds one (through reverse references).
  const holders = new Map();
  const holds = (child, parent) => {
    let list = holders.get(child);
    if (list === undefined) holders.set(child, (list = []));
    list.push(parent);
  };
  const pending = [];
  for (const [name, shape] of Object.entries(shapes)) {
    if (shape.type === "structure") for (const ref of Object.values(shape.members ?? {})) holds(ref.shape, name);
    else if (shape.type === "list") holds(shape.member.shape, name);
    else if (shape.type === "map") holds(shape.value.shape, name);
    const own = leafDiffers(name, shape);
    differs.set(name, own);
    if (own) pending.push(name);
  }
  while (pending.length > 0) {
    for (const parent of holders.get(pending.pop()) ?? []) {
      if (!differs.get(parent)) {
        differs.set(parent, true);
        pending.push(parent);
      }
    }
  }

  // Names of the declared forms.
  const inputNames = new Map();
  const typeName = (name, mode) => {
    if (mode === "out" || !differs.get(name) || !reached.out.has(name) || isEnum(shapes[name])) return name;
    let found = inputNames.get(name);
    if (found === undefined) inputNames.set(name, (found = unique(`${name}Input`)));
    return found;
  };

  /** The type of a value of shape `name` in direction `mode`. */
  const typeOf = (name, mode) => {
    const shape = shapes[name];
    switch (shape.type) {
      case "structure":
        if (shape.document === true) return mode === "in" ? "$.DocumentInput" : "$.JsonValue";
        if (shape.eventstream === true) return `$.EventStream<${typeName(name, mode)}>`;
        return typeName(name, mode);
      case "list":
        return `${typeOf(shape.member.shape, mode)}[]`;
      case "map":
        return `{ [key: string]: ${typeOf(shape.value.shape, mode)} }`;
      case "string":
        if (mode === "out" && jsonShapes.has(name)) return "$.JsonValue";
        return isEnum(shape) ? name : "string";
      case "integer":
      case "float":
      case "double":
        return "number";
      case "long":
        return mode === "in" ? "$.LongInput" : "$.LongOutput";
      case "boolean":
        return "boolean";
      case "timestamp":
        return mode === "in" ? "$.TimestampInput" : "Date";
      case "blob":
        return mode === "in" ? "$.BlobInput" : "Uint8Array";
      default:
        fail(`${serviceName}: shape ${name} has an unknown type ${shape.type}.`);
    }
  };

  const memberType = (ref, mode) => {
    if (isJsonValueHeader(ref)) return mode === "in" ? "$.DocumentInput" : "$.JsonValue";
    return typeOf(ref.shape, mode);
  };

  const memberLine = (member, ref, type, optional) => {
    const deprecated = deprecatedTag(ref);
    const doc = deprecated === "" ? "" : `  /** ${deprecated} */\n`;
    return `${doc}  ${propertyName(member)}${optional ? "?" : ""}: ${type};\n`;
  };

  /** One declared form of a structure, union or event stream shape. */
  const declare = (name, mode) => {
    const shape = shapes[name];
    const declared = typeName(name, mode);
    const members = shape.members ?? {};
    if (shape.union === true || shape.eventstream === true) {
      const fields = [];
      for (const [member, ref] of Object.entries(members)) {
        if (shape.eventstream === true && shapes[ref.shape].exception === true) continue; // error events raise EventStreamError
        fields.push(`${propertyName(member)}: ${memberType(ref, mode)}`);
      }
      if (shape.union === true && mode === "out") fields.push("SDK_UNKNOWN_MEMBER: $.UnknownMember");
      return `export type ${declared} = $.OneOf<{ ${fields.join("; ")}${fields.length > 0 ? ";" : ""} }>;\n`;
    }
    if (mode === "in" && Object.keys(members).length === 0) return `export type ${declared} = $.NoParams;\n`;
    const required = new Set(mode === "in" ? shape.required ?? [] : []);
    const inAdjust = mode === "in" ? inputAdjust.get(name) : undefined;
    const outAdjust = mode === "out" ? outputAdjust.get(name) : undefined;
    let body = "";
    for (const [member, ref] of Object.entries(members)) {
      let type = memberType(ref, mode);
      let key = member;
      let optional = !required.has(member);
      if (inAdjust !== undefined) {
        if (inAdjust.optional.has(member)) optional = true;
        if (inAdjust.renames[member] !== undefined) key = inAdjust.renames[member];
        if (inAdjust.wider[member] !== undefined) type = inAdjust.wider[member];
        else if (inAdjust.streamingPayload && shape.payload === member) type = "$.StreamingBlobInput";
      }
      if (outAdjust !== undefined) {
        if (outAdjust.streamingPayload && shape.payload === member) type = "$.StreamingBlobOutput";
        if (outAdjust.json.has(member)) type = "$.JsonValue";
      }
      body += memberLine(key, ref, type, optional);
    }
    for (const [member, type] of Object.entries(outAdjust?.extra ?? {})) body += memberLine(member, {}, type, true);
    return body === "" ? `export interface ${declared} {}\n` : `export interface ${declared} {\n${body}}\n`;
  };

  // The client.
  const removed = new Set(REMOVED_METHODS[serviceName] ?? []);
  const methodAliases = METHOD_ALIASES[serviceName] ?? {};
  const title = metadata.serviceFullName ?? serviceName;
  let client = `/** ${title}: the client \`boto3.client("${serviceName}")\` returns (API version ${version}). */\n`;
  client += `export interface ${clientName} extends $.BaseClient {\n`;
  client += `  /** ${title}'s modeled errors, one class per error shape, with \`ClientError\` and \`from_code\`. */\n`;
  client += `  readonly exceptions: ${exceptionsName};\n`;
  const methodLines = new Map();
  operationNames.forEach((opName, index) => {
    const method = methods[index];
    if (removed.has(method)) return;
    const op = operations[opName];
    let params = "params?: $.NoParams";
    if (op.input !== undefined) {
      const shape = shapes[op.input.shape];
      const adjust = inputAdjust.get(op.input.shape);
      const required = (shape.required ?? []).filter((m) => !adjust?.optional.has(m));
      params = `params${required.length > 0 ? "" : "?"}: ${typeName(op.input.shape, "in")}`;
    }
    const result = op.output !== undefined ? `$.Result<${typeName(op.output.shape, "out")}>` : "$.EmptyResult";
    const sentence = firstSentence(op.documentation);
    const deprecated = deprecatedTag(op);
    const doc = `${sentence === "" ? "" : `${sentence} `}(${opName}; boto3: client.${method})${deprecated === "" ? "" : ` ${deprecated}`}`;
    methodLines.set(method, { doc, signature: `${method}(${params}): Promise<${result}>;` });
  });
  for (const [alias, target] of Object.entries(methodAliases)) {
    const line = methodLines.get(target);
    if (line !== undefined && !methodLines.has(alias)) methodLines.set(alias, { doc: `${line.doc} Another name of ${target}.`, signature: line.signature.replace(target, alias) });
  }
  for (const { doc, signature } of methodLines.values()) client += `  /** ${doc} */\n  ${signature}\n`;
  client += "}\n";

  // client.exceptions.
  let exceptions = `/** \`client.exceptions\` of ${title}: each modeled error class; \`err instanceof\` one narrows \`err.response\`. */\n`;
  exceptions += `export type ${exceptionsName} = $.ModeledExceptions & {\n`;
  for (const name of errorShapes) {
    if (name === "ClientError" || name === "from_code") continue; // the runtime's own members win
    // A query-compatible service's errors carry the code of its query days (x-amzn-query-error), not the model's.
    const code = metadata.awsQueryCompatible !== undefined ? "string" : JSON.stringify(shapes[name].error?.code || name);
    exceptions += `  readonly ${propertyName(name)}: $.ModeledErrorClass<$.ModeledClientError<${code}, ${typeName(name, "out")}>>;\n`;
  }
  exceptions += "};\n";

  // Shapes, in model order.
  let declarations = "";
  for (const [name, shape] of Object.entries(shapes)) {
    if (!isNamed(shape)) continue;
    if (isEnum(shape)) {
      if (!reached.in.has(name) && !reached.out.has(name)) continue;
      declarations += `export type ${name} = ${shape.enum.map((v) => JSON.stringify(String(v))).join(" | ")} | (string & {});\n`;
      continue;
    }
    const inForm = reached.in.has(name);
    const outForm = reached.out.has(name);
    if (outForm) declarations += declare(name, "out");
    if (inForm && (!outForm || differs.get(name))) declarations += declare(name, "in");
  }

  const header =
    `// ${serviceName} ${version}: generated by scripts/generate-types.mjs from botocore ${botocoreVersion}. Do not edit.\n` +
    "// Output forms keep the shape's name; where a shape's input form differs it is <Name>Input.\n" +
    'import type * as $ from "../client/model-types.js";\n\n';
  return { text: header + client + "\n" + exceptions + "\n" + declarations, clientName, title };
}

// botocore's xform_name without its table of exceptions, for models without a summary.
function xformName(name) {
  if (name.includes("_")) return name;
  let work = name;
  const special = /[A-Z]{2,}s$/.exec(work);
  if (special !== null) work = `${work.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
  return work.replace(/(.)([A-Z][a-z]+)/g, "$1_$2").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

// ---------------------------------------------------------------------------
// All services.

/**
 * Whether the repo's own code (src, test, examples, bench) compiles against
 * the typed clients too. Off: src/services-types/wiring.d.ts maps nothing,
 * so the repo's code keeps the untyped `ServiceClient` (some of its tests
 * and the tour call operations with deliberately wrong or possibly-undefined
 * values); test/types checks the generated types directly, and the published
 * wiring in a consumer project. On: the repo compiles as a user's code does.
 */
const REPO_SEES_TYPES = true;

const GENERATED = (botocoreVersion) => `// Generated by scripts/generate-types.mjs from botocore ${botocoreVersion}. Do not edit.\n`;

function wiring(botocoreVersion, typed, why) {
  return (
    GENERATED(botocoreVersion) +
    `// ${why}\n` +
    (typed ? 'import type { ServiceClients } from "./index.js";\n\n' : "\n") +
    "/** What src/client/service-client-map.ts's ServiceClientMap extends. */\n" +
    `export interface GeneratedServiceClientMap${typed ? " extends ServiceClients" : ""} {}\n`
  );
}

function hashOf(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** Hard-links (or copies) the generated files into dist/src/services-types/, with the published wiring. */
function publish(files, botocoreVersion) {
  rmSync(distOut, { recursive: true, force: true });
  mkdirSync(distOut, { recursive: true });
  for (const file of files) {
    try {
      linkSync(join(srcOut, file), join(distOut, file));
    } catch {
      copyFileSync(join(srcOut, file), join(distOut, file));
    }
  }
  writeFileSync(join(distOut, "wiring.d.ts"), wiring(botocoreVersion, true, "The published declarations: `boto3.client(\"s3\")` is an S3Client."));
}

const { services, botocoreVersion, builtAt } = listServices();
const files = ["index.d.ts", ...services.map((s) => `${s.name}.d.ts`)];
const stampPath = join(srcOut, "stamp.json");
const stamp = JSON.stringify({ botocoreVersion, builtAt, generator: hashOf(readFileSync(fileURLToPath(import.meta.url))), REPO_SEES_TYPES });
if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp && !process.env.BOTO3TS_REBUILD_TYPES) {
  // Up to date (npm test runs this too); only make sure dist has them.
  if (!existsSync(join(distOut, "wiring.d.ts")) || !files.every((f) => existsSync(join(distOut, f)))) publish(files, botocoreVersion);
  process.exit(0);
}

rmSync(srcOut, { recursive: true, force: true });
mkdirSync(srcOut, { recursive: true });
// Generated, never committed: this folder ignores itself.
writeFileSync(join(srcOut, ".gitignore"), "*\n");

let bytes = 0;
const entries = [];
for (const service of services) {
  const { model, summary } = loadModel(service);
  const { text, clientName, title } = generateService(service, model, summary, botocoreVersion);
  writeFileSync(join(srcOut, `${service.name}.d.ts`), text);
  bytes += Buffer.byteLength(text);
  entries.push(`  /** ${title} */\n  ${JSON.stringify(service.name)}: import("./${service.name}.js").${clientName};\n`);
}
const index =
  GENERATED(botocoreVersion) +
  `/** Service name → typed client, for the ${services.length} services of botocore ${botocoreVersion}. */\n` +
  `export interface ServiceClients {\n${entries.join("")}}\n`;
writeFileSync(join(srcOut, "index.d.ts"), index);
bytes += Buffer.byteLength(index);
writeFileSync(
  join(srcOut, "wiring.d.ts"),
  wiring(botocoreVersion, REPO_SEES_TYPES, REPO_SEES_TYPES ? "The repo's own code sees the typed clients." : "The repo's own code keeps untyped clients (REPO_SEES_TYPES in scripts/generate-types.mjs); dist/src/services-types/wiring.d.ts maps every service."),
);
publish(files, botocoreVersion);
writeFileSync(stampPath, stamp);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `boto3-ts: types of ${services.length} services generated from botocore ${botocoreVersion} (${(bytes / 1048576).toFixed(1)} MiB) into src/services-types/ and dist/src/services-types/ in ${seconds} s.`,
);
