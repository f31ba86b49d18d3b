/**
 * Client-creation endpoint facts from endpoints.json (botocore's
 * ClientEndpointBridge): the client's region name, signing region, signing
 * name and signature version, and the legacy endpoint URL.
 */
import { UnknownSignatureVersionError, UnsupportedSignatureVersionError } from "../exceptions.js";
import type { LegacyEndpointData, LegacyEndpointResolver, LegacyResolved } from "../endpoints/legacy-resolver.js";

/** The Config fields the bridge reads. */
export interface BridgeClientConfig {
  readonly region_name?: string | null;
  readonly signature_version?: string | null | symbol;
  readonly use_fips_endpoint?: boolean | null;
  readonly use_dualstack_endpoint?: boolean | null;
  readonly s3?: Readonly<Record<string, unknown>> | null;
}

/** What the bridge hands to client-args. */
export interface BridgeResult {
  service_name: string;
  region_name: string | null;
  signing_region: string | null;
  signing_name: string;
  endpoint_url: string;
  signature_version: string | symbol;
  metadata: Partial<LegacyResolved> & { tags?: string[] };
}

/** Signature versions botocore can sign with (auth.py AUTH_TYPE_MAPS, without CRT). */
const KNOWN_SIGNATURE_VERSIONS = new Set([
  "v2", "v3", "v3https", "s3", "s3-query", "s3-presign-post", "s3v4-presign-post", "v4-s3express",
  "v4-s3express-query", "v4-s3express-presign-post", "bearer", "v4", "v4-query", "s3v4", "s3v4-query",
]);

const AUTH_TRAIT_TO_SIGNATURE_VERSION: Readonly<Record<string, string>> = {
  "aws.auth#sigv4": "v4",
  "aws.auth#sigv4a": "v4a",
  "smithy.api#httpBearerAuth": "bearer",
  "smithy.api#noAuth": "none",
};

/** botocore.auth.resolve_auth_type: the first auth trait botocore can sign with. */
export function resolveAuthType(authTraits: readonly string[]): string {
  for (const trait of authTraits) {
    if (trait === "smithy.api#noAuth") return "none";
    const version = AUTH_TRAIT_TO_SIGNATURE_VERSION[trait];
    if (version === undefined) throw new UnknownSignatureVersionError({ signature_version: trait });
    if (KNOWN_SIGNATURE_VERSIONS.has(version)) return version;
  }
  throw new UnsupportedSignatureVersionError({ signature_version: authTraits });
}

const DUALSTACK_CUSTOMIZED_SERVICES = new Set(["s3", "s3-control"]);

/** Resolves a client's endpoint facts from endpoints.json and configuration. */
export class ClientEndpointBridge {
  constructor(
    private readonly resolver: LegacyEndpointResolver,
    private readonly options: {
      scopedConfig: Readonly<Record<string, unknown>>;
      clientConfig: BridgeClientConfig | null;
      getConfigVariable: (name: string) => unknown;
      serviceSigningName: string | undefined;
      serviceSignatureVersion: string | undefined;
    },
  ) {}

  /** True when endpoints.json came from the built-in data. */
  resolver_uses_builtin_data(): boolean {
    return this.resolver.uses_builtin_data;
  }

  /** botocore's ClientEndpointBridge.resolve. */
  resolve(service: string, region: string | null = null, endpointUrl: string | null = null, isSecure = true): BridgeResult {
    if (region === null && this.options.clientConfig?.region_name != null) region = this.options.clientConfig.region_name;
    const useDualstack = this.resolveUseDualstack(service);
    const useFips = this.resolveVariantConfigVar("use_fips_endpoint");
    let resolved = this.resolver.construct_endpoint(service, region, { useDualstack, useFips });
    // Non-regional services (iam, route53, ...) fall back to the aws partition.
    resolved ??= this.resolver.construct_endpoint(service, region, { partitionName: "aws", useDualstack, useFips });
    if (resolved) return this.createEndpoint(resolved, service, region, endpointUrl, isSecure);
    return this.assumeEndpoint(service, region, endpointUrl, isSecure);
  }

