/**
 * Builtin parameter values for a client (botocore args.py
 * `compute_endpoint_resolver_builtin_defaults`): computed once when the
 * client is created, from configuration the client has already resolved.
 */
import { InvalidS3UsEast1RegionalEndpointConfigError, InvalidSTSRegionalEndpointsConfigError } from "../exceptions.js";
import { pyUrlparse } from "./python-url.js";

/** The builtin names a rule-set parameter may bind to (botocore's EndpointResolverBuiltins). */
export const BUILTIN_NAMES = [
  "AWS::Region",
  "AWS::UseFIPS",
  "AWS::UseDualStack",
  "AWS::STS::UseGlobalEndpoint",
  "AWS::S3::UseGlobalEndpoint",
  "AWS::S3::Accelerate",
  "AWS::S3::ForcePathStyle",
  "AWS::S3::UseArnRegion",
  "AWS::S3::DisableS3ExpressSessionAuth",
  "AWS::S3Control::UseArnRegion",
  "AWS::S3::DisableMultiRegionAccessPoints",
  "SDK::Endpoint",
  "AWS::Auth::AccountId",
  "AWS::Auth::AccountIdEndpointMode",
] as const;

/** One builtin name. */
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

/** A builtin's value; a function is called only when a rule set needs the value (the account id). */
export type BuiltinValue = string | boolean | null | undefined | (() => unknown);

/** Builtin values by name; event handlers may change a copy per call. */
export type Builtins = Record<BuiltinName, BuiltinValue>;

/** The `s3` section of Config (merged with the profile's, as botocore's compute_s3_config does). */
export interface S3Config {
  addressing_style?: string | null;
  use_accelerate_endpoint?: boolean | null;
  us_east_1_regional_endpoint?: string | null;
  use_arn_region?: boolean | null;
  s3_disable_multiregion_access_points?: boolean | null;
  use_dualstack_endpoint?: boolean | null;
  [key: string]: unknown;
}

/** What the client knows when it computes builtins. */
export interface BuiltinInputs {
  /** The service's endpoint prefix (`s3`, `sts`, `s3-control`, ...). */
  endpoint_prefix: string;
  /** The client's region (after fips pseudo-region normalization), or null. */
  region_name: string | null;
  /**
   * The region the legacy endpoint bridge settled on (botocore's
   * `endpoint_config['region_name']`, after the s3 and sts adjustments).
   * Used for s3 and sts, and for clients without a region.
   */
  endpoint_region_name: string | null;
  /** The configured endpoint URL (argument, environment or profile), or null. */
  endpoint_url?: string | null;
  /** The legacy endpoint URL of the client; used only when endpoints.json is not the built-in one. */
  legacy_endpoint_url?: string | null;
  /** Whether endpoints.json came from the package's data (default true). */
  endpoints_data_is_builtin?: boolean;
  /** `use_fips_endpoint` as the bridge resolves it (Config, then config store). */
  use_fips_endpoint?: boolean | null;
  /** `use_dualstack_endpoint` as the bridge resolves it (incl. the s3 section for s3 and s3-control). */
  use_dualstack_endpoint?: boolean | null;
  /** The merged `s3` configuration. */
  s3?: S3Config | null;
  /** The `sts_regional_endpoints` setting (config store). */
  sts_regional_endpoints?: string | null;
  /** The account id, or a function that fetches it from the credentials when needed. */
  account_id?: string | (() => unknown) | null;
  /** `account_id_endpoint_mode` (preferred, disabled, required). */
  account_id_endpoint_mode?: string | null;
  /** `s3_disable_express_session_auth` (a bool, or "true"/"false"). */
  s3_disable_express_session_auth?: boolean | string | null;
}

/** Regions that used the global STS endpoint under `sts_regional_endpoints = legacy`. */
export const LEGACY_GLOBAL_STS_REGIONS: ReadonlySet<string> = new Set([
  "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1",
  "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
]);

const NO_S3_CONFIG: S3Config = Object.freeze({});
const REGIONAL_ENDPOINT_OPTIONS = new Set(["legacy", "regional"]);

/** botocore.utils.ensure_boolean. */
export function ensureBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase() === "true";
  return false;
}

/** Whether s3 in us-east-1 (or without a region) uses the global endpoint; validates the option. */
export function shouldForceS3Global(region: string | null, s3: S3Config | null | undefined): boolean {
  let option: unknown = "legacy";
  if (s3 && "us_east_1_regional_endpoint" in s3) {
    option = s3.us_east_1_regional_endpoint;
    if (typeof option !== "string" || !REGIONAL_ENDPOINT_OPTIONS.has(option)) {
      throw new InvalidS3UsEast1RegionalEndpointConfigError({ s3_us_east_1_regional_endpoint_config: option });
    }
  }
  return option === "legacy" && (region === "us-east-1" || region === null);
}

