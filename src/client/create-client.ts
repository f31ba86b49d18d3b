/**
 * Creating a client (botocore's Session.create_client and ClientCreator):
 * resolve the region, credentials source, endpoint facts and final Config,
 * then build a client of the service's class. Everything derived from the
 * model is cached per model; a client adds only its own small state.
 */
import { Config, UNSIGNED } from "../config/config.js";
import type { SessionConfigStore } from "../config/config-store.js";
import { DefaultConfigResolver, resolveAutoMode, smartDefaultOverrides, type DefaultConfigurationData } from "../config/smart-defaults.js";
import type { Loader } from "../models/loader.js";
import type { Credentials } from "../credentials/credentials.js";
import { Credentials as CredentialsClass } from "../credentials/credentials.js";
import { createEndpointResolver, loadEndpointRuleset, normalizeFipsRegion, validateRegionName } from "../endpoints/resolver.js";
import { InvalidDefaultsMode, PartialCredentialsError } from "../exceptions.js";
import { getTransport } from "../http/transport.js";
import { ServiceModel, type RawServiceModel } from "../models/service-model.js";
import { createRetryStrategy } from "../retries/index.js";
import type { Session } from "../session.js";
import { BaseClient, ClientMeta, type ServiceClient } from "./base-client.js";
import { computeClientArgs } from "./client-args.js";
import { ClientEndpointBridge, resolveAuthType } from "./endpoint-bridge.js";
import { makeApiCall } from "./pipeline.js";
import { ServiceRuntime, type ClientRuntime, type CredentialSource } from "./runtime.js";
import { applyCustomizations } from "../services/index.js";
import { userAgentFor } from "./user-agent.js";

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


const serviceModels = new WeakMap<object, Map<string, ServiceModel>>();
const serviceRuntimes = new WeakMap<ServiceModel, ServiceRuntime>();
const clientClasses = new WeakMap<ServiceRuntime, new (meta: ClientMeta, runtime: ClientRuntime) => BaseClient>();

/** The ServiceModel for a loaded model document, shared by every client that loads the same document. */
export function serviceModelFor(raw: RawServiceModel, serviceName: string): ServiceModel {
  let byName = serviceModels.get(raw);
  if (byName === undefined) serviceModels.set(raw, (byName = new Map()));
  let model = byName.get(serviceName);
  if (model === undefined) byName.set(serviceName, (model = new ServiceModel(raw, serviceName)));
  return model;
}

function runtimeFor(model: ServiceModel): ServiceRuntime {
  let runtime = serviceRuntimes.get(model);
  if (runtime === undefined) serviceRuntimes.set(model, (runtime = new ServiceRuntime(model)));
  return runtime;
}

/** The service's client class: BaseClient plus one method per operation, made once. */
function clientClassFor(service: ServiceRuntime): new (meta: ClientMeta, runtime: ClientRuntime) => BaseClient {
  let cls = clientClasses.get(service);
  if (cls === undefined) {
    const made = class extends BaseClient {};
    Object.defineProperty(made, "name", { value: service.className });
    const proto = made.prototype as unknown as Record<string, unknown>;
    for (const [method, operation] of Object.entries(service.methodNames())) {
      const fn = function (this: BaseClient, params?: Record<string, unknown>) {
        return makeApiCall(this, operation, params ?? {});
      };
      Object.defineProperty(fn, "name", { value: method });
      Object.defineProperty(proto, method, { value: fn, writable: true, configurable: true });
    }
    cls = made;
    clientClasses.set(service, cls);
  }
  return cls;
}

