/**
 * The configuration chain of a session: botocore's `ConfigValueStore` with
 * the default session-variable mapping, and the parts of `botocore.Session`
 * that read the shared files (`full_config`, `get_scoped_config`,
 * `available_profiles`, `profile`).
 *
 * For each variable (see session-variables.ts): a value the session set >
 * environment > the active profile's section > default. Files are read the
 * first time something needs them and then kept; `reload()` forgets them.
 * Creating a store does no I/O. `withDefaults()` makes the per-client view
 * that defaults modes need (botocore copies its store per client).
 */
import { inspect } from "node:util";
import { ConfigNotFound, ProfileNotFound } from "../exceptions.js";
import { emptyRecord, orderedKeys, rawConfigParse, rememberOrder } from "./ini.js";
import type { ConfigSection, ConfigValue, RawConfig } from "./ini.js";
import type { Env } from "./paths.js";
import { loadConfig } from "./profiles.js";
import type { FullConfig, LoadedConfig } from "./profiles.js";
import { SECTION_VARIABLES, SESSION_VARIABLES } from "./session-variables.js";
import type { SessionVariable } from "./session-variables.js";

/** Options of a SessionConfigStore. */
export interface SessionConfigStoreOptions {
  /** The environment to read (default: `process.env`, read live as botocore reads `os.environ`). */
  env?: Env;
  /** Values the session sets up front (`profile`, `region`, ...), as `set_config_variable` would. */
  instanceVariables?: Readonly<Record<string, unknown>>;
}

interface Cached<T> {
  readonly path: string;
  readonly value: T | undefined; // undefined: the file does not exist
}

/** Values that replace the chain's defaults for one client: variable name -> default (a block takes a map of key -> default). */
export type DefaultOverrides = Readonly<Record<string, unknown>>;

/** Where a session variable's value came from (for debug logs: `get_config_variable_source`). */
export type ConfigSource =
  | { readonly kind: "session" }
  | { readonly kind: "client" }
  | { readonly kind: "environment"; readonly variable: string }
  | { readonly kind: "config-file"; readonly which: "config" | "credentials"; readonly file: string; readonly profile: string; readonly key: string }
  | { readonly kind: "defaults-mode"; readonly mode: string }
  | { readonly kind: "default" }
  | { readonly kind: "unset" };

/** A source as a phrase: "environment variable AWS_RETRY_MODE", "config file ~/.aws/config, profile dev, key region", ... */
export function describeConfigSource(source: ConfigSource): string {
  switch (source.kind) {
    case "session":
      return "the session (set_config_variable / Session argument)";
    case "client":
      return "the client's configuration";
    case "environment":
      return `environment variable ${source.variable}`;
    case "config-file":
      return `${source.which} file ${source.file}, profile ${source.profile}, key ${source.key}`;
    case "defaults-mode":
      return `defaults mode ${source.mode}`;
    case "default":
      return "default";
    case "unset":
      return "not set";
  }
}

// Filled by a lookup that is asked where its value came from.
interface SourceTrace {
  source: ConfigSource;
}

// What a session store and its per-client views share: the session-set
// values and the files read so far.
class SharedState {
  readonly instance = new Map<string, unknown>();
  /** Bumped whenever a session value is set or the files are dropped. */
  version = 0;
  configFile: Cached<LoadedConfig> | undefined;
  credentialsFile: Cached<RawConfig> | undefined;
  full: { readonly config: Cached<LoadedConfig>; readonly credentials: Cached<RawConfig>; readonly value: FullConfig } | undefined;
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A session's configuration: session-set values, environment, shared config files and defaults. */
export class SessionConfigStore {
  /** The environment this store reads (not enumerable: it holds AWS_SECRET_ACCESS_KEY and the like). */
  declare readonly env: Env;
  #state: SharedState;
  #defaults: DefaultOverrides | undefined;
  #overrides: Map<string, unknown> | undefined; // a view's own set_config_variable values
  #defaultsLabel = "";

