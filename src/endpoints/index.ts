/**
 * Endpoint resolution: the Endpoints 2.0 rules engine over a service's
 * `endpoint-rule-set-1.json` and `partitions.json`, the per-client resolver
 * that feeds it builtins, client context and call parameters, and the
 * region listings of endpoints.json.
 *
 * @module boto3-ts/endpoints
 */
export { CACHE_SIZE, EndpointProvider, evaluateRuleset } from "./provider.js";
export type { PartitionsData, ResolvedEndpoint, RuleSet } from "./types.js";
export {
  EndpointRulesetResolver,
  createEndpointResolver,
  loadEndpointRuleset,
  normalizeFipsRegion,
  validateRegionName,
} from "./resolver.js";
export type { ClientEndpointOptions, EndpointResolution } from "./resolver.js";
export { BUILTIN_NAMES, computeBuiltins, endpointsV2Region } from "./builtins.js";
export type { BuiltinInputs, BuiltinName, BuiltinValue, Builtins, S3Config } from "./builtins.js";
export { SUPPORTED_AUTH_TYPES, resolveAuthSchemePreference, selectAuthScheme } from "./auth-scheme.js";
export type { AuthPreferences, AuthSelection, SigningContext } from "./auth-scheme.js";
export { translateRulesetError } from "./error-translation.js";
export { LegacyEndpointResolver } from "./legacy-resolver.js";
