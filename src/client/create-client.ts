/**
 * Creating a client (boto3's Session.client → botocore's create_client):
 * the configuration is resolved once per distinct set of arguments (see
 * client-template.ts); a client adds its credentials source, its own copy
 * of the event emitter, and `meta`.
 */
import { UNSIGNED, type Config } from "../config/config.js";
import { Credentials } from "../credentials/credentials.js";
import { PartialCredentialsError } from "../exceptions.js";
import { applyClientCustomizations } from "../services/index.js";
import type { Session } from "../session.js";
import { BaseClient, ClientMeta, type ServiceClient } from "./base-client.js";
import { templateFor } from "./client-template.js";
import { makeApiCall } from "./pipeline.js";
import type { ClientRuntime, CredentialSource, ServiceRuntime } from "./runtime.js";

/** Options of `Session.client()` (boto3's keyword arguments). */
export interface ClientOptions {
  region_name?: string | null;
  api_version?: string | null;
  use_ssl?: boolean;
  /** false to skip TLS verification, or a CA bundle path. */
  verify?: boolean | string | null;
  endpoint_url?: string | null;
  aws_access_key_id?: string | null;
  aws_secret_access_key?: string | null;
  aws_session_token?: string | null;
  aws_account_id?: string | null;
  config?: Config | null;
}

type ClientClass = new (meta: ClientMeta, runtime: ClientRuntime, credentials: CredentialSource) => BaseClient;
const clientClasses = new WeakMap<ServiceRuntime, ClientClass>();

/** The service's client class: BaseClient plus one method per operation, made once. */
function clientClassFor(service: ServiceRuntime): ClientClass {
  let cls = clientClasses.get(service);
  if (cls === undefined) {
    const made = class extends BaseClient {};
    Object.defineProperty(made, "name", { value: service.className });
    // The operation methods live on one plain object between the class and
    // BaseClient: adding hundreds of properties to a class prototype one by
    // one costs V8 ~30 µs each (EC2 has 765), filling a plain object ~0.5 µs.
    const methods = Object.create(BaseClient.prototype) as Record<string, unknown>;
    for (const [method, operation] of Object.entries(service.methodNames())) {
      methods[method] = {
        [method](this: BaseClient, params?: Record<string, unknown>) {
          return makeApiCall(this, operation, params ?? {});
        },
      }[method];
    }
    Object.setPrototypeOf(made.prototype, methods);
    cls = made;
    clientClasses.set(service, cls);
  }
  return cls;
}

/** botocore's create_client, for a boto3 Session. */
export function createClient(session: Session, serviceName: string, options: ClientOptions): ServiceClient {
  const template = templateFor(session, serviceName, options);
  const runtime = template.runtime;
  const credentials = credentialSource(session, runtime.config, options);
  const service = runtime.service;
  const meta = new ClientMeta(
    template.events.copy(),
    runtime.config,
    template.endpointUrl,
    template.regionName,
    service.model,
    template.partition,
    service.methodNames(),
  );
  const Client = clientClassFor(service);
  const client = new Client(meta, runtime, credentials) as ServiceClient;
  applyClientCustomizations(client);
  return client;
}

function credentialSource(session: Session, config: Config, options: ClientOptions): CredentialSource {
  if (config.signature_version === UNSIGNED) return { kind: "unsigned" };
  const key = options.aws_access_key_id ?? null;
  const secret = options.aws_secret_access_key ?? null;
  if (key !== null && secret !== null) {
    const credentials = new Credentials(key, secret, options.aws_session_token ?? null, "explicit", options.aws_account_id ?? null);
    return { kind: "explicit", credentials };
  }
  if (key !== null || secret !== null) {
    throw new PartialCredentialsError({ provider: "explicit", cred_var: key !== null ? "aws_secret_access_key" : "aws_access_key_id" });
  }
  return { kind: "session", load: () => session.get_credentials() };
}
