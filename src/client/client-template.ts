/**
 * Everything a client of a service derives from its session's configuration
 * (region, endpoint facts, final Config, endpoint resolver, transport,
 * customization handlers), computed once and shared by every client created
 * with the same arguments, so that the next client costs a few allocations.
 *
 * A template stays valid while nothing it was computed from changed: the
 * environment variables it read (recorded as it read them), the session's
 * own settings, and the session's event registrations. Configuration files
 * are read once per session, as botocore reads them.
 */
import { Config, UNSIGNED } from "../config/config.js";
import type { SessionConfigStore } from "../config/config-store.js";
import type { Env } from "../config/paths.js";
import { DefaultConfigResolver, resolveAutoMode, smartDefaultOverrides, type DefaultConfigurationData } from "../config/smart-defaults.js";
import { createEndpointResolver, loadEndpointRuleset, normalizeFipsRegion, validateRegionName, type EndpointRulesetResolver } from "../endpoints/resolver.js";
import { InvalidDefaultsMode } from "../exceptions.js";
import type { HierarchicalEmitter } from "../events/hierarchical-emitter.js";
import { getTransport } from "../http/transport.js";
import { environProxies } from "../http/proxies.js";
import type { Loader } from "../models/loader.js";
import { ServiceModel, type RawServiceModel } from "../models/service-model.js";
import { applyCustomizations } from "../services/index.js";
import type { Session } from "../session.js";
import { logClientSettings } from "../config/client-setting-sources.js";
import { DEBUG, getLogger } from "../logging/logger.js";
import { computeClientArgs } from "./client-args.js";
import { ClientEndpointBridge, resolveAuthType } from "./endpoint-bridge.js";
import type { ClientOptions } from "./create-client.js";
import { ServiceRuntime, type ClientRuntime } from "./runtime.js";
import { userAgentFor } from "./user-agent.js";

/** What every client made from the same arguments shares. */
export interface ClientTemplate {
  readonly runtime: ClientRuntime;
  /** The session's emitter at the time, plus the service's customization handlers; clients copy it. */
  readonly events: HierarchicalEmitter;
  readonly endpointUrl: string;
  readonly regionName: string | null;
  readonly partition: string;
}

interface CachedTemplate {
  readonly template: ClientTemplate;
  readonly envReads: ReadonlyMap<string, string | undefined>;
  readonly storeVersion: number;
  readonly eventsVersion: number;
}

const endpointLogger = getLogger("botocore.endpoint");
const configLogger = getLogger("botocore.configprovider");

const MAX_TEMPLATES = 256;
const templates = new WeakMap<Session, Map<string, CachedTemplate>>();
const configIds = new WeakMap<Config, number>();
let nextConfigId = 1;

const serviceModels = new Map<string, ServiceModel>();
const serviceRuntimes = new WeakMap<ServiceModel, ServiceRuntime>();
const defaultResolvers = new WeakMap<Loader, DefaultConfigResolver>();

/**
 * The ServiceModel of a service, shared by every client whose loader finds
 * the same model file. From the built-in data it starts from the build's
 * summary and loads the full model on first use.
 */
export function serviceModelFor(loader: Loader, serviceName: string, apiVersion: string | null): ServiceModel {
  const summary = loader.load_service_summary(serviceName, "service-2", apiVersion);
  const version = apiVersion ?? loader.determine_latest_version(serviceName, "service-2");
  const key = `${serviceName}\u0000${loader.locate_data(`${serviceName}/${version}/service-2`)}`;
  let model = serviceModels.get(key);
  if (model === undefined) {
    const load = (): RawServiceModel => loader.load_service_model(serviceName, "service-2", apiVersion) as RawServiceModel;
    model = summary === undefined
      ? new ServiceModel(load(), serviceName)
      : new ServiceModel({ summary, load }, serviceName);
    serviceModels.set(key, model);
  }
  return model;
}

function runtimeFor(model: ServiceModel): ServiceRuntime {
  let runtime = serviceRuntimes.get(model);
  if (runtime === undefined) serviceRuntimes.set(model, (runtime = new ServiceRuntime(model)));
  return runtime;
}

function configId(config: Config | null | undefined): number {
  if (config === null || config === undefined) return 0;
  let id = configIds.get(config);
  if (id === undefined) configIds.set(config, (id = nextConfigId++));
  return id;
}

