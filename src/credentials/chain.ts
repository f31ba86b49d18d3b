/**
 * The default credential chain: botocore's `create_credential_resolver`,
 * in botocore's order. The first provider that returns credentials wins.
 *
 *   explicit keys (Session / client arguments; not part of botocore's resolver, they win over it)
 *   1. env                            environment variables
 *   2. assume-role                    role_arn + source_profile / credential_source   (pending)
 *   3. assume-role-with-web-identity  web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE (pending)
 *   4. sso                            sso_session / sso_start_url                     (pending)
 *   5. shared-credentials-file        ~/.aws/credentials
 *   6. login                          login_session                                   (pending)
 *   7. custom-process                 credential_process                              (pending)
 *   8. config-file                    ~/.aws/config
 *   9. ec2-credentials-file           AWS_CREDENTIAL_FILE                             (pending)
 *  10. boto-config                    BOTO_CONFIG, /etc/boto.cfg, ~/.boto             (pending)
 *  11. container-role                 ECS / EKS container credentials                 (pending)
 *  12. iam-role                       EC2 instance metadata                           (pending)
 *
 * A profile chosen on the session (not through AWS_PROFILE) removes the
 * environment provider, so that the profile's credentials are used.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import { UnknownCredentialError } from "../exceptions.js";
import type { Credentials } from "./credentials.js";
import { ConfigProvider } from "./config-file-provider.js";
import { EnvProvider } from "./env-provider.js";
import { ExplicitProvider } from "./explicit-provider.js";
import type { ExplicitCredentialKeys } from "./explicit-provider.js";
import { resolveImdsSettings } from "./imds-settings.js";
import type { ImdsSettings } from "./imds-settings.js";
import type { CredentialProvider } from "./provider.js";
import { SharedCredentialProvider } from "./shared-credentials-provider.js";

/** What a chain entry needs to build its provider. */
export interface ChainContext {
  readonly store: SessionConfigStore;
  /** The profile to read: the chosen one, or "default". */
  readonly profileName: string;
  /** True when the session chose the profile explicitly. */
  readonly disableEnvVars: boolean;
  readonly imds: ImdsSettings;
}

/** One position in the default chain. */
export interface ChainEntry {
  /** botocore's METHOD name of the provider at this position. */
  readonly method: string;
  /** Builds the provider; absent for providers not written yet. */
  readonly create?: (context: ChainContext) => CredentialProvider;
  /** For a pending entry: what the provider will do. */
  readonly pending?: string;
}

/** botocore's default order. Entries without `create` are placeholders for the next providers. */
export const DEFAULT_CHAIN: readonly ChainEntry[] = Object.freeze([
  { method: "env", create: (ctx: ChainContext) => new EnvProvider(ctx.store.env) },
  { method: "assume-role", pending: "AssumeRoleProvider: role_arn with source_profile or credential_source" },
  { method: "assume-role-with-web-identity", pending: "web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE + role_arn" },
  { method: "sso", pending: "SSOProvider: sso_session or legacy sso_start_url, token cache in ~/.aws/sso/cache" },
  { method: "shared-credentials-file", create: (ctx: ChainContext) => new SharedCredentialProvider(ctx.store, ctx.profileName) },
  { method: "login", pending: "LoginProvider: login_session (aws login), DPoP-bound token cache" },
  { method: "custom-process", pending: "ProcessProvider: credential_process command, JSON on stdout" },
  { method: "config-file", create: (ctx: ChainContext) => new ConfigProvider(ctx.store, ctx.profileName) },
  { method: "ec2-credentials-file", pending: "OriginalEC2Provider: AWS_CREDENTIAL_FILE key=value file" },
  { method: "boto-config", pending: "BotoProvider: [Credentials] of BOTO_CONFIG, /etc/boto.cfg, ~/.boto" },
  { method: "container-role", pending: "ContainerProvider: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / FULL_URI" },
  { method: "iam-role", pending: "InstanceMetadataProvider: IMDSv2 role credentials (uses ChainContext.imds)" },
]);

/** An ordered list of providers; the first that returns credentials wins (botocore's CredentialResolver). */
export class CredentialResolver {
  /** The providers, in the order they are tried. */
  readonly providers: CredentialProvider[];

  constructor(providers: CredentialProvider[]) {
    this.providers = providers;
  }

  /** Inserts a provider before the one with METHOD `name` (UnknownCredentialError if there is none). */
  insert_before(name: string, provider: CredentialProvider): void {
    this.providers.splice(this.#offset(name), 0, provider);
  }

  /** Inserts a provider after the one with METHOD `name` (UnknownCredentialError if there is none). */
  insert_after(name: string, provider: CredentialProvider): void {
    this.providers.splice(this.#offset(name) + 1, 0, provider);
  }

  /** Removes the provider with METHOD `name`; nothing happens if there is none. */
  remove(name: string): void {
    const index = this.providers.findIndex((p) => p.METHOD === name);
    if (index >= 0) this.providers.splice(index, 1);
  }

  /** The provider with METHOD `name` (UnknownCredentialError if there is none). */
  get_provider(name: string): CredentialProvider {
    return this.providers[this.#offset(name)]!;
  }

  /** The first credentials any provider returns, or null. Provider errors propagate. */
  async load_credentials(): Promise<Credentials | null> {
    for (const provider of this.providers) {
      const credentials = await provider.load();
      if (credentials !== null) return credentials;
    }
    return null;
  }

  #offset(name: string): number {
    const index = this.providers.findIndex((p) => p.METHOD === name);
    if (index < 0) throw new UnknownCredentialError({ name });
    return index;
  }
}

/**
 * Builds the default chain for a session. Like botocore, this resolves the
 * profile and the instance-metadata settings first, so a missing chosen
 * profile is a ProfileNotFound here, whatever the providers would find.
 */
export function createCredentialResolver(store: SessionConfigStore): CredentialResolver {
  const profile = store.get_config_variable("profile");
  const profileName = typeof profile === "string" && profile !== "" ? profile : "default";
  const imds = resolveImdsSettings(store);
  const chosen = store.instance_variables()["profile"];
  const context: ChainContext = { store, profileName, disableEnvVars: chosen !== undefined && chosen !== null, imds };
  const providers: CredentialProvider[] = [];
  for (const entry of DEFAULT_CHAIN) {
    if (entry.create === undefined) continue;
    if (entry.method === "env" && context.disableEnvVars) continue;
    providers.push(entry.create(context));
  }
  return new CredentialResolver(providers);
}

/** Options of resolveCredentials. */
export interface ResolveCredentialsOptions {
  /** Keys passed in code (Session or client arguments); they win over the whole chain. */
  readonly explicit?: ExplicitCredentialKeys;
}

/**
 * The session's credentials: explicit keys if given (both, or a
 * PartialCredentialsError), else the default chain. Null when nothing is found.
 */
export async function resolveCredentials(
  store: SessionConfigStore,
  options: ResolveCredentialsOptions = {},
): Promise<Credentials | null> {
  if (options.explicit !== undefined) {
    const explicit = new ExplicitProvider(options.explicit);
    if (explicit.given) return explicit.load();
  }
  return createCredentialResolver(store).load_credentials();
}
