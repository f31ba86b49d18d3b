/**
 * Which operations the differential protocol tests run: every service
 * botocore knows, under the protocol botocore resolves for it, plus
 * `smithy-rpc-v2-cbor` forced on the services whose model lists it
 * (botocore 1.43 still prefers their JSON protocol). The query, ec2,
 * rest-xml and CBOR services run every operation; of the json and rest-json
 * services, a seeded sample (always including those whose shapes use the
 * rarest traits) runs the operations with rare traits and a seeded sample
 * of the rest. `BOTO3TS_PARITY_FULL=1` runs every operation of every service.
 */
import { Loader } from "../../src/models/loader.js";
import { type OperationModel, type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import type { Shape } from "../../src/models/shape.js";
import { SeededRandom, hashString, shuffled } from "./seeded-random.js";

/** One service under one protocol, with the operations to run. */
export interface CorpusService {
  service: string;
  protocol: string;
  /** True when the protocol is forced (not the one botocore resolves). */
  forced: boolean;
  model: ServiceModel;
  operations: OperationModel[];
}

/** The six protocols, in report order. */
export const PROTOCOLS = ["query", "ec2", "json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"] as const;

/** True when `BOTO3TS_PARITY_FULL` asks for every operation. */
export const FULL_CORPUS = process.env.BOTO3TS_PARITY_FULL === "1";

/** Sampled operations per json / rest-json service (beyond those with rare traits). */
const SAMPLE_PER_SERVICE = 3;
/** At most this many rare-trait operations per json / rest-json service. */
const RARE_PER_SERVICE = 4;

/** Traits that few operations use, weighted by rarity, summed over a shape tree. */
function rareTraits(shape: Shape | undefined): number {
  if (shape === undefined || shape.type_name !== "structure") return 0;
  let score = shape.serialization.payload !== undefined ? 2 : 0;
  const seen = new Set<Shape>();
  const visit = (node: Shape, depth: number, top: boolean): void => {
    if (seen.has(node) || depth > 6) return;
    seen.add(node);
    const s = node.serialization;
    if (top && s.location === "header") score += node.type_name === "list" || node.type_name === "timestamp" ? 3 : 1;
    if (top && s.location === "headers") score += 3;
    if (top && s.location === "querystring") score += node.type_name === "map" ? 3 : node.type_name === "list" ? 2 : 1;
    if (s.jsonvalue === true || s.hostLabel === true) score += 3;
    if (s.xmlAttribute === true || s.timestampFormat !== undefined || node.is_document_type) score += 2;
    if (s.flattened === true || node.is_tagged_union || node.type_name === "blob" || node.type_name === "timestamp") score += 1;
    if (node.type_name === "structure" && !node.is_document_type) {
      for (const member of Object.values(node.members)) visit(member, depth + 1, false);
    } else if (node.type_name === "list") visit(node.member, depth + 1, false);
    else if (node.type_name === "map") {
      visit(node.key, depth + 1, false);
      visit(node.value, depth + 1, false);
    }
  };
  for (const member of Object.values(shape.members)) visit(member, 1, true);
  return score;
}

function selectOperations(model: ServiceModel, protocol: string, direction: "input" | "output", seed: number): OperationModel[] {
  const all = model.operation_names.map((name) => model.operation_model(name));
  const usable = all.filter((op) =>
    direction === "input" ? !op.has_event_stream_input : !op.has_event_stream_output && (op.output_shape !== undefined || op.error_shapes.length > 0),
  );
  if (FULL_CORPUS || (protocol !== "json" && protocol !== "rest-json")) return usable;
  const random = new SeededRandom(seed ^ hashString(`${model.service_name}/${protocol}/${direction}`));
  const scored = usable.map((op) => ({ op, score: rareTraits(direction === "input" ? op.input_shape : op.output_shape) }));
  const rare = shuffled(scored.filter((entry) => entry.score >= 3), random)
    .sort((a, b) => b.score - a.score)
    .slice(0, RARE_PER_SERVICE)
    .map((entry) => entry.op);
  const others = shuffled(usable.filter((op) => !rare.includes(op)), random).slice(0, SAMPLE_PER_SERVICE);
  const chosen = new Set([...rare, ...others]);
  return usable.filter((op) => chosen.has(op));
}

/** json and rest-json services in the default corpus (those using the rarest traits always among them). */
const SERVICES_PER_PROTOCOL: Readonly<Record<string, number>> = { json: 70, "rest-json": 100 };

/** True when some operation of the service uses one of the rarest traits (header maps, jsonvalue, host labels, ...). */
function usesRareTraits(model: ServiceModel, direction: "input" | "output"): boolean {
  return model.operation_names.some((name) => {
    const op = model.operation_model(name);
    return rareTraits(direction === "input" ? op.input_shape : op.output_shape) >= 6;
  });
}

/** The services of the default corpus: all of query, ec2, rest-xml and CBOR; a seeded sample of json and rest-json. */
function selectServices(loader: Loader, direction: "input" | "output", seed: number): [string, ServiceModel][] {
  const all: [string, ServiceModel][] = loader
    .list_available_services("service-2")
    .map((service) => [service, new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service)]);
  if (FULL_CORPUS) return all;
  const random = new SeededRandom(seed ^ hashString(`services/${direction}`));
  const keep = new Set<string>();
  for (const [protocol, count] of Object.entries(SERVICES_PER_PROTOCOL)) {
    const candidates = all.filter(([, model]) => model.resolved_protocol === protocol && !(model.metadata.protocols ?? []).includes("smithy-rpc-v2-cbor"));
    const rare = candidates.filter(([, model]) => usesRareTraits(model, direction));
    const others = shuffled(candidates.filter((entry) => !rare.includes(entry)), random);
    for (const [service] of [...rare, ...others].slice(0, Math.max(count, rare.length))) keep.add(service);
  }
  return all.filter(([service, model]) => keep.has(service) || (model.resolved_protocol !== "json" && model.resolved_protocol !== "rest-json") || (model.metadata.protocols ?? []).includes("smithy-rpc-v2-cbor"));
}

/**
 * The corpus: each service under its resolved protocol (and CBOR where the
 * model offers it), with the operations to run in `direction`.
 */
export function buildCorpus(direction: "input" | "output", seed: number): CorpusService[] {
  const loader = new Loader();
  const out: CorpusService[] = [];
  for (const [service, model] of selectServices(loader, direction, seed)) {
    const resolved = model.resolved_protocol;
    const protocols = [resolved];
    const listed = model.metadata.protocols ?? [];
    if (resolved !== "smithy-rpc-v2-cbor" && (listed.includes("smithy-rpc-v2-cbor") || model.metadata.protocol === "smithy-rpc-v2-cbor")) {
      protocols.push("smithy-rpc-v2-cbor");
    }
    for (const protocol of protocols) {
      const operations = selectOperations(model, protocol, direction, seed);
      if (operations.length > 0) out.push({ service, protocol, forced: protocol !== resolved, model, operations });
    }
  }
  return out;
}

/** Per-protocol counts of a corpus: services and operations. */
export function corpusSize(corpus: readonly CorpusService[]): Map<string, { services: number; operations: number }> {
  const out = new Map<string, { services: number; operations: number }>();
  for (const protocol of PROTOCOLS) out.set(protocol, { services: 0, operations: 0 });
  for (const entry of corpus) {
    const size = out.get(entry.protocol)!;
    size.services++;
    size.operations += entry.operations.length;
  }
  return out;
}
