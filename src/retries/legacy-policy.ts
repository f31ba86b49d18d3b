/**
 * Legacy mode's rules: `_retry.json` turned into one compiled policy per
 * service (botocore's translate.py merge, then retryhandler.py's checkers).
 *
 * The merge, for a service with endpoint prefix P:
 *   retry.__default__  ⊕  retry[P]  (deep merge, P's keys win)
 * with every `{"$ref": name}` replaced by `definitions[name]`, and the
 * client's total max attempts, when configured, replacing
 * `__default__.max_attempts`.
 *
 * Policies keep the file's order: at the last attempt a CRC32 mismatch
 * raises ChecksumError unless a policy listed before it already matched.
 *
 * Compiled policies are cached per `_retry` document (the loader shares one
 * parsed copy per process), per endpoint prefix and max attempts, so clients
 * after the first pay nothing.
 */
import {
  ChecksumError,
  ConnectionClosedError,
  ConnectionError,
  EndpointConnectionError,
  ReadTimeoutError,
} from "../exceptions.js";
import { PythonValueError } from "../config/python-text.js";

/** An error class a policy retries when an attempt throws it. */
type ErrorClass = abstract new (...args: never[]) => Error;

// The only socket-error category `_retry.json` may name.
const SOCKET_ERROR_CLASSES: ReadonlyMap<string, readonly ErrorClass[]> = new Map([
  ["GENERAL_CONNECTION_ERROR", [ConnectionError, ConnectionClosedError, ReadTimeoutError, EndpointConnectionError]],
]);

/** One policy of the merged configuration, by what it matches. */
export type LegacyCheck =
  | { readonly kind: "status"; readonly name: string; readonly status: unknown }
  | { readonly kind: "service-error"; readonly name: string; readonly status: unknown; readonly code: unknown }
  | { readonly kind: "crc32"; readonly name: string; readonly header: string }
  | { readonly kind: "socket-errors"; readonly name: string };

/** `__default__.delay`: `base * growth_factor ** (attempt - 1)`, base "rand" meaning a fresh random number. */
export interface LegacyDelay {
  readonly type: unknown;
  readonly base: unknown;
  readonly growthFactor: number;
}

/** A service's compiled legacy policy. */
export interface LegacyPolicy {
  /** Total attempts, the first included. */
  readonly maxAttempts: number;
  /** Response and socket-error checks, in the file's order. */
  readonly checks: readonly LegacyCheck[];
  /**
   * Errors that count as "retry" when a check raises them (the attempt's own
   * transport error, or ChecksumError). Empty when botocore wraps a lone
   * policy, which catches nothing.
   */
  readonly retryableErrors: readonly ErrorClass[];
  readonly delay: LegacyDelay;
}

type Json = Record<string, unknown>;

function isDict(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Python's `KeyError` for a missing key of the retry document. */
function missingKey(key: string): Error {
  const error = new Error(`'${key}'`);
  error.name = "KeyError";
  return error;
}

function required(dict: Json, key: string): unknown {
  if (!Object.hasOwn(dict, key)) throw missingKey(key);
  return dict[key];
}

/**
 * Replaces each `{"$ref": name}` dict with a copy of `definitions[name]`.
 * botocore places the definition itself, which a later merge then alters in
 * the shared document (an Organizations client rewrites `too_many_requests`
 * for every later client of the session); a copy keeps clients independent.
 */
function resolveReferences(config: Json, definitions: Json): void {
  for (const key of Object.keys(config)) {
    const value = config[key];
    if (!isDict(value)) continue;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$ref") {
      const name = String(value["$ref"]);
      config[key] = structuredClone(required(definitions, name));
    } else {
      resolveReferences(value, definitions);
    }
  }
}

