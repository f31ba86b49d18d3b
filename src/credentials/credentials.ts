/**
 * Credentials objects: botocore's `Credentials` and `RefreshableCredentials`.
 *
 * The secret key and the session token live in private fields behind getters,
 * so spreading, `Object.keys`, `util.inspect`, `JSON.stringify` and `String()`
 * never reveal them; only the getters and `get_frozen_credentials()` do.
 */
import { inspect } from "node:util";
import type { InspectOptions } from "node:util";
import { CredentialRetrievalError } from "../exceptions.js";
import { getLogger, WARNING } from "../logging/logger.js";
import { parseDateTime } from "./time.js";

const logger = getLogger("botocore.credentials");

/** An immutable snapshot to sign one request with (botocore's ReadOnlyCredentials). */
export interface ReadOnlyCredentials {
  readonly access_key: string;
  readonly secret_key: string;
  readonly token: string | null;
  readonly account_id: string | null;
}

const REDACTED = "<redacted>";

/** Credentials for signing requests (botocore.credentials.Credentials). */
export class Credentials {
  /** Where the credentials came from: "explicit", "env", "shared-credentials-file", "config-file", ... */
  method: string;
  #accessKey: string;
  #secretKey: string;
  #token: string | null;
  #accountId: string | null;

  constructor(
    access_key: string,
    secret_key: string,
    token: string | null = null,
    method: string | null = null,
    account_id: string | null = null,
  ) {
    this.#accessKey = access_key;
    this.#secretKey = secret_key;
    this.#token = token;
    this.method = method ?? "explicit";
    this.#accountId = account_id;
  }

  /** The access key ID. */
  get access_key(): string {
    return this.#accessKey;
  }

  set access_key(value: string) {
    this.#accessKey = value;
  }

  /** The secret access key (never shown by inspect, JSON or String). */
  get secret_key(): string {
    return this.#secretKey;
  }

  set secret_key(value: string) {
    this.#secretKey = value;
  }

  /** The session token, for temporary credentials (never shown by inspect, JSON or String). */
  get token(): string | null {
    return this.#token;
  }

  set token(value: string | null) {
    this.#token = value;
  }

  /** The AWS account the credentials belong to, when known. */
  get account_id(): string | null {
    return this.#accountId;
  }

  set account_id(value: string | null) {
    this.#accountId = value;
  }

  /**
   * A consistent snapshot to sign with. Always `await` it: refreshable
   * credentials refresh here first when they are close to expiring.
   */
  async get_frozen_credentials(): Promise<ReadOnlyCredentials> {
    return this.frozenNow();
  }

  /** The current values as a snapshot, without refreshing. */
  protected frozenNow(): ReadOnlyCredentials {
    return Object.freeze({
      access_key: this.#accessKey,
      secret_key: this.#secretKey,
      token: this.#token,
      account_id: this.#accountId,
    });
  }

  /** What inspect and JSON show: the access key and method, with secrets replaced by "<redacted>". */
  toJSON(): Record<string, unknown> {
    return {
      access_key: this.#accessKey,
      secret_key: REDACTED,
      token: this.#token === null ? null : REDACTED,
      method: this.method,
      account_id: this.#accountId,
    };
  }

  /** e.g. `Credentials(access_key=AKIDEXAMPLE, method=env)`. */
  toString(): string {
    return `${this.constructor.name}(access_key=${this.#accessKey}, method=${this.method})`;
  }

  /** util.inspect shows `toJSON()`. */
  [inspect.custom](_depth: number, options: InspectOptions): string {
    return `${this.constructor.name} ${inspect(this.toJSON(), options)}`;
  }
}

/** What a refresh function returns (botocore's credential metadata). */
export interface CredentialMetadata {
  readonly access_key: string;
  readonly secret_key: string;
  readonly token: string | null;
  /** When the credentials expire: a Date or an ISO 8601 string. */
  readonly expiry_time: Date | string;
  readonly account_id?: string | null;
}

/** Fetches fresh credentials. */
export type RefreshFunction = () => Promise<CredentialMetadata> | CredentialMetadata;

/** Options of RefreshableCredentials. */
export interface RefreshableCredentialsOptions {
  readonly access_key: string;
  readonly secret_key: string;
  readonly token: string | null;
  readonly expiry_time: Date;
  readonly refresh_using: RefreshFunction;
  readonly method: string;
  readonly account_id?: string | null;
  /** Current time, for tests. */
  readonly time_fetcher?: () => Date;
  /** Seconds before expiry from which a refresh is tried; a failure keeps the current credentials (default 15 min). */
  readonly advisory_timeout?: number;
  /** Seconds before expiry from which a refresh must succeed (default 10 min). */
  readonly mandatory_timeout?: number;
}

/** botocore's default refresh windows, in seconds. */
export const ADVISORY_REFRESH_TIMEOUT = 15 * 60;
/** The window in which a failed refresh is an error rather than a warning. */
export const MANDATORY_REFRESH_TIMEOUT = 10 * 60;

/** Parses an expiry time as botocore's dateutil would for the ISO 8601 forms AWS uses. */
export function parseExpiry(value: Date | string, method: string): Date {
  const date = value instanceof Date ? value : parseDateTime(String(value));
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new CredentialRetrievalError({ provider: method, error_msg: `Unknown string format: ${String(value)}` });
  }
  return date;
}

