/**
 * SSO access tokens from the token cache that `aws sso login` writes
 * (`~/.aws/sso/cache/<sha1>.json`): botocore's `SSOTokenLoader` and
 * `SSOTokenProvider`.
 *
 * A legacy profile's token is keyed by the SHA-1 of its start URL, an
 * `sso-session`'s by the SHA-1 of the session name. For sso-sessions the
 * provider refreshes a token that expires within 15 minutes through SSO OIDC
 * CreateToken (with the cached client registration and refresh token) and
 * writes the new token back to the cache; a failed refresh keeps the cached
 * token for as long as it lasts.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Config, UNSIGNED } from "../config/config.js";
import type { Env } from "../config/paths.js";
import { expandUser } from "../config/paths.js";
import type { FullConfig } from "../config/profiles.js";
import type { ServiceClient } from "../client/base-client.js";
import { ClientError, InvalidConfigError, SSOTokenLoadError } from "../exceptions.js";
import { DeferredRefreshableToken, FrozenAuthToken } from "./auth-token.js";
import { callOperation } from "./client-creator.js";
import type { ClientCreator } from "./client-creator.js";
import type { CredentialCache } from "./credential-cache.js";
import { JSONFileCache } from "./credential-cache.js";
import { formatUtcSeconds, parseDateTime } from "./time.js";
import { getLogger, WARNING } from "../logging/logger.js";

const logger = getLogger("botocore.tokens");

/** The directory of cached SSO tokens: `~/.aws/sso/cache`. */
export function ssoTokenCacheDir(env: Env): string {
  return expandUser(join("~", ".aws", "sso", "cache"), env);
}

/** The token cache writes expiry times as `%Y-%m-%dT%H:%M:%SZ`, as botocore's `_sso_json_dumps`. */
export function ssoJsonDumps(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? formatUtcSeconds(raw) : v;
  });
}

/** A cached SSO token file's fields. */
export interface SSOToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string | Date;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
  [key: string]: unknown;
}

/** Reads and writes tokens in the SSO token cache (botocore's SSOTokenLoader). */
export class SSOTokenLoader {
  readonly #cache: CredentialCache;

  constructor(cache: CredentialCache) {
    this.#cache = cache;
  }

  /** The SHA-1 of the session name, or of the start URL for legacy profiles. */
  static cacheKey(startUrl: string, sessionName?: string | null): string {
    return createHash("sha1").update(sessionName ?? startUrl, "utf8").digest("hex");
  }

  /** Writes a token under its key. */
  save_token(startUrl: string, token: SSOToken, sessionName?: string | null): void {
    this.#cache.set(SSOTokenLoader.cacheKey(startUrl, sessionName), token);
  }

  /** The cached token; SSOTokenLoadError when it is missing or lacks accessToken / expiresAt. */
  load(startUrl: string, sessionName?: string | null): SSOToken {
    const key = SSOTokenLoader.cacheKey(startUrl, sessionName);
    const token = this.#cache.has(key) ? this.#cache.get(key) : undefined;
    if (token === undefined) {
      throw new SSOTokenLoadError({ error_msg: `Token for ${sessionName ?? startUrl} does not exist` });
    }
    if (token === null || typeof token !== "object" || !("accessToken" in token) || !("expiresAt" in token)) {
      // botocore names the start URL here, even for an sso-session.
      throw new SSOTokenLoadError({ error_msg: `Token for ${startUrl} is invalid` });
    }
    return token as SSOToken;
  }
}

/** What an sso-session profile needs for tokens. */
interface SSOSessionConfig {
  readonly session_name: string;
  readonly sso_region: string;
  readonly sso_start_url: string;
}

/** Options of SSOTokenProvider. */
export interface SSOTokenProviderOptions {
  readonly loadConfig: () => FullConfig;
  readonly clientCreator: ClientCreator;
  readonly profileName: string;
  readonly env: Env;
  /** The token cache (default: a JSONFileCache of ~/.aws/sso/cache). */
  readonly cache?: CredentialCache;
  readonly timeFetcher?: () => Date;
}

const REFRESH_WINDOW_SECONDS = 15 * 60;
const REFRESH_KEYS = ["refreshToken", "clientId", "clientSecret", "registrationExpiresAt"] as const;

/** Bearer tokens for profiles with an sso_session (botocore's SSOTokenProvider). */
export class SSOTokenProvider {
  readonly METHOD = "sso";
  readonly #options: SSOTokenProviderOptions;
  readonly #loader: SSOTokenLoader;
  readonly #now: () => Date;
  #config: SSOSessionConfig | null | undefined;
  #client: ServiceClient | undefined;

