/**
 * Compiles a rule set into closures, once, so that resolving walks no JSON
 * and looks nothing up by name.
 *
 * Variables live in slots of one array per resolution: declared parameters
 * first, then every name a condition `assign`s. botocore copies its scope
 * dict for each rule so that one rule's assignments never reach a sibling;
 * here every reference is bound at compile time to the assignment that is in
 * scope lexically (an enclosing or earlier condition), which gives the same
 * answers without copying anything.
 */
import { EndpointResolutionError } from "../exceptions.js";
import { xformName } from "../util/naming.js";
import { booleanEquals } from "./functions/boolean-equals.js";
import { type FunctionEnv, LIBRARY, type LibraryFunction, compileAttrPath } from "./functions/index.js";
import { stringEquals } from "./functions/string-equals.js";
import { markTuple, pyStr, pythonError } from "./python-values.js";
import { isTemplate, parseTemplate } from "./template.js";
import type { Expression, FunctionCall, ParameterSpec, ResolvedEndpoint, Rule, RuleSet } from "./types.js";

/** The state of one resolution. */
export interface Scope {
  /** Slot values; `undefined` is Python's None. */
  readonly v: unknown[];
  /** The caller's parameters, for names the rule set does not declare and for key presence. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly env: FunctionEnv;
}

type Expr = (s: Scope) => unknown;
type RuleFn = (s: Scope) => ResolvedEndpoint | undefined;

/** The Python type a parameter must have, as botocore names it in messages. */
type ParamKind = "str" | "bool" | "tuple";

/** One declared parameter, ready for input processing. */
export interface CompiledParam {
  readonly name: string;
  readonly kind: ParamKind;
  readonly builtIn: string | undefined;
  readonly default: unknown;
  readonly required: boolean;
}

/** A rule set ready to evaluate. */
export interface CompiledRuleSet {
  readonly params: readonly CompiledParam[];
  /** Declared parameter name → slot. */
  readonly paramIndex: ReadonlyMap<string, number>;
  readonly slotCount: number;
  readonly rules: readonly RuleFn[];
  /**
   * Every name the rules read or assign. Parameters outside it cannot change
   * the result (s3's Key, Prefix, CopySource), so caches leave them out.
   */
  readonly referenced: ReadonlySet<string>;
  /** Parameters that must be given (required, without a default). */
  readonly requiredNames: readonly string[];
}

const PARAM_KINDS: Readonly<Record<string, ParamKind>> = { string: "str", boolean: "bool", stringarray: "tuple" };
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Compiles a rule set; raises botocore's errors for unknown parameter or rule types. */
export function compileRuleSet(ruleset: RuleSet): CompiledRuleSet {
  return new Compiler(ruleset).compile();
}

class Compiler {
  private readonly params: CompiledParam[] = [];
  private readonly paramIndex = new Map<string, number>();
  /** Assigned name → slot; siblings share a slot, which is safe since reads are bound lexically. */
  private readonly assignSlots = new Map<string, number>();
  private readonly referenced = new Set<string>();
  private slotCount = 0;

  constructor(private readonly ruleset: RuleSet) {}

  compile(): CompiledRuleSet {
    for (const [name, spec] of Object.entries(this.ruleset.parameters ?? {})) this.addParam(name, spec);
    const rules = (this.ruleset.rules ?? []).map((rule) => this.rule(rule, new Map()));
    return { params: this.params, paramIndex: this.paramIndex, slotCount: this.slotCount, rules, referenced: this.referenced,
      requiredNames: this.params.filter((p) => p.required && p.default === undefined).map((p) => p.name) };
  }

  private addParam(name: string, spec: ParameterSpec): void {
    const kind = PARAM_KINDS[String(spec.type).toLowerCase()];
    if (kind === undefined) {
      throw new EndpointResolutionError({
        msg: `Unknown parameter type: ${spec.type}. A parameter must be of type string, boolean, or stringarray.`,
      });
    }
    this.paramIndex.set(name, this.slotCount++);
    this.params.push({
      name,
      kind,
      builtIn: spec.builtIn ?? undefined,
      default: spec.default ?? undefined,
      required: spec.required === true,
    });
  }

