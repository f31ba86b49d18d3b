/**
 * Which regions a service is offered in, from endpoints.json (botocore's
 * EndpointResolver.get_available_endpoints / get_available_partitions),
 * for `Session.get_available_regions()` and `get_available_partitions()`.
 */

/** The parts of endpoints.json these questions read. */
export interface EndpointsData {
  partitions: readonly {
    partition: string;
    regions: Readonly<Record<string, unknown>>;
    services: Readonly<Record<string, { endpoints?: Readonly<Record<string, unknown>> }>>;
  }[];
}

/** Partition names, in file order (e.g. aws, aws-cn, aws-us-gov, ...). */
export function getAvailablePartitions(endpointsData: EndpointsData): string[] {
  return endpointsData.partitions.map((p) => p.partition);
}

/**
 * The endpoint names a service has in one partition, in file order: only
 * the partition's regions unless `allowNonRegional` (which adds names like
 * `fips-us-east-1` or `aws-global`). `endpointPrefix` is the service model's
 * `metadata.endpointPrefix` (the session maps service names to it).
 */
export function getAvailableRegions(endpointsData: EndpointsData, endpointPrefix: string, partitionName = "aws", allowNonRegional = false): string[] {
  const result: string[] = [];
  for (const partition of endpointsData.partitions) {
    if (partition.partition !== partitionName) continue;
    const service = Object.prototype.hasOwnProperty.call(partition.services, endpointPrefix) ? partition.services[endpointPrefix] : undefined;
    if (service === undefined) continue;
    for (const name of Object.keys(service.endpoints ?? {})) {
      if (allowNonRegional || Object.prototype.hasOwnProperty.call(partition.regions, name)) result.push(name);
    }
  }
  return result;
}