/** Temporary credentials that refresh themselves before they expire (botocore.credentials.RefreshableCredentials). */
export class RefreshableCredentials extends Credentials {
  #expiry: Date;
  readonly #refreshUsing: RefreshFunction;
  readonly #now: () => Date;
  readonly #advisory: number;
  readonly #mandatory: number;
  #refreshing: Promise<void> | undefined;

  constructor(options: RefreshableCredentialsOptions) {
    super(options.access_key, options.secret_key, options.token, options.method, options.account_id ?? null);
    this.#expiry = options.expiry_time;
    this.#refreshUsing = options.refresh_using;
    this.#now = options.time_fetcher ?? (() => new Date());
    this.#advisory = options.advisory_timeout ?? ADVISORY_REFRESH_TIMEOUT;
    this.#mandatory = options.mandatory_timeout ?? MANDATORY_REFRESH_TIMEOUT;
  }

  /** Builds refreshable credentials from a refresh function's result. */
  static create_from_metadata(
    metadata: CredentialMetadata,
    refresh_using: RefreshFunction,
    method: string,
  ): RefreshableCredentials {
    return new RefreshableCredentials({
      access_key: metadata.access_key,
      secret_key: metadata.secret_key,
      token: metadata.token,
      expiry_time: parseExpiry(metadata.expiry_time, method),
      refresh_using,
      method,
      account_id: metadata.account_id ?? null,
    });
  }

  /** When the current credentials expire. */
  get expiry_time(): Date {
    return this.#expiry;
  }

  /** Whether fewer than `refresh_in` seconds (default: the advisory window) remain. */
  refresh_needed(refresh_in: number = this.#advisory): boolean {
    return (this.#expiry.getTime() - this.#now().getTime()) / 1000 < refresh_in;
  }

  /** Refreshes first when inside the advisory window (only one refresh runs at a time). */
  override async get_frozen_credentials(): Promise<ReadOnlyCredentials> {
    if (this.refresh_needed(this.#advisory)) {
      this.#refreshing ??= this.#refresh().finally(() => {
        this.#refreshing = undefined;
      });
      await this.#refreshing;
    }
    return this.frozenNow();
  }

  async #refresh(): Promise<void> {
    if (!this.refresh_needed(this.#advisory)) return;
    logger.debug("Credentials need to be refreshed.");
    const mandatory = this.refresh_needed(this.#mandatory);
    let metadata: CredentialMetadata;
    try {
      metadata = await this.#refreshUsing();
    } catch (err) {
      // botocore logs the traceback (exc_info); its last line is the error.
      logger.logWithError(WARNING, err, "Refreshing temporary credentials failed during %s refresh period.", mandatory ? "mandatory" : "advisory");
      // Outside the mandatory window the current credentials are still good enough.
      if (mandatory) throw err;
      return;
    }
    this.#setFromMetadata(metadata);
    if (this.refresh_needed(0)) {
      const msg = "Credentials were refreshed, but the refreshed credentials are still expired.";
      logger.warning(msg);
      throw new Error(msg);
    }
  }

  #setFromMetadata(metadata: CredentialMetadata | null | undefined): void {
    const expected = ["access_key", "secret_key", "token", "expiry_time"] as const;
    const missing = metadata ? expected.filter((key) => !(key in metadata)) : [...expected];
    if (missing.length > 0 || !metadata) {
      throw new CredentialRetrievalError({
        provider: this.method,
        error_msg: `Credential refresh failed, response did not contain: ${missing.join(", ")}`,
      });
    }
    this.access_key = metadata.access_key;
    this.secret_key = metadata.secret_key;
    this.token = metadata.token;
    this.#expiry = parseExpiry(metadata.expiry_time, this.method);
    this.account_id = metadata.account_id ?? null;
    logger.debug("Retrieved credentials will expire at: %s", this.#expiry);
  }

  /** Adds the expiry time to what inspect and JSON show. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), expiry_time: this.#expiry.toISOString() };
  }
}

/** Options of DeferredRefreshableCredentials. */
export interface DeferredRefreshableCredentialsOptions {
  readonly refresh_using: RefreshFunction;
  readonly method: string;
  /** Current time, for tests. */
  readonly time_fetcher?: () => Date;
}

/**
 * Refreshable credentials that start empty: the first
 * `get_frozen_credentials()` fetches them (botocore's
 * DeferredRefreshableCredentials), so that an assume-role or SSO call only
 * happens when a request needs it. Until then the keys are empty strings.
 */
export class DeferredRefreshableCredentials extends RefreshableCredentials {
  constructor(options: DeferredRefreshableCredentialsOptions) {
    // An expiry at the epoch puts the first access inside the mandatory window.
    super({
      access_key: "",
      secret_key: "",
      token: null,
      expiry_time: new Date(0),
      refresh_using: options.refresh_using,
      method: options.method,
      time_fetcher: options.time_fetcher,
    });
  }

  /** Shows a null expiry until the first fetch. */
  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    return this.expiry_time.getTime() === 0 ? { ...json, access_key: null, token: null, expiry_time: null } : json;
  }
}
