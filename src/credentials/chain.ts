/**
 * The default credential chain: botocore's `create_credential_resolver`,
 * in botocore's order. The first provider that returns credentials wins.
 *
 *   explicit keys (Session / client arguments; not part of botocore's resolver, they win over it)
 *   1. env                            environment variables
 *   2. assume-role                    role_arn + source_profile / credential_source
 *   3. assume-role-with-web-identity  web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE
 *   4. sso                            sso_session / sso_start_url
 *   5. shared-credentials-file        ~/.aws/credentials
 *   6. login                          login_session
 *   7. custom-process                 credential_process
 *   8. config-file                    ~/.aws/config
 *   9. ec2-credentials-file           AWS_CREDENTIAL_FILE
 *  10. boto-config                    BOTO_CONFIG, /etc/boto.cfg, ~/.boto
 *  11. container-role                 ECS / EKS container credentials
 *  12. iam-role                       EC2 instance metadata
 *
 * Positions 3–8 are the profile's own providers (profile-provider-builder.ts),
 * which an assumed role's source_profile also uses. A profile chosen on the
 * session (not through AWS_PROFILE) removes the environment provider, so that
 * the profile's credentials are used.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import { AssumeRoleProvider } from "./assume-role-provider.js";
import { BotoProvider } from "./boto-config-provider.js";
import type { ClientCreator } from "./client-creator.js";
import { ContainerProvider } from "./container-provider.js";
import type { CredentialCache } from "./credential-cache.js";
import { MemoryCredentialCache } from "./credential-cache.js";
import { CredentialResolver } from "./credential-resolver.js";
import { CanonicalNameCredentialSourcer } from "./credential-sourcer.js";
import type { Credentials } from "./credentials.js";
import { OriginalEC2Provider } from "./ec2-credentials-file-provider.js";
import { EnvProvider } from "./env-provider.js";
import { ExplicitProvider } from "./explicit-provider.js";
import type { ExplicitCredentialKeys } from "./explicit-provider.js";
import { resolveImdsSettings } from "./imds-settings.js";
import type { ImdsSettings } from "./imds-settings.js";
import { InstanceMetadataFetcher } from "./instance-metadata-fetcher.js";
import { InstanceMetadataProvider } from "./instance-metadata-provider.js";
import type { MfaPrompter } from "./mfa-prompter.js";
import { ProfileProviderBuilder } from "./profile-provider-builder.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

export { CredentialResolver } from "./credential-resolver.js";

/** What a chain entry needs to build its provider. */
export interface ChainContext {
  readonly store: SessionConfigStore;
  /** The profile to read: the chosen one, or "default". */
  readonly profileName: string;
  /** True when the session chose the profile explicitly. */
  readonly disableEnvVars: boolean;
  readonly imds: ImdsSettings;
  /** The providers of one profile (shared with assume-role's source profiles). */
  readonly builder: ProfileProviderBuilder;
  /** The environment provider; botocore shares it between the chain and `credential_source`, as the two below. */
  readonly env: EnvProvider;
  /** The container provider (chain position and `credential_source = EcsContainer`). */
  readonly container: ContainerProvider;
  /** The instance metadata provider (chain position and `credential_source = Ec2InstanceMetadata`). */
  readonly instanceMetadata: InstanceMetadataProvider;
  /** Makes the clients of STS, SSO, SSO OIDC and sign-in. */
  readonly clientCreator: ClientCreator;
  /** The region STS clients are made in. */
  readonly regionName: string | null;
  /** Assumed-role and SSO role credentials already fetched. */
  readonly cache: CredentialCache;
  /** Asks for MFA codes; undefined for the terminal prompt. */
  readonly mfaPrompter: MfaPrompter | undefined;
}

/** One position in the default chain. */
export interface ChainEntry {
  /** botocore's METHOD name of the provider at this position. */
  readonly method: string;
  /** Builds the provider. */
  readonly create: (context: ChainContext) => CredentialProvider;
}

