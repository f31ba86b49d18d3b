/**
 * The per-client endpoint resolver (botocore regions.py
 * EndpointRulesetResolver, args.py `_build_endpoint_resolver`): gathers a
 * call's rule-set parameters from the operation model, the call's input,
 * client context and builtins, resolves them, and picks the signer.
 *
 * Everything derived from models is built once and shared: the compiled rule
 * set and its result cache per rule set, one parameter plan per operation.
 * A client holds only its builtins, its client context and its auth settings.
 */
import { createRequire } from "node:module";
import { EndpointProviderError, InvalidRegionError, UnknownEndpointResolutionBuiltInName, UnknownServiceError } from "../exceptions.js";
import type { Loader } from "../models/loader.js";
import type { OperationModel, ServiceModel } from "../models/service-model.js";
import { xformName } from "../util/naming.js";
import { type AuthPreferences, type AuthSelection, SUPPORTED_AUTH_TYPES, selectAuthScheme } from "./auth-scheme.js";
import { BUILTIN_NAMES, type BuiltinInputs, type BuiltinName, type Builtins, builtinsFor } from "./builtins.js";
import { translateRulesetError } from "./error-translation.js";
import { EndpointProvider } from "./provider.js";
import type { PartitionsData, ResolvedEndpoint, RuleSet } from "./types.js";

/** What endpoint resolution hands the rest of the pipeline for one call. */
export interface EndpointResolution {
  /** The endpoint URL (http:// when the client is not secure and no endpoint was configured). */
  readonly url: string;
  /** Headers to add; botocore sends only the first value of each. */
  readonly headers: Readonly<Record<string, string>>;
  /** The endpoint's properties (botocore's `request_context['endpoint_properties']`). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Set when the endpoint lists `authSchemes`: the signer and the signing overrides. */
  readonly auth: AuthSelection | undefined;
  /** User-agent feature ids botocore registers for this call (`ACCOUNT_ID_MODE_PREFERRED`, `RESOLVED_ACCOUNT_ID`). */
  readonly feature_ids: readonly string[];
}

/** Everything a client supplies to build its resolver. */
export interface ClientEndpointOptions extends Omit<BuiltinInputs, "endpoint_prefix"> {
  service_model: ServiceModel;
  ruleset: RuleSet;
  partitions: PartitionsData;
  /** False for `use_ssl=False` clients. */
  is_secure?: boolean;
  /** Config `client_context_params` (snake_case keys). */
  client_context_params?: Readonly<Record<string, unknown>> | null;
  /** Config `signature_version` when it names a signer (botocore's requested auth scheme). */
  signature_version?: string | null;
  /** Config `signature_version=UNSIGNED`. */
  unsigned?: boolean;
  /** The normalized `auth_scheme_preference`. */
  auth_scheme_preference?: string | null;
}

/** Where one rule-set parameter's value comes from for one operation, in botocore's order. */
interface ParamSource {
  readonly name: string;
  readonly staticValue: unknown;
  readonly member: string | undefined;
  readonly jmespathPath: string | undefined;
  readonly clientContextKey: string | undefined;
  readonly builtin: string | undefined;
  readonly memberIsSafe: boolean;
  readonly contextKeyIsSafe: boolean;
  readonly builtinIsKnown: boolean;
}

/** State shared by every client of one rule set. */
interface SharedRuleSet {
  readonly provider: EndpointProvider;
  readonly plans: WeakMap<OperationModel, readonly ParamSource[]>;
  /** Final resolutions per auth variant, keyed by the provider's (cached, frozen) result. */
  readonly resolutions: Map<string, WeakMap<ResolvedEndpoint, EndpointResolution>>;
  /** The same, for clients with default auth settings (most clients), without a variant lookup. */
  readonly defaultResolutions: WeakMap<ResolvedEndpoint, EndpointResolution>;
  /** The slot of the `Endpoint` parameter, or -1. */
  readonly endpointSlot: number;
  /** Slots of the parameters botocore reports as user-agent features (AccountIdEndpointMode, AccountId), in order. */
  readonly featureSlots: readonly number[];
  /** False when a feature parameter is one no rule reads: its value is then not implied by the cached result. */
  readonly featuresFollowResult: boolean;
}

