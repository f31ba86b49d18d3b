/**
 * Endpoint resolution: the Endpoints 2.0 rules engine over a service's
 * `endpoint-rule-set-1.json` and `partitions.json`, and the per-client
 * resolver that feeds it builtins, client context and call parameters.
 *
 * @module boto3-ts/endpoints
 */
export { EndpointProvider, evaluateRuleset } from "./provider.js";
export type { PartitionsData, ResolvedEndpoint, RuleSet } from "./types.js";