/** botocore's default order. */
export const DEFAULT_CHAIN: readonly ChainEntry[] = Object.freeze([
  { method: "env", create: (ctx: ChainContext) => ctx.env },
  {
    method: "assume-role",
    create: (ctx: ChainContext) =>
      new AssumeRoleProvider({
        loadConfig: () => ctx.store.full_config(),
        clientCreator: ctx.builder.stsClientCreator,
        cache: ctx.cache,
        profileName: ctx.profileName,
        ...(ctx.mfaPrompter === undefined ? {} : { mfaPrompter: ctx.mfaPrompter }),
        credentialSourcer: new CanonicalNameCredentialSourcer([ctx.env, ctx.container, ctx.instanceMetadata]),
        profileProviderBuilder: ctx.builder,
      }),
  },
  { method: "assume-role-with-web-identity", create: (ctx: ChainContext) => ctx.builder.webIdentity(ctx.profileName, ctx.disableEnvVars) },
  { method: "sso", create: (ctx: ChainContext) => ctx.builder.sso(ctx.profileName) },
  { method: "shared-credentials-file", create: (ctx: ChainContext) => ctx.builder.sharedCredentials(ctx.profileName) },
  { method: "login", create: (ctx: ChainContext) => ctx.builder.login(ctx.profileName) },
  { method: "custom-process", create: (ctx: ChainContext) => ctx.builder.process(ctx.profileName) },
  { method: "config-file", create: (ctx: ChainContext) => ctx.builder.configFile(ctx.profileName) },
  { method: "ec2-credentials-file", create: (ctx: ChainContext) => new OriginalEC2Provider(ctx.store.env) },
  { method: "boto-config", create: (ctx: ChainContext) => new BotoProvider(ctx.store.env) },
  { method: "container-role", create: (ctx: ChainContext) => ctx.container },
  { method: "iam-role", create: (ctx: ChainContext) => ctx.instanceMetadata },
]);

/** Options of createCredentialResolver. */
export interface CredentialResolverOptions {
  /** Makes the STS, SSO, SSO OIDC and sign-in clients some providers call (a Session passes its `client`). */
  readonly client_creator?: ClientCreator;
  /** The region of STS clients (botocore: the region of the session's last client). */
  readonly region_name?: string | null;
  /** Where assumed-role and SSO role credentials are cached (default: in memory, per resolver, as botocore). */
  readonly cache?: CredentialCache;
  /** Asks for MFA codes (default: read from the terminal, as botocore's getpass). */
  readonly mfa_prompter?: MfaPrompter;
  /** The SSO token cache (default: ~/.aws/sso/cache). */
  readonly sso_token_cache?: CredentialCache;
  /** The login token cache (default: AWS_LOGIN_CACHE_DIRECTORY or ~/.aws/login/cache). */
  readonly login_token_cache?: CredentialCache;
  /** The User-Agent of instance metadata requests. */
  readonly user_agent?: string;
}

function noClientCreator(serviceName: string): never {
  throw new TypeError(`No client creator to call ${serviceName}: resolve credentials through a Session, or pass client_creator`);
}

/**
 * Builds the default chain for a session. Like botocore, this resolves the
 * profile and the instance-metadata settings first, so a missing chosen
 * profile is a ProfileNotFound here and a malformed metadata endpoint an
 * InvalidIMDSEndpointError, whatever the providers would find.
 */
export function createCredentialResolver(store: SessionConfigStore, options: CredentialResolverOptions = {}): CredentialResolver {
  const profile = store.get_config_variable("profile");
  const profileName = typeof profile === "string" && profile !== "" ? profile : "default";
  const imds = resolveImdsSettings(store);
  const chosen = store.instance_variables()["profile"];
  const disableEnvVars = chosen !== undefined && chosen !== null;
  const cache = options.cache ?? new MemoryCredentialCache();
  const clientCreator = options.client_creator ?? noClientCreator;
  const regionName = options.region_name ?? null;
  const fetcher = new InstanceMetadataFetcher({
    timeout: imds.timeout,
    num_attempts: imds.num_attempts,
    env: store.env,
    ec2_metadata_service_endpoint: imds.ec2_metadata_service_endpoint,
    ec2_metadata_service_endpoint_mode: imds.ec2_metadata_service_endpoint_mode,
    ec2_metadata_v1_disabled: imds.ec2_metadata_v1_disabled,
    ec2_credential_refresh_window: 15 * 60,
    ...(options.user_agent === undefined ? {} : { user_agent: options.user_agent }),
  });
  const context: ChainContext = {
    store,
    profileName,
    disableEnvVars,
    imds,
    builder: new ProfileProviderBuilder({
      store,
      clientCreator,
      regionName,
      cache,
      ...(options.sso_token_cache === undefined ? {} : { ssoTokenCache: options.sso_token_cache }),
      ...(options.login_token_cache === undefined ? {} : { loginTokenCache: options.login_token_cache }),
    }),
    env: new EnvProvider(store.env),
    container: new ContainerProvider(store.env),
    instanceMetadata: new InstanceMetadataProvider(fetcher),
    clientCreator,
    regionName,
    cache,
    mfaPrompter: options.mfa_prompter,
  };
  const providers: CredentialProvider[] = [];
  for (const entry of DEFAULT_CHAIN) {
    if (entry.method === "env" && disableEnvVars) {
      logger.debug("Skipping environment variable credential check because profile name was explicitly set.");
      continue;
    }
    providers.push(entry.create(context));
  }
  return new CredentialResolver(providers);
}

/** Options of resolveCredentials. */
export interface ResolveCredentialsOptions extends CredentialResolverOptions {
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
  return createCredentialResolver(store, options).load_credentials();
}
