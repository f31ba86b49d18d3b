/**
 * endpoints.json, botocore's older endpoint data (regions.py EndpointResolver).
 *
 * Rule sets decide the URL of every call; this data still decides, at client
 * creation, the client's `region_name`, its signing region and name, whether
 * a region-less client raises NoRegionError, and what
 * `get_available_regions()` lists. botocore keeps both; so do we.
 */
import { EndpointVariantError, NoRegionError, UnknownRegionError } from "../exceptions.js";

/** One endpoint entry (or a defaults block) of endpoints.json. */
export interface LegacyEndpointData {
  hostname?: string;
  protocols?: string[];
  signatureVersions?: string[];
  credentialScope?: { region?: string; service?: string };
  variants?: (LegacyEndpointData & { tags: string[] })[];
  deprecated?: boolean;
  dnsSuffix?: string;
  [key: string]: unknown;
}

/** One service's entry in a partition of endpoints.json. */
export interface LegacyServiceData {
  endpoints: Record<string, LegacyEndpointData>;
  defaults?: LegacyEndpointData;
  partitionEndpoint?: string;
  isRegionalized?: boolean;
}

interface LegacyPartition {
  partition: string;
  dnsSuffix: string;
  regionRegex?: string;
  regions: Record<string, unknown>;
  services: Record<string, LegacyServiceData>;
  defaults?: LegacyEndpointData;
}

/** endpoints.json as a whole. */
export interface LegacyEndpointsFile {
  partitions: LegacyPartition[];
}

/** What a successful legacy resolution yields. */
export interface LegacyResolved extends LegacyEndpointData {
  partition: string;
  endpointName: string;
  hostname: string;
  dnsSuffix: string;
}

const UNSUPPORTED_DUALSTACK_PARTITIONS = new Set(["aws-iso", "aws-iso-b"]);
const EMPTY_SERVICE: LegacyServiceData = { endpoints: {} };

/** Resolves endpoints.json entries, as botocore.regions.EndpointResolver. */
export class LegacyEndpointResolver {
  private readonly regexes = new Map<string, RegExp>();
  private readonly cache = new Map<string, LegacyResolved | null>();
  private readonly serviceCache = new Map<string, Readonly<Record<string, LegacyServiceData>> | null>();

  constructor(
    private readonly data: LegacyEndpointsFile,
    /** False when endpoints.json came from a user data path, not the built-in data. */
    readonly uses_builtin_data = true,
    /**
     * For the built-in data, split at build time: `data` holds the
     * partitions without services, and this loads one service's entries
     * (partition name → entry) on first use.
     */
    private readonly loadService?: (service: string) => Readonly<Record<string, LegacyServiceData>> | undefined,
  ) {}

  /** A service's entry in a partition. */
  private serviceIn(partition: LegacyPartition, service: string): LegacyServiceData | undefined {
    if (this.loadService === undefined) return partition.services[service];
    let entries = this.serviceCache.get(service);
    if (entries === undefined) {
      entries = this.loadService(service) ?? null;
      this.serviceCache.set(service, entries);
    }
    return entries?.[partition.partition];
  }

  /** The partition names, in file order. */
  get_available_partitions(): string[] {
    return this.data.partitions.map((p) => p.partition);
  }

  /** Endpoint names of a service in a partition (regional ones unless `allowNonRegional`). */
  get_available_endpoints(service: string, partitionName = "aws", allowNonRegional = false): string[] {
    const out: string[] = [];
    for (const partition of this.data.partitions) {
      if (partition.partition !== partitionName) continue;
      const serviceData = this.serviceIn(partition, service);
      if (!serviceData) continue;
      for (const name of Object.keys(serviceData.endpoints)) {
        if (allowNonRegional || name in partition.regions) out.push(name);
      }
    }
    return out;
  }

  /** The partition whose regions include `region`. */
  get_partition_for_region(region: string): string {
    for (const partition of this.data.partitions) {
      if (this.regionMatch(partition, region)) return partition.partition;
    }
    throw new UnknownRegionError({ region_name: region, error_msg: "No partition found for provided region_name." });
  }

