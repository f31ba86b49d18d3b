/**
 * The one table that answers "where does this setting come from": for each
 * session variable, the profile key(s) it is read from, the environment
 * variable(s), its default and how the raw value is converted. Mirrors
 * botocore's `configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES`, plus the
 * `s3` and `proxies_config` blocks, whose keys resolve one by one.
 *
 * Precedence for each variable (SessionConfigStore applies it): a value the
 * session set > the first environment variable that is set (even to "") >
 * the first profile key that is present > the default. The converter runs on
 * whichever value wins, the default included.
 */
import type { Env } from "./paths.js";
import { ensureBoolean, normalizeBoolean, pyInt } from "./python-text.js";

/** A profile key: a top-level key, or [block, key] for a key inside a nested block (`s3 =`). */
export type ConfigKey = string | readonly [string, string];

/** Where one session variable is looked for, and what it defaults to. */
export interface SessionVariable {
  /** Profile keys, tried in order. Empty for variables that the config file cannot set. */
  readonly configKeys: readonly ConfigKey[];
  /** Environment variables, tried in order. */
  readonly envVars: readonly string[];
  /** The default, computed per lookup (so that a `{}` default is never shared), or undefined for none. */
  readonly defaultValue?: (env: Env) => unknown;
  /** Applied to the winning value, as botocore's `conversion_func`. */
  readonly convert?: (value: unknown) => unknown;
}

// A pair (nested key) is always passed inside a list, so a list is never ambiguous.
function variable(
  configKeys: string | readonly ConfigKey[] | null,
  envVars: string | readonly string[] | null,
  defaultValue?: (env: Env) => unknown,
  convert?: (value: unknown) => unknown,
): SessionVariable {
  const keys: readonly ConfigKey[] = configKeys === null ? [] : typeof configKeys === "string" ? [configKeys] : configKeys;
  const vars: readonly string[] = envVars === null ? [] : typeof envVars === "string" ? [envVars] : envVars;
  const entry: { -readonly [K in keyof SessionVariable]: SessionVariable[K] } = { configKeys: keys, envVars: vars };
  if (defaultValue !== undefined) entry.defaultValue = defaultValue;
  if (convert !== undefined) entry.convert = convert;
  return Object.freeze(entry);
}

const constant = (value: unknown) => (): unknown => value;

/**
 * botocore 1.43 defaults `retry_mode` to "legacy", or "standard" when
 * AWS_NEW_RETRIES_2026 is "true" (botocore reads it once, at import).
 */
export function newRetriesEnabled(env: Env): boolean {
  const flag = env["AWS_NEW_RETRIES_2026"];
  return flag !== undefined && flag.toLowerCase() === "true";
}

