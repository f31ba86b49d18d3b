/**
 * What a client is configured with, resolved once at creation (botocore's
 * args.py ClientArgsCreator): the final Config seen on `client.meta.config`,
 * the endpoint facts from endpoints.json (region, signing region and name,
 * signature version), and the inputs of the endpoint rule-set resolver.
 */
import { Config, UNSIGNED, type ConfigOptions, type RetriesConfig } from "../config/config.js";
import type { SessionConfigStore } from "../config/config-store.js";
import { computeConfiguredEndpointUrl } from "../config/configured-endpoint.js";
import {
  InvalidChecksumConfigError,
  InvalidConfigError,
} from "../exceptions.js";
import { ensureBoolean, shouldForceS3Global, shouldUseGlobalStsEndpoint, type S3Config } from "../endpoints/builtins.js";
import { getLogger } from "../logging/logger.js";
import type { ServiceModel } from "../models/service-model.js";
import type { BridgeResult, ClientEndpointBridge } from "./endpoint-bridge.js";

const VALID_CHECKSUM_CONFIG = ["when_supported", "when_required"] as const;
const VALID_ACCOUNT_ID_ENDPOINT_MODE = ["preferred", "disabled", "required"] as const;
/** Longer `user_agent_appid` values are logged as a warning, as botocore does. */
const USERAGENT_APPID_MAXLEN = 50;
const logger = getLogger("botocore.args");

/** The inputs to argument computation. */
export interface ClientArgsInputs {
  store: SessionConfigStore;
  serviceModel: ServiceModel;
  bridge: ClientEndpointBridge;
  regionName: string | null;
  isSecure: boolean;
  endpointUrl: string | null;
  /** The name the client was created with (for AWS_ENDPOINT_URL_<SERVICE> and `[services]` sections). */
  serviceName: string;
  clientConfig: Config | null;
  scopedConfig: Readonly<Record<string, unknown>>;
  userAgent: string;
}

/** What the client is built from. */
export interface ClientArgs {
  /** The client's final Config (`client.meta.config`). */
  config: Config;
  /** Endpoint facts from endpoints.json, after the s3 and sts adjustments. */
  endpoint: BridgeResult;
  /** The partition the client's endpoint belongs to. */
  partition: string;
  parameterValidation: boolean;
  /** The profile's `s3` section merged with Config.s3 (botocore's compute_s3_config). */
  s3Config: S3Config | null;
  /** endpoint_url argument, or one configured in the environment or profile. */
  configuredEndpointUrl: string | null;
}

