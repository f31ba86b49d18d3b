/**
 * `Session` (boto3.session.Session): configuration state — profile, region,
 * credentials, model data, events — and the factory of clients.
 *
 * boto3 wraps a botocore session; here one class holds both, with boto3's
 * names on the outside.
 *
 * @module boto3-ts/session
 */
import { inspect } from "node:util";
import type { Config } from "./config/config.js";
import { SessionConfigStore } from "./config/config-store.js";
import type { Credentials } from "./credentials/credentials.js";
import { Credentials as CredentialsClass } from "./credentials/credentials.js";
import { createCredentialResolver } from "./credentials/chain.js";
import type { MfaPrompter } from "./credentials/mfa-prompter.js";
import { HierarchicalEmitter } from "./events/hierarchical-emitter.js";
import { NoCredentialsError, NotYetImplementedError } from "./exceptions.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LegacyEndpointResolver, type LegacyEndpointsFile, type LegacyServiceData } from "./endpoints/legacy-resolver.js";
import { BOTO3_DATA_PATH, BUILTIN_ENDPOINTS_PATH, Loader, loadBuiltinJson } from "./models/loader.js";
import { createClient, type ClientOptions } from "./client/create-client.js";
import type { ServiceClient } from "./client/base-client.js";
import type { ServiceClientMap } from "./client/service-client-map.js";

/** Options of `new Session()` (boto3.session.Session's keyword arguments). */
export interface SessionOptions {
  aws_access_key_id?: string | null;
  aws_secret_access_key?: string | null;
  aws_session_token?: string | null;
  region_name?: string | null;
  profile_name?: string | null;
  aws_account_id?: string | null;
  /** Asks for the MFA code of a role with `mfa_serial` (botocore's `mfa_prompter`; default: read from the terminal). */
  mfa_prompter?: MfaPrompter;
}

const legacyResolvers = new Map<string, LegacyEndpointResolver>();

/** The built-in endpoints.json, read per service from its build-time split. */
function builtinLegacyResolver(): LegacyEndpointResolver {
  const skeleton = loadBuiltinJson(join(BUILTIN_ENDPOINTS_PATH, "partitions.json")) as LegacyEndpointsFile;
  return new LegacyEndpointResolver(skeleton, true, (service) => {
    const file = join(BUILTIN_ENDPOINTS_PATH, "services", `${service}.json`);
    return existsSync(file) ? (loadBuiltinJson(file) as Record<string, LegacyServiceData>) : undefined;
  });
}

/** A boto3 session: where clients get their configuration and credentials. */
export class Session {
  /** The session's configuration chain (botocore's config store). */
  readonly _config: SessionConfigStore;
  readonly #events = new HierarchicalEmitter();
  #loader: Loader | undefined;
  #loaderDataPath: unknown;
  #credentials: Credentials | null = null;
  #credentialsPending: Promise<Credentials | null> | undefined;
  #defaultClientConfig: Config | null = null;
  #lastClientRegion: string | null = null;
  readonly #mfaPrompter: MfaPrompter | undefined;

  constructor(options: SessionOptions = {}) {
    this._config = new SessionConfigStore();
    this.#mfaPrompter = options.mfa_prompter;
    if (options.profile_name != null) this._config.set_config_variable("profile", options.profile_name);
    const { aws_access_key_id: key, aws_secret_access_key: secret, aws_session_token: token, aws_account_id: account } = options;
    if (key || secret || token || account) {
      if (account != null && (key == null || secret == null)) throw new NoCredentialsError();
      this.#credentials = new CredentialsClass(key ?? "", secret ?? "", token ?? null, "explicit", account ?? null);
    }
    if (options.region_name != null) this._config.set_config_variable("region", options.region_name);
    // boto3 reads the data path (and so the profile) at construction: a
    // missing profile fails here, as it does in boto3.
    this._loader();
  }

  /** The profile in use: the chosen one, or "default". */
  get profile_name(): string {
    return this._config.profile ?? "default";
  }

  /** The session's region (argument, AWS_DEFAULT_REGION, or the profile's), or null. */
  get region_name(): string | null {
    const region = this._config.get_config_variable("region");
    return typeof region === "string" ? region : null;
  }

  /** The session's event emitter; clients copy it when they are created. */
  get events(): HierarchicalEmitter {
    return this.#events;
  }

  /** Every profile in the config and credentials files. */
  get available_profiles(): string[] {
    return this._config.available_profiles;
  }

  /** Services that `client()` can create. */
  get_available_services(): string[] {
    return this._loader().list_available_services("service-2");
  }

  /** Services that `resource()` can create. */
  get_available_resources(): string[] {
    return this._loader().list_available_services("resources-1");
  }