type JmesPathSearch = (data: unknown, expression: string) => unknown;
let jmespathSearch: JmesPathSearch | undefined;

/** JMESPath, loaded the first time an operation needs it (few do), to keep client start-up light. */
function searchJmesPath(data: unknown, expression: string): unknown {
  jmespathSearch ??= (createRequire(import.meta.url)("jmespath") as { search: JmesPathSearch }).search;
  return jmespathSearch(data, expression);
}

const sharedByRuleSet = new WeakMap<RuleSet, WeakMap<PartitionsData, SharedRuleSet>>();
const NO_CONTEXT: Readonly<Record<string, unknown>> = Object.freeze({});
const KNOWN_BUILTINS: ReadonlySet<string> = new Set(BUILTIN_NAMES);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function sharedFor(ruleset: RuleSet, partitions: PartitionsData): SharedRuleSet {
  let byPartitions = sharedByRuleSet.get(ruleset);
  if (byPartitions === undefined) sharedByRuleSet.set(ruleset, (byPartitions = new WeakMap()));
  let shared = byPartitions.get(partitions);
  if (shared === undefined) {
    const provider = new EndpointProvider(ruleset, partitions);
    const names = provider.parameters.map((p) => p.name);
    const featureSlots = names.flatMap((name, i) => (name === "AccountIdEndpointMode" || name === "AccountId" ? [i] : []));
    shared = {
      provider,
      plans: new WeakMap(),
      resolutions: new Map(),
      defaultResolutions: new WeakMap(),
      endpointSlot: names.indexOf("Endpoint"),
      featureSlots,
      featuresFollowResult: featureSlots.every((i) => provider.reads(names[i]!)),
    };
    byPartitions.set(partitions, shared);
  }
  return shared;
}

/** Loads a service's rule set and partitions.json, or null when the service has none (legacy routing). */
export function loadEndpointRuleset(loader: Loader, serviceName: string, apiVersion?: string | null): { ruleset: RuleSet; partitions: PartitionsData } | null {
  try {
    const ruleset = loader.load_service_model(serviceName, "endpoint-rule-set-1", apiVersion) as RuleSet;
    return { ruleset, partitions: loader.load_data("partitions") as PartitionsData };
  } catch (err) {
    if (err instanceof UnknownServiceError) return null;
    throw err;
  }
}

/** Builds a client's resolver: computes its builtins and client context (cheap; models are shared). */
export function createEndpointResolver(options: ClientEndpointOptions): EndpointRulesetResolver {
  const model = options.service_model;
  const prefix = model.endpoint_prefix;
  const builtins = builtinsFor(prefix, options);
  let context: Readonly<Record<string, unknown>> = options.client_context_params ?? NO_CONTEXT;
  // For s3 and s3-control the `s3` Config section doubles as client context, and wins.
  if (prefix === "s3" || prefix === "s3-control") {
    // botocore always has a boolean here (ensure_boolean of the setting, false when unset).
    context = { ...context, ...(options.s3 ?? {}), disable_s3_express_session_auth: builtins["AWS::S3::DisableS3ExpressSessionAuth"] };
  }
  return new EndpointRulesetResolver(sharedFor(options.ruleset, options.partitions), model, builtins, context, {
    useSsl: options.is_secure !== false,
    requested: options.signature_version ?? null,
    unsigned: options.unsigned === true,
    preference: options.auth_scheme_preference ?? null,
  });
}

/** Resolves endpoints for one client (botocore's EndpointRulesetResolver). */
export class EndpointRulesetResolver {
  private readonly resolutions: WeakMap<ResolvedEndpoint, EndpointResolution>;

