import { pythonMatchRegex } from "../python-regex.js";
import type { PartitionsData } from "../types.js";

/** partitions.json prepared for lookups: each partition's regions, its regex and its output. */
export interface CompiledPartitions {
  readonly entries: readonly { regions: Readonly<Record<string, unknown>>; regex: RegExp; output: Readonly<Record<string, unknown>> }[];
  /** Region → output; regions are few, so this stays small. */
  readonly byRegion: Map<string, Readonly<Record<string, unknown>>>;
}

const compiled = new WeakMap<PartitionsData, CompiledPartitions>();
const MAX_REMEMBERED_REGIONS = 512;

/** Prepares partitions.json once per data object. */
export function compilePartitions(data: PartitionsData): CompiledPartitions {
  let out = compiled.get(data);
  if (out === undefined) {
    out = {
      entries: data.partitions.map((p) => ({
        regions: p.regions,
        regex: pythonMatchRegex(p.regionRegex),
        // The rules engine reads the partition's name from its outputs.
        output: Object.freeze({ ...p.outputs, name: p.id }),
      })),
      byRegion: new Map(),
    };
    compiled.set(data, out);
  }
  return out;
}

/**
 * `aws.partition(region)`: the outputs of the first partition that lists the
 * region or whose regex matches it; the first partition (aws) otherwise.
 */
export function awsPartition(partitions: CompiledPartitions, region: unknown): Readonly<Record<string, unknown>> | undefined {
  const { entries, byRegion } = partitions;
  if (entries.length === 0) return undefined;
  if (region === undefined || region === null) return entries[0]!.output;
  const name = region as string;
  let hit = byRegion.get(name);
  if (hit === undefined) {
    hit = entries[0]!.output;
    for (const entry of entries) {
      if (Object.prototype.hasOwnProperty.call(entry.regions, name) || entry.regex.test(name)) {
        hit = entry.output;
        break;
      }
    }
    if (byRegion.size < MAX_REMEMBERED_REGIONS) byRegion.set(name, hit);
  }
  return hit;
}
