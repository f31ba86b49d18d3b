/**
 * Evaluating a rule set: `evaluateRuleset` once, or an `EndpointProvider`
 * that compiles its rule set once and remembers its last 100 answers, as
 * botocore's EndpointProvider does (endpoint resolution runs on every call,
 * with the same few parameter sets).
 */
import { EndpointResolutionError } from "../exceptions.js";
import { Loader } from "../models/loader.js";
import { type CompiledParam, type CompiledRuleSet, bindParameters, compileRuleSet } from "./compile.js";
import { type FunctionEnv, compilePartitions } from "./functions/index.js";
import { markTuple, pyStr } from "./python-values.js";
import { ResultCache } from "./result-cache.js";
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
  private readonly cache: ResultCache;

  constructor(ruleset: RuleSet, partitions: PartitionsData) {
    this.compiled = compiledRuleSetFor(ruleset);
    this.env = { partitions: compilePartitions(partitions) };
    this.cache = new ResultCache(this.compiled, CACHE_SIZE);
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
    const hit = this.cache.lookup(params);
    if (hit !== undefined && hit !== null) return hit;
    const result = evaluate(this.compiled, params, this.env);
    if (hit === null) return result;
    deepFreeze(result);
    this.cache.store(result);
    return result;
  }

  /**
   * `resolve_endpoint` for values in declaration order (`values[i]` belongs
   * to `parameters[i]`; undefined when unset): the per-call path of the
   * client resolver, which needs no parameter object unless it misses.
   */
  resolve_values(values: readonly unknown[]): ResolvedEndpoint {
    const hit = this.cache.lookupValues(values);
    if (hit !== undefined && hit !== null) return hit;
    const result = evaluate(this.compiled, this.params_object(values), this.env);
    if (hit === null) return result;
    deepFreeze(result);
    this.cache.store(result);
    return result;
  }

  /** The parameter object for values in declaration order, unset ones left out. */
  params_object(values: readonly unknown[]): Record<string, unknown> {
    const params = this.compiled.params;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < params.length; i++) {
      const value = values[i];
      if (value !== undefined && value !== null) out[params[i]!.name] = value;
    }
    return out;
  }

  /** Whether any rule reads this name (parameters nothing reads do not change results). */
  reads(name: string): boolean {
    return this.compiled.referenced.has(name);
  }

  /** How many results are remembered. */
  get cache_size(): number {
    return this.cache.size;
  }

  /** Forgets every remembered answer. */
  clear_cache(): void {
    this.cache.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