  constructor(
    private readonly shared: SharedRuleSet,
    private readonly serviceModel: ServiceModel,
    /** The client's builtin values; copy them to change them for one call. */
    readonly builtins: Readonly<Builtins>,
    /** The client context (Config `client_context_params`, plus the `s3` section for s3). */
    readonly clientContext: Readonly<Record<string, unknown>>,
    private readonly auth: AuthPreferences & { useSsl: boolean },
  ) {
    if (auth.useSsl && !auth.unsigned && !auth.requested && !auth.preference) {
      this.resolutions = shared.defaultResolutions;
    } else {
      const variant = `${auth.useSsl ? 1 : 0}|${auth.unsigned ? 1 : 0}|${auth.requested ?? ""}|${auth.preference ?? ""}`;
      let cache = shared.resolutions.get(variant);
      if (cache === undefined) shared.resolutions.set(variant, (cache = new WeakMap()));
      this.resolutions = cache;
    }
  }

  /** The shared rule-set provider. */
  get provider(): EndpointProvider {
    return this.shared.provider;
  }

  /**
   * Resolves the endpoint for one call. `builtins` replaces the client's for
   * this call (the copy that `before-endpoint-resolution` handlers changed).
   * Rule-set errors become botocore's specific exceptions where botocore has one.
   */
  construct_endpoint(operationModel: OperationModel, callArgs?: Readonly<Record<string, unknown>> | null, builtins?: Readonly<Builtins>): EndpointResolution {
    const values = this.providerValues(operationModel, callArgs ?? NO_CONTEXT, builtins ?? this.builtins);
    const provider = this.shared.provider;
    let result: ResolvedEndpoint;
    try {
      result = provider.resolve_values(values);
    } catch (err) {
      if (err instanceof EndpointProviderError) {
        const params = provider.params_object(values);
        const translated = translateRulesetError(err.kwargs.msg, this.serviceModel.service_name, params, err);
        if (translated !== undefined) throw translated;
      }
      throw err;
    }
    let resolution = this.resolutions.get(result);
    if (resolution === undefined) {
      resolution = this.finish(result, values);
      // Only cached results are stable objects; the parameters they imply decide everything else.
      if (Object.isFrozen(result) && this.shared.featuresFollowResult) this.resolutions.set(result, Object.freeze(resolution));
    }
    return resolution;
  }

  /** The rule-set parameters for one call, in rule-set order, unset ones left out (botocore's provider params). */
  providerParams(operationModel: OperationModel, callArgs: Readonly<Record<string, unknown>>, builtins: Readonly<Builtins>): Record<string, unknown> {
    return this.shared.provider.params_object(this.providerValues(operationModel, callArgs, builtins));
  }

  /**
   * Each parameter's value in rule-set order, from the first source that
   * has one: the operation's static value, the input member bound to it,
   * its JMESPath over the input, the client context, the builtin.
   */
  private providerValues(operationModel: OperationModel, callArgs: Readonly<Record<string, unknown>>, builtins: Readonly<Builtins>): unknown[] {
    const plan = this.planFor(operationModel);
    const values = new Array<unknown>(plan.length);
    const context = this.clientContext;
    for (let i = 0; i < plan.length; i++) {
      const source = plan[i]!;
      let value = source.staticValue;
      if (value === undefined || value === null) {
        const member = source.member;
        if (member !== undefined) value = source.memberIsSafe || hasOwn(callArgs, member) ? callArgs[member] : undefined;
        if ((value === undefined || value === null) && source.jmespathPath !== undefined) {
          value = searchJmesPath(callArgs, source.jmespathPath);
        }
        const key = source.clientContextKey;
        if ((value === undefined || value === null) && key !== undefined) value = source.contextKeyIsSafe || hasOwn(context, key) ? context[key] : undefined;
        if ((value === undefined || value === null) && source.builtin !== undefined) {
          if (!source.builtinIsKnown) throw new UnknownEndpointResolutionBuiltInName({ name: source.builtin });
          value = builtins[source.builtin as BuiltinName];
          if (typeof value === "function") value = (value as () => unknown)();
        }
      }
      values[i] = value;
    }
    return values;
  }

