/**
 * "Where did this setting come from?" for a client: each setting the client
 * resolved at creation, its value, and its source — a client argument, the
 * Config object, an environment variable, a config-file profile key, a
 * defaults mode, or the default. Logged at DEBUG by the
 * `botocore.configprovider` logger when a client is created (computed only
 * when that level is enabled), one line per setting:
 *
 *   sts: retries.mode = 'standard' (retry_mode, environment variable AWS_RETRY_MODE)
 */
import { getLogger, DEBUG } from "../logging/logger.js";
import { UNSIGNED, type Config, type ConfigOptionName } from "./config.js";
import { describeConfigSource, type ConfigSource, type SessionConfigStore } from "./config-store.js";
import { lookUpConfiguredEndpoint } from "./configured-endpoint.js";

const logger = getLogger("botocore.configprovider");

/** One resolved setting of a client. */
export interface ClientSetting {
  readonly name: string;
  readonly value: unknown;
  /** Where the value came from, as a phrase ("Config", "environment variable AWS_RETRY_MODE", ...). */
  readonly source: string;
}

/** What the client factory knows once a client's settings are resolved. */
export interface ClientSettingInputs {
  /** The name the client was created with. */
  readonly serviceName: string;
  /** The client's view of the configuration chain (with its defaults mode). */
  readonly store: SessionConfigStore;
  /** The client's keyword arguments that carry settings. */
  readonly options: {
    readonly region_name?: string | null | undefined;
    readonly api_version?: string | null | undefined;
    readonly verify?: boolean | string | null | undefined;
    readonly endpoint_url?: string | null | undefined;
  };
  /** The Config given (merged with the session's default client config), or null. */
  readonly config: Config | null;
  /** The client's final Config (`client.meta.config`). */
  readonly finalConfig: Config;
  /** The region the client uses (after the fips pseudo-region is normalized). */
  readonly region: string | null;
  /** True when the region argument was a fips pseudo-region (`fips-us-east-1`). */
  readonly fipsRegion: boolean;
  /** The API version of the loaded model. */
  readonly apiVersion: string;
  /** TLS verification: false, a CA bundle path, or null for the default. */
  readonly verify: boolean | string | null;
  /** The configured endpoint URL (argument, environment or profile), or null. */
  readonly endpointUrl: string | null;
  /** Whether parameters are validated. */
  readonly parameterValidation: boolean;
  /** The defaults mode in effect ("auto" resolved). */
  readonly defaultsMode: string;
  /** The service's endpoint prefix (the s3 block is reported for s3 and s3-control). */
  readonly endpointPrefix: string;
}

// Settings whose Config option wins when given (not None), else the chain's variable.
const CONFIG_OR_CHAIN: readonly (readonly [ConfigOptionName, string])[] = [
  ["user_agent_appid", "user_agent_appid"],
  ["request_min_compression_size_bytes", "request_min_compression_size_bytes"],
  ["disable_request_compression", "disable_request_compression"],
  ["sigv4a_signing_region_set", "sigv4a_signing_region_set"],
  ["request_checksum_calculation", "request_checksum_calculation"],
  ["response_checksum_validation", "response_checksum_validation"],
  ["account_id_endpoint_mode", "account_id_endpoint_mode"],
  ["auth_scheme_preference", "auth_scheme_preference"],
  ["tcp_keepalive", "tcp_keepalive"],
  ["endpoint_discovery_enabled", "endpoint_discovery_enabled"],
  ["use_fips_endpoint", "use_fips_endpoint"],
  ["use_dualstack_endpoint", "use_dualstack_endpoint"],
  ["ignore_configured_endpoint_urls", "ignore_configured_endpoint_urls"],
];

// Session-level variables reported as the chain resolves them.
const SESSION_LEVEL = [
  "config_file", "credentials_file", "data_path", "sts_regional_endpoints", "metadata_service_timeout",
  "metadata_service_num_attempts", "ec2_metadata_service_endpoint", "ec2_metadata_service_endpoint_mode",
  "ec2_metadata_v1_disabled", "imds_use_ipv6",
] as const;

