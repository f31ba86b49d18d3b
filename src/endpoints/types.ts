/**
 * The shapes of endpoint rule-set data (`endpoint-rule-set-1.json`,
 * `partitions.json`) and of a resolved endpoint, as botocore reads them.
 */

/** A function call inside a rule: `{fn, argv, assign?}`. */
export interface FunctionCall {
  fn: string;
  argv: Expression[];
  assign?: string;
}

/** A reference to a parameter or an assigned variable. */
export interface Reference {
  ref: string;
}

/** Anything a rule may use as a value: a literal, a template string, a reference or a call. */
export type Expression = string | boolean | number | null | Reference | FunctionCall | Expression[] | { [key: string]: Expression };

/** One declared parameter of a rule set. */
export interface ParameterSpec {
  type: string;
  builtIn?: string;
  default?: unknown;
  required?: boolean;
  documentation?: string;
  deprecated?: { message?: string; since?: string };
}

/** The endpoint a matching endpoint rule produces (before templates are filled). */
export interface EndpointSpec {
  url: Expression;
  properties?: Record<string, unknown>;
  headers?: Record<string, Expression[]>;
}

/** A rule: `endpoint`, `error` or `tree`, each guarded by conditions. */
export interface Rule {
  type: string;
  conditions?: FunctionCall[];
  documentation?: string;
  endpoint?: EndpointSpec;
  error?: Expression;
  rules?: Rule[];
}

/** A whole `endpoint-rule-set-1.json` document. */
export interface RuleSet {
  version?: string;
  parameters: Record<string, ParameterSpec>;
  rules: Rule[];
  documentation?: string;
}

/** One partition of `partitions.json`. */
export interface PartitionSpec {
  id: string;
  regionRegex: string;
  regions: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** A whole `partitions.json` document. */
export interface PartitionsData {
  partitions: PartitionSpec[];
  version?: string;
}

/** What rule-set resolution yields (botocore's RuleSetEndpoint). */
export interface ResolvedEndpoint {
  url: string;
  properties: Record<string, unknown>;
  headers: Record<string, string[]>;
}