/** botocore.utils.merge_dicts: dicts merge key by key, anything else is replaced. */
function mergeDicts(base: Json, extra: Json): void {
  for (const key of Object.keys(extra)) {
    const value = extra[key];
    const current = base[key];
    if (isDict(value) && Object.hasOwn(base, key) && isDict(current)) mergeDicts(current, value);
    // defineProperty, so that a key named "__proto__" stays a key.
    else Object.defineProperty(base, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** translate.build_retry_config: the merged configuration for one service. */
export function buildLegacyRetryConfig(
  retryData: Json,
  endpointPrefix: string,
  totalMaxAttempts: number | null | undefined,
): Json {
  const retry = isDict(retryData["retry"]) ? retryData["retry"] : {};
  const definitions = isDict(retryData["definitions"]) ? retryData["definitions"] : {};
  const own = Object.hasOwn(retry, endpointPrefix) ? retry[endpointPrefix] : undefined;
  const serviceConfig = structuredClone(isDict(own) ? own : {});
  resolveReferences(serviceConfig, definitions);
  const merged: Json = { __default__: structuredClone(isDict(retry["__default__"]) ? retry["__default__"] : {}) };
  resolveReferences(merged, definitions);
  mergeDicts(merged, serviceConfig);
  // botocore turns total attempts into retries (total - 1) and back (+ 1).
  if (totalMaxAttempts !== null && totalMaxAttempts !== undefined) {
    (merged["__default__"] as Json)["max_attempts"] = totalMaxAttempts;
  }
  return merged;
}

function compileCheck(name: string, policy: Json): LegacyCheck {
  const appliesWhen = required(policy, "applies_when") as Json;
  if ("response" in appliesWhen) {
    const response = appliesWhen["response"] as Json;
    if ("service_error_code" in response) {
      return { kind: "service-error", name, status: required(response, "http_status_code"), code: response["service_error_code"] };
    }
    if ("http_status_code" in response) return { kind: "status", name, status: response["http_status_code"] };
    if ("crc32body" in response) return { kind: "crc32", name, header: String(response["crc32body"]).toLowerCase() };
    throw new PythonValueError("Unknown retry policy");
  }
  if ("socket_errors" in appliesWhen) return { kind: "socket-errors", name };
  throw new PythonValueError(`Retry policy ${name} applies to neither a response nor socket errors`);
}

function retryableErrorsOf(policy: Json): readonly ErrorClass[] {
  const appliesWhen = policy["applies_when"] as Json;
  const response = isDict(appliesWhen["response"]) ? appliesWhen["response"] : {};
  if ("crc32body" in response) return [ChecksumError];
  if (!("socket_errors" in appliesWhen)) return [];
  const out: ErrorClass[] = [];
  for (const category of appliesWhen["socket_errors"] as string[]) {
    const classes = SOCKET_ERROR_CLASSES.get(category);
    if (classes === undefined) throw missingKey(category);
    out.push(...classes);
  }
  return out;
}

/** retryhandler.create_checker_from_retry_config + create_retry_action_from_config. */
export function compileLegacyPolicy(config: Json, endpointPrefix: string): LegacyPolicy {
  const checks: LegacyCheck[] = [];
  const retryableErrors: ErrorClass[] = [];
  const defaults = (config["__default__"] ?? {}) as Json;
  const addPolicies = (policies: Json): void => {
    for (const name of Object.keys(policies)) {
      const policy = policies[name] as Json;
      checks.push(compileCheck(name, policy));
      retryableErrors.push(...retryableErrorsOf(policy));
    }
  };
  addPolicies((defaults["policies"] ?? {}) as Json);
  const maxAttempts = required(defaults, "max_attempts") as number;
  // botocore passes the endpoint prefix where an operation name is expected,
  // so only a key equal to the prefix adds "operation" policies.
  const operationConfig = Object.hasOwn(config, endpointPrefix) ? config[endpointPrefix] : undefined;
  if (isDict(operationConfig)) addPolicies(required(operationConfig, "policies") as Json);
  const delayConfig = required(defaults, "delay") as Json;
  const delay: LegacyDelay = {
    type: delayConfig["type"],
    base: delayConfig["base"],
    growthFactor: delayConfig["growth_factor"] as number,
  };
  return { maxAttempts, checks, retryableErrors: checks.length === 1 ? [] : retryableErrors, delay };
}

const cache = new WeakMap<object, Map<string, LegacyPolicy | null>>();

/**
 * The compiled policy for a service, built on first use and shared by every
 * client with the same `_retry` document, endpoint prefix and max attempts.
 * Null when there is no retry document: botocore then registers no handler.
 */
export function legacyPolicyFor(
  retryData: unknown,
  endpointPrefix: string,
  totalMaxAttempts: number | null | undefined,
): LegacyPolicy | null {
  if (!isDict(retryData) || Object.keys(retryData).length === 0) return null;
  let byService = cache.get(retryData);
  if (byService === undefined) {
    byService = new Map();
    cache.set(retryData, byService);
  }
  const key = `${endpointPrefix}\u0000${totalMaxAttempts ?? ""}`;
  let policy = byService.get(key);
  if (policy === undefined) {
    policy = compileLegacyPolicy(buildLegacyRetryConfig(retryData, endpointPrefix, totalMaxAttempts), endpointPrefix);
    byService.set(key, policy);
  }
  return policy;
}

/** retryhandler.delay_exponential. */
export function legacyDelaySeconds(delay: LegacyDelay, attempt: number, random: () => number): number {
  if (delay.type !== "exponential") {
    throw new TypeError(`_retry.json: unsupported delay type ${JSON.stringify(delay.type)} (botocore supports "exponential")`);
  }
  let base = delay.base;
  if (base === "rand") base = random();
  else if (typeof base !== "number" || base <= 0) {
    throw new PythonValueError(`The 'base' param must be greater than 0, got: ${String(base)}`);
  }
  return (base as number) * delay.growthFactor ** (attempt - 1);
}