/** botocore's create_client, for a boto3 Session. */
export function createClient(session: Session, serviceName: string, options: ClientOptions): ServiceClient {
  const sessionStore = session._config;
  let config = options.config ?? null;
  const defaultConfig = session.get_default_client_config();
  if (config !== null && defaultConfig !== null) config = defaultConfig.merge(config);
  else if (defaultConfig !== null) config = defaultConfig;

  let region = options.region_name ?? null;
  if (region === null) region = config?.region_name ?? ((sessionStore.get_config_variable("region") as string | undefined) ?? null);
  validateRegionName(region);

  const verify = options.verify ?? (sessionStore.get_config_variable("ca_bundle") as string | undefined) ?? null;
  let apiVersion = options.api_version ?? null;
  if (apiVersion === null) {
    const versions = sessionStore.get_config_variable("api_versions") as Record<string, unknown> | undefined;
    const configured = versions?.[serviceName];
    if (typeof configured === "string") apiVersion = configured;
  }

  const credentials = credentialSource(session, config, options);
  const loader = session._loader();
  const store = storeForDefaultsMode(sessionStore, loader, config, region);
  const model = serviceModelFor(loader.load_service_model(serviceName, "service-2", apiVersion) as RawServiceModel, serviceName);
  const service = runtimeFor(model);
  const ruleset = loadEndpointRuleset(loader, serviceName, apiVersion);

  const fips = normalizeFipsRegion(region);
  region = fips.region_name;
  if (fips.use_fips_endpoint) config = config === null ? new Config({ use_fips_endpoint: true }) : config.merge(new Config({ use_fips_endpoint: true }));

  const scopedConfig = store.get_scoped_config();
  const metadata = model.metadata;
  const serviceSignatureVersion = metadata.auth ? resolveAuthType(metadata.auth) : metadata.signatureVersion;
  const bridge = new ClientEndpointBridge(session._legacyEndpoints(), {
    scopedConfig,
    clientConfig: config,
    getConfigVariable: (name) => store.get_config_variable(name),
    serviceSigningName: metadata.signingName,
    serviceSignatureVersion,
  });
  const retryMode = (config?.retries?.mode ?? store.get_config_variable("retry_mode") ?? "legacy") as string;
  const args = computeClientArgs({
    store,
    serviceModel: model,
    bridge,
    regionName: region,
    isSecure: options.use_ssl !== false,
    endpointUrl: options.endpoint_url ?? null,
    serviceName,
    clientConfig: config,
    scopedConfig,
    userAgent: userAgentFor({
      userAgent: config?.user_agent,
      userAgentExtra: config?.user_agent_extra,
      appId: config?.user_agent_appid ?? (store.get_config_variable("user_agent_appid") as string | undefined),
      retryMode,
    }),
  });
  const finalConfig = args.config;

  const endpointResolver =
    ruleset === null
      ? null
      : createEndpointResolver({
          service_model: model,
          ruleset: ruleset.ruleset,
          partitions: ruleset.partitions,
          region_name: region,
          endpoint_region_name: args.endpoint.region_name,
          endpoint_url: args.configuredEndpointUrl,
          legacy_endpoint_url: args.endpoint.endpoint_url,
          endpoints_data_is_builtin: bridge.resolver_uses_builtin_data(),
          use_fips_endpoint: bridge.resolveVariantConfigVar("use_fips_endpoint"),
          use_dualstack_endpoint: bridge.resolveUseDualstack(model.endpoint_prefix),
          s3: args.s3Config,
          sts_regional_endpoints: store.get_config_variable("sts_regional_endpoints") as string | null,
          account_id: accountIdThunk(credentials),
          account_id_endpoint_mode: finalConfig.account_id_endpoint_mode,
          s3_disable_express_session_auth: finalConfig.s3_disable_express_session_auth,
          is_secure: options.use_ssl !== false,
          client_context_params: config?.client_context_params ?? null,
          signature_version: typeof config?.signature_version === "string" ? config.signature_version : null,
          unsigned: config?.signature_version === UNSIGNED,
          auth_scheme_preference: finalConfig.auth_scheme_preference,
        });

  const retries = finalConfig.retries ?? {};
  const events = session.events.copy();
  const runtime: ClientRuntime = {
    service,
    events,
    config: finalConfig,
    credentials,
    signingRegion: args.endpoint.signing_region,
    signingName: args.endpoint.signing_name,
    signatureVersion: typeof args.endpoint.signature_version === "string" ? args.endpoint.signature_version : "none",
    endpointResolver,
    legacyEndpointUrl: args.endpoint.endpoint_url,
    transport: getTransport({
      max_pool_connections: finalConfig.max_pool_connections ?? undefined,
      connect_timeout: finalConfig.connect_timeout ?? undefined,
      read_timeout: finalConfig.read_timeout ?? undefined,
      verify: verify === null ? undefined : verify,
      client_cert: finalConfig.client_cert ?? undefined,
    }),
    retry: createRetryStrategy({
      mode: (retries.mode ?? "legacy") as "legacy" | "standard" | "adaptive",
      totalMaxAttempts: retries.total_max_attempts ?? undefined,
      serviceModel: model,
      retryConfigData: loader.load_data("_retry"),
    }),
    parameterValidation: args.parameterValidation,
    injectHostPrefix: finalConfig.inject_host_prefix !== false,
    userAgent: finalConfig.user_agent ?? "",
    s3Config: args.s3Config,
  };
  const meta = new ClientMeta(
    events,
    finalConfig,
    args.configuredEndpointUrl ?? args.endpoint.endpoint_url,
    args.endpoint.region_name,
    model,
    args.partition,
    service.methodNames(),
  );
  const Client = clientClassFor(service);
  const client = new Client(meta, runtime) as ServiceClient;
  applyCustomizations(client);
  return client;
}