  /** botocore's auth_schemes_to_signing_ctx with this client's auth settings. */
  auth_schemes_to_signing_ctx(authSchemes: unknown): AuthSelection {
    return selectAuthScheme(authSchemes, this.auth, SUPPORTED_AUTH_TYPES);
  }

  private finish(result: ResolvedEndpoint, values: readonly unknown[]): EndpointResolution {
    const { endpointSlot, featureSlots } = this.shared;
    const endpointGiven = endpointSlot >= 0 && values[endpointSlot] !== undefined && values[endpointSlot] !== null;
    const featureIds: string[] = [];
    for (const slot of featureSlots) {
      const value = values[slot];
      if (value === undefined || value === null) continue;
      if (this.shared.provider.parameters[slot]!.name === "AccountId") featureIds.push("RESOLVED_ACCOUNT_ID");
      else featureIds.push(`ACCOUNT_ID_MODE_${String(value).toUpperCase()}`);
    }
    let url = result.url;
    // Rule sets only produce https; a non-TLS client downgrades, unless the URL was configured.
    if (!this.auth.useSsl && url.startsWith("https://") && !endpointGiven) url = `http://${url.slice(8)}`;
    const headers: Record<string, string> = {};
    for (const name of Object.keys(result.headers)) headers[name] = result.headers[name]![0]!;
    const schemes = result.properties.authSchemes;
    const auth = schemes === undefined ? undefined : this.auth_schemes_to_signing_ctx(schemes);
    return { url, headers, properties: result.properties, auth, feature_ids: Object.freeze(featureIds) };
  }

  private planFor(operationModel: OperationModel): readonly ParamSource[] {
    let plan = this.shared.plans.get(operationModel);
    if (plan === undefined) {
      plan = buildPlan(this.shared.provider, operationModel, this.serviceModel);
      this.shared.plans.set(operationModel, plan);
    }
    return plan;
  }
}

function buildPlan(provider: EndpointProvider, op: OperationModel, model: ServiceModel): ParamSource[] {
  const statics = new Map(op.static_context_parameters.map((p) => [p.name, p.value]));
  const dynamic = new Map(op.context_parameters.map((p) => [p.name, p.member_name]));
  const operationContext = op.operation_context_parameters;
  const clientContext = new Map(model.client_context_parameters.map((p) => [p.name, xformName(p.name)]));
  return provider.parameters.map((param) => {
    const member = dynamic.get(param.name);
    const contextKey = clientContext.get(param.name);
    return {
      name: param.name,
      staticValue: statics.get(param.name),
      member,
      // Names that Object.prototype also has need an own-property check; others can be read directly.
      memberIsSafe: member === undefined || !(member in Object.prototype),
      jmespathPath: hasOwn(operationContext, param.name) ? operationContext[param.name]!.path : undefined,
      clientContextKey: contextKey,
      contextKeyIsSafe: contextKey === undefined || !(contextKey in Object.prototype),
      builtin: param.builtIn,
      builtinIsKnown: param.builtIn === undefined || KNOWN_BUILTINS.has(param.builtIn),
    };
  });
}

const VALID_REGION = /^(?![0-9]+\n?$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)\n?$/;

/** Raises InvalidRegionError unless the region is a plausible host label (botocore's validate_region_name). */
export function validateRegionName(region: string | null | undefined): void {
  if (region === null || region === undefined) return;
  if (!VALID_REGION.test(region)) throw new InvalidRegionError({ region_name: region });
}

/**
 * Turns a fips pseudo-region (`fips-us-gov-west-1`, `us-east-1-fips`) into
 * the plain region and a request for FIPS endpoints, as botocore's client
 * creation does (with a warning there).
 */
export function normalizeFipsRegion(region: string | null): { region_name: string | null; use_fips_endpoint: boolean } {
  if (region === null) return { region_name: null, use_fips_endpoint: false };
  const normalized = region.replaceAll("fips-", "").replaceAll("-fips", "");
  return { region_name: normalized, use_fips_endpoint: normalized !== region };
}