/** Whether sts in this region uses the global endpoint; validates `sts_regional_endpoints`. */
export function shouldUseGlobalStsEndpoint(region: string | null, setting: string | null | undefined): boolean {
  const option = setting ? setting : "regional";
  if (!REGIONAL_ENDPOINT_OPTIONS.has(option)) {
    throw new InvalidSTSRegionalEndpointsConfigError({ sts_regional_endpoints_config: option });
  }
  return option === "legacy" && region !== null && LEGACY_GLOBAL_STS_REGIONS.has(region);
}

/** botocore.utils.is_s3_accelerate_url: `s3-accelerate[.dualstack].amazonaws.com` over http(s). */
export function isS3AccelerateUrl(url: string | null | undefined): boolean {
  if (url === null || url === undefined) return false;
  const { scheme, netloc } = pyUrlparse(url);
  if (!netloc.endsWith("amazonaws.com") || (scheme !== "https" && scheme !== "http")) return false;
  const parts = netloc.split(".");
  if (parts[0] !== "s3-accelerate") return false;
  const features = parts.slice(1, -2);
  if (new Set(features).size !== features.length) return false;
  return features.every((p) => p === "dualstack");
}

/** The region rule sets see: the bridge's for s3 and sts (and for clients without a region), else the client's. */
export function endpointsV2Region(inputs: Pick<BuiltinInputs, "endpoint_prefix" | "region_name" | "endpoint_region_name">): string | null {
  return regionFor(inputs.endpoint_prefix, inputs);
}

function regionFor(prefix: string, inputs: Pick<BuiltinInputs, "region_name" | "endpoint_region_name">): string | null {
  const region = inputs.region_name;
  return prefix === "s3" || prefix === "sts" || region === null ? inputs.endpoint_region_name : region;
}

/** Computes a client's builtin values, raising botocore's errors for invalid s3/sts options. */
export function computeBuiltins(inputs: BuiltinInputs): Builtins {
  return builtinsFor(inputs.endpoint_prefix, inputs);
}

/** `computeBuiltins` with the endpoint prefix apart, so that callers need not copy their options. */
export function builtinsFor(prefix: string, inputs: Omit<BuiltinInputs, "endpoint_prefix">): Builtins {
  const region = regionFor(prefix, inputs);
  const s3 = inputs.s3 ?? NO_S3_CONFIG;
  const clientEndpoint = inputs.endpoint_url ?? null;
  let givenEndpoint: string | null = null;
  if (clientEndpoint) givenEndpoint = clientEndpoint;
  else if (inputs.endpoints_data_is_builtin === false) givenEndpoint = inputs.legacy_endpoint_url ?? null;

  // Rule sets reject path style where botocore used to ignore it; keep the old behaviour.
  let forcePathStyle: boolean;
  if (s3.use_accelerate_endpoint) forcePathStyle = false;
  else if (clientEndpoint !== null && !isS3AccelerateUrl(clientEndpoint)) forcePathStyle = s3.addressing_style !== "virtual";
  else forcePathStyle = s3.addressing_style === "path";

  const noEndpoint = givenEndpoint === null;
  return {
    "AWS::Region": region,
    "AWS::UseFIPS": (noEndpoint && inputs.use_fips_endpoint) || false,
    "AWS::UseDualStack": (noEndpoint && inputs.use_dualstack_endpoint) || false,
    "AWS::STS::UseGlobalEndpoint": shouldUseGlobalStsEndpoint(region, inputs.sts_regional_endpoints),
    "AWS::S3::UseGlobalEndpoint": shouldForceS3Global(region, s3),
    "AWS::S3::Accelerate": valueOr(s3, "use_accelerate_endpoint", false),
    "AWS::S3::ForcePathStyle": forcePathStyle,
    "AWS::S3::UseArnRegion": valueOr(s3, "use_arn_region", true),
    "AWS::S3Control::UseArnRegion": valueOr(s3, "use_arn_region", false),
    "AWS::S3::DisableMultiRegionAccessPoints": valueOr(s3, "s3_disable_multiregion_access_points", false),
    "AWS::S3::DisableS3ExpressSessionAuth": ensureBoolean(inputs.s3_disable_express_session_auth),
    "SDK::Endpoint": givenEndpoint,
    "AWS::Auth::AccountId": inputs.account_id ?? null,
    "AWS::Auth::AccountIdEndpointMode": inputs.account_id_endpoint_mode ?? null,
  };
}

/** `dict.get(key, default)`: a key present with None stays None. */
function valueOr(s3: S3Config, key: string, fallback: boolean): BuiltinValue {
  return key in s3 ? (s3[key] as BuiltinValue) : fallback;
}
