/**
 * Clients for end-to-end tests of customizations: isolated from the
 * machine's AWS files and environment, with fixed credentials, and a
 * before-send handler that answers from a queue of canned responses (no
 * network) while recording every request the pipeline would have sent.
 */
import { mock } from "node:test";
import type { ClientOptions } from "../../../../src/client/create-client.js";
import type { ServiceClient } from "../../../../src/client/base-client.js";
import type { AWSPreparedRequest } from "../../../../src/http/types.js";
import { Config } from "../../../../src/config/config.js";
import { Session } from "../../../../src/session.js";
import { applyClientCustomizations } from "../../../../src/services/index.js";
import type { CallCase, CallOutcome } from "./botocore.js";

// Nothing from the machine running the tests may change what a client does.
for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";

/** A canned HTTP response. */
export interface Canned {
  status_code?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A client whose requests are recorded and answered from `responses`, in order. */
export interface RecordingClient {
  client: ServiceClient;
  /** Every request sent, as the transport would have received it. */
  sent: AWSPreparedRequest[];
  /** Responses still to give; the last one is repeated when the queue runs dry. */
  responses: Canned[];
}

/** A client of `service` with fixed credentials whose requests never leave the process. */
export function recordingClient(service: string, options: ClientOptions = {}, responses: Canned[] = [{}]): RecordingClient {
  const session = new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "SECRET", region_name: "us-east-1" });
  const client = session.client(service, options) as unknown as ServiceClient;
  // What create-client is to call for every client; idempotent, so harmless once it does.
  applyClientCustomizations(client);
  const recording: RecordingClient = { client, sent: [], responses };
  client.meta.events.register("before-send", ({ request }) => {
    recording.sent.push({ ...request, headers: { ...request.headers } });
    const next = recording.responses.length > 1 ? recording.responses.shift()! : recording.responses[0] ?? {};
    const body = next.body ?? "";
    return {
      status_code: next.status_code ?? 200,
      headers: next.headers ?? {},
      content: typeof body === "string" ? Buffer.from(body) : body,
    } as never;
  });
  return recording;
}

/** A request body as text. */
export function bodyText(request: AWSPreparedRequest): string {
  const body = request.body;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  return "";
}

/** Python's `datetime.isoformat()` of an aware UTC datetime, as botocore results print. */
function pyIsoformat(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms === 0 ? "" : `.${String(ms).padStart(3, "0")}000`}+00:00`;
}

/** Results in the JSON form the botocore side produces: dates as isoformat text, streams read to text. */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Date) return pyIsoformat(value);
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value !== null && typeof value === "object" && typeof (value as { read?: unknown }).read === "function") {
    return new Uint8Array(await (value as { read(): Promise<Uint8Array> }).read());
  }
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

/** The same calls as `botocoreCalls`, made through boto3-ts clients. */
export async function runCalls(cases: readonly CallCase[]): Promise<CallOutcome[]> {
  const out: CallOutcome[] = [];
  for (const c of cases) {
    const options = { region_name: c.region ?? "us-east-1", ...(c.config !== undefined ? { config: new Config(c.config) } : {}) };
    const recording = recordingClient(c.service, options, c.responses.map((r) => ({ ...r })));
    const entry: CallOutcome = { sent: [] };
    if (c.freezeTime !== undefined) mock.timers.enable({ apis: ["Date"], now: new Date(c.freezeTime) });
    try {
      const method = recording.client[c.method] as (params: Record<string, unknown>) => Promise<Record<string, unknown>>;
      const result = await method.call(recording.client, structuredClone(c.params));
      delete result.ResponseMetadata;
      entry.result = (await plain(result)) as Record<string, unknown>;
    } catch (error) {
      const e = error as Error & { response?: { Error?: { Code?: string } } };
      if (e.response !== undefined) {
        entry.error = { error: "ClientError", class: e.constructor.name, message: e.message };
        if (e.response.Error?.Code !== undefined) entry.error.code = e.response.Error.Code;
      } else {
        entry.error = { error: e.constructor.name, message: e.message };
      }
    } finally {
      if (c.freezeTime !== undefined) mock.timers.reset();
    }
    entry.sent = recording.sent.map((r) => ({ method: r.method, url: r.url, headers: r.headers, body: bodyText(r) }));
    out.push(entry);
  }
  return out;
}