  constructor(options: SSOTokenProviderOptions) {
    this.#options = options;
    this.#now = options.timeFetcher ?? (() => new Date());
    this.#loader = new SSOTokenLoader(options.cache ?? new JSONFileCache(ssoTokenCacheDir(options.env), ssoJsonDumps));
  }

  /** A token that loads (and refreshes) itself, or null when the profile has no sso_session. */
  load_token(): DeferredRefreshableToken | null {
    if (this.#ssoConfig() === null) return null;
    return new DeferredRefreshableToken(this.METHOD, () => this.#refresher(), this.#now);
  }

  #ssoConfig(): SSOSessionConfig | null {
    if (this.#config !== undefined) return this.#config;
    const loaded = this.#options.loadConfig();
    const profileName = this.#options.profileName;
    const profile = loaded.profiles[profileName] ?? {};
    if (!Object.prototype.hasOwnProperty.call(profile, "sso_session")) return (this.#config = null);
    const sessionName = String(profile["sso_session"]);
    const session = loaded.sso_sessions?.[sessionName];
    if (session === undefined || Object.keys(session).length === 0) {
      throw new InvalidConfigError({
        error_msg: `The profile "${profileName}" is configured to use the SSO token provider but the "${sessionName}" sso_session configuration does not exist.`,
      });
    }
    const missing = ["sso_start_url", "sso_region"].filter((key) => !Object.prototype.hasOwnProperty.call(session, key));
    if (missing.length > 0) {
      throw new InvalidConfigError({
        error_msg: `The profile "${profileName}" is configured to use the SSO token provider but is missing the following configuration: [${missing.map((m) => `'${m}'`).join(", ")}].`,
      });
    }
    return (this.#config = {
      session_name: sessionName,
      sso_region: String(session["sso_region"]),
      sso_start_url: String(session["sso_start_url"]),
    });
  }

  async #refresher(): Promise<FrozenAuthToken> {
    const config = this.#ssoConfig()!;
    logger.info("Loading cached SSO token for %s", config.session_name);
    let token = this.#loader.load(config.sso_start_url, config.session_name);
    let expiration = parseDateTime(String(token.expiresAt));
    if (expiration === undefined) throw new SSOTokenLoadError({ error_msg: `Token for ${config.session_name} is invalid` });
    logger.debug("Cached SSO token expires at %s", expiration);
    const remaining = (expiration.getTime() - this.#now().getTime()) / 1000;
    if (remaining < REFRESH_WINDOW_SECONDS) {
      const refreshed = await this.#refreshAccessToken(token, config);
      if (refreshed !== null) {
        token = refreshed;
        expiration = refreshed.expiresAt as Date;
        this.#loader.save_token(config.sso_start_url, token, config.session_name);
      }
    }
    return new FrozenAuthToken(String(token.accessToken), expiration);
  }

  // Null when the token cannot be refreshed (no registration, registration
  // expired, or the service said no); other failures propagate, as in botocore.
  async #refreshAccessToken(token: SSOToken, config: SSOSessionConfig): Promise<SSOToken | null> {
    const missing = REFRESH_KEYS.filter((key) => !(key in token));
    if (missing.length > 0) {
      logger.info("Unable to refresh SSO token: missing keys: %s", missing);
      return null;
    }
    const registrationExpiry = parseDateTime(String(token.registrationExpiresAt));
    if (registrationExpiry === undefined || registrationExpiry.getTime() - this.#now().getTime() <= 0) {
      logger.info("SSO token registration expired at %s", registrationExpiry ?? token.registrationExpiresAt);
      return null;
    }
    try {
      const client = (this.#client ??= await this.#options.clientCreator("sso-oidc", {
        config: new Config({ region_name: config.sso_region, signature_version: UNSIGNED }),
      }));
      const response = await callOperation(client, "create_token", {
        grantType: "refresh_token",
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      });
      const refreshed: SSOToken = {
        startUrl: config.sso_start_url,
        region: config.sso_region,
        accessToken: String(response["accessToken"]),
        expiresAt: new Date(this.#now().getTime() + Number(response["expiresIn"]) * 1000),
        clientId: token.clientId!,
        clientSecret: token.clientSecret!,
        registrationExpiresAt: token.registrationExpiresAt!,
      };
      if ("refreshToken" in response) refreshed.refreshToken = response["refreshToken"] as string;
      logger.info("SSO Token refresh succeeded");
      return refreshed;
    } catch (err) {
      if (err instanceof ClientError) {
        logger.logWithError(WARNING, err, "SSO token refresh attempt failed");
        return null;
      }
      throw err;
    }
  }
}