  private rule(rule: Rule, outer: Map<string, number>): RuleFn {
    const lexical = new Map(outer);
    const conditions = (rule.conditions ?? []).map((c) => this.call(c, lexical));
    let body: RuleFn;
    switch (rule.type) {
      case "endpoint":
        body = this.endpoint(rule, lexical);
        break;
      case "error": {
        const message = this.value(rule.error as Expression, lexical);
        body = (s) => {
          throw new EndpointResolutionError({ msg: message(s) });
        };
        break;
      }
      case "tree": {
        const children = (rule.rules ?? []).map((child) => this.rule(child, lexical));
        body = (s) => {
          for (const child of children) {
            const result = child(s);
            if (result !== undefined) return result;
          }
          return undefined;
        };
        break;
      }
      default:
        throw new EndpointResolutionError({
          msg: `Unknown rule type: ${rule.type}. A rule must be of type tree, endpoint or error.`,
        });
    }
    if (conditions.length === 0) return body;
    return (s) => {
      for (const condition of conditions) {
        const result = condition(s);
        if (result === false || result === undefined || result === null) return undefined;
      }
      return body(s);
    };
  }

  private endpoint(rule: Rule, lexical: Map<string, number>): RuleFn {
    const spec = rule.endpoint ?? { url: "" };
    const url = this.value(spec.url, lexical);
    const properties = this.properties(spec.properties ?? {}, lexical) as (s: Scope) => Record<string, unknown>;
    const headerEntries = Object.entries(spec.headers ?? {}).map(
      ([name, values]) => [name, values.map((v) => this.value(v, lexical))] as const,
    );
    return (s) => {
      const out: ResolvedEndpoint = { url: url(s) as string, properties: properties(s), headers: {} };
      for (const [name, values] of headerEntries) out.headers[name] = values.map((v) => v(s) as string);
      return out;
    };
  }

