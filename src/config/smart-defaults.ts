/**
 * Defaults modes (`defaults_mode` / AWS_DEFAULTS_MODE): the values of
 * sdk-default-configuration.json for a mode, and how they replace the
 * chain's defaults for one client (botocore's `DefaultConfigResolver` and
 * `SmartDefaultsConfigStoreFactory`).
 *
 * A mode only replaces defaults: a value from the session, the environment
 * or the profile still wins. "legacy" changes nothing; "auto" picks
 * "in-region" or "cross-region" when the SDK knows where it runs, else
 * "standard".
 */
import type { Env } from "./paths.js";
import type { DefaultOverrides } from "./config-store.js";

/** The shape of sdk-default-configuration.json (the parts botocore reads). */
export interface DefaultConfigurationData {
  readonly base: Readonly<Record<string, unknown>>;
  readonly modes: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** The values of one mode: the file's names (retryMode, connectTimeoutInMillis, ...). */
export type ModeValues = Readonly<Record<string, unknown>>;

/** Resolves the values of each defaults mode from sdk-default-configuration.json (botocore's DefaultConfigResolver). */
export class DefaultConfigResolver {
  readonly #base: Readonly<Record<string, unknown>>;
  readonly #modes: DefaultConfigurationData["modes"];
  readonly #resolved = new Map<string, ModeValues>();

  constructor(data: DefaultConfigurationData) {
    this.#base = data.base;
    this.#modes = data.modes;
  }

  /** "legacy", "auto", then the file's modes, in its order. */
  get_default_modes(): string[] {
    return ["legacy", "auto", ...Object.keys(this.#modes)];
  }

  /** The base values with the mode's modifications (multiply, add or override) applied. */
  get_default_config_values(mode: string): ModeValues {
    let values = this.#resolved.get(mode);
    if (values === undefined) {
      const out: Record<string, unknown> = { ...this.#base };
      for (const [name, modification] of Object.entries(this.#modes[mode] ?? {})) {
        const [kind, operand] = Object.entries(modification)[0] ?? [];
        const current = out[name];
        if (kind === "multiply") out[name] = Number(current) * Number(operand);
        else if (kind === "add") out[name] = typeof current === "string" ? current + String(operand) : Number(current) + Number(operand);
        else if (kind === "override") out[name] = operand;
      }
      values = Object.freeze(out);
      this.#resolved.set(mode, values);
    }
    return values;
  }
}

/**
 * What "auto" means here: with AWS_EXECUTION_ENV set, AWS_REGION (or
 * AWS_DEFAULT_REGION) is where the code runs; otherwise the instance's
 * region, when the caller knows it (botocore asks the instance metadata
 * service). Same region: "in-region"; another: "cross-region"; unknown: "standard".
 */
export function resolveAutoMode(regionName: string | null | undefined, env: Env, instanceRegion?: string | null): string {
  let current: string | undefined;
  if (env["AWS_EXECUTION_ENV"]) current = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"];
  if (!current && instanceRegion) current = instanceRegion;
  if (!current) return "standard";
  return regionName === current ? "in-region" : "cross-region";
}

/**
 * The chain defaults a mode replaces, ready for `SessionConfigStore.withDefaults`:
 * retry_mode, sts_regional_endpoints, s3.us_east_1_regional_endpoint and
 * connect_timeout (in seconds). Values the file has but botocore does not
 * use (tlsNegotiationTimeoutInMillis) are left out.
 */
export function smartDefaultOverrides(values: ModeValues): DefaultOverrides {
  const out: Record<string, unknown> = {};
  if ("retryMode" in values) out["retry_mode"] = values["retryMode"];
  if ("stsRegionalEndpoints" in values) out["sts_regional_endpoints"] = values["stsRegionalEndpoints"];
  if ("s3UsEast1RegionalEndpoints" in values) out["s3"] = { us_east_1_regional_endpoint: values["s3UsEast1RegionalEndpoints"] };
  if ("connectTimeoutInMillis" in values) out["connect_timeout"] = Number(values["connectTimeoutInMillis"]) / 1000;
  return out;
}
