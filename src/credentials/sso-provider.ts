/**
 * Role credentials from IAM Identity Center (botocore's `SSOProvider`,
 * method "sso"): a profile with `sso_account_id` and `sso_role_name`, and
 * either the legacy `sso_start_url` / `sso_region` or an `sso_session`
 * naming an `[sso-session NAME]` section. The cached access token (see
 * sso-token-provider.ts) is exchanged for role credentials with SSO
 * GetRoleCredentials, an unsigned call to the sso_region's portal.
 * Nothing is called until a request needs the credentials.
 */
import { Config, UNSIGNED } from "../config/config.js";
import type { ConfigSection } from "../config/ini.js";
import type { Env } from "../config/paths.js";
import type { FullConfig, NamedSections } from "../config/profiles.js";
import { InvalidConfigError, UnauthorizedSSOTokenError } from "../exceptions.js";
import { argumentHash } from "./cache-key.js";
import { CachedCredentialFetcher } from "./cached-credential-fetcher.js";
import type { CachedCredentialResponse } from "./cached-credential-fetcher.js";
import { callOperation, clientErrorCode } from "./client-creator.js";
import type { ClientCreator } from "./client-creator.js";
import type { CredentialCache } from "./credential-cache.js";
import { JSONFileCache, MemoryCredentialCache } from "./credential-cache.js";
import { DeferredRefreshableCredentials } from "./credentials.js";
import type { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { SSOTokenLoader, ssoTokenCacheDir } from "./sso-token-provider.js";
import type { SSOTokenProvider } from "./sso-token-provider.js";
import { formatUtcSeconds, parseDateTime } from "./time.js";

/** Options of SSOCredentialFetcher. */
export interface SSOCredentialFetcherOptions {
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly roleName: string;
  readonly accountId: string;
  readonly clientCreator: ClientCreator;
  /** Reads legacy tokens (profiles without sso_session). */
  readonly tokenLoader: SSOTokenLoader;
  /** Gives sso-session tokens, refreshing them. */
  readonly tokenProvider?: SSOTokenProvider;
  readonly ssoSessionName?: string;
  readonly cache?: CredentialCache;
  readonly expiryWindowSeconds?: number;
  readonly timeFetcher?: () => Date;
}

/** Exchanges the SSO token for role credentials (botocore's SSOCredentialFetcher). */
export class SSOCredentialFetcher extends CachedCredentialFetcher {
  readonly #o: SSOCredentialFetcherOptions;

  constructor(options: SSOCredentialFetcherOptions) {
    super(options.cache, options.expiryWindowSeconds);
    this.#o = options;
  }

  protected createCacheKey(): string {
    const args: Record<string, string> = { roleName: this.#o.roleName, accountId: this.#o.accountId };
    if (this.#o.ssoSessionName) args["sessionName"] = this.#o.ssoSessionName;
    else args["startUrl"] = this.#o.startUrl;
    return argumentHash(args, { minified: true });
  }

  protected async getCredentials(): Promise<CachedCredentialResponse> {
    const o = this.#o;
    const client = await o.clientCreator("sso", { config: new Config({ signature_version: UNSIGNED, region_name: o.ssoRegion }) });
    let accessToken: string;
    if (o.tokenProvider !== undefined) {
      const token = o.tokenProvider.load_token();
      accessToken = (await token!.get_frozen_token()).token;
    } else {
      const token = o.tokenLoader.load(o.startUrl);
      accessToken = String(token.accessToken);
      // An expired legacy token is refused here, saving a call that would fail.
      const expiration = parseDateTime(String(token.expiresAt));
      const now = (o.timeFetcher ?? (() => new Date()))();
      if (expiration === undefined || expiration.getTime() - now.getTime() <= 0) throw new UnauthorizedSSOTokenError();
    }
    let response: Record<string, unknown>;
    try {
      response = await callOperation(client, "get_role_credentials", {
        roleName: o.roleName,
        accountId: o.accountId,
        accessToken,
      });
    } catch (err) {
      if (clientErrorCode(err) === "UnauthorizedException") throw new UnauthorizedSSOTokenError({}, { cause: err });
      throw err;
    }
    const role = response["roleCredentials"] as Record<string, unknown>;
    return {
      ProviderType: "sso",
      Credentials: {
        AccessKeyId: role["accessKeyId"] as string,
        SecretAccessKey: role["secretAccessKey"] as string,
        SessionToken: role["sessionToken"] as string,
        Expiration: formatUtcSeconds(new Date(Number(role["expiration"]))),
        AccountId: o.accountId,
      },
    };
  }
}

const PROFILE_REQUIRED = ["sso_role_name", "sso_account_id"] as const;
const ALL_REQUIRED = [...PROFILE_REQUIRED, "sso_start_url", "sso_region"] as const;

/** Options of SSOProvider. */
export interface SSOProviderOptions {
  readonly loadConfig: () => FullConfig;
  readonly clientCreator: ClientCreator;
  readonly profileName: string;
  readonly env: Env;
  readonly cache?: CredentialCache;
  /** Where legacy tokens are read (default: ~/.aws/sso/cache). */
  readonly tokenCache?: CredentialCache;
  readonly tokenProvider?: SSOTokenProvider;
}

/** SSO role credentials for the active profile. */
export class SSOProvider implements CredentialProvider {
  readonly METHOD = "sso";
  readonly CANONICAL_NAME = null;
  /** Role credentials already fetched, by role, account and session or start URL. */
  readonly cache: CredentialCache;
  readonly #o: SSOProviderOptions;
  readonly #tokenCache: CredentialCache;

  constructor(options: SSOProviderOptions) {
    this.#o = options;
    this.cache = options.cache ?? new MemoryCredentialCache();
    this.#tokenCache = options.tokenCache ?? new JSONFileCache(ssoTokenCacheDir(options.env));
  }

  /** Deferred credentials when the profile is an SSO profile; null otherwise. */
  async load(): Promise<Credentials | null> {
    const config = this.#ssoConfig();
    if (config === null) return null;
    const sessionName = config["sso_session"];
    const fetcher = new SSOCredentialFetcher({
      startUrl: config["sso_start_url"]!,
      ssoRegion: config["sso_region"]!,
      roleName: config["sso_role_name"]!,
      accountId: config["sso_account_id"]!,
      clientCreator: this.#o.clientCreator,
      tokenLoader: new SSOTokenLoader(this.#tokenCache),
      cache: this.cache,
      ...(sessionName === undefined ? {} : { ssoSessionName: sessionName, ...(this.#o.tokenProvider ? { tokenProvider: this.#o.tokenProvider } : {}) }),
    });
    return new DeferredRefreshableCredentials({ method: this.METHOD, refresh_using: () => fetcher.fetch_credentials() });
  }

  #ssoConfig(): Record<string, string> | null {
    const loaded = this.#o.loadConfig();
    const profileName = this.#o.profileName;
    const profile = loaded.profiles[profileName] ?? {};
    if (PROFILE_REQUIRED.every((key) => !Object.prototype.hasOwnProperty.call(profile, key))) return null;
    const [resolved, extra] = this.#resolveSessionReference(profile, loaded.sso_sessions ?? {});
    const config: Record<string, string> = {};
    const missing: string[] = [];
    for (const key of [...ALL_REQUIRED, ...extra]) {
      if (Object.prototype.hasOwnProperty.call(resolved, key)) config[key] = String(resolved[key]);
      else missing.push(key);
    }
    if (missing.length > 0) {
      throw new InvalidConfigError({
        error_msg: `The profile "${profileName}" is configured to use SSO but is missing required configuration: ${missing.join(", ")}`,
      });
    }
    return config;
  }

  // A profile's keys must agree with its sso-session's.
  #resolveSessionReference(profile: ConfigSection, sessions: NamedSections): [ConfigSection, string[]] {
    if (!Object.prototype.hasOwnProperty.call(profile, "sso_session")) return [profile, []];
    const name = String(profile["sso_session"]);
    const session = Object.prototype.hasOwnProperty.call(sessions, name) ? sessions[name]! : undefined;
    if (session === undefined) {
      throw new InvalidConfigError({ error_msg: `The specified sso-session does not exist: "${name}"` });
    }
    const config: ConfigSection = { ...profile };
    for (const [key, value] of Object.entries(session)) {
      if (Object.prototype.hasOwnProperty.call(config, key) && config[key] !== value) {
        throw new InvalidConfigError({
          error_msg: `The value for ${key} is inconsistent between profile (${String(config[key])}) and sso-session (${String(value)}).`,
        });
      }
      config[key] = value;
    }
    return [config, ["sso_session"]];
  }
}