/**
 * The configuration a client reads: the session's, or for a defaults mode
 * other than legacy, a view whose defaults are that mode's values (botocore
 * copies its config store per client and merges smart defaults into it).
 */
function storeForDefaultsMode(store: SessionConfigStore, loader: Loader, config: Config | null, region: string | null): SessionConfigStore {
  const configured = config?.defaults_mode || store.get_config_variable("defaults_mode") || "legacy";
  const mode = String(configured).toLowerCase();
  if (mode === "legacy") return store;
  let resolver = defaultResolvers.get(loader);
  if (resolver === undefined) {
    resolver = new DefaultConfigResolver(loader.load_data("sdk-default-configuration") as DefaultConfigurationData);
    defaultResolvers.set(loader, resolver);
  }
  const modes = resolver.get_default_modes();
  if (!modes.includes(mode)) throw new InvalidDefaultsMode({ mode: configured, valid_modes: modes.join(", ") });
  // "auto" would ask instance metadata for the instance's region; without it, botocore also ends at "standard".
  const effective = mode === "auto" ? resolveAutoMode(region, store.env) : mode;
  return store.withDefaults(smartDefaultOverrides(resolver.get_default_config_values(effective)));
}

const defaultResolvers = new WeakMap<Loader, DefaultConfigResolver>();

function credentialSource(session: Session, config: Config | null, options: ClientOptions): CredentialSource {
  if (config?.signature_version === UNSIGNED) return { kind: "unsigned" };
  const key = options.aws_access_key_id ?? null;
  const secret = options.aws_secret_access_key ?? null;
  if (key !== null && secret !== null) {
    const credentials = new CredentialsClass(key, secret, options.aws_session_token ?? null, "explicit", options.aws_account_id ?? null);
    return { kind: "explicit", credentials };
  }
  if (key !== null || secret !== null) {
    throw new PartialCredentialsError({ provider: "explicit", cred_var: key !== null ? "aws_secret_access_key" : "aws_access_key_id" });
  }
  return { kind: "session", load: () => session.get_credentials() };
}

function accountIdThunk(source: CredentialSource): (() => unknown) | null {
  if (source.kind === "unsigned") return null;
  if (source.kind === "explicit") return () => source.credentials.account_id;
  // Session credentials resolve asynchronously; the account id is not known synchronously yet.
  return null;
}

export type { Credentials };
