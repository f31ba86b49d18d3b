/**
 * Advanced client configuration: botocore's `botocore.config.Config`.
 *
 * boto3 users pass keyword arguments; here they pass one object with the same
 * keys: `new Config({ retries: { max_attempts: 0 }, read_timeout: 120 })`.
 * An option left `undefined` counts as not given; `null` is an explicit
 * Python `None` (it is "given", so it wins in `merge`).
 *
 * @see https://botocore.amazonaws.com/v1/documentation/api/latest/reference/config.html
 */
import { inspect } from "node:util";
import type { InspectOptions } from "node:util";
import {
  InvalidConfigError,
  InvalidMaxRetryAttemptsError,
  InvalidRetryConfigurationError,
  InvalidRetryModeError,
  InvalidS3AddressingStyleError,
} from "../exceptions.js";
import { pyTypeName } from "./python-text.js";

/** botocore.UNSIGNED: `signature_version: UNSIGNED` sends requests without signing them. */
export const UNSIGNED: unique symbol = Symbol.for("botocore.UNSIGNED") as never;

/** The retry modes botocore knows. */
export type RetryMode = "legacy" | "standard" | "adaptive";

/** Values of the boto3-ts-only `retries.resend_after_read_timeout` option. */
export type ResendAfterReadTimeout = "always" | "idempotent_only";

/** The `retries` option. */
export interface RetriesConfig {
  /** Retries after the first attempt (0 = never retry). */
  readonly max_attempts?: number;
  /** All attempts, the first included; wins over `max_attempts`. */
  readonly total_max_attempts?: number;
  readonly mode?: RetryMode;
  /**
   * boto3-ts only, not in botocore: whether a request that timed out
   * reading the response (it may have run) is sent again. `"always"` (the
   * default) is botocore's behaviour; `"idempotent_only"` resends it only
   * when the operation is idempotent (the model's `idempotent` trait, an
   * idempotency token, or GET / HEAD / OPTIONS), so a slow Lambda invoke
   * is never silently run twice. Every retry mode honours it.
   */
  readonly resend_after_read_timeout?: ResendAfterReadTimeout;
}

/** The `s3` option. */
export interface S3Config {
  readonly addressing_style?: "auto" | "virtual" | "path" | null;
  readonly use_accelerate_endpoint?: boolean;
  readonly payload_signing_enabled?: boolean;
  readonly use_dualstack_endpoint?: boolean;
  readonly us_east_1_regional_endpoint?: "regional" | "legacy";
  readonly use_arn_region?: boolean;
  readonly s3_disable_multiregion_access_points?: boolean;
  readonly s3_disable_express_session_auth?: boolean;
  readonly [key: string]: unknown;
}

/** The `proxies_config` option. */
export interface ProxiesConfig {
  readonly proxy_ca_bundle?: string;
  /** A certificate path, or [certificate, key]. */
  readonly proxy_client_cert?: string | readonly [string, string];
  readonly proxy_use_forwarding_for_https?: boolean;
}

/** The defaults modes of sdk-default-configuration.json, plus "legacy" and "auto". */
export type DefaultsMode = "legacy" | "standard" | "in-region" | "cross-region" | "mobile" | "auto";

/** When request checksums are computed / response checksums validated. */
export type ChecksumWhen = "when_supported" | "when_required";

