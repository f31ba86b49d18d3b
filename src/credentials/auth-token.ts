/**
 * Bearer tokens (botocore.tokens): `FrozenAuthToken`, a token and its
 * expiry, and `DeferredRefreshableToken`, which fetches the token on first
 * use and refreshes it inside botocore's windows — from 15 minutes before
 * expiry a refresh is tried without holding anyone up, from 10 minutes it
 * must succeed, and at most one attempt is made per minute.
 */
import { inspect } from "node:util";
import { TokenRetrievalError } from "../exceptions.js";

/** A token as sent, with its expiry (botocore's FrozenAuthToken); inspect and JSON never show the token. */
export class FrozenAuthToken {
  readonly #token: string;
  /** When the token expires, or null when it does not. */
  readonly expiration: Date | null;

  constructor(token: string, expiration: Date | null = null) {
    this.#token = token;
    this.expiration = expiration;
  }

  /** The bearer token itself. */
  get token(): string {
    return this.#token;
  }

  /** The expiry only. */
  toJSON(): Record<string, unknown> {
    return { token: "<redacted>", expiration: this.expiration?.toISOString() ?? null };
  }

  [inspect.custom](): string {
    return `FrozenAuthToken(token=<redacted>, expiration=${this.expiration?.toISOString() ?? "None"})`;
  }
}

/** Fetches a fresh token. */
export type TokenRefreshFunction = () => Promise<FrozenAuthToken>;

const ADVISORY_REFRESH_SECONDS = 15 * 60;
const MANDATORY_REFRESH_SECONDS = 10 * 60;
const ATTEMPT_INTERVAL_SECONDS = 60;

/** A token fetched when first needed and refreshed before it expires (botocore's DeferredRefreshableToken). */
export class DeferredRefreshableToken {
  /** Where the token comes from ("sso"). */
  readonly method: string;
  readonly #refreshUsing: TokenRefreshFunction;
  readonly #now: () => Date;
  #frozen: FrozenAuthToken | null = null;
  #nextRefresh = 0;
  #refreshing: Promise<void> | undefined;

  constructor(method: string, refreshUsing: TokenRefreshFunction, timeFetcher: () => Date = () => new Date()) {
    this.method = method;
    this.#refreshUsing = refreshUsing;
    this.#now = timeFetcher;
  }

  /** The current token, refreshed first when needed. */
  async get_frozen_token(): Promise<FrozenAuthToken> {
    const kind = this.#refreshKind();
    if (kind !== undefined) {
      // An advisory refresh already under way is not waited for, as botocore's non-blocking lock.
      if (this.#refreshing === undefined) {
        this.#refreshing = this.#refresh().finally(() => {
          this.#refreshing = undefined;
        });
        await this.#refreshing;
      } else if (kind === "mandatory") {
        await this.#refreshing;
      }
    }
    return this.#frozen!;
  }

  async #refresh(): Promise<void> {
    const kind = this.#refreshKind();
    if (kind === undefined) return;
    try {
      this.#nextRefresh = this.#now().getTime() + ATTEMPT_INTERVAL_SECONDS * 1000;
      this.#frozen = await this.#refreshUsing();
    } catch (err) {
      if (kind === "mandatory") throw err;
    }
    if (this.#isExpired()) {
      throw new TokenRetrievalError({ provider: this.method, error_msg: "Token has expired and refresh failed" });
    }
  }

  #isExpired(): boolean {
    const expiration = this.#frozen?.expiration;
    if (expiration === null || expiration === undefined) return false;
    return expiration.getTime() - this.#now().getTime() <= 0;
  }

  #refreshKind(): "mandatory" | "advisory" | undefined {
    if (this.#frozen === null) return "mandatory";
    const expiration = this.#frozen.expiration;
    if (expiration === null) return undefined;
    const now = this.#now().getTime();
    if (now < this.#nextRefresh) return undefined;
    const remaining = (expiration.getTime() - now) / 1000;
    if (remaining < MANDATORY_REFRESH_SECONDS) return "mandatory";
    if (remaining < ADVISORY_REFRESH_SECONDS) return "advisory";
    return undefined;
  }

  [inspect.custom](): string {
    return `DeferredRefreshableToken(method=${this.method})`;
  }

  toJSON(): Record<string, unknown> {
    return { method: this.method };
  }
}