function given(config: Config | null, name: ConfigOptionName): boolean {
  if (config === null) return false;
  const value = config.user_provided_options[name];
  return value !== undefined && value !== null;
}

/** Every setting of a client with its value and source, in a stable order. */
export function explainClientSettings(inputs: ClientSettingInputs): ClientSetting[] {
  const { store, options, config, finalConfig } = inputs;
  const out: ClientSetting[] = [];
  const chain = (name: string): string => describeConfigSource(store.get_config_variable_source(name));
  // A value computed from nothing configured is the default's (botocore's ensure_boolean(None) is False).
  const add = (name: string, value: unknown, source: string): void => {
    out.push({ name, value, source: source === "not set" && value !== null && value !== undefined ? "default" : source });
  };

  const profile = store.get_config_variable_source("profile");
  add("profile", store.profile ?? "default", profile.kind === "unset" ? "no profile chosen" : describeConfigSource(profile));

  let regionSource: string;
  if (options.region_name != null) regionSource = "client argument region_name";
  else if (given(config, "region_name")) regionSource = "Config";
  else regionSource = chain("region");
  add("region_name", inputs.region, inputs.fipsRegion ? `${regionSource} (a fips pseudo-region: use_fips_endpoint set)` : regionSource);

  const versions = store.get_config_variable("api_versions") as Readonly<Record<string, unknown>> | undefined;
  if (options.api_version != null) add("api_version", inputs.apiVersion, "client argument api_version");
  else if (typeof versions?.[inputs.serviceName] === "string") add("api_version", inputs.apiVersion, `api_versions, ${chain("api_versions")}`);
  else add("api_version", inputs.apiVersion, "latest version in the data");

  let verifySource: string;
  if (options.verify != null) verifySource = "client argument verify";
  else if (store.get_config_variable("ca_bundle") != null) verifySource = `ca_bundle, ${chain("ca_bundle")}`;
  else if (store.env["REQUESTS_CA_BUNDLE"] !== undefined) verifySource = "environment variable REQUESTS_CA_BUNDLE";
  else verifySource = "default";
  add("verify", inputs.verify ?? true, verifySource);

  add("endpoint_url", inputs.endpointUrl, endpointSource(inputs));

  add("defaults_mode", inputs.defaultsMode, given(config, "defaults_mode") ? "Config" : chain("defaults_mode"));

  const retries = (finalConfig.retries ?? {}) as Readonly<Record<string, unknown>>;
  const userRetries = (config?.retries ?? null) as Readonly<Record<string, unknown>> | null;
  add("retries.mode", retries.mode, userRetries !== null && "mode" in userRetries ? "Config" : `retry_mode, ${chain("retry_mode")}`);
  let attemptsSource: string;
  if (userRetries !== null && "total_max_attempts" in userRetries) attemptsSource = "Config retries.total_max_attempts";
  else if (userRetries !== null && "max_attempts" in userRetries) attemptsSource = "Config retries.max_attempts + 1";
  else if (retries.total_max_attempts !== undefined) attemptsSource = `max_attempts, ${chain("max_attempts")}`;
  else attemptsSource = "the retry mode's default";
  add("retries.total_max_attempts", retries.total_max_attempts ?? null, attemptsSource);

  let connectSource: string;
  if (given(config, "connect_timeout")) connectSource = "Config";
  // botocore's quirk: a Config without defaults_mode carries connect_timeout=60, which beats the defaults mode.
  else if (config !== null && config.connect_timeout != null) connectSource = "Config's default (a Config without defaults_mode keeps 60)";
  else if (store.get_config_variable("connect_timeout") != null) connectSource = chain("connect_timeout");
  else connectSource = "default";
  add("connect_timeout", finalConfig.connect_timeout, connectSource);
  add("read_timeout", finalConfig.read_timeout, given(config, "read_timeout") ? "Config" : "default");
  add("max_pool_connections", finalConfig.max_pool_connections, given(config, "max_pool_connections") ? "Config" : "default");

  for (const [option, variable] of CONFIG_OR_CHAIN) {
    let source = given(config, option) ? "Config" : chain(variable);
    if (option === "account_id_endpoint_mode" && finalConfig.signature_version === UNSIGNED) source = "unsigned requests (Config signature_version=UNSIGNED)";
    add(option, finalConfig[option] ?? store.get_config_variable(variable) ?? null, source);
  }

  let hostPrefixSource: string;
  if (config !== null && "inject_host_prefix" in config.user_provided_options) hostPrefixSource = "Config";
  else if (store.get_config_variable("disable_host_prefix_injection") != null) hostPrefixSource = `disable_host_prefix_injection, ${chain("disable_host_prefix_injection")}`;
  else hostPrefixSource = "default";
  add("inject_host_prefix", finalConfig.inject_host_prefix, hostPrefixSource);

  let validationSource: string;
  if (config !== null && config.parameter_validation === false) validationSource = "Config";
  else if (store.get_scoped_config()["parameter_validation"] !== undefined) validationSource = chain("parameter_validation");
  else validationSource = "default";
  add("parameter_validation", inputs.parameterValidation, validationSource);

  const express = config?.s3?.disable_s3_express_session_auth;
  add("s3_disable_express_session_auth", finalConfig.s3_disable_express_session_auth, express != null ? "Config s3.disable_s3_express_session_auth" : chain("s3_disable_express_session_auth"));

  if (inputs.endpointPrefix === "s3" || inputs.endpointPrefix === "s3-control") {
    const blockSources = store.get_config_block_sources("s3");
    const s3 = (finalConfig.s3 ?? {}) as Readonly<Record<string, unknown>>;
    const fromConfig = (config?.s3 ?? {}) as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(s3)) {
      const source = Object.hasOwn(fromConfig, key) ? "Config" : blockSources[key] !== undefined ? describeConfigSource(blockSources[key]) : "the endpoint's dualstack variant";
      add(`s3.${key}`, s3[key], source);
    }
  }
  if (given(config, "proxies")) add("proxies", finalConfig.proxies, "Config");

  for (const name of SESSION_LEVEL) add(name, store.get_config_variable(name) ?? null, chain(name));
  return out;
}