/** The options of Config, with botocore's names (every option of botocore 1.43's Config). */
export interface ConfigOptions {
  readonly region_name?: string | null;
  readonly signature_version?: string | typeof UNSIGNED | null;
  readonly user_agent?: string | null;
  readonly user_agent_extra?: string | null;
  readonly user_agent_appid?: string | null;
  /** Seconds (default 60; unset in non-legacy defaults modes, which supply their own). */
  readonly connect_timeout?: number | null;
  /** Seconds (default 60). */
  readonly read_timeout?: number | null;
  readonly parameter_validation?: boolean | null;
  /** Default 10. */
  readonly max_pool_connections?: number | null;
  /** Proxy URLs by scheme or by scheme://host, e.g. `{ https: "http://proxy:3128" }`. */
  readonly proxies?: Readonly<Record<string, string>> | null;
  readonly proxies_config?: ProxiesConfig | null;
  readonly s3?: S3Config | null;
  readonly s3_disable_express_session_auth?: boolean | null;
  readonly retries?: RetriesConfig | null;
  /** A certificate path, or [certificate, key]. */
  readonly client_cert?: string | readonly [string, string] | null;
  readonly inject_host_prefix?: boolean | null;
  readonly endpoint_discovery_enabled?: boolean | "auto" | string | null;
  readonly use_dualstack_endpoint?: boolean | null;
  readonly use_fips_endpoint?: boolean | null;
  readonly ignore_configured_endpoint_urls?: boolean | null;
  readonly defaults_mode?: DefaultsMode | null;
  readonly tcp_keepalive?: boolean | null;
  readonly request_min_compression_size_bytes?: number | null;
  readonly disable_request_compression?: boolean | null;
  readonly client_context_params?: Readonly<Record<string, unknown>> | null;
  readonly sigv4a_signing_region_set?: string | null;
  readonly request_checksum_calculation?: ChecksumWhen | null;
  readonly response_checksum_validation?: ChecksumWhen | null;
  readonly account_id_endpoint_mode?: "preferred" | "disabled" | "required" | null;
  readonly auth_scheme_preference?: string | null;
}

/** The name of a Config option. */
export type ConfigOptionName = keyof ConfigOptions;

// botocore's OPTION_DEFAULTS, in its order (which is also the order shown by inspect).
const OPTION_DEFAULTS: Readonly<Record<ConfigOptionName, unknown>> = Object.freeze({
  region_name: null,
  signature_version: null,
  user_agent: null,
  user_agent_extra: null,
  user_agent_appid: null,
  connect_timeout: 60,
  read_timeout: 60,
  parameter_validation: true,
  max_pool_connections: 10,
  proxies: null,
  proxies_config: null,
  s3: null,
  s3_disable_express_session_auth: null,
  retries: null,
  client_cert: null,
  inject_host_prefix: null,
  endpoint_discovery_enabled: null,
  use_dualstack_endpoint: null,
  use_fips_endpoint: null,
  ignore_configured_endpoint_urls: null,
  defaults_mode: null,
  tcp_keepalive: null,
  request_min_compression_size_bytes: null,
  disable_request_compression: null,
  client_context_params: null,
  sigv4a_signing_region_set: null,
  request_checksum_calculation: null,
  response_checksum_validation: null,
  account_id_endpoint_mode: null,
  auth_scheme_preference: null,
});

const OPTION_NAMES = Object.keys(OPTION_DEFAULTS) as ConfigOptionName[];

// Python renders these as tuples inside the error messages.
const VALID_RETRY_OPTIONS = ["max_attempts", "mode", "total_max_attempts"] as const;
// boto3-ts's own retry options: accepted, but left out of botocore's "valid options" message.
const EXTENSION_RETRY_OPTIONS: Readonly<Record<string, readonly unknown[]>> = { resend_after_read_timeout: ["always", "idempotent_only"] };
const VALID_RETRY_MODES = ["legacy", "standard", "adaptive"] as const;
const pyTuple = (items: readonly string[]): string => `(${items.map((item) => `'${item}'`).join(", ")})`;

