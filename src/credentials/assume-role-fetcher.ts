/**
 * The STS calls behind the assume-role providers (botocore's
 * `AssumeRoleCredentialFetcher` and `AssumeRoleWithWebIdentityCredentialFetcher`):
 * AssumeRole signed with the source credentials, AssumeRoleWithWebIdentity
 * unsigned with a token read from a file at each call. Responses are cached
 * under the SHA-1 of the request (the generated session name left out), and
 * the account ID is taken from the assumed role's ARN.
 */
import { Config, UNSIGNED } from "../config/config.js";
import type { Credentials } from "./credentials.js";
import type { CredentialCache } from "./credential-cache.js";
import { callOperation } from "./client-creator.js";
import type { ClientCreator } from "./client-creator.js";
import { CachedCredentialFetcher } from "./cached-credential-fetcher.js";
import type { CachedCredentialResponse } from "./cached-credential-fetcher.js";
import { argumentHash } from "./cache-key.js";
import type { MfaPrompter } from "./mfa-prompter.js";
import { defaultMfaPrompter } from "./mfa-prompter.js";

/** AssumeRole parameters beyond RoleArn: RoleSessionName, ExternalId, SerialNumber, DurationSeconds, Policy, ... */
export type AssumeRoleArgs = Record<string, unknown>;

/** The account of an ARN, as botocore's ArnParser splits it (`arn:partition:service:region:account:resource`). */
export function accountFromArn(arn: unknown): string | undefined {
  if (typeof arn !== "string" || !arn.startsWith("arn:")) return undefined;
  const parts = arn.split(":");
  return parts.length >= 6 ? parts[4] : undefined;
}

/** What the two assume-role fetchers share: the request, its cache key and the session name. */
abstract class BaseAssumeRoleFetcher extends CachedCredentialFetcher {
  protected readonly clientCreator: ClientCreator;
  protected readonly assumeKwargs: AssumeRoleArgs;
  readonly #generatedSessionName: boolean;

  constructor(clientCreator: ClientCreator, roleArn: string, extraArgs: AssumeRoleArgs, cache?: CredentialCache, expiryWindowSeconds?: number) {
    super(cache, expiryWindowSeconds);
    this.clientCreator = clientCreator;
    this.assumeKwargs = { ...structuredClone(extraArgs), RoleArn: roleArn };
    this.#generatedSessionName = !this.assumeKwargs["RoleSessionName"];
    if (this.#generatedSessionName) {
      this.assumeKwargs["RoleSessionName"] = `botocore-session-${Math.floor(Date.now() / 1000)}`;
    }
  }

  /** The session name sent to STS (given, or botocore-session-<epoch seconds>). */
  get role_session_name(): string {
    return String(this.assumeKwargs["RoleSessionName"]);
  }

  protected createCacheKey(): string {
    const args: Record<string, unknown> = { ...this.assumeKwargs };
    // A generated session name changes every run; it must not change the key.
    if (this.#generatedSessionName) delete args["RoleSessionName"];
    // Sorted policy keys make the key stable whatever the policy's key order.
    if (typeof args["Policy"] === "string") args["Policy"] = JSON.parse(args["Policy"]) as unknown;
    return argumentHash(args);
  }

  protected withAccountId(response: Record<string, unknown>): CachedCredentialResponse {
    const typed = response as unknown as CachedCredentialResponse;
    const account = accountFromArn((response["AssumedRoleUser"] as { Arn?: unknown } | undefined)?.Arn);
    if (account !== undefined) typed.Credentials.AccountId = account;
    return typed;
  }
}

/** Options of AssumeRoleCredentialFetcher. */
export interface AssumeRoleFetcherOptions {
  readonly clientCreator: ClientCreator;
  /** The credentials the STS client signs with. */
  readonly sourceCredentials: Credentials;
  readonly roleArn: string;
  readonly extraArgs?: AssumeRoleArgs;
  /** Asked for the MFA code when `SerialNumber` is set (default: read from the terminal). */
  readonly mfaPrompter?: MfaPrompter;
  readonly cache?: CredentialCache;
  readonly expiryWindowSeconds?: number;
}

/** Calls STS AssumeRole with the source credentials. */
export class AssumeRoleCredentialFetcher extends BaseAssumeRoleFetcher {
  readonly #source: Credentials;
  readonly #prompter: MfaPrompter;

  constructor(options: AssumeRoleFetcherOptions) {
    super(options.clientCreator, options.roleArn, options.extraArgs ?? {}, options.cache, options.expiryWindowSeconds);
    this.#source = options.sourceCredentials;
    this.#prompter = options.mfaPrompter ?? defaultMfaPrompter;
  }

  protected async getCredentials(): Promise<CachedCredentialResponse> {
    const kwargs = { ...this.assumeKwargs };
    const serial = kwargs["SerialNumber"];
    if (serial !== undefined && serial !== null) {
      kwargs["TokenCode"] = await this.#prompter(`Enter MFA code for ${String(serial)}: `);
    }
    const frozen = await this.#source.get_frozen_credentials();
    const client = await this.clientCreator("sts", {
      aws_access_key_id: frozen.access_key,
      aws_secret_access_key: frozen.secret_key,
      aws_session_token: frozen.token,
    });
    return this.withAccountId(await callOperation(client, "assume_role", kwargs));
  }
}

/** Reads the web identity token; called for every AssumeRoleWithWebIdentity call. */
export type WebIdentityTokenLoader = () => string | Promise<string>;

/** Options of AssumeRoleWithWebIdentityCredentialFetcher. */
export interface WebIdentityFetcherOptions {
  readonly clientCreator: ClientCreator;
  readonly tokenLoader: WebIdentityTokenLoader;
  readonly roleArn: string;
  readonly extraArgs?: AssumeRoleArgs;
  readonly cache?: CredentialCache;
  readonly expiryWindowSeconds?: number;
}

/** Calls STS AssumeRoleWithWebIdentity, unsigned. */
export class AssumeRoleWithWebIdentityCredentialFetcher extends BaseAssumeRoleFetcher {
  readonly #tokenLoader: WebIdentityTokenLoader;

  constructor(options: WebIdentityFetcherOptions) {
    super(options.clientCreator, options.roleArn, options.extraArgs ?? {}, options.cache, options.expiryWindowSeconds);
    this.#tokenLoader = options.tokenLoader;
  }

  protected async getCredentials(): Promise<CachedCredentialResponse> {
    const kwargs = { ...this.assumeKwargs, WebIdentityToken: await this.#tokenLoader() };
    // The token is the credential: the request is not signed.
    const client = await this.clientCreator("sts", { config: new Config({ signature_version: UNSIGNED }) });
    return this.withAccountId(await callOperation(client, "assume_role_with_web_identity", kwargs));
  }
}