function endpointSource(inputs: ClientSettingInputs): string {
  const { options, config, store } = inputs;
  if (options.endpoint_url != null) return "client argument endpoint_url";
  const ignoreFromConfig = config?.ignore_configured_endpoint_urls;
  const ignore = ignoreFromConfig ?? store.get_config_variable("ignore_configured_endpoint_urls");
  const found = lookUpConfiguredEndpoint(store, inputs.serviceName);
  if (ignore && found !== undefined) {
    const why = ignoreFromConfig != null ? "Config" : sourceOf(store, "ignore_configured_endpoint_urls");
    return `none: ${found.detail} ignored (ignore_configured_endpoint_urls from ${why}); the endpoint rule set decides`;
  }
  return found === undefined ? "none configured; the endpoint rule set decides" : found.detail;
}

function sourceOf(store: SessionConfigStore, name: string): string {
  const source: ConfigSource = store.get_config_variable_source(name);
  return describeConfigSource(source);
}

/** Logs one DEBUG line per client setting, naming its source; does nothing unless `botocore.configprovider` logs DEBUG. */
export function logClientSettings(inputs: () => ClientSettingInputs): void {
  if (!logger.isEnabledFor(DEBUG)) return;
  const resolved = inputs();
  for (const setting of explainClientSettings(resolved)) {
    logger.debug("%s: %s = %r (%s)", resolved.serviceName, setting.name, setting.value, setting.source);
  }
}
