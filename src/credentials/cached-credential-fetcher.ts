/**
 * botocore's `CachedCredentialFetcher`: fetches an STS-style response
 * (`{Credentials: {AccessKeyId, SecretAccessKey, SessionToken, Expiration}}`),
 * keeps it in a cache under a key derived from the request, and serves it
 * from there until it is within the expiry window (15 minutes by default).
 */
import type { CredentialMetadata } from "./credentials.js";
import type { CredentialCache } from "./credential-cache.js";
import { MemoryCredentialCache } from "./credential-cache.js";
import { parseDateTime } from "./time.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** The part of a cached response the fetcher reads. */
export interface CachedCredentialResponse {
  Credentials: {
    AccessKeyId: string;
    SecretAccessKey: string;
    SessionToken: string;
    Expiration: Date | string;
    AccountId?: string;
  };
  [key: string]: unknown;
}

/** botocore's default expiry window: cached credentials closer than this to expiring are fetched again. */
export const DEFAULT_EXPIRY_WINDOW_SECONDS = 15 * 60;

function expirationOf(response: CachedCredentialResponse): Date | undefined {
  const raw = response.Credentials?.Expiration;
  return raw instanceof Date ? raw : typeof raw === "string" ? parseDateTime(raw) : undefined;
}

/** Fetches credentials through a cache; subclasses say how to fetch and how to name the request. */
export abstract class CachedCredentialFetcher {
  readonly #cache: CredentialCache;
  readonly #expiryWindowSeconds: number;
  #cacheKey: string | undefined;

  constructor(cache?: CredentialCache, expiryWindowSeconds?: number) {
    this.#cache = cache ?? new MemoryCredentialCache();
    this.#expiryWindowSeconds = expiryWindowSeconds ?? DEFAULT_EXPIRY_WINDOW_SECONDS;
  }

  /** The key this fetcher's responses are cached under (file-name safe). */
  get cache_key(): string {
    return (this.#cacheKey ??= this.createCacheKey());
  }

  /** Credentials from the cache when still fresh, otherwise fetched and cached. */
  async fetch_credentials(): Promise<CredentialMetadata> {
    let response = this.#loadFromCache();
    if (response === undefined) {
      response = await this.getCredentials();
      this.#cache.set(this.cache_key, response);
    } else {
      logger.debug("Credentials for role retrieved from cache.");
    }
    const creds = response.Credentials;
    return {
      access_key: creds.AccessKeyId,
      secret_key: creds.SecretAccessKey,
      token: creds.SessionToken,
      expiry_time: creds.Expiration,
      account_id: creds.AccountId ?? null,
    };
  }

  /** The key for this fetcher's request. */
  protected abstract createCacheKey(): string;

  /** Calls the service. */
  protected abstract getCredentials(): Promise<CachedCredentialResponse>;

  #loadFromCache(): CachedCredentialResponse | undefined {
    if (!this.#cache.has(this.cache_key)) return undefined;
    const cached = this.#cache.get(this.cache_key) as CachedCredentialResponse | undefined;
    if (cached === undefined || cached === null || typeof cached !== "object") return undefined;
    const expiration = expirationOf(cached);
    if (expiration === undefined) return undefined;
    const seconds = (expiration.getTime() - Date.now()) / 1000;
    if (seconds >= this.#expiryWindowSeconds) return cached;
    logger.debug("Credentials were found in cache, but they are expired.");
    return undefined;
  }
}