/** Hides the user:password part of a proxy URL ("http://<redacted>@proxy:3128"). */
export function redactProxyUrl(url: string): string {
  return url.replace(/^((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/)?[^/?#@]*@/, (_, scheme: string | undefined) => `${scheme ?? ""}<redacted>@`);
}

/** Advanced configuration for clients (botocore.config.Config). */
export class Config {
  /** AWS region for the client. */
  declare readonly region_name: string | null;
  /** Signature version, or UNSIGNED. */
  declare readonly signature_version: string | typeof UNSIGNED | null;
  /** Replaces the User-Agent header. */
  declare readonly user_agent: string | null;
  /** Appended to the User-Agent header. */
  declare readonly user_agent_extra: string | null;
  /** Sent as "app/<id>" in the User-Agent header. */
  declare readonly user_agent_appid: string | null;
  /** Connect timeout in seconds. */
  declare readonly connect_timeout: number | null;
  /** Read timeout in seconds. */
  declare readonly read_timeout: number | null;
  /** Whether parameters are validated before sending. */
  declare readonly parameter_validation: boolean | null;
  /** Connections kept per pool. */
  declare readonly max_pool_connections: number | null;
  /** Proxy URLs by scheme or host. */
  declare readonly proxies: Readonly<Record<string, string>> | null;
  /** Proxy TLS settings. */
  declare readonly proxies_config: ProxiesConfig | null;
  /** S3-specific settings. */
  declare readonly s3: S3Config | null;
  /** Disables S3 Express session auth. */
  declare readonly s3_disable_express_session_auth: boolean | null;
  /** Retry settings. */
  declare readonly retries: RetriesConfig | null;
  /** TLS client certificate. */
  declare readonly client_cert: string | readonly [string, string] | null;
  /** Whether endpoint discovery is used. */
  declare readonly endpoint_discovery_enabled: boolean | string | null;
  /** Dual-stack endpoints. */
  declare readonly use_dualstack_endpoint: boolean | null;
  /** FIPS endpoints. */
  declare readonly use_fips_endpoint: boolean | null;
  /** Ignores endpoint URLs from the environment and config file. */
  declare readonly ignore_configured_endpoint_urls: boolean | null;
  /** Defaults mode. */
  declare readonly defaults_mode: DefaultsMode | null;
  /** TCP keep-alive on new connections. */
  declare readonly tcp_keepalive: boolean | null;
  /** Smallest body (bytes) that is compressed. */
  declare readonly request_min_compression_size_bytes: number | null;
  /** Turns request compression off. */
  declare readonly disable_request_compression: boolean | null;
  /** Service-specific client context parameters. */
  declare readonly client_context_params: Readonly<Record<string, unknown>> | null;
  /** Regions a SigV4a signature covers. */
  declare readonly sigv4a_signing_region_set: string | null;
  /** When request checksums are computed. */
  declare readonly request_checksum_calculation: ChecksumWhen | null;
  /** When response checksums are validated. */
  declare readonly response_checksum_validation: ChecksumWhen | null;
  /** Account-ID-based endpoint routing. */
  declare readonly account_id_endpoint_mode: "preferred" | "disabled" | "required" | null;
  /** Preferred auth schemes, comma-separated. */
  declare readonly auth_scheme_preference: string | null;
  readonly #provided: Readonly<Partial<Record<ConfigOptionName, unknown>>>;

  constructor(options: ConfigOptions = {}) {
    const provided: Partial<Record<ConfigOptionName, unknown>> = {};
    for (const [key, value] of Object.entries(options)) {
      if (!Object.prototype.hasOwnProperty.call(OPTION_DEFAULTS, key)) {
        throw new TypeError(`Got unexpected keyword argument '${key}'`);
      }
      if (value !== undefined) provided[key as ConfigOptionName] = value;
    }
    this.#provided = Object.freeze(provided);

    const values: Record<string, unknown> = { ...OPTION_DEFAULTS };
    // Non-legacy defaults modes supply their own connect timeout.
    const defaultsMode = "defaults_mode" in provided ? provided.defaults_mode : "legacy";
    if (defaultsMode !== "legacy") values["connect_timeout"] = null;
    Object.assign(values, provided);
    for (const name of OPTION_NAMES) {
      if (name !== "inject_host_prefix") Object.defineProperty(this, name, { value: values[name], enumerable: true });
    }
    validateS3(this.s3);
    validateRetries(this.retries);
  }

  /** Whether operation parameters may be injected into the host name; true unless the user said otherwise. */
  get inject_host_prefix(): boolean | null {
    return "inject_host_prefix" in this.#provided ? (this.#provided.inject_host_prefix as boolean | null) : true;
  }

  /** The options the user gave (those, and only those, win in `merge`). */
  get user_provided_options(): Readonly<Partial<ConfigOptions>> {
    return this.#provided as Partial<ConfigOptions>;
  }

  /** A new Config: this one's given options, overridden by the options given to `other` (botocore's Config.merge). */
  merge(other: Config): Config {
    return new Config({ ...this.#provided, ...other.#provided } as ConfigOptions);
  }

  /** Every option and its effective value, with proxy credentials hidden. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of OPTION_NAMES) out[name] = redactOption(name, this[name]);
    return out;
  }

  /** The given options, with proxy credentials hidden, e.g. `Config({"read_timeout":120})`. */
  toString(): string {
    const shown: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(this.#provided)) shown[name] = redactOption(name as ConfigOptionName, value);
    return `Config(${JSON.stringify(shown, (_, v: unknown) => (typeof v === "symbol" ? String(v) : v))})`;
  }

  /** util.inspect shows the effective options, with proxy credentials hidden. */
  [inspect.custom](_depth: number, options: InspectOptions): string {
    return `Config ${inspect(this.toJSON(), { ...options, depth: options.depth ?? 2 })}`;
  }
}

function redactOption(name: ConfigOptionName, value: unknown): unknown {
  if (name !== "proxies" || typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, url] of Object.entries(value)) out[key] = typeof url === "string" ? redactProxyUrl(url) : url;
  return out;
}

function validateS3(s3: S3Config | null): void {
  if (s3 === null || s3 === undefined) return;
  const style = s3.addressing_style ?? null;
  if (style !== null && style !== "virtual" && style !== "auto" && style !== "path") {
    throw new InvalidS3AddressingStyleError({ s3_addressing_style: style });
  }
}

// Python compares with `<`, which raises TypeError for anything but numbers (and bools).
function lessThan(value: unknown, bound: number): boolean {
  if (typeof value === "number") return value < bound;
  if (typeof value === "boolean") return Number(value) < bound;
  throw new TypeError(`'<' not supported between instances of '${pyTypeName(value)}' and 'int'`);
}

function validateRetries(retries: RetriesConfig | null): void {
  if (retries === null || retries === undefined) return;
  for (const [key, value] of Object.entries(retries)) {
    const allowed = Object.hasOwn(EXTENSION_RETRY_OPTIONS, key) ? EXTENSION_RETRY_OPTIONS[key] : undefined;
    if (allowed !== undefined) {
      if (value !== undefined && !allowed.includes(value)) {
        throw new InvalidConfigError({ error_msg: `Invalid value ${JSON.stringify(value)} for retries.${key}; valid values: ${allowed.map((v) => JSON.stringify(v)).join(", ")}` });
      }
      continue;
    }
    if (!(VALID_RETRY_OPTIONS as readonly string[]).includes(key)) {
      throw new InvalidRetryConfigurationError({ retry_config_option: key, valid_options: pyTuple(VALID_RETRY_OPTIONS) });
    }
    if (key === "max_attempts" && lessThan(value, 0)) {
      throw new InvalidMaxRetryAttemptsError({ provided_max_attempts: value, min_value: 0 });
    }
    if (key === "total_max_attempts" && lessThan(value, 1)) {
      throw new InvalidMaxRetryAttemptsError({ provided_max_attempts: value, min_value: 1 });
    }
    if (key === "mode" && !(VALID_RETRY_MODES as readonly unknown[]).includes(value)) {
      throw new InvalidRetryModeError({ provided_retry_mode: value, valid_modes: pyTuple(VALID_RETRY_MODES) });
    }
  }
}