/** The template for these arguments: cached, or computed (recording what it reads) and cached. */
export function templateFor(session: Session, serviceName: string, options: ClientOptions): ClientTemplate {
  const key = `${serviceName}\u0000${options.region_name ?? ""}\u0000${options.api_version ?? ""}\u0000${options.use_ssl === false ? 0 : 1}\u0000${String(options.verify ?? "")}\u0000${options.endpoint_url ?? ""}\u0000${configId(options.config)}\u0000${configId(session.get_default_client_config())}`;
  let byKey = templates.get(session);
  if (byKey === undefined) templates.set(session, (byKey = new Map()));
  const store = session._config;
  const cached = byKey.get(key);
  if (cached !== undefined && cached.storeVersion === store.version && cached.eventsVersion === session.events.version) {
    let fresh = true;
    for (const [name, value] of cached.envReads) {
      if (store.env[name] !== value) {
        fresh = false;
        break;
      }
    }
    if (fresh) {
      if (configLogger.isEnabledFor(DEBUG)) {
        configLogger.debug("%s: settings as resolved for an earlier client with the same arguments (logged when it was created)", serviceName);
      }
      return cached.template;
    }
  }
  const envReads = new Map<string, string | undefined>();
  const recording = new Proxy(store.env, {
    get(target, name) {
      const value = target[name as string];
      if (typeof name === "string" && !envReads.has(name)) envReads.set(name, value);
      return value;
    },
  }) as Env;
  const storeVersion = store.version;
  const eventsVersion = session.events.version;
  const template = buildTemplate(session, store.withEnv(recording), serviceName, options);
  if (byKey.size >= MAX_TEMPLATES) byKey.clear();
  byKey.set(key, { template, envReads, storeVersion, eventsVersion });
  return template;
}