  /** botocore's resolve_properties: containers rebuilt, template strings filled, nothing else evaluated. */
  private properties(value: unknown, lexical: Map<string, number>): Expr {
    if (Array.isArray(value)) {
      const items = value.map((item) => this.properties(item, lexical));
      return (s) => items.map((item) => item(s));
    }
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value).map(([k, v]) => [k, this.properties(v, lexical)] as const);
      return (s) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) out[k] = v(s);
        return out;
      };
    }
    if (isTemplate(value)) return this.template(value, lexical);
    return () => value;
  }

  /** botocore's resolve_value: a call, a reference, a template, or the value itself. */
  private value(expr: Expression, lexical: Map<string, number>): Expr {
    if (typeof expr === "object" && expr !== null && !Array.isArray(expr)) {
      if ("fn" in expr) return this.call(expr as FunctionCall, lexical);
      if ("ref" in expr) return this.ref(String(expr.ref), lexical);
    }
    if (isTemplate(expr)) return this.template(expr, lexical);
    return () => expr;
  }

  /** `{ref}`: an assigned variable in scope, a declared parameter, or any other input key (else None). */
  private ref(name: string, lexical: Map<string, number>): Expr {
    this.referenced.add(name);
    const slot = lexical.get(name) ?? this.paramIndex.get(name);
    if (slot !== undefined) return (s) => s.v[slot];
    return (s) => (hasOwn(s.input, name) ? normalize(s.input[name]) : undefined);
  }

  private template(text: string, lexical: Map<string, number>): Expr {
    const pieces: Expr[] = parseTemplate(text).map((part) => {
      if ("literal" in part) {
        const literal = part.literal;
        return () => literal;
      }
      if ("error" in part) {
        const error = part.error;
        return () => {
          throw error;
        };
      }
      return this.field(part.field, lexical);
    });
    if (pieces.length === 1) return pieces[0]!;
    return (s) => {
      let out = "";
      for (const piece of pieces) out += piece(s) as string;
      return out;
    };
  }

  /** `{name#key#key}`: Python's `scope[name][key][key]`, printed with `str()`. */
  private field(path: readonly string[], lexical: Map<string, number>): Expr {
    const [name, ...keys] = path as [string, ...string[]];
    const read = this.templateVariable(name, lexical);
    if (keys.length === 0) return (s) => pyStr(read(s));
    return (s) => {
      let value = read(s);
      for (const key of keys) value = subscript(value, key);
      return pyStr(value);
    };
  }

  /** Reads a variable the way `scope_vars[name]` does: an absent key is a KeyError, a None value is fine. */
  private templateVariable(name: string, lexical: Map<string, number>): Expr {
    this.referenced.add(name);
    const assigned = lexical.get(name);
    if (assigned !== undefined) return (s) => s.v[assigned];
    const slot = this.paramIndex.get(name);
    if (slot !== undefined) {
      const hasDefault = this.params[slot]!.default !== undefined;
      return (s) => {
        const value = s.v[slot];
        if (value === undefined && !hasDefault && !hasOwn(s.input, name)) throw pythonError("KeyError", `'${name}'`);
        return value;
      };
    }
    return (s) => {
      if (!hasOwn(s.input, name)) throw pythonError("KeyError", `'${name}'`);
      return normalize(s.input[name]);
    };
  }

  /** A function call, with its result stored in a slot when it `assign`s. */
  private call(call: FunctionCall, lexical: Map<string, number>): Expr {
    const invoke = this.invocation(call, lexical);
    const assign = call.assign;
    if (assign === undefined) return invoke;
    this.referenced.add(assign);
    const collision = new EndpointResolutionError({
      msg: `Assignment ${assign} already exists in scoped variables and cannot be overwritten`,
    });
    const declared = this.paramIndex.get(assign);
    const alwaysTaken = lexical.has(assign) || (declared !== undefined && this.params[declared]!.default !== undefined);
    let slot = this.assignSlots.get(assign);
    if (slot === undefined) this.assignSlots.set(assign, (slot = this.slotCount++));
    lexical.set(assign, slot);
    if (alwaysTaken) {
      return (s) => {
        invoke(s);
        throw collision;
      };
    }
    return (s) => {
      const result = invoke(s);
      if (hasOwn(s.input, assign)) throw collision;
      s.v[slot] = result;
      return result;
    };
  }

  private specialized(name: string, argv: readonly Expression[], lexical: Map<string, number>): Expr | undefined {
    return specializeCall(
      name,
      argv,
      (e) => (isRef(e) ? (this.referenced.add(e.ref), lexical.get(e.ref) ?? this.paramIndex.get(e.ref)) : undefined),
      (e) => this.value(e, lexical),
    );
  }

  private invocation(call: FunctionCall, lexical: Map<string, number>): Expr {
    const name = String(call.fn);
    const argv = call.argv ?? [];
    // getAttr with a literal path is the hottest call there is: compile the path.
    if (name === "getAttr" && argv.length === 2 && typeof argv[1] === "string" && !isTemplate(argv[1])) {
      const target = this.value(argv[0]!, lexical);
      const read = compileAttrPath(argv[1]);
      return (s) => read(target(s));
    }
    const special = this.specialized(name, argv, lexical);
    if (special !== undefined) return special;
    const fn = lookup(name);
    const [a, b, c, d] = argv.map((arg) => this.value(arg, lexical));
    switch (argv.length) {
      case 0:
        return (s) => fn(s.env, undefined, undefined, undefined, undefined);
      case 1:
        return (s) => fn(s.env, a!(s), undefined, undefined, undefined);
      case 2:
        return (s) => fn(s.env, a!(s), b!(s), undefined, undefined);
      case 3:
        return (s) => fn(s.env, a!(s), b!(s), c!(s), undefined);
      default:
        return (s) => fn(s.env, a!(s), b!(s), c!(s), d!(s));
    }
  }
}

/**
 * The shapes that make up most conditions (`isSet(ref)`, `booleanEquals(ref, true)`,
 * `stringEquals(x, "literal")`), compiled without the generic call's
 * indirections. Errors go through the library function, so messages match.
 */