  /** Partition names (aws, aws-cn, aws-us-gov, ...). */
  get_available_partitions(): string[] {
    return this._legacyEndpoints().get_available_partitions();
  }

  /** Regions (endpoint names) where a service is known to exist, from endpoints.json. */
  get_available_regions(service_name: string, partition_name = "aws", allow_non_regional = false): string[] {
    let prefix = service_name;
    try {
      const model = this._loader().load_service_model(service_name, "service-2") as { metadata?: { endpointPrefix?: string } };
      prefix = model.metadata?.endpointPrefix ?? service_name;
    } catch (err) {
      if ((err as Error).name === "UnknownServiceError") return [];
      throw err;
    }
    return this._legacyEndpoints().get_available_endpoints(prefix, partition_name, allow_non_regional);
  }

  /** The partition a region belongs to. */
  get_partition_for_region(region_name: string): string {
    return this._legacyEndpoints().get_partition_for_region(region_name);
  }

  /** The session's credentials, resolved through the provider chain once and kept. */
  async get_credentials(): Promise<Credentials | null> {
    if (this.#credentials !== null) return this.#credentials;
    // Providers that call STS or SSO make their clients here, as botocore's
    // nested clients, in the region of the session's last client.
    this.#credentialsPending ??= createCredentialResolver(this._config, {
      client_creator: (service, options) => this.client(service, options),
      region_name: this.#lastClientRegion,
      ...(this.#mfaPrompter === undefined ? {} : { mfa_prompter: this.#mfaPrompter }),
    })
      .load_credentials()
      .then(
        (found) => {
          this.#credentials = found;
          this.#credentialsPending = undefined;
          return found;
        },
        (err: unknown) => {
          this.#credentialsPending = undefined;
          throw err;
        },
      );
    return this.#credentialsPending;
  }

  /** A low-level client for a service (boto3's `Session.client`). */
  client<S extends string>(service_name: S, options: ClientOptions = {}): ServiceClientFor<S> {
    const client = createClient(this, service_name, options);
    // botocore's _last_client_region_used: the region asked for, before endpoint resolution.
    this.#lastClientRegion =
      options.region_name ?? options.config?.region_name ?? this.#defaultClientConfig?.region_name ?? this.region_name;
    return client as ServiceClientFor<S>;
  }

  /** A resource for a service (boto3's `Session.resource`); the resource layer is not built yet. */
  resource(service_name: string, _options: ClientOptions = {}): never {
    throw new NotYetImplementedError({ feature: `The resource layer (resource("${service_name}"))` });
  }

  /** The Config every client of this session starts from (botocore's default client config). */
  get_default_client_config(): Config | null {
    return this.#defaultClientConfig;
  }

  /** Sets the Config every later client of this session starts from. */
  set_default_client_config(config: Config | null): void {
    this.#defaultClientConfig = config;
  }

  /** The session's data loader; rebuilt when the data path setting changes. */
  _loader(): Loader {
    const dataPath = this._config.get_config_variable("data_path");
    if (this.#loader === undefined || dataPath !== this.#loaderDataPath) {
      const loader = Loader.fromDataPath(typeof dataPath === "string" ? dataPath : null);
      loader.search_paths.push(BOTO3_DATA_PATH);
      this.#loader = loader;
      this.#loaderDataPath = dataPath;
    }
    return this.#loader;
  }

  /** The endpoints.json resolver, shared by every session reading the same file. */
  _legacyEndpoints(): LegacyEndpointResolver {
    const loader = this._loader();
    const path = loader.locate_data("endpoints");
    let resolver = legacyResolvers.get(path);
    if (resolver === undefined) {
      resolver = loader.is_builtin_path(path) && existsSync(join(BUILTIN_ENDPOINTS_PATH, "partitions.json"))
        ? builtinLegacyResolver()
        : new LegacyEndpointResolver(loader.load_data("endpoints") as LegacyEndpointsFile, false);
      legacyResolvers.set(path, resolver);
    }
    return resolver;
  }

  /** Explicit credentials given to the session, if any (not resolved through the chain). */
  _explicitCredentials(): Credentials | null {
    return this.#credentials?.method === "explicit" ? this.#credentials : null;
  }

  [inspect.custom](): string {
    return `Session(region_name=${this.region_name === null ? "None" : `'${this.region_name}'`})`;
  }

  toString(): string {
    return this[inspect.custom]();
  }
}

/** The client type `Session.client(name)` returns for a service name. */
export type ServiceClientFor<S extends string> = S extends keyof ServiceClientMap ? ServiceClientMap[S] : ServiceClient;
