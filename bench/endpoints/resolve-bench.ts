/**
 * Endpoint resolution micro-benchmark: µs per resolve for s3 GetObject-like
 * and DynamoDB parameters, cold (no result cache: every resolve walks the
 * compiled rules) and warm (cache hit); the per-call resolver path
 * (parameters gathered from the operation model and input); and the cost of
 * creating a client's resolver.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/endpoints/resolve-bench.js [iterations]
 */
import { EndpointProvider, type PartitionsData, type RuleSet, createEndpointResolver, evaluateRuleset } from "../../src/endpoints/index.js";
import { Loader } from "../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";

const N = Number(process.argv[2] ?? 100_000);
const loader = new Loader();
const partitions = loader.load_data("partitions") as PartitionsData;

function measure(label: string, iterations: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(iterations, 5_000); i++) fn(i);
  let sink: unknown;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = fn(i);
  const ns = Number(process.hrtime.bigint() - start);
  if (sink === undefined) throw new Error("nothing resolved");
  console.log(`${label.padEnd(58)} ${(ns / iterations / 1000).toFixed(3).padStart(8)} µs`);
}

function service(name: string): { model: ServiceModel; ruleset: RuleSet } {
  return {
    model: new ServiceModel(loader.load_service_model(name, "service-2") as RawServiceModel, name),
    ruleset: loader.load_service_model(name, "endpoint-rule-set-1") as RuleSet,
  };
}

const s3 = service("s3");
const ddb = service("dynamodb");
const s3Params = { Bucket: "my-bucket", Key: "photos/2024/cat.jpg", Region: "us-west-2", UseFIPS: false, UseDualStack: false,
  ForcePathStyle: false, Accelerate: false, UseGlobalEndpoint: false, UseArnRegion: true, DisableMultiRegionAccessPoints: false,
  DisableS3ExpressSessionAuth: false };
const ddbParams = { Region: "us-east-1", UseFIPS: false, UseDualStack: false, AccountIdEndpointMode: "preferred" };

console.log(`endpoint resolution, ${N.toLocaleString("en-US")} iterations each (node ${process.version})`);
measure("s3 GetObject params, cold (evaluateRuleset, no cache)", N, () => evaluateRuleset(s3.ruleset, s3Params, partitions));
measure("dynamodb params, cold (evaluateRuleset, no cache)", N, () => evaluateRuleset(ddb.ruleset, ddbParams, partitions));
const s3Provider = new EndpointProvider(s3.ruleset, partitions);
const ddbProvider = new EndpointProvider(ddb.ruleset, partitions);
measure("s3 GetObject params, warm (EndpointProvider hit)", N, () => s3Provider.resolve_endpoint(s3Params));
measure("dynamodb params, warm (EndpointProvider hit)", N, () => ddbProvider.resolve_endpoint(ddbParams));

// Options are written out per client: spreading a shared object into a new
// literal costs V8 microseconds here (a slow object-clone path), more than the resolver itself.
const ddbOptions = (region: string) => ({
  service_model: ddb.model, ruleset: ddb.ruleset, partitions, region_name: region, endpoint_region_name: region,
  endpoint_url: null, s3_disable_express_session_auth: false, account_id_endpoint_mode: "preferred",
});
const s3Options = (region: string) => ({
  service_model: s3.model, ruleset: s3.ruleset, partitions, region_name: region, endpoint_region_name: region,
  endpoint_url: null, s3_disable_express_session_auth: false, account_id_endpoint_mode: "preferred", s3: { addressing_style: "path" },
});
const s3Client = createEndpointResolver({ ...s3Options("us-west-2"), s3: null });
const ddbClient = createEndpointResolver(ddbOptions("us-east-1"));
const getObject = s3.model.operation_model("GetObject");
const getItem = ddb.model.operation_model("GetItem");
const keys = Array.from({ length: 1024 }, (_, i) => `photos/2024/img-${i}.jpg`);
measure("client.construct_endpoint s3 GetObject (Key varies)", N, (i) => s3Client.construct_endpoint(getObject, { Bucket: "my-bucket", Key: keys[i & 1023] }));
measure("client.construct_endpoint dynamodb GetItem", N, () => ddbClient.construct_endpoint(getItem, { TableName: "t", Key: { id: { S: "1" } } }));

measure("createEndpointResolver (per client, dynamodb)", N, () => createEndpointResolver(ddbOptions("us-east-1")));
measure("createEndpointResolver (per client, s3 with s3 config)", N, () => createEndpointResolver(s3Options("us-west-2")));
