/**
 * Differential testing against botocore's own handlers: one python3
 * process per test file runs every case of the file (JSON in, JSON out),
 * and models are loaded here from the same botocore data.
 */
import { spawnSync } from "node:child_process";
import { BUILTIN_DATA_PATH, Loader } from "../../../../src/models/loader.js";
import { type OperationModel, type RawServiceModel, ServiceModel } from "../../../../src/models/service-model.js";

// Python helpers every script can use: a botocore session, operation models,
// JSON that carries bytes as {"__bytes__": base64}, and run_calls(cases)
// (see botocoreCalls) for end-to-end cases.
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
import datetime
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError
import io
class Raw(io.BytesIO):
    def stream(self, *a, **k):
        yield self.getvalue()
def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if hasattr(value, "read"):
        return value.read()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
def run_calls(calls):
    out = []
    for case in calls:
        from botocore.config import Config
        client = _session.create_client(case["service"], region_name=case.get("region") or "us-east-1",
                                        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="SECRET",
                                        config=Config(**case["config"]) if case.get("config") else None)
        sent = []
        queue = list(case["responses"])
        def answer(request, **kwargs):
            body = request.body
            if hasattr(body, "read"):
                if hasattr(body, "tell"):
                    pos = body.tell(); data = body.read(); body.seek(pos)
                else:
                    data = body.read()
                body = data
            if isinstance(body, str): body = body.encode()
            sent.append({"method": request.method, "url": request.url, "headers": {k: (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()},
                         "body": (body or b"").decode("utf-8", "replace")})
            spec = queue.pop(0) if len(queue) > 1 else queue[0]
            content = (spec.get("body") or "").encode()
            response = AWSResponse(request.url, spec.get("status_code") or 200, spec.get("headers") or {}, Raw(content))
            response._content = content
            return response
        client.meta.events.register("before-send", answer)
        entry = {"sent": sent}
        import botocore.auth
        real_now = botocore.auth.get_current_datetime
        if case.get("freezeTime"):
            frozen = datetime.datetime.strptime(case["freezeTime"], "%Y-%m-%dT%H:%M:%SZ")
            botocore.auth.get_current_datetime = lambda: frozen
        try:
            result = getattr(client, case["method"])(**case["params"])
            result.pop("ResponseMetadata", None)
            entry["result"] = plain(result)
        except ClientError as e:
            entry["error"] = {"error": "ClientError", "class": type(e).__name__, "code": e.response["Error"].get("Code"), "message": str(e)}
        except Exception as e:
            entry["error"] = error_of(e)
        finally:
            botocore.auth.get_current_datetime = real_now
        out.append(entry)
    return out
CASES = from_json(json.load(sys.stdin))
`;

/** The environment without any AWS_ variable of the machine running the tests. */
function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("AWS_") && value !== undefined) env[name] = value;
  return env;
}

/** Runs `script` (after the prelude, with the cases as `CASES`) and returns what it prints as JSON. */
export function runBotocore<T>(script: string, cases: unknown): T {
  const result = spawnSync("python3", ["-c", `${PRELUDE}\n${script}`], {
    input: JSON.stringify(toJson(cases)),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...isolatedEnv(), AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
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

/** One call made through a botocore client whose responses are canned. */
export interface CallCase {
  service: string;
  region?: string;
  /** boto3's method name. */
  method: string;
  params: Record<string, unknown>;
  /** Config options for the client. */
  config?: Record<string, unknown>;
  /** Signing time (ISO 8601, UTC), so that signatures and presigned URLs compare. */
  freezeTime?: string;
  responses: { status_code?: number; headers?: Record<string, string>; body?: string }[];
}

/** What a botocore call sent and returned (or raised). */
export interface CallOutcome {
  sent: { method: string; url: string; headers: Record<string, string>; body: string }[];
  result?: Record<string, unknown>;
  /** `class` is the modeled error class's name, for service errors. */
  error?: { error: string; class?: string; code?: string; message: string };
}

const VOLATILE_HEADERS = new Set(["user-agent", "x-amz-date", "authorization", "amz-sdk-invocation-id", "amz-sdk-request", "x-amz-security-token"]);

/**
 * Sent requests with lower-cased header names, leaving out the headers that
 * differ by time, client or SDK. JSON bodies compare as documents: botocore
 * writes `json.dumps` spacing, which is the JSON serializer's business, not
 * the customizations' (their length goes with them).
 */
export function comparable(outcome: CallOutcome): CallOutcome {
  const sent = outcome.sent.map((r) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.headers)) if (!VOLATILE_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    let body: unknown = r.body;
    if (/json/.test(headers["content-type"] ?? "") && r.body !== "") {
      body = JSON.parse(r.body) as unknown;
      delete headers["content-length"];
    }
    return { ...r, headers, body: body as string };
  });
  return { ...outcome, sent };
}

/** Runs each call through a real botocore client, answering from its canned responses in a before-send handler. */
export function botocoreCalls(cases: readonly CallCase[]): CallOutcome[] {
  return runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", cases);
}