  constructor(options: SessionConfigStoreOptions = {}) {
    Object.defineProperty(this, "env", { value: options.env ?? process.env, enumerable: false });
    this.#state = new SharedState();
    if (options.instanceVariables !== undefined) {
      for (const [name, value] of Object.entries(options.instanceVariables)) this.#state.instance.set(name, value);
    }
  }

  /**
   * A view for one client (botocore copies the store per client): it reads
   * the same session values and files, live, but with some defaults
   * replaced, as botocore's defaults modes replace them. A name the table
   * does not know (`connect_timeout`) resolves to its override alone.
   * Creating a view does no I/O and allocates one small object.
   */
  withDefaults(defaults: DefaultOverrides, label = "client"): SessionConfigStore {
    const view = new SessionConfigStore({ env: this.env });
    view.#state = this.#state;
    view.#defaults = this.#defaults === undefined ? defaults : { ...this.#defaults, ...defaults };
    view.#defaultsLabel = label;
    return view;
  }

  /**
   * A view that reads another environment object but shares everything
   * else; the client factory passes one that records which variables were
   * read, to know when a cached client template is still valid.
   */
  withEnv(env: Env): SessionConfigStore {
    const view = new SessionConfigStore({ env });
    view.#state = this.#state;
    view.#defaults = this.#defaults;
    view.#overrides = this.#overrides;
    view.#defaultsLabel = this.#defaultsLabel;
    return view;
  }

  /** Changes when a session value is set or the files are forgotten. */
  get version(): number {
    return this.#state.version;
  }