  /** The client config's value, else the config store's, else false. */
  resolveVariantConfigVar(name: "use_fips_endpoint" | "use_dualstack_endpoint"): boolean {
    const fromClient = this.options.clientConfig?.[name];
    if (fromClient !== undefined && fromClient !== null) return fromClient;
    return this.options.getConfigVariable(name) === true;
  }

  /** Dual-stack for s3/s3-control comes from the s3 config first. */
  resolveUseDualstack(service: string): boolean {
    if (DUALSTACK_CUSTOMIZED_SERVICES.has(service)) {
      const s3 = this.options.clientConfig?.s3;
      if (s3 && "use_dualstack_endpoint" in s3) return Boolean(s3.use_dualstack_endpoint);
      const scopedS3 = this.options.scopedConfig.s3;
      if (scopedS3 && typeof scopedS3 === "object") {
        const enabled = (scopedS3 as Record<string, unknown>).use_dualstack_endpoint;
        if (enabled === true || enabled === "True" || enabled === "true") return true;
      }
    }
    return this.resolveVariantConfigVar("use_dualstack_endpoint");
  }

  private createEndpoint(
    resolved: LegacyResolved,
    service: string,
    region: string | null,
    endpointUrl: string | null,
    isSecure: boolean,
  ): BridgeResult {
    let regionName = region;
    let signingRegion = region;
    // A user-supplied endpoint keeps the user's region for signing.
    if (endpointUrl === null) {
      regionName = resolved.endpointName;
      signingRegion = resolved.credentialScope?.region ?? regionName;
    }
    const url = endpointUrl ?? makeUrl(resolved.hostname, isSecure, resolved.protocols ?? []);
    return {
      service_name: service,
      region_name: regionName,
      signing_region: signingRegion,
      signing_name: this.resolveSigningName(service, resolved),
      endpoint_url: url,
      signature_version: this.resolveSignatureVersion(service, resolved),
      metadata: resolved,
    };
  }

  private assumeEndpoint(service: string, region: string | null, endpointUrl: string | null, isSecure: boolean): BridgeResult {
    const url = endpointUrl ?? makeUrl(`${service}.${region}.amazonaws.com`, isSecure, ["http", "https"]);
    return {
      service_name: service,
      region_name: region,
      signing_region: region,
      signing_name: this.resolveSigningName(service, {}),
      endpoint_url: url,
      signature_version: this.resolveSignatureVersion(service, { signatureVersions: ["v4"] }),
      metadata: {},
    };
  }

  private resolveSigningName(service: string, resolved: LegacyEndpointData): string {
    return resolved.credentialScope?.service ?? this.options.serviceSigningName ?? service;
  }

  private resolveSignatureVersion(service: string, resolved: LegacyEndpointData): string | symbol {
    const configured = configuredSignatureVersion(service, this.options.clientConfig, this.options.scopedConfig);
    if (configured !== undefined) return configured;
    if (service === "s3" || service === "s3-control") return "s3v4";
    let candidates: readonly string[];
    if (this.options.serviceSignatureVersion !== undefined) {
      candidates = [this.options.serviceSignatureVersion];
    } else {
      candidates = resolved.signatureVersions ?? [];
      if (candidates.includes("v4")) return "v4";
    }
    for (const known of candidates) if (KNOWN_SIGNATURE_VERSIONS.has(known)) return known;
    throw new UnknownSignatureVersionError({ signature_version: candidates });
  }
}

/** A signature version set by Config or by the profile's `<service> = signature_version = ...`. */
export function configuredSignatureVersion(
  service: string,
  clientConfig: BridgeClientConfig | null,
  scopedConfig: Readonly<Record<string, unknown>>,
): string | symbol | undefined {
  const fromConfig = clientConfig?.signature_version;
  if (fromConfig !== undefined && fromConfig !== null) return fromConfig;
  const serviceConfig = scopedConfig[service];
  if (serviceConfig && typeof serviceConfig === "object") {
    const version = (serviceConfig as Record<string, unknown>).signature_version;
    if (typeof version === "string" && version) return version;
  }
  return undefined;
}

function makeUrl(hostname: string, isSecure: boolean, protocols: readonly string[]): string {
  return `${isSecure && protocols.includes("https") ? "https" : "http"}://${hostname}`;
}
