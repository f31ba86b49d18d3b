/**
 * The combinations of the client configuration differential: session
 * arguments, client arguments, a Config, environment variables and the
 * profile chosen from one shared config file. A hand-made ladder per setting
 * (profile, then environment over it, then Config / argument over both)
 * and seeded random mixes of every pool.
 */
import { SeededRandom } from "../../../support/seeded-random.js";

/** Config keyword arguments as JSON ("__UNSIGNED__" stands for botocore.UNSIGNED). */
export type ConfigKwargs = Record<string, unknown>;

/** One combination: what a user gives, and where. */
export interface Combination {
  readonly name: string;
  readonly service: string;
  /** Environment variables on top of the base (HOME, config and credentials files). */
  readonly env: Record<string, string>;
  /** boto3.Session keyword arguments. */
  readonly session: Record<string, string>;
  /** Session.client keyword arguments (besides config). */
  readonly client: Record<string, unknown>;
  /** Config keyword arguments, or null for no Config. */
  readonly config: ConfigKwargs | null;
}

/** The shared config file (`%DIR%` is the test's temporary directory). */
export const CONFIG_FILE = `[default]
region = us-west-2
retry_mode = standard
max_attempts = 4
sdk_ua_app_id = file-app
tcp_keepalive = true
request_min_compression_size_bytes = 4096
s3 =
  addressing_style = virtual
  us_east_1_regional_endpoint = regional

[profile full]
region = eu-central-1
ca_bundle = /profile/full/ca.pem
data_path = %DIR%/models
api_versions =
  ec2 = 2015-10-01
  lambda = 2099-01-01
metadata_service_timeout = 5
metadata_service_num_attempts = 3
ec2_metadata_service_endpoint_mode = IPv6
ec2_metadata_v1_disabled = true
use_dualstack_endpoint = true
use_fips_endpoint = false
parameter_validation = false
endpoint_discovery_enabled = true
sts_regional_endpoints = legacy
retry_mode = adaptive
max_attempts = 6
defaults_mode = in-region
sdk_ua_app_id = full-app
request_min_compression_size_bytes = 1
disable_request_compression = true
sigv4a_signing_region_set = *
request_checksum_calculation = WHEN_REQUIRED
response_checksum_validation = when_required
account_id_endpoint_mode = required
disable_host_prefix_injection = true
auth_scheme_preference = sigv4a ,  sigv4
tcp_keepalive = false
s3_disable_express_session_auth = true
s3 =
  addressing_style = path
  use_accelerate_endpoint = true
  use_arn_region = false
  payload_signing_enabled = true

[profile endpoints]
region = us-east-1
endpoint_url = http://127.0.0.1:4566
services = local

[services local]
dynamodb =
  endpoint_url = http://127.0.0.1:8000
sts =
  endpoint_url = http://127.0.0.1:8001

[profile ignore]
region = us-east-1
endpoint_url = http://127.0.0.1:4566
ignore_configured_endpoint_urls = true

[profile fips]
region = us-gov-west-1
use_fips_endpoint = true

[profile cn]
region = cn-north-1
use_dualstack_endpoint = true

[profile noregion]
retry_mode = legacy

[profile legacy-sts]
region = eu-west-1
sts_regional_endpoints = legacy
defaults_mode = legacy

[profile cross]
region = ap-southeast-2
defaults_mode = cross-region
retry_mode = standard

[profile mobile]
region = us-east-1
defaults_mode = mobile

[profile auto]
region = us-east-2
defaults_mode = auto

[profile creds]
region = sa-east-1
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = config-secret

[profile bad-checksum]
region = us-east-1
request_checksum_calculation = sometimes

[profile bad-compression]
region = us-east-1
request_min_compression_size_bytes = 0

[profile bad-account-mode]
region = us-east-1
account_id_endpoint_mode = maybe

[profile bad-sts]
region = us-east-1
sts_regional_endpoints = global

[profile bad-defaults]
region = us-east-1
defaults_mode = turbo

[profile bad-max]
region = us-east-1
max_attempts = lots

[profile bad-s3]
region = us-east-1
s3 =
  us_east_1_regional_endpoint = sometimes
`;

/** The shared credentials file. */
export const CREDENTIALS_FILE = `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret
[full]
aws_access_key_id = AKIDFULL
aws_secret_access_key = full-secret
aws_session_token = full-token
`;

/** A second config file, chosen through AWS_CONFIG_FILE. */
export const OTHER_CONFIG_FILE = `[default]
region = eu-south-1
defaults_mode = standard
[profile other]
region = me-south-1
`;

