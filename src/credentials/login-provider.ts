/**
 * Credentials of an `aws login` session (botocore's `LoginProvider`,
 * method "login"): a profile's `login_session` names a token in the login
 * cache (AWS_LOGIN_CACHE_DIRECTORY, default ~/.aws/login/cache, file
 * `<sha256 of the session name>.json`). The cached credentials are used as
 * they are, even expired; refreshing them calls the sign-in service's
 * CreateOAuth2Token with the refresh token, proved with a DPoP header signed
 * by the session's EC key, and writes the new token back to the cache.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Config, UNSIGNED } from "../config/config.js";
import type { Env } from "../config/paths.js";
import { expandConfigPath } from "../config/paths.js";
import type { FullConfig } from "../config/profiles.js";
import { LoginError, LoginInsufficientPermissions, LoginRefreshRequired, LoginTokenLoadError } from "../exceptions.js";
import { ClientError } from "../exceptions.js";
import type { RequestDict } from "../http/types.js";
import { callOperation } from "./client-creator.js";
import type { ClientCreator } from "./client-creator.js";
import type { CredentialCache } from "./credential-cache.js";
import { JSONFileCache } from "./credential-cache.js";
import { RefreshableCredentials, parseExpiry } from "./credentials.js";
import type { CredentialMetadata, Credentials } from "./credentials.js";
import { buildDpopHeader, loadDpopKey } from "./dpop.js";
import type { CredentialProvider } from "./provider.js";
import { formatUtcSeconds, parseDateTime } from "./time.js";

/** The login token cache directory: AWS_LOGIN_CACHE_DIRECTORY (with $VAR and ~ expanded) or ~/.aws/login/cache. */
export function loginTokenCacheDir(env: Env): string {
  const configured = env["AWS_LOGIN_CACHE_DIRECTORY"];
  return expandConfigPath(configured ?? join("~", ".aws", "login", "cache"), env);
}

/** The cache key of a login session: the SHA-256 of its name. */
export function loginCacheKey(sessionName: string): string {
  return createHash("sha256").update(sessionName, "utf8").digest("hex");
}

interface LoginToken {
  accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string; accountId: string; expiresAt: string };
  refreshToken: string;
  clientId: string;
  dpopKey: string;
  [key: string]: unknown;
}

const REQUIRED_FIELDS = ["accessToken", "refreshToken", "dpopKey", "clientId"] as const;
const REFRESH_THRESHOLD_SECONDS = 5 * 60;

function toCredentials(token: LoginToken): CredentialMetadata {
  const access = token.accessToken;
  return {
    access_key: access.accessKeyId,
    secret_key: access.secretAccessKey,
    token: access.sessionToken,
    expiry_time: access.expiresAt,
    account_id: access.accountId,
  };
}

/** Options of LoginProvider. */
export interface LoginProviderOptions {
  readonly loadConfig: () => FullConfig;
  readonly clientCreator: ClientCreator;
  readonly profileName: string;
  readonly env: Env;
  /** The token cache (default: a JSONFileCache of the login cache directory). */
  readonly tokenCache?: CredentialCache;
  /** The current time, for tests. */
  readonly timeFetcher?: () => Date;
}

/** Loads and refreshes a login session's credentials (botocore's LoginCredentialFetcher). */
export class LoginCredentialFetcher {
  readonly #sessionName: string;
  readonly #cache: CredentialCache;
  readonly #clientCreator: ClientCreator;
  readonly #now: () => Date;

  constructor(sessionName: string, cache: CredentialCache, clientCreator: ClientCreator, timeFetcher: () => Date) {
    this.#sessionName = sessionName;
    this.#cache = cache;
    this.#clientCreator = clientCreator;
    this.#now = timeFetcher;
  }

  /** The cached credentials, expired or not; LoginTokenLoadError when the token is missing or incomplete. */
  load_cached_credentials(): CredentialMetadata {
    const token = this.#load();
    if (token === undefined) {
      throw new LoginTokenLoadError({
        error_msg: `Unable to load a existing login session for session ${this.#sessionName}. Please reauthenticate with 'aws login'.`,
      });
    }
    const missing = REQUIRED_FIELDS.filter((key) => !(key in token));
    if (missing.length > 0) {
      throw new LoginTokenLoadError({
        error_msg: `Failed to load access token from token cache, missing required fields: ${missing.join(", ")}.`,
      });
    }
    return toCredentials(token);
  }

