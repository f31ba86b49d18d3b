/**
 * The providers that read one profile, in botocore's order (its
 * `ProfileProviderBuilder`): web identity, SSO, shared credentials file,
 * login, credential_process, config file. The default chain uses them for
 * the active profile; the assume-role provider uses them for a source_profile.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import type { ClientOptions } from "../client/create-client.js";
import type { ProfileProvidersFactory } from "./assume-role-provider.js";
import type { ClientCreator } from "./client-creator.js";
import { ConfigProvider } from "./config-file-provider.js";
import type { CredentialCache } from "./credential-cache.js";
import { LoginProvider } from "./login-provider.js";
import { ProcessProvider } from "./process-provider.js";
import type { CredentialProvider } from "./provider.js";
import { SharedCredentialProvider } from "./shared-credentials-provider.js";
import { SSOProvider } from "./sso-provider.js";
import { SSOTokenProvider } from "./sso-token-provider.js";
import { AssumeRoleWithWebIdentityProvider } from "./web-identity-provider.js";

/** Options of ProfileProviderBuilder. */
export interface ProfileProviderBuilderOptions {
  readonly store: SessionConfigStore;
  /** The session's client factory, as is (SSO, SSO OIDC and sign-in clients take their region from their Config). */
  readonly clientCreator: ClientCreator;
  /** The region STS clients are created in (the region of the session's last client, as botocore). */
  readonly regionName?: string | null;
  readonly cache: CredentialCache;
  readonly ssoTokenCache?: CredentialCache;
  readonly loginTokenCache?: CredentialCache;
}

/** botocore's `_get_client_creator`: STS clients get the resolver's region unless told otherwise. */
export function withRegion(creator: ClientCreator, regionName: string | null | undefined): ClientCreator {
  return (serviceName: string, options: ClientOptions = {}) => creator(serviceName, { region_name: regionName ?? null, ...options });
}

/** Makes the profile-based providers for a profile. */
export class ProfileProviderBuilder implements ProfileProvidersFactory {
  readonly #o: ProfileProviderBuilderOptions;

  constructor(options: ProfileProviderBuilderOptions) {
    this.#o = options;
  }

  /** The six providers for `profileName`, in botocore's order. */
  providers(profileName: string, disableEnvVars = false): CredentialProvider[] {
    return [
      this.webIdentity(profileName, disableEnvVars),
      this.sso(profileName),
      this.sharedCredentials(profileName),
      this.login(profileName),
      this.process(profileName),
      this.configFile(profileName),
    ];
  }

  /** The client creator for STS: the session's, in the resolver's region. */
  get stsClientCreator(): ClientCreator {
    return withRegion(this.#o.clientCreator, this.#o.regionName);
  }

  /** The shared credentials file provider. */
  sharedCredentials(profileName: string): SharedCredentialProvider {
    return new SharedCredentialProvider(this.#o.store, profileName);
  }

  /** The config file provider. */
  configFile(profileName: string): ConfigProvider {
    return new ConfigProvider(this.#o.store, profileName);
  }

  /** The web identity provider (environment variables ignored when the session chose the profile). */
  webIdentity(profileName: string, disableEnvVars: boolean): AssumeRoleWithWebIdentityProvider {
    return new AssumeRoleWithWebIdentityProvider({
      loadConfig: this.#loadConfig,
      clientCreator: this.stsClientCreator,
      profileName,
      env: this.#o.store.env,
      cache: this.#o.cache,
      disableEnvVars,
    });
  }

  /** The SSO provider with its token provider for sso-session profiles. */
  sso(profileName: string): SSOProvider {
    const tokens = this.#o.ssoTokenCache;
    return new SSOProvider({
      loadConfig: this.#loadConfig,
      clientCreator: this.#o.clientCreator,
      profileName,
      env: this.#o.store.env,
      cache: this.#o.cache,
      ...(tokens === undefined ? {} : { tokenCache: tokens }),
      tokenProvider: new SSOTokenProvider({
        loadConfig: this.#loadConfig,
        clientCreator: this.#o.clientCreator,
        profileName,
        env: this.#o.store.env,
        ...(tokens === undefined ? {} : { cache: tokens }),
      }),
    });
  }

  /** The login-session provider. */
  login(profileName: string): LoginProvider {
    const tokens = this.#o.loginTokenCache;
    return new LoginProvider({
      loadConfig: this.#loadConfig,
      clientCreator: this.#o.clientCreator,
      profileName,
      env: this.#o.store.env,
      ...(tokens === undefined ? {} : { tokenCache: tokens }),
    });
  }

  /** The process provider. */
  process(profileName: string): ProcessProvider {
    return new ProcessProvider(profileName, this.#loadConfig);
  }

  readonly #loadConfig = () => this.#o.store.full_config();
}