const PROFILES = [
  "full", "endpoints", "ignore", "fips", "cn", "noregion", "legacy-sts", "cross", "mobile", "auto", "creds",
  "bad-checksum", "bad-compression", "bad-account-mode", "bad-sts", "bad-defaults", "bad-max", "bad-s3", "nope",
];

const ENV_POOL: readonly Record<string, string>[] = [
  { AWS_DEFAULT_REGION: "ap-northeast-1" },
  { AWS_PROFILE: "full" },
  { AWS_DEFAULT_PROFILE: "endpoints", AWS_PROFILE: "cn" },
  { AWS_RETRY_MODE: "legacy", AWS_MAX_ATTEMPTS: "2" },
  { AWS_DEFAULTS_MODE: "standard" },
  { AWS_DEFAULTS_MODE: "mobile" },
  { AWS_DEFAULTS_MODE: "auto", AWS_EXECUTION_ENV: "AWS_Lambda_python3.11", AWS_REGION: "us-west-2" },
  { AWS_USE_FIPS_ENDPOINT: "true" },
  { AWS_USE_DUALSTACK_ENDPOINT: "TRUE" },
  { AWS_ENDPOINT_URL: "http://127.0.0.1:5000" },
  { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:5001", AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:5002", AWS_ENDPOINT_URL_S3: "http://127.0.0.1:5003" },
  { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", AWS_ENDPOINT_URL: "http://127.0.0.1:5000" },
  { AWS_SDK_UA_APP_ID: "env-app" },
  { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "128", AWS_DISABLE_REQUEST_COMPRESSION: "false" },
  { AWS_SIGV4A_SIGNING_REGION_SET: "us-east-1,eu-west-1" },
  { AWS_REQUEST_CHECKSUM_CALCULATION: "When_Required", AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_SUPPORTED" },
  { AWS_ACCOUNT_ID_ENDPOINT_MODE: "DISABLED" },
  { AWS_DISABLE_HOST_PREFIX_INJECTION: "true" },
  { AWS_AUTH_SCHEME_PREFERENCE: "sigv4,\tsigv4a" },
  { BOTOCORE_TCP_KEEPALIVE: "true" },
  { AWS_STS_REGIONAL_ENDPOINTS: "legacy" },
  { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: "legacy" },
  { AWS_CA_BUNDLE: "/env/ca.pem" },
  { REQUESTS_CA_BUNDLE: "/requests/ca.pem" },
  { AWS_DATA_PATH: "%DIR%/models:%DIR%/more-models" },
  { AWS_METADATA_SERVICE_TIMEOUT: "4", AWS_METADATA_SERVICE_NUM_ATTEMPTS: "5", AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPv4", AWS_IMDS_USE_IPV6: "true" },
  { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_SESSION_TOKEN: "env-token" },
  { AWS_ACCESS_KEY_ID: "AKIDPARTIAL" },
  { AWS_CONFIG_FILE: "%DIR%/other-config" },
  { AWS_S3_USE_ARN_REGION: "false", AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS: "true" },
  { AWS_S3_DISABLE_EXPRESS_SESSION_AUTH: "true" },
  { AWS_ENDPOINT_DISCOVERY_ENABLED: "false" },
  { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "abc" },
  { AWS_MAX_ATTEMPTS: "1" },
  { AWS_RETRY_MODE: "adaptive" },
  { AWS_SHARED_CREDENTIALS_FILE: "%DIR%/missing-credentials" },
];

const SESSION_POOL: readonly Record<string, string>[] = [
  { region_name: "eu-west-2" },
  { profile_name: "full" },
  { profile_name: "endpoints" },
  { profile_name: "cross", region_name: "us-east-1" },
  { profile_name: "default" },
  ...PROFILES.map((profile_name) => ({ profile_name })),
];

const CLIENT_POOL: readonly Record<string, unknown>[] = [
  { region_name: "us-east-1" },
  { region_name: "eu-west-1" },
  { region_name: "fips-us-east-1" },
  { region_name: "us-west-2-fips" },
  { region_name: "aws-global" },
  { region_name: "cn-northwest-1" },
  { endpoint_url: "http://127.0.0.1:9999" },
  { endpoint_url: "https://127.0.0.1:9443/base" },
  { use_ssl: false },
  { verify: false },
  { verify: "/arg/ca.pem" },
  { region_name: "bad region!" },
];

const CONFIG_POOL: readonly ConfigKwargs[] = [
  { region_name: "ca-central-1" },
  { retries: { max_attempts: 2 } },
  { retries: { total_max_attempts: 4, mode: "adaptive" } },
  { retries: { mode: "standard" } },
  { connect_timeout: 5, read_timeout: 7 },
  { defaults_mode: "standard" },
  { defaults_mode: "in-region" },
  { defaults_mode: "cross-region" },
  { defaults_mode: "mobile" },
  { defaults_mode: "auto" },
  { defaults_mode: "legacy" },
  { user_agent_appid: "config-app" },
  { request_min_compression_size_bytes: 2048, disable_request_compression: true },
  { sigv4a_signing_region_set: "us-west-2,us-east-1" },
  { request_checksum_calculation: "when_required", response_checksum_validation: "when_required" },
  { account_id_endpoint_mode: "disabled" },
  { inject_host_prefix: false },
  { auth_scheme_preference: "sigv4a, sigv4" },
  { use_fips_endpoint: true },
  { use_dualstack_endpoint: true },
  { ignore_configured_endpoint_urls: true },
  { ignore_configured_endpoint_urls: false },
  { s3: { addressing_style: "path", us_east_1_regional_endpoint: "regional" } },
  { s3: { use_accelerate_endpoint: true, disable_s3_express_session_auth: true } },
  { tcp_keepalive: true },
  { tcp_keepalive: false },
  { parameter_validation: false },
  { signature_version: "__UNSIGNED__" },
  { signature_version: "v4" },
  { endpoint_discovery_enabled: true },
  { proxies: { https: "http://user:proxy-password@127.0.0.1:3128" }, max_pool_connections: 3 },
  { client_context_params: { disable_s3_express_session_auth: true } },
  { request_checksum_calculation: "WHEN_SUPPORTED" },
  { account_id_endpoint_mode: "bogus" },
  { request_min_compression_size_bytes: 2000000 },
];

const SERVICES = ["sts", "s3", "dynamodb", "sqs", "kms", "s3control", "lambda", "ec2"];

/** One rung of a ladder: a setting given in the profile, then over it in the environment, then in Config or an argument. */
interface Ladder {
  readonly setting: string;
  readonly service: string;
  readonly env: Record<string, string>;
  readonly config?: ConfigKwargs;
  readonly client?: Record<string, unknown>;
  readonly session?: Record<string, string>;
}

const LADDERS: readonly Ladder[] = [
  { setting: "region", service: "sqs", env: { AWS_DEFAULT_REGION: "ca-central-1" }, config: { region_name: "eu-north-1" }, client: { region_name: "ap-south-1" }, session: { region_name: "eu-west-3" } },
  { setting: "retry mode", service: "dynamodb", env: { AWS_RETRY_MODE: "legacy" }, config: { retries: { mode: "standard" } } },
  { setting: "max attempts", service: "dynamodb", env: { AWS_MAX_ATTEMPTS: "9" }, config: { retries: { max_attempts: 1 } } },
  { setting: "total max attempts", service: "kms", env: { AWS_MAX_ATTEMPTS: "9" }, config: { retries: { total_max_attempts: 3 } } },
  { setting: "defaults mode", service: "sts", env: { AWS_DEFAULTS_MODE: "mobile" }, config: { defaults_mode: "cross-region" } },
  { setting: "connect timeout", service: "sts", env: { AWS_DEFAULTS_MODE: "standard" }, config: { connect_timeout: 2.5, defaults_mode: "standard" } },
  { setting: "fips", service: "kms", env: { AWS_USE_FIPS_ENDPOINT: "true" }, config: { use_fips_endpoint: false } },
  { setting: "dualstack", service: "s3", env: { AWS_USE_DUALSTACK_ENDPOINT: "false" }, config: { use_dualstack_endpoint: true } },
  { setting: "ignore configured endpoints", service: "sts", env: { AWS_PROFILE: "endpoints", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, config: { ignore_configured_endpoint_urls: false } },
  { setting: "endpoint url", service: "dynamodb", env: { AWS_PROFILE: "endpoints", AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:7000" }, client: { endpoint_url: "http://127.0.0.1:7001" } },
  { setting: "global endpoint url", service: "sqs", env: { AWS_PROFILE: "endpoints", AWS_ENDPOINT_URL: "http://127.0.0.1:7002" }, config: { ignore_configured_endpoint_urls: true } },
  { setting: "app id", service: "sqs", env: { AWS_SDK_UA_APP_ID: "env-app" }, config: { user_agent_appid: "config-app" } },
  { setting: "compression", service: "sqs", env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "64", AWS_DISABLE_REQUEST_COMPRESSION: "FALSE" }, config: { request_min_compression_size_bytes: 99, disable_request_compression: "true" } },
  { setting: "sigv4a region set", service: "s3", env: { AWS_SIGV4A_SIGNING_REGION_SET: "eu-*" }, config: { sigv4a_signing_region_set: "us-east-1" } },
  { setting: "checksums", service: "s3", env: { AWS_REQUEST_CHECKSUM_CALCULATION: "when_supported", AWS_RESPONSE_CHECKSUM_VALIDATION: "When_Required" }, config: { request_checksum_calculation: "when_required", response_checksum_validation: "when_supported" } },
  { setting: "account id endpoint mode", service: "dynamodb", env: { AWS_ACCOUNT_ID_ENDPOINT_MODE: "preferred" }, config: { account_id_endpoint_mode: "Disabled" } },
  { setting: "host prefix injection", service: "s3control", env: { AWS_DISABLE_HOST_PREFIX_INJECTION: "false" }, config: { inject_host_prefix: false } },
  { setting: "auth scheme preference", service: "s3", env: { AWS_AUTH_SCHEME_PREFERENCE: " sigv4 ,sigv4a " }, config: { auth_scheme_preference: "sigv4a" } },
  { setting: "tcp keepalive", service: "sts", env: { BOTOCORE_TCP_KEEPALIVE: "true" }, config: { tcp_keepalive: false } },
  { setting: "sts regional endpoints", service: "sts", env: { AWS_STS_REGIONAL_ENDPOINTS: "regional" }, client: { region_name: "us-east-1" } },
  { setting: "parameter validation", service: "sqs", env: {}, config: { parameter_validation: true } },
  { setting: "endpoint discovery", service: "dynamodb", env: { AWS_ENDPOINT_DISCOVERY_ENABLED: "false" }, config: { endpoint_discovery_enabled: true } },
  { setting: "ca bundle", service: "sts", env: { AWS_CA_BUNDLE: "/env/ca.pem" }, client: { verify: "/arg/ca.pem" } },
  { setting: "s3 block", service: "s3", env: { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: "legacy", AWS_S3_USE_ARN_REGION: "true" }, config: { s3: { addressing_style: "auto" } }, client: { region_name: "us-east-1" } },
  { setting: "data path", service: "sqs", env: { AWS_DATA_PATH: "%DIR%/more-models" } },
  { setting: "api versions", service: "ec2", env: {}, client: { api_version: "2016-11-15" } },
  { setting: "metadata service", service: "sts", env: { AWS_METADATA_SERVICE_TIMEOUT: "2", AWS_METADATA_SERVICE_NUM_ATTEMPTS: "7", AWS_EC2_METADATA_V1_DISABLED: "false" } },
  { setting: "express session auth", service: "s3", env: { AWS_S3_DISABLE_EXPRESS_SESSION_AUTH: "false" }, config: { s3: { disable_s3_express_session_auth: true } } },
  { setting: "credentials", service: "sts", env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" }, session: { profile_name: "full" } },
];

function merge<T extends object>(parts: readonly T[]): T {
  return Object.assign({}, ...parts) as T;
}

/** Every combination, ladders first; the random part is the same on every run (seeded). */
export function combinations(randomCount = 200, seed = 4): Combination[] {
  const out: Combination[] = [];
  for (const ladder of LADDERS) {
    const profileEnv: Record<string, string> = ladder.env.AWS_PROFILE === undefined ? { AWS_PROFILE: "full" } : {};
    out.push({ name: `${ladder.setting}: profile`, service: ladder.service, env: { ...profileEnv }, session: {}, client: {}, config: null });
    out.push({ name: `${ladder.setting}: env over profile`, service: ladder.service, env: { ...profileEnv, ...ladder.env }, session: {}, client: {}, config: null });
    if (ladder.config !== undefined || ladder.client !== undefined || ladder.session !== undefined) {
      out.push({
        name: `${ladder.setting}: Config / argument over env and profile`,
        service: ladder.service,
        env: { ...profileEnv, ...ladder.env },
        session: ladder.session ?? {},
        client: ladder.client ?? {},
        config: ladder.config ?? null,
      });
    }
    out.push({ name: `${ladder.setting}: env, default profile`, service: ladder.service, env: { ...ladder.env, AWS_PROFILE: "default" }, session: {}, client: {}, config: ladder.config ?? null });
  }
  const random = new SeededRandom(seed);
  const some = <T>(pool: readonly T[], max: number, p: number): T[] => {
    const picked: T[] = [];
    if (!random.chance(p)) return picked;
    const n = random.int(1, max);
    for (let i = 0; i < n; i++) picked.push(random.pick(pool));
    return picked;
  };
  for (let i = 0; i < randomCount; i++) {
    const env = merge(some(ENV_POOL, 3, 0.8));
    const session = merge(some(SESSION_POOL, 1, 0.4));
    const client = merge(some(CLIENT_POOL, 2, 0.4));
    const configParts = some(CONFIG_POOL, 3, 0.6);
    const config = configParts.length === 0 ? null : merge(configParts);
    out.push({ name: `random #${i}`, service: random.pick(SERVICES), env, session, client, config });
  }
  return out;
}