/** botocore's create_client up to the client object: every setting resolved as botocore resolves it. */
function buildTemplate(session: Session, sessionStore: SessionConfigStore, serviceName: string, options: ClientOptions): ClientTemplate {
  let config = options.config ?? null;
  const defaultConfig = session.get_default_client_config();
  if (config !== null && defaultConfig !== null) config = defaultConfig.merge(config);
  else if (defaultConfig !== null) config = defaultConfig;

  let region = options.region_name ?? null;
  if (region === null) region = config?.region_name ?? ((sessionStore.get_config_variable("region") as string | undefined) ?? null);
  validateRegionName(region);

  // botocore's Endpoint honours REQUESTS_CA_BUNDLE when nothing else names a bundle (requests' variable).
  const verify =
    options.verify ?? (sessionStore.get_config_variable("ca_bundle") as string | undefined) ?? sessionStore.env["REQUESTS_CA_BUNDLE"] ?? null;
  let apiVersion = options.api_version ?? null;
  if (apiVersion === null) {
    const versions = sessionStore.get_config_variable("api_versions") as Record<string, unknown> | undefined;
    const configured = versions?.[serviceName];
    if (typeof configured === "string") apiVersion = configured;
  }

  sessionStore.get_config_variable("data_path"); // recorded: the loader depends on it
  const loader = session._loader();
  const { store, mode: defaultsMode } = storeForDefaultsMode(sessionStore, loader, config, region);
  const model = serviceModelFor(loader, serviceName, apiVersion);
  const service = runtimeFor(model);

  const regionArgument = region;
  const fips = normalizeFipsRegion(region);
  region = fips.region_name;
  if (fips.use_fips_endpoint) config = config === null ? new Config({ use_fips_endpoint: true }) : config.merge(new Config({ use_fips_endpoint: true }));

  const scopedConfig = store.get_scoped_config();
  const metadata = model.metadata;
  const bridge = new ClientEndpointBridge(session._legacyEndpoints(), {
    scopedConfig,
    clientConfig: config,
    getConfigVariable: (name) => store.get_config_variable(name),
    serviceSigningName: metadata.signingName,
    serviceSignatureVersion: metadata.auth ? resolveAuthType(metadata.auth) : metadata.signatureVersion,
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
  logClientSettings(() => ({
    serviceName,
    store,
    options,
    config,
    finalConfig,
    region,
    fipsRegion: fips.use_fips_endpoint && region !== regionArgument,
    apiVersion: model.api_version,
    verify,
    endpointUrl: args.configuredEndpointUrl,
    parameterValidation: args.parameterValidation,
    defaultsMode,
    endpointPrefix: model.endpoint_prefix,
  }));
  if (endpointLogger.isEnabledFor(DEBUG)) {
    const timeout = `(${String(finalConfig.connect_timeout ?? 60)}, ${String(finalConfig.read_timeout ?? 60)})`;
    endpointLogger.debug("Setting %s timeout as %s", model.endpoint_prefix, timeout);
  }

  // The rule set is loaded and compiled on the first call, not here: clients are often made and never used.
  const endpointOptions = {
    service_model: model,
    region_name: region,
    endpoint_region_name: args.endpoint.region_name,
    endpoint_url: args.configuredEndpointUrl,
    legacy_endpoint_url: args.endpoint.endpoint_url,
    endpoints_data_is_builtin: bridge.resolver_uses_builtin_data(),
    use_fips_endpoint: bridge.resolveVariantConfigVar("use_fips_endpoint"),
    use_dualstack_endpoint: bridge.resolveUseDualstack(model.endpoint_prefix),
    s3: args.s3Config,
    sts_regional_endpoints: store.get_config_variable("sts_regional_endpoints") as string | null,
    // The account id comes from the call's credentials, per call (see the pipeline).
    account_id: null,
    account_id_endpoint_mode: finalConfig.account_id_endpoint_mode,
    s3_disable_express_session_auth: finalConfig.s3_disable_express_session_auth,
    is_secure: options.use_ssl !== false,
    client_context_params: config?.client_context_params ?? null,
    signature_version: typeof config?.signature_version === "string" ? config.signature_version : null,
    unsigned: config?.signature_version === UNSIGNED,
    auth_scheme_preference: finalConfig.auth_scheme_preference,
  };
  let endpointResolver: EndpointRulesetResolver | null | undefined;
  const endpoints = (): EndpointRulesetResolver | null => {
    if (endpointResolver === undefined) {
      const ruleset = loadEndpointRuleset(loader, serviceName, apiVersion);
      endpointResolver = ruleset === null ? null : createEndpointResolver({ ...endpointOptions, ruleset: ruleset.ruleset, partitions: ruleset.partitions });
    }
    return endpointResolver;
  };

  const retries = finalConfig.retries ?? {};
  const runtime: ClientRuntime = {
    service,
    config: finalConfig,
    signingRegion: args.endpoint.signing_region,
    signingName: args.endpoint.signing_name,
    signatureVersion: typeof args.endpoint.signature_version === "string" ? args.endpoint.signature_version : "none",
    endpointResolver: endpoints,
    legacyEndpointUrl: args.endpoint.endpoint_url,
    transport: getTransport({
      max_pool_connections: finalConfig.max_pool_connections ?? undefined,
      connect_timeout: finalConfig.connect_timeout ?? undefined,
      read_timeout: finalConfig.read_timeout ?? undefined,
      verify: verify === null ? undefined : verify,
      client_cert: finalConfig.client_cert ?? undefined,
      // botocore's EndpointCreator: Config's proxies, else the environment's for this client's endpoint URL.
      proxies: finalConfig.proxies ?? environProxies(args.configuredEndpointUrl ?? args.endpoint.endpoint_url, sessionStore.env),
      proxies_config: finalConfig.proxies_config,
      tcp_keepalive: ensureTcpKeepalive(finalConfig.tcp_keepalive ?? store.get_config_variable("tcp_keepalive")),
    }),
    retry: {
      mode: String(retries.mode ?? "legacy"),
      totalMaxAttempts: retries.total_max_attempts ?? undefined,
      retryConfigData: loader.load_data("_retry"),
    },
    parameterValidation: args.parameterValidation,
    injectHostPrefix: finalConfig.inject_host_prefix !== false,
    userAgent: finalConfig.user_agent ?? "",
    s3Config: args.s3Config,
  };
  const events = session.events.copy();
  applyCustomizations(events, service);
  return {
    runtime,
    events,
    endpointUrl: args.configuredEndpointUrl ?? args.endpoint.endpoint_url,
    regionName: args.endpoint.region_name,
    partition: args.partition,
  };
}

/**
 * The configuration a client reads: the session's, or for a defaults mode
 * other than legacy, a view whose defaults are that mode's values (botocore
 * copies its config store per client and merges smart defaults into it).
 */
function storeForDefaultsMode(
  store: SessionConfigStore,
  loader: Loader,
  config: Config | null,
  region: string | null,
): { store: SessionConfigStore; mode: string } {
  const configured = config?.defaults_mode || store.get_config_variable("defaults_mode") || "legacy";
  const mode = String(configured).toLowerCase();
  if (mode === "legacy") return { store, mode };
  let resolver = defaultResolvers.get(loader);
  if (resolver === undefined) {
    resolver = new DefaultConfigResolver(loader.load_data("sdk-default-configuration") as DefaultConfigurationData);
    defaultResolvers.set(loader, resolver);
  }
  const modes = resolver.get_default_modes();
  if (!modes.includes(mode)) throw new InvalidDefaultsMode({ mode: configured, valid_modes: modes.join(", ") });
  // "auto" would ask instance metadata for the instance's region; without it, botocore also ends at "standard".
  const effective = mode === "auto" ? resolveAutoMode(region, store.env) : mode;
  return {
    store: store.withDefaults(smartDefaultOverrides(resolver.get_default_config_values(effective)), effective),
    mode: mode === "auto" ? `auto (${effective})` : effective,
  };
}

/** botocore's `_compute_socket_options`: SO_KEEPALIVE when `tcp_keepalive` (Config, else config file / env) is true. */
function ensureTcpKeepalive(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  return typeof value === "string" && value.toLowerCase() === "true";
}