/** The session variables, by logical name (botocore's BOTOCORE_DEFAUT_SESSION_VARIABLES). */
export const SESSION_VARIABLES: Readonly<Record<string, SessionVariable>> = Object.freeze({
  profile: variable(null, ["AWS_DEFAULT_PROFILE", "AWS_PROFILE"]),
  region: variable("region", "AWS_DEFAULT_REGION"),
  data_path: variable("data_path", "AWS_DATA_PATH"),
  config_file: variable(null, "AWS_CONFIG_FILE", constant("~/.aws/config")),
  ca_bundle: variable("ca_bundle", "AWS_CA_BUNDLE"),
  api_versions: variable("api_versions", null, () => ({})),
  credentials_file: variable(null, "AWS_SHARED_CREDENTIALS_FILE", constant("~/.aws/credentials")),
  metadata_service_timeout: variable("metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT", constant(1), pyInt),
  metadata_service_num_attempts: variable(
    "metadata_service_num_attempts",
    "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
    constant(1),
    pyInt,
  ),
  ec2_metadata_service_endpoint: variable("ec2_metadata_service_endpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT"),
  ec2_metadata_service_endpoint_mode: variable(
    "ec2_metadata_service_endpoint_mode",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
  ),
  ec2_metadata_v1_disabled: variable(
    "ec2_metadata_v1_disabled",
    "AWS_EC2_METADATA_V1_DISABLED",
    constant(false),
    ensureBoolean,
  ),
  imds_use_ipv6: variable("imds_use_ipv6", "AWS_IMDS_USE_IPV6", constant(false), ensureBoolean),
  use_dualstack_endpoint: variable("use_dualstack_endpoint", "AWS_USE_DUALSTACK_ENDPOINT", undefined, ensureBoolean),
  use_fips_endpoint: variable("use_fips_endpoint", "AWS_USE_FIPS_ENDPOINT", undefined, ensureBoolean),
  ignore_configured_endpoint_urls: variable(
    "ignore_configured_endpoint_urls",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    undefined,
    ensureBoolean,
  ),
  parameter_validation: variable("parameter_validation", null, constant(true)),
  csm_enabled: variable("csm_enabled", "AWS_CSM_ENABLED", constant(false), ensureBoolean),
  csm_host: variable("csm_host", "AWS_CSM_HOST", constant("127.0.0.1")),
  csm_port: variable("csm_port", "AWS_CSM_PORT", constant(31000), pyInt),
  csm_client_id: variable("csm_client_id", "AWS_CSM_CLIENT_ID", constant("")),
  endpoint_discovery_enabled: variable("endpoint_discovery_enabled", "AWS_ENDPOINT_DISCOVERY_ENABLED", constant("auto")),
  sts_regional_endpoints: variable("sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS", constant("regional")),
  retry_mode: variable("retry_mode", "AWS_RETRY_MODE", (env) => (newRetriesEnabled(env) ? "standard" : "legacy")),
  defaults_mode: variable("defaults_mode", "AWS_DEFAULTS_MODE", constant("legacy")),
  // No default: it depends on the retry mode and on _retry.json.
  max_attempts: variable("max_attempts", "AWS_MAX_ATTEMPTS", undefined, pyInt),
  // The one variable whose profile key differs from its name.
  user_agent_appid: variable("sdk_ua_app_id", "AWS_SDK_UA_APP_ID"),
  request_min_compression_size_bytes: variable(
    "request_min_compression_size_bytes",
    "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
    constant(10240),
  ),
  disable_request_compression: variable(
    "disable_request_compression",
    "AWS_DISABLE_REQUEST_COMPRESSION",
    constant(false),
    ensureBoolean,
  ),
  sigv4a_signing_region_set: variable("sigv4a_signing_region_set", "AWS_SIGV4A_SIGNING_REGION_SET"),
  request_checksum_calculation: variable(
    "request_checksum_calculation",
    "AWS_REQUEST_CHECKSUM_CALCULATION",
    constant("when_supported"),
  ),
  response_checksum_validation: variable(
    "response_checksum_validation",
    "AWS_RESPONSE_CHECKSUM_VALIDATION",
    constant("when_supported"),
  ),
  account_id_endpoint_mode: variable("account_id_endpoint_mode", "AWS_ACCOUNT_ID_ENDPOINT_MODE", constant("preferred")),
  disable_host_prefix_injection: variable(
    "disable_host_prefix_injection",
    "AWS_DISABLE_HOST_PREFIX_INJECTION",
    undefined,
    ensureBoolean,
  ),
  auth_scheme_preference: variable("auth_scheme_preference", "AWS_AUTH_SCHEME_PREFERENCE"),
  tcp_keepalive: variable("tcp_keepalive", "BOTOCORE_TCP_KEEPALIVE", undefined, ensureBoolean),
  s3_disable_express_session_auth: variable("s3_disable_express_session_auth", "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH"),
});

/** The keys of the `s3` block, each resolved on its own and laid over the profile's `s3` map. */
export const S3_CONFIG_VARIABLES: Readonly<Record<string, SessionVariable>> = Object.freeze({
  addressing_style: variable([["s3", "addressing_style"]], null),
  use_accelerate_endpoint: variable([["s3", "use_accelerate_endpoint"]], null, undefined, ensureBoolean),
  use_dualstack_endpoint: variable([["s3", "use_dualstack_endpoint"]], null, undefined, ensureBoolean),
  payload_signing_enabled: variable([["s3", "payload_signing_enabled"]], null, undefined, ensureBoolean),
  use_arn_region: variable(
    ["s3_use_arn_region", ["s3", "use_arn_region"]],
    "AWS_S3_USE_ARN_REGION",
    undefined,
    ensureBoolean,
  ),
  us_east_1_regional_endpoint: variable(
    ["s3_us_east_1_regional_endpoint", ["s3", "us_east_1_regional_endpoint"]],
    "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
  ),
  s3_disable_multiregion_access_points: variable(
    [["s3", "s3_disable_multiregion_access_points"]],
    "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
    undefined,
    ensureBoolean,
  ),
});

/** The keys of the `proxies_config` block (botocore's DEFAULT_PROXIES_CONFIG_VARS). */
export const PROXIES_CONFIG_VARIABLES: Readonly<Record<string, SessionVariable>> = Object.freeze({
  proxy_ca_bundle: variable("proxy_ca_bundle", null),
  proxy_client_cert: variable("proxy_client_cert", null),
  proxy_use_forwarding_for_https: variable("proxy_use_forwarding_for_https", null, undefined, normalizeBoolean),
});

/** The variables that resolve to a block (a map) rather than one value. */
export const SECTION_VARIABLES: Readonly<Record<string, Readonly<Record<string, SessionVariable>>>> = Object.freeze({
  s3: S3_CONFIG_VARIABLES,
  proxies_config: PROXIES_CONFIG_VARIABLES,
});
