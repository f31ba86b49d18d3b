/**
 * The instance-metadata settings botocore resolves when it builds the
 * credential chain (`create_credential_resolver`), before any provider runs.
 * Resolving them early matters: it is where a missing profile
 * (ProfileNotFound) or a bad endpoint mode surfaces, even when the
 * credentials would have come from the environment.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import { InvalidIMDSEndpointModeError } from "../exceptions.js";

const ENDPOINT_MODES = ["ipv4", "ipv6"] as const;

/** The settings the instance-metadata provider will use. */
export interface ImdsSettings {
  readonly timeout: number;
  readonly num_attempts: number;
  readonly ec2_metadata_service_endpoint: string | undefined;
  readonly ec2_metadata_service_endpoint_mode: "ipv4" | "ipv6";
  readonly ec2_metadata_v1_disabled: boolean;
}

/**
 * botocore's `resolve_imds_endpoint_mode`: the explicit mode (any case) wins
 * over `imds_use_ipv6`; an unknown mode is an InvalidIMDSEndpointModeError.
 */
export function resolveImdsEndpointMode(store: SessionConfigStore): "ipv4" | "ipv6" {
  const mode = store.get_config_variable("ec2_metadata_service_endpoint_mode");
  if (mode !== undefined && mode !== null) {
    const lower = String(mode).toLowerCase();
    const known = ENDPOINT_MODES.find((m) => m === lower);
    if (known === undefined) {
      throw new InvalidIMDSEndpointModeError({ mode, valid_modes: `(${ENDPOINT_MODES.map((m) => `'${m}'`).join(", ")})` });
    }
    return known;
  }
  return store.get_config_variable("imds_use_ipv6") ? "ipv6" : "ipv4";
}

/** Resolves the instance-metadata settings in botocore's order. */
export function resolveImdsSettings(store: SessionConfigStore): ImdsSettings {
  const timeout = store.get_config_variable("metadata_service_timeout") as number;
  const numAttempts = store.get_config_variable("metadata_service_num_attempts") as number;
  const endpoint = store.get_config_variable("ec2_metadata_service_endpoint");
  const endpointMode = resolveImdsEndpointMode(store);
  const v1Disabled = store.get_config_variable("ec2_metadata_v1_disabled") as boolean;
  return {
    timeout,
    num_attempts: numAttempts,
    ec2_metadata_service_endpoint: endpoint === undefined ? undefined : String(endpoint),
    ec2_metadata_service_endpoint_mode: endpointMode,
    ec2_metadata_v1_disabled: v1Disabled,
  };
}
