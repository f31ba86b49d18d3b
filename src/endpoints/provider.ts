/**
 * Evaluating a rule set: `evaluateRuleset` once, or an `EndpointProvider`
 * that compiles its rule set once and remembers its last 100 answers, as
 * botocore's EndpointProvider does (endpoint resolution runs on every call,
 * with the same few parameter sets).
 */
import { EndpointResolutionError } from "../exceptions.js";
import { Loader } from "../models/loader.js";
import { type CompiledParam, type CompiledRuleSet, bindParameters, compileRuleSet } from "./compile.js";
import { type CompiledPartitions, type FunctionEnv, compilePartitions } from "./functions/index.js";
import { markTuple, pyStr } from "./python-values.js";
import type { PartitionsData, ResolvedEndpoint, RuleSet } from "./types.js";

/** How many parameter sets a provider remembers (botocore's CACHE_SIZE). */
export const CACHE_SIZE = 100;

const compiledRuleSets = new WeakMap<RuleSet, CompiledRuleSet>();
let defaultPartitions: PartitionsData | undefined;

/** The rule set compiled once per data object (the loader shares one object per file). */
export function compiledRuleSetFor(ruleset: RuleSet): CompiledRuleSet {
  let compiled = compiledRuleSets.get(ruleset);
  if (compiled === undefined) {
    compiled = compileRuleSet(ruleset);
    compiledRuleSets.set(ruleset, compiled);
  }
  return compiled;
}

/** partitions.json from the default data path. */
export function loadDefaultPartitions(): PartitionsData {
  return (defaultPartitions ??= new Loader().load_data("partitions") as PartitionsData);
}

/**
 * Resolves `params` against a rule set, without caching. Throws
 * EndpointResolutionError with the rule set's message for error rules.
 */
export function evaluateRuleset(ruleset: RuleSet, params: Readonly<Record<string, unknown>>, partitions?: PartitionsData): ResolvedEndpoint {
  return evaluate(compiledRuleSetFor(ruleset), params, { partitions: compilePartitions(partitions ?? loadDefaultPartitions()) });
}

function evaluate(compiled: CompiledRuleSet, input: Readonly<Record<string, unknown>>, env: FunctionEnv): ResolvedEndpoint {
  const v = new Array<unknown>(compiled.slotCount);
  bindParameters(compiled, input, v);
  const scope = { v, input, env };
  for (const rule of compiled.rules) {
    const result = rule(scope);
    if (result !== undefined) return result;
  }
  throw new EndpointResolutionError({ msg: `No endpoint found for parameters:\n${describe(input)}` });
}

/** The parameters as botocore lists them when no rule matched (lists print as tuples). */
function describe(input: Readonly<Record<string, unknown>>): string {
  return Object.keys(input)
    .map((key) => {
      const value = input[key];
      if (Array.isArray(value)) markTuple(value);
      return `${key}: ${pyStr(value)}`;
    })
    .join("\n");
}

/** Derives endpoints from one rule set and partitions.json (botocore.endpoint_provider.EndpointProvider). */
export class EndpointProvider {
  private readonly compiled: CompiledRuleSet;
  private readonly env: FunctionEnv;
  private readonly cache = new Map<string, ResolvedEndpoint>();
  private lastKey: string | undefined;

  constructor(ruleset: RuleSet, partitions: PartitionsData) {
    this.compiled = compiledRuleSetFor(ruleset);
    const compiledPartitions: CompiledPartitions = compilePartitions(partitions);
    this.env = { partitions: compiledPartitions };
  }

  /** The rule set's declared parameters, in declaration order. */
  get parameters(): readonly CompiledParam[] {
    return this.compiled.params;
  }

  /**
   * The endpoint for these parameters. Results are shared between callers
   * and frozen; errors are not cached.
   */
  resolve_endpoint(params: Readonly<Record<string, unknown>>): ResolvedEndpoint {
    const key = cacheKey(this.compiled, params);
    if (key === undefined) return evaluate(this.compiled, params, this.env);
    const cache = this.cache;
    let hit = cache.get(key);
    if (hit !== undefined) {
      if (this.lastKey !== key) {
        // Move to most recently used.
        cache.delete(key);
        cache.set(key, hit);
        this.lastKey = key;
      }
      return hit;
    }
    hit = deepFreeze(evaluate(this.compiled, params, this.env));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
    this.lastKey = key;
    return hit;
  }

  /** Forgets every remembered answer. */
  clear_cache(): void {
    this.cache.clear();
    this.lastKey = undefined;
  }
}

/**
 * An unambiguous string for the parameters that can change the result
 * (lengths prefix every string), or undefined when the call must be
 * evaluated: a value of a type a rule set rejects, or a required parameter
 * missing, so that the error is raised as botocore raises it.
 */
export function cacheKey(compiled: CompiledRuleSet, params: Readonly<Record<string, unknown>>): string | undefined {
  let key = "";
  for (const name in params) {
    const value = params[name];
    if (!compiled.referenced.has(name)) {
      if (value !== undefined && value !== null && !acceptable(compiled, name, value)) return undefined;
      continue;
    }
    key += `${name.length}:${name}`;
    if (typeof value === "string") key += `s${value.length}:${value}`;
    else if (value === true) key += "T";
    else if (value === false) key += "F";
    else if (value === undefined || value === null) key += "N";
    else if (Array.isArray(value)) {
      key += `a${value.length}`;
      for (const item of value) {
        if (typeof item !== "string") return undefined;
        key += `${item.length}:${item}`;
      }
    } else return undefined;
  }
  for (const name of compiled.requiredNames) {
    if (params[name] === undefined || params[name] === null) return undefined;
  }
  return key;
}

/** Whether an unreferenced parameter's value passes botocore's type check. */
function acceptable(compiled: CompiledRuleSet, name: string, value: unknown): boolean {
  const slot = compiled.paramIndex.get(name);
  if (slot === undefined) return true;
  const kind = compiled.params[slot]!.kind;
  return kind === "str" ? typeof value === "string" : kind === "bool" ? typeof value === "boolean" : Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