function specializeCall(name: string, argv: readonly Expression[], slotOf: (e: Expression) => number | undefined, value: (e: Expression) => Expr): Expr | undefined {
  if (name === "isSet" && argv.length === 1) {
    const slot = slotOf(argv[0]!);
    if (slot !== undefined) return (s) => s.v[slot] !== undefined && s.v[slot] !== null;
    const a = value(argv[0]!);
    return (s) => isSetValue(a(s));
  }
  if (name === "booleanEquals" && argv.length === 2 && typeof argv[1] === "boolean") {
    const expected = argv[1];
    const slot = slotOf(argv[0]!);
    const a = slot === undefined ? value(argv[0]!) : undefined;
    return (s) => {
      const v = slot === undefined ? a!(s) : s.v[slot];
      return typeof v === "boolean" ? v === expected : booleanEquals(v, expected);
    };
  }
  if (name === "stringEquals" && argv.length === 2 && typeof argv[1] === "string" && !isTemplate(argv[1])) {
    const expected = argv[1];
    const a = value(argv[0]!);
    return (s) => {
      const v = a(s);
      return typeof v === "string" ? v === expected : stringEquals(v, expected);
    };
  }
  return undefined;
}

const isSetValue = (v: unknown): boolean => v !== undefined && v !== null;

/** A `{ref}` (and not a call that also happens to carry a `ref` key). */
function isRef(e: Expression): e is { ref: string } {
  return typeof e === "object" && e !== null && !Array.isArray(e) && "ref" in e && !("fn" in e) && typeof e.ref === "string";
}

/** The rule-set names of the standard library, as botocore mangles them (saves loading xform_name's table). */
const STANDARD_NAMES: Readonly<Record<string, string>> = {
  isSet: "is_set", not: "_not", getAttr: "get_attr", substring: "substring", stringEquals: "string_equals",
  booleanEquals: "boolean_equals", uriEncode: "uri_encode", parseURL: "parse_url", isValidHostLabel: "is_valid_host_label",
  "aws.partition": "aws_partition", "aws.parseArn": "aws_parse_arn", "aws.isVirtualHostableS3Bucket": "aws_is_virtual_hostable_s3_bucket",
};

/** Finds a library function by botocore's name mangling; an unknown one fails when called, as in Python. */
function lookup(fn: string): LibraryFunction {
  const standard = Object.prototype.hasOwnProperty.call(STANDARD_NAMES, fn) ? STANDARD_NAMES[fn]! : undefined;
  if (standard !== undefined) return LIBRARY[standard]!;
  let name = xformName(fn);
  if (name === "not") name = "_not";
  name = name.replace(/\./g, "_");
  const found = Object.prototype.hasOwnProperty.call(LIBRARY, name) ? LIBRARY[name] : undefined;
  if (found !== undefined) return found;
  return () => {
    throw pythonError("AttributeError", `'RuleSetStandardLibrary' object has no attribute '${name}'`);
  };
}

/** `value[key]` inside a template field. */
function subscript(value: unknown, key: string): unknown {
  if (value === undefined || value === null) throw pythonError("TypeError", "'NoneType' object is not subscriptable");
  if (typeof value !== "object" || Array.isArray(value)) {
    throw pythonError("TypeError", `${Array.isArray(value) ? "list" : "string"} indices must be integers`);
  }
  if (!hasOwn(value, key)) throw pythonError("KeyError", `'${key}'`);
  return normalize((value as Record<string, unknown>)[key]);
}

function normalize(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** Processes the caller's parameters into slots: defaults, required checks and type checks, in declaration order. */
export function bindParameters(compiled: CompiledRuleSet, input: Readonly<Record<string, unknown>>, slots: unknown[]): void {
  const params = compiled.params;
  for (let i = 0; i < params.length; i++) {
    const param = params[i]!;
    let value = hasOwn(input, param.name) ? input[param.name] : undefined;
    if (value === undefined || value === null) {
      if (param.default !== undefined) value = param.default;
      else if (param.required) {
        throw new EndpointResolutionError({ msg: `Cannot find value for required parameter ${param.name}` });
      } else value = undefined;
    } else {
      checkType(param, value);
    }
    slots[i] = value;
  }
}

function checkType(param: CompiledParam, value: unknown): void {
  let ok: boolean;
  if (param.kind === "str") ok = typeof value === "string";
  else if (param.kind === "bool") ok = typeof value === "boolean";
  else {
    ok = Array.isArray(value);
    // botocore turns list parameters into tuples before resolving.
    if (ok) markTuple(value as unknown[]);
  }
  if (!ok) {
    throw new EndpointResolutionError({ msg: `Value (${param.name}) is the wrong type. Must be <class '${param.kind}'>.` });
  }
}