  /** New credentials from the sign-in service (unless another process refreshed the cache already), saved to the cache. */
  async refresh_credentials(): Promise<CredentialMetadata> {
    const token = this.#load();
    if (token === undefined || !("dpopKey" in token)) {
      throw new LoginTokenLoadError({ error_msg: "Private key not found in cached token." });
    }
    const privateKey = loadDpopKey(String(token.dpopKey));
    if (privateKey === undefined) throw new LoginTokenLoadError({ error_msg: "Unable to load private key from cached token." });
    const cachedExpiry = token.accessToken?.expiresAt;
    if (cachedExpiry !== undefined) {
      const expiry = parseDateTime(String(cachedExpiry));
      if (expiry !== undefined && (expiry.getTime() - this.#now().getTime()) / 1000 > REFRESH_THRESHOLD_SECONDS) {
        return toCredentials(token);
      }
    }
    const client = await this.#clientCreator("signin", { config: new Config({ signature_version: UNSIGNED }) });
    client.meta.events.register("before-call.signin.CreateOAuth2Token", (kwargs) => {
      const params = kwargs.params as RequestDict;
      params.headers["DPoP"] = buildDpopHeader(privateKey, params.url ?? "");
    });
    let response: Record<string, unknown>;
    try {
      response = await callOperation(client, "create_o_auth2_token", {
        tokenInput: { clientId: token.clientId, refreshToken: token.refreshToken, grantType: "refresh_token" },
      });
    } catch (err) {
      if (err instanceof ClientError && err.response.Error?.Code === "AccessDeniedException") {
        const kind = (err.response as Record<string, unknown>)["error"];
        if (kind === "TOKEN_EXPIRED" || kind === "USER_CREDENTIALS_CHANGED") throw new LoginRefreshRequired({}, { cause: err });
        if (kind === "INSUFFICIENT_PERMISSIONS") throw new LoginInsufficientPermissions({}, { cause: err });
        throw new LoginError({}, { cause: err });
      }
      throw err;
    }
    const output = response["tokenOutput"] as Record<string, unknown> | undefined;
    if (output === undefined) {
      throw new LoginTokenLoadError({
        error_msg:
          "Unable to refresh access token due to an invalid service response. Please try running 'aws login' again. If the issue persists, there may be a temporary signin service problem.",
      });
    }
    const access = output["accessToken"] as Record<string, string>;
    const expiresAt = new Date(this.#now().getTime() + Number(output["expiresIn"]) * 1000);
    const refreshed: LoginToken = {
      ...token,
      accessToken: {
        accessKeyId: access["accessKeyId"]!,
        secretAccessKey: access["secretAccessKey"]!,
        sessionToken: access["sessionToken"]!,
        accountId: token.accessToken.accountId,
        expiresAt: formatUtcSeconds(expiresAt),
      },
      refreshToken: String(output["refreshToken"]),
    };
    this.#cache.set(loginCacheKey(this.#sessionName), refreshed);
    return toCredentials(refreshed);
  }

  #load(): LoginToken | undefined {
    const key = loginCacheKey(this.#sessionName);
    if (!this.#cache.has(key)) return undefined;
    const token = this.#cache.get(key);
    return token !== null && typeof token === "object" ? (token as LoginToken) : undefined;
  }
}

/** Credentials of the profile's login session. */
export class LoginProvider implements CredentialProvider {
  readonly METHOD = "login";
  readonly CANONICAL_NAME = null;
  readonly #o: LoginProviderOptions;
  readonly #cache: CredentialCache;

  constructor(options: LoginProviderOptions) {
    this.#o = options;
    this.#cache = options.tokenCache ?? new JSONFileCache(loginTokenCacheDir(options.env));
  }

  /** Refreshable credentials from the cached session when the profile has login_session; null otherwise. */
  async load(): Promise<Credentials | null> {
    const profile = this.#o.loadConfig().profiles[this.#o.profileName] ?? {};
    if (!Object.prototype.hasOwnProperty.call(profile, "login_session")) return null;
    const now = this.#o.timeFetcher ?? (() => new Date());
    const fetcher = new LoginCredentialFetcher(String(profile["login_session"]), this.#cache, this.#o.clientCreator, now);
    const cached = fetcher.load_cached_credentials();
    return new RefreshableCredentials({
      access_key: cached.access_key,
      secret_key: cached.secret_key,
      token: cached.token,
      expiry_time: parseExpiry(cached.expiry_time, this.METHOD),
      account_id: cached.account_id ?? null,
      method: this.METHOD,
      refresh_using: () => fetcher.refresh_credentials(),
      time_fetcher: now,
    });
  }
}