/** botocore's ClientArgsCreator.compute_client_args, plus the final Config. */
export function computeClientArgs(inputs: ClientArgsInputs): ClientArgs {
  const { store, serviceModel, clientConfig, scopedConfig } = inputs;
  const serviceName = serviceModel.endpoint_prefix;

  let parameterValidation = true;
  if (clientConfig && !clientConfig.parameter_validation) parameterValidation = false;
  else if (scopedConfig.parameter_validation !== undefined) parameterValidation = ensureBoolean(scopedConfig.parameter_validation);

  const s3Config = computeS3Config(store, clientConfig);
  const configuredEndpointUrl = computeConfiguredEndpointUrl(store, inputs.serviceName, inputs.endpointUrl, clientConfig);
  const endpoint = computeEndpointConfig(inputs, serviceName, configuredEndpointUrl, s3Config);
  const tags = endpoint.metadata.tags ?? [];

  const kwargs: Record<string, unknown> = {
    region_name: endpoint.region_name,
    signature_version: endpoint.signature_version,
    user_agent: inputs.userAgent,
  };
  if (tags.includes("dualstack")) kwargs.use_dualstack_endpoint = true;
  if (tags.includes("fips")) kwargs.use_fips_endpoint = true;
  if (clientConfig) {
    for (const key of COPIED_OPTIONS) kwargs[key] = clientConfig[key];
    kwargs.s3_disable_express_session_auth = clientConfig.s3?.disable_s3_express_session_auth ?? null;
  }
  computeRetryConfig(store, kwargs);
  if (kwargs.connect_timeout == null) {
    const fromStore = store.get_config_variable("connect_timeout");
    if (fromStore) kwargs.connect_timeout = fromStore;
  }
  if (kwargs.user_agent_appid == null) kwargs.user_agent_appid = store.get_config_variable("user_agent_appid") ?? null;
  if (typeof kwargs.user_agent_appid === "string" && kwargs.user_agent_appid.length > USERAGENT_APPID_MAXLEN) {
    logger.warning("The configured value for user_agent_appid exceeds the maximum length of %d characters.", USERAGENT_APPID_MAXLEN);
  }
  computeCompressionConfig(store, kwargs);
  if (kwargs.sigv4a_signing_region_set == null) {
    kwargs.sigv4a_signing_region_set = store.get_config_variable("sigv4a_signing_region_set") ?? null;
  }
  kwargs.request_checksum_calculation = checksumSetting(store, kwargs, "request_checksum_calculation");
  kwargs.response_checksum_validation = checksumSetting(store, kwargs, "response_checksum_validation");
  kwargs.account_id_endpoint_mode = accountIdEndpointMode(store, kwargs);
  if (clientConfig === null || !("inject_host_prefix" in clientConfig.user_provided_options)) {
    const disabled = store.get_config_variable("disable_host_prefix_injection");
    kwargs.inject_host_prefix = disabled !== undefined && disabled !== null ? !disabled : true;
  }
  kwargs.auth_scheme_preference = authSchemePreference(store, clientConfig);
  const disableExpress = kwargs.s3_disable_express_session_auth ?? store.get_config_variable("s3_disable_express_session_auth");
  kwargs.s3_disable_express_session_auth = disableExpress == null ? false : ensureBoolean(disableExpress);

  let finalS3 = s3Config;
  if ((serviceName === "s3" || serviceName === "s3-control") && tags.includes("dualstack")) {
    finalS3 = { ...(finalS3 ?? {}), use_dualstack_endpoint: true };
  }
  kwargs.s3 = finalS3;
  const config = new Config(kwargs as ConfigOptions);
  return {
    config,
    endpoint,
    partition: endpoint.metadata.partition ?? "aws",
    parameterValidation,
    s3Config,
    configuredEndpointUrl,
  };
}

// Options carried over from the user's Config as they are (botocore's compute_client_args).
const COPIED_OPTIONS = [
  "connect_timeout", "read_timeout", "max_pool_connections", "proxies", "proxies_config", "retries", "client_cert",
  "inject_host_prefix", "tcp_keepalive", "user_agent_extra", "user_agent_appid", "request_min_compression_size_bytes",
  "disable_request_compression", "client_context_params", "sigv4a_signing_region_set", "request_checksum_calculation",
  "response_checksum_validation", "account_id_endpoint_mode", "auth_scheme_preference",
] as const;

/** The profile's `s3` section, overridden key by key by Config.s3. */
export function computeS3Config(store: SessionConfigStore, clientConfig: Config | null): S3Config | null {
  const fromStore = store.get_config_variable("s3") as S3Config | null | undefined;
  const fromClient = clientConfig?.s3;
  if (fromClient == null) return fromStore ?? null;
  return fromStore == null ? { ...fromClient } : { ...fromStore, ...fromClient };
}


function computeEndpointConfig(inputs: ClientArgsInputs, serviceName: string, endpointUrl: string | null, s3: S3Config | null): BridgeResult {
  const { bridge, isSecure } = inputs;
  const region = inputs.regionName;
  if (serviceName === "s3") {
    // s3 in us-east-1 (or no region) goes to the global endpoint unless us_east_1_regional_endpoint says regional.
    const forceGlobal = shouldForceS3Global(region, s3);
    const result = bridge.resolve(serviceName, forceGlobal ? null : region, endpointUrl, isSecure);
    if (result.signing_region === null && result.region_name === null) {
      const fallback = bridge.resolve("s3");
      result.signing_region = fallback.signing_region;
      result.region_name = fallback.region_name;
    }
    if (forceGlobal && result.region_name === "aws-global") result.region_name = "us-east-1";
    return result;
  }
  const result = bridge.resolve(serviceName, region, endpointUrl, isSecure);
  if (serviceName === "sts" && endpointUrl === null && !result.metadata.tags?.length) {
    if (shouldUseGlobalStsEndpoint(region, inputs.store.get_config_variable("sts_regional_endpoints") as string | null | undefined)) {
      result.endpoint_url = `${isSecure ? "https" : "http"}://sts.amazonaws.com`;
      result.signing_region = "us-east-1";
    }
  }
  return result;
}