  /** Resolves a service in a region; undefined when no partition claims the region. */
  construct_endpoint(
    service: string,
    region: string | null,
    options: { partitionName?: string; useDualstack?: boolean; useFips?: boolean } = {},
  ): LegacyResolved | undefined {
    const key = `${service}|${region}|${options.partitionName ?? ""}|${options.useDualstack ? 1 : 0}|${options.useFips ? 1 : 0}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const result = this.constructUncached(service, region, options);
    this.cache.set(key, result ?? null);
    return result;
  }

  private constructUncached(
    service: string,
    region: string | null,
    options: { partitionName?: string; useDualstack?: boolean; useFips?: boolean },
  ): LegacyResolved | undefined {
    const dualstack = options.useDualstack === true;
    const fips = options.useFips === true;
    if (service === "s3" && dualstack && region === null) region = "us-east-1";
    if (options.partitionName !== undefined) {
      const partition = this.data.partitions.find((p) => p.partition === options.partitionName);
      return partition ? this.forPartition(partition, service, region, dualstack, fips, true) : undefined;
    }
    for (const partition of this.data.partitions) {
      if (dualstack && UNSUPPORTED_DUALSTACK_PARTITIONS.has(partition.partition)) continue;
      const result = this.forPartition(partition, service, region, dualstack, fips, false);
      if (result) return result;
    }
    return undefined;
  }

  private forPartition(
    partition: LegacyPartition,
    service: string,
    region: string | null,
    dualstack: boolean,
    fips: boolean,
    forcePartition: boolean,
  ): LegacyResolved | undefined {
    if (dualstack && UNSUPPORTED_DUALSTACK_PARTITIONS.has(partition.partition)) {
      throw new EndpointVariantError({
        tags: ["dualstack"],
        error_msg: `Dualstack endpoints are currently not supported for ${partition.partition} partition`,
      });
    }
    const serviceData = this.serviceIn(partition, service) ?? EMPTY_SERVICE;
    let endpointName = region;
    if (endpointName === null) {
      if (serviceData.partitionEndpoint === undefined) throw new NoRegionError();
      endpointName = serviceData.partitionEndpoint;
    }
    if (endpointName in serviceData.endpoints) {
      return this.resolve(partition, service, serviceData, endpointName, dualstack, fips);
    }
    if (this.regionMatch(partition, endpointName) || forcePartition) {
      const partitionEndpoint = serviceData.partitionEndpoint;
      const regionalized = serviceData.isRegionalized ?? true;
      const name = partitionEndpoint && !regionalized ? partitionEndpoint : endpointName;
      return this.resolve(partition, service, serviceData, name, dualstack, fips);
    }
    return undefined;
  }

  private regionMatch(partition: LegacyPartition, region: string): boolean {
    if (region in partition.regions) return true;
    if (partition.regionRegex === undefined) return false;
    let re = this.regexes.get(partition.regionRegex);
    if (re === undefined) {
      // Python's re.match anchors at the start only.
      re = new RegExp(`^(?:${partition.regionRegex})`);
      this.regexes.set(partition.regionRegex, re);
    }
    return re.test(region);
  }

  private resolve(
    partition: LegacyPartition,
    service: string,
    serviceData: LegacyServiceData,
    endpointName: string,
    dualstack: boolean,
    fips: boolean,
  ): LegacyResolved {
    const endpointData = serviceData.endpoints[endpointName] ?? {};
    const serviceDefaults = serviceData.defaults ?? {};
    const partitionDefaults = partition.defaults ?? {};
    const tags: string[] = [];
    if (dualstack) tags.push("dualstack");
    if (fips) tags.push("fips");
    let result: Record<string, unknown>;
    if (tags.length > 0) {
      result = {};
      for (const source of [endpointData, serviceDefaults, partitionDefaults]) {
        const variant = findVariant(source, tags);
        if (variant) mergeMissing(variant, result);
      }
      if (Object.keys(result).length === 0) {
        throw new EndpointVariantError({ tags, error_msg: `Endpoint does not exist for ${service} in region ${endpointName}` });
      }
      mergeMissing(endpointData, result);
    } else {
      result = { ...endpointData };
    }
    if (!("dnsSuffix" in result)) result.dnsSuffix = partition.dnsSuffix;
    result.partition = partition.partition;
    result.endpointName = endpointName;
    mergeMissing(serviceDefaults, result);
    mergeMissing(partitionDefaults, result);
    const expand = (template: string) =>
      template
        .replace(/\{service\}/g, service)
        .replace(/\{region\}/g, endpointName)
        .replace(/\{dnsSuffix\}/g, String(result.dnsSuffix));
    result.hostname = expand(String(result.hostname));
    if (typeof result.sslCommonName === "string") result.sslCommonName = expand(result.sslCommonName);
    return result as LegacyResolved;
  }
}

function findVariant(data: LegacyEndpointData, tags: string[]): Record<string, unknown> | undefined {
  for (const variant of data.variants ?? []) {
    if (variant.tags.length === tags.length && tags.every((t) => variant.tags.includes(t))) {
      return { ...variant };
    }
  }
  return undefined;
}

function mergeMissing(from: object, into: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    if (!(key in into)) into[key] = value;
  }
}