  /**
   * Sets a session value, which then wins over environment, config file and
   * default (botocore's Session.set_config_variable). On a view made by
   * `withDefaults`, the value stays in the view and is returned as given
   * (botocore's ConfigValueStore.set_config_variable on the client's copy).
   */
  set_config_variable(name: string, value: unknown): void {
    if (this.#defaults !== undefined) (this.#overrides ??= new Map()).set(name, value);
    else this.#state.instance.set(name, value);
    this.#state.version++;
  }

  /** The values set on this session, by name (a copy). */
  instance_variables(): Record<string, unknown> {
    return Object.assign(emptyRecord<unknown>(), Object.fromEntries(this.#state.instance));
  }

  /**
   * Resolves one session variable through the chain; undefined when nothing
   * provides a value or the name is not a session variable. Throws
   * ProfileNotFound when the chain reaches the config file and the chosen
   * profile does not exist, as botocore does.
   */
  get_config_variable(name: string): unknown {
    if (this.#overrides?.has(name)) return this.#overrides.get(name);
    const defaults = this.#defaults;
    const variable = SESSION_VARIABLES[name];
    if (variable !== undefined) return this.#resolve(name, variable, defaults);
    const block = SECTION_VARIABLES[name];
    if (block !== undefined) {
      const blockDefaults = defaults?.[name];
      return this.#resolveBlock(name, block, isMap(blockDefaults) ? blockDefaults : undefined);
    }
    return defaults !== undefined && Object.hasOwn(defaults, name) ? defaults[name] : undefined;
  }

  /**
   * Where `get_config_variable(name)` finds its value: the session, an
   * environment variable, a key of the active profile (and which file), a
   * defaults mode, the default, or nowhere. Resolves again, so it is meant
   * for debug logs, not for every call.
   */
  get_config_variable_source(name: string): ConfigSource {
    if (this.#overrides?.has(name)) return { kind: "client" };
    const variable = SESSION_VARIABLES[name];
    const trace: SourceTrace = { source: { kind: "unset" } };
    if (variable !== undefined) this.#resolve(name, variable, this.#defaults, trace);
    else if (this.#defaults !== undefined && Object.hasOwn(this.#defaults, name)) trace.source = this.#defaultSource();
    return trace.source;
  }

  /** For a block variable (`s3`, `proxies_config`): where each of its keys comes from. */
  get_config_block_sources(name: string): Record<string, ConfigSource> {
    const keys = SECTION_VARIABLES[name];
    const out = emptyRecord<ConfigSource>();
    if (keys === undefined) return out;
    const raw = this.get_scoped_config()[name];
    if (isMap(raw)) {
      for (const key of Object.keys(raw)) out[key] = this.#fileSource([name, key]);
    }
    const blockDefaults = this.#defaults?.[name];
    for (const [key, variable] of Object.entries(keys)) {
      const trace: SourceTrace = { source: { kind: "unset" } };
      this.#resolve(key, variable, isMap(blockDefaults) ? blockDefaults : undefined, trace);
      if (trace.source.kind !== "unset") out[key] = trace.source;
    }
    return out;
  }

  /** The profile chosen by the session or by AWS_DEFAULT_PROFILE / AWS_PROFILE (in that order); undefined means "default". */
  get profile(): string | undefined {
    const profile = this.get_config_variable("profile");
    return profile === undefined ? undefined : String(profile);
  }

  /** Every profile name in the config and credentials files, in botocore's order. */
  get available_profiles(): string[] {
    return orderedKeys(this.full_config().profiles);
  }

  /**
   * botocore's `Session.full_config`: the config file's profile map, with the
   * credentials file's sections laid over it (its values win, key by key, and
   * its other sections become profiles). A missing file counts as empty.
   */
  full_config(): FullConfig {
    const config = this.#loadConfigCached();
    const credentials = this.#loadCredentialsCached();
    const cached = this.#state.full;
    if (cached !== undefined && cached.config === config && cached.credentials === credentials) return cached.value;
    const value = mergeFullConfig(config.value, credentials.value);
    this.#state.full = { config, credentials, value };
    return value;
  }

  /**
   * The active profile's section (botocore's `Session.get_scoped_config`).
   * With no profile chosen, `[default]` or an empty section; a chosen profile
   * that does not exist (even "default") throws ProfileNotFound.
   */
  get_scoped_config(): Record<string, ConfigValue> {
    const profile = this.get_config_variable("profile");
    const profiles = this.full_config().profiles;
    if (profile === undefined || profile === null) return profiles["default"] ?? emptyRecord<ConfigValue>();
    if (typeof profile !== "string" || !Object.prototype.hasOwnProperty.call(profiles, profile)) {
      throw new ProfileNotFound({ profile });
    }
    return profiles[profile]!;
  }

  /** The config file alone, as botocore's `load_config` gives it; undefined when there is no file. */
  loadConfigFile(): LoadedConfig | undefined {
    return this.#loadConfigCached().value;
  }

  /** The credentials file's raw sections (botocore's `raw_config_parse`); undefined when there is no file. */
  loadCredentialsFile(): RawConfig | undefined {
    return this.#loadCredentialsCached().value;
  }

  /** What JSON shows: the values set on the session, never the environment (it holds secrets). */
  toJSON(): Record<string, unknown> {
    return { instance_variables: this.instance_variables() };
  }

  [inspect.custom](): string {
    return `SessionConfigStore(${inspect({ ...this.instance_variables() }, { breakLength: Infinity })})`;
  }

  /** Forgets the files read so far; the next lookup reads them again. */
  reload(): void {
    this.#state.version++;
    this.#state.configFile = undefined;
    this.#state.credentialsFile = undefined;
    this.#state.full = undefined;
  }

  // A file is re-read when the variable naming it changes; a parse error is
  // not cached, so the next lookup reports it again (as botocore re-reads).
  #loadConfigCached(): Cached<LoadedConfig> {
    const path = String(this.get_config_variable("config_file"));
    const state = this.#state;
    if (state.configFile?.path !== path) {
      state.configFile = { path, value: readOrUndefined(() => loadConfig(path, this.env)) };
    }
    return state.configFile;
  }

  #loadCredentialsCached(): Cached<RawConfig> {
    const path = String(this.get_config_variable("credentials_file"));
    const state = this.#state;
    if (state.credentialsFile?.path !== path) {
      state.credentialsFile = { path, value: readOrUndefined(() => rawConfigParse(path, this.env)) };
    }
    return state.credentialsFile;
  }

  // `trace`, when given, is told where the value came from (debug logs only).
  #resolve(name: string, variable: SessionVariable, defaults: DefaultOverrides | undefined, trace?: SourceTrace): unknown {
    const convert = variable.convert ?? ((value: unknown) => value);
    const set = this.#state.instance.get(name);
    if (set !== undefined && set !== null) {
      if (trace !== undefined) trace.source = { kind: "session" };
      return convert(set);
    }
    for (const envVar of variable.envVars) {
      // Set-but-empty counts as set, as in botocore.
      const value = this.env[envVar];
      if (value !== undefined) {
        if (trace !== undefined) trace.source = { kind: "environment", variable: envVar };
        return convert(value);
      }
    }
    if (variable.configKeys.length > 0) {
      const scoped = this.get_scoped_config();
      for (const key of variable.configKeys) {
        let value: unknown;
        if (typeof key === "string") {
          value = scoped[key];
        } else {
          const block = scoped[key[0]];
          value = isMap(block) ? block[key[1]] : undefined;
        }
        if (value !== undefined && value !== null) {
          if (trace !== undefined) trace.source = this.#fileSource(key);
          return convert(value);
        }
      }
    }
    const fromMode = defaults !== undefined && Object.hasOwn(defaults, name);
    const fallback = fromMode ? defaults[name] : variable.defaultValue?.(this.env);
    if (fallback === undefined || fallback === null) return undefined;
    if (trace !== undefined) trace.source = fromMode ? this.#defaultSource() : { kind: "default" };
    return convert(fallback);
  }

  #defaultSource(): ConfigSource {
    return { kind: "defaults-mode", mode: this.#defaultsLabel };
  }

  // Which file a key of the active profile came from: the credentials file
  // when its section has the key (it wins in full_config), else the config file.
  #fileSource(key: string | readonly [string, string]): ConfigSource {
    const profile = this.profile ?? "default";
    const top = typeof key === "string" ? key : key[0];
    const label = typeof key === "string" ? key : `${key[0]}.${key[1]}`;
    const credentials = this.loadCredentialsFile()?.[profile];
    const inCredentials = credentials !== undefined && Object.hasOwn(credentials, top);
    const file = String(this.get_config_variable(inCredentials ? "credentials_file" : "config_file"));
    return { kind: "config-file", which: inCredentials ? "credentials" : "config", file, profile, key: label };
  }

  // botocore's SectionConfigProvider: the profile's block (`s3 = ...`), with
  // each key that resolves elsewhere (session, environment, a top-level
  // profile key) laid over it. A block that is a non-empty string is
  // ignored. An empty one (`s3 =`) is returned as "" when nothing is laid
  // over it; botocore crashes when something is, here the keys form a map.
  #resolveBlock(
    name: string,
    keys: Readonly<Record<string, SessionVariable>>,
    defaults: DefaultOverrides | undefined,
  ): Record<string, unknown> | string | undefined {
    const raw = this.get_scoped_config()[name];
    if (typeof raw === "string" && raw !== "") return undefined;
    let block: Record<string, unknown> | undefined = isMap(raw) ? Object.assign(emptyRecord<unknown>(), raw) : undefined;
    for (const [key, variable] of Object.entries(keys)) {
      const value = this.#resolve(key, variable, defaults);
      if (value === undefined || value === null) continue;
      block ??= emptyRecord<unknown>();
      block[key] = value;
    }
    return block ?? (raw === "" ? "" : undefined);
  }
}

function readOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigNotFound) return undefined;
    throw err;
  }
}

// Never mutates the cached file contents: the merged profiles are copies.
function mergeFullConfig(config: LoadedConfig | undefined, credentials: RawConfig | undefined): FullConfig {
  const full: FullConfig =
    config === undefined ? { profiles: emptyRecord<ConfigSection>() } : Object.assign(emptyRecord<never>(), config);
  const profiles = Object.assign(emptyRecord<ConfigSection>(), full.profiles);
  const order = orderedKeys(full.profiles);
  if (credentials !== undefined) {
    for (const name of orderedKeys(credentials)) {
      const section = credentials[name]!;
      const existing = profiles[name];
      if (existing === undefined) {
        profiles[name] = section;
        order.push(name);
      } else {
        profiles[name] = Object.assign(emptyRecord<ConfigValue>(), existing, section);
      }
    }
  }
  rememberOrder(profiles, order);
  full.profiles = profiles;
  return full;
}