// Config's max_attempts counts retries; the config store's counts attempts.
// Everything is normalized to `total_max_attempts` plus a `mode`.
function computeRetryConfig(store: SessionConfigStore, kwargs: Record<string, unknown>): void {
  let retries = kwargs.retries == null ? null : { ...(kwargs.retries as RetriesConfig) } as Record<string, unknown>;
  if (retries !== null && "total_max_attempts" in retries) {
    delete retries.max_attempts;
  } else if (retries !== null && "max_attempts" in retries) {
    retries.total_max_attempts = Number(retries.max_attempts) + 1;
    delete retries.max_attempts;
  } else {
    const maxAttempts = store.get_config_variable("max_attempts");
    if (maxAttempts !== undefined && maxAttempts !== null) {
      retries ??= {};
      retries.total_max_attempts = maxAttempts;
    }
  }
  retries ??= {};
  if (!("mode" in retries)) retries.mode = store.get_config_variable("retry_mode") ?? "legacy";
  kwargs.retries = retries;
}

function computeCompressionConfig(store: SessionConfigStore, kwargs: Record<string, unknown>): void {
  let minSize = kwargs.request_min_compression_size_bytes;
  if (minSize == null) minSize = store.get_config_variable("request_min_compression_size_bytes");
  const base = `Invalid value "${String(minSize)}" for request_min_compression_size_bytes.`;
  const asInt = typeof minSize === "number" ? Math.trunc(minSize) : typeof minSize === "string" && /^\s*[-+]?\d+\s*$/.test(minSize) ? Number(minSize) : NaN;
  if (Number.isNaN(asInt)) {
    throw new InvalidConfigError({ error_msg: `${base} Value must be an integer. Received <class '${typeof minSize === "string" ? "str" : "NoneType"}'> instead.` });
  }
  if (asInt < 1 || asInt > 1048576) {
    throw new InvalidConfigError({ error_msg: `${base} Value must be between 1 and 1048576.` });
  }
  kwargs.request_min_compression_size_bytes = asInt;
  const disabled = kwargs.disable_request_compression;
  kwargs.disable_request_compression = disabled == null ? store.get_config_variable("disable_request_compression") : ensureBoolean(disabled);
}

function checksumSetting(store: SessionConfigStore, kwargs: Record<string, unknown>, key: "request_checksum_calculation" | "response_checksum_validation"): string {
  let value = kwargs[key] ?? store.get_config_variable(key);
  if (typeof value === "string") value = value.toLowerCase();
  if (!(VALID_CHECKSUM_CONFIG as readonly unknown[]).includes(value)) {
    throw new InvalidChecksumConfigError({ config_key: key, config_value: value, valid_options: `('when_supported', 'when_required')` });
  }
  return value as string;
}

function accountIdEndpointMode(store: SessionConfigStore, kwargs: Record<string, unknown>): string {
  // Unsigned requests have no credentials, so no account id to route on.
  if (kwargs.signature_version === UNSIGNED) return "disabled";
  let value = kwargs.account_id_endpoint_mode ?? store.get_config_variable("account_id_endpoint_mode");
  if (typeof value === "string") value = value.toLowerCase();
  if (!(VALID_ACCOUNT_ID_ENDPOINT_MODE as readonly unknown[]).includes(value)) {
    throw new InvalidConfigError({
      error_msg: `The configured value '${String(value)}' for 'account_id_endpoint_mode' is invalid. Valid values are: ('preferred', 'disabled', 'required').`,
    });
  }
  return value as string;
}

function authSchemePreference(store: SessionConfigStore, clientConfig: Config | null): string | null {
  const value = clientConfig?.auth_scheme_preference || store.get_config_variable("auth_scheme_preference");
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    throw new InvalidConfigError({ error_msg: `auth_scheme_preference must be a comma-delimited string. Received ${typeof value} instead: ${String(value)}.` });
  }
  return value
    .split(",")
    .filter((item) => item.trim())
    .map((item) => item.replace(/[ \t]/g, ""))
    .join(",");
}
