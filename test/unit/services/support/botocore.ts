/**
 * Differential testing against botocore's own handlers: one python3
 * process per test file runs every case of the file (JSON in, JSON out),
 * and models are loaded here from the same botocore data.
 */
import { spawnSync } from "node:child_process";
import { BUILTIN_DATA_PATH, Loader } from "../../../../src/models/loader.js";
import { type OperationModel, type RawServiceModel, ServiceModel } from "../../../../src/models/service-model.js";

// Python helpers every script can use: a botocore session, operation models,
// and JSON that carries bytes as {"__bytes__": base64}.
const PRELUDE = String.raw`
import base64, json, sys, os
import botocore.session, botocore.handlers as handlers
from botocore.model import OperationModel
_session = botocore.session.get_session()
_models = {}
def service_model(name):
    if name not in _models:
        _models[name] = _session.get_service_model(name)
    return _models[name]
def op_model(service, op):
    return service_model(service).operation_model(op)
def from_json(value):
    if isinstance(value, dict):
        if set(value) == {"__bytes__"}:
            return base64.b64decode(value["__bytes__"])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value
def to_json(value):
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value
def error_of(exc):
    return {"error": type(exc).__name__, "message": str(exc)}
CASES = from_json(json.load(sys.stdin))
`;

/** Runs `script` (after the prelude, with the cases as `CASES`) and returns what it prints as JSON. */
export function runBotocore<T>(script: string, cases: unknown): T {
  const result = spawnSync("python3", ["-c", `${PRELUDE}\n${script}`], {
    input: JSON.stringify(toJson(cases)),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return fromJson(JSON.parse(result.stdout)) as T;
}

/** Bytes as `{__bytes__: base64}`, the form the Python side reads and writes. */
export function toJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __bytes__: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

/** The reverse of toJson. */
export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "__bytes__") return new Uint8Array(Buffer.from(entries[0]![1] as string, "base64"));
    return Object.fromEntries(entries.map(([k, v]) => [k, fromJson(v)]));
  }
  return value;
}

// Only the built-in data, which the build made from the installed botocore: ~/.aws/models must not leak in.
const loader = new Loader({ extraSearchPaths: [BUILTIN_DATA_PATH], includeDefaultSearchPaths: false });

/** A fresh service model (its own copy of the document, so handlers that edit the model edit only it). */
export function freshServiceModel(service: string): ServiceModel {
  const raw = structuredClone(loader.load_service_model(service, "service-2")) as RawServiceModel;
  return new ServiceModel(raw, service);
}

const shared = new Map<string, ServiceModel>();

/** A shared service model for read-only use. */
export function serviceModel(service: string): ServiceModel {
  let model = shared.get(service);
  if (model === undefined) shared.set(service, (model = freshServiceModel(service)));
  return model;
}

/** An operation model from the shared service model. */
export function operationModel(service: string, operation: string): OperationModel {
  return serviceModel(service).operation_model(operation);
}

/** The error a call throws, as `{error, message}` (botocore's class name and text), or undefined. */
export function errorOf(fn: () => unknown): { error: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    const e = error as Error;
    return { error: e.constructor.name, message: e.message };
  }
}
