/**
 * Credentials from a container credentials endpoint (botocore's
 * `ContainerProvider`, method "container-role", canonical name
 * "EcsContainer"): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (resolved against
 * the ECS endpoint 169.254.170.2, and winning over the full URI) or
 * AWS_CONTAINER_CREDENTIALS_FULL_URI (EKS Pod Identity, Greengrass, local
 * tools), with an Authorization header from
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read again at every fetch) or
 * AWS_CONTAINER_AUTHORIZATION_TOKEN. The credentials refresh from the same URI.
 */
import { readFileSync } from "node:fs";
import type { Env } from "../config/paths.js";
import { PythonValueError } from "../config/python-text.js";
import { CredentialRetrievalError } from "../exceptions.js";
import { ContainerMetadataFetcher } from "./container-metadata-fetcher.js";
import { RefreshableCredentials, parseExpiry } from "./credentials.js";
import type { CredentialMetadata, Credentials } from "./credentials.js";
import { MetadataRetrievalError } from "./metadata-errors.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

const RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const AUTH_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const AUTH_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

/** Reads container credentials. */
export class ContainerProvider implements CredentialProvider {
  readonly METHOD = "container-role";
  readonly CANONICAL_NAME = "EcsContainer";
  readonly #env: Env;
  readonly #fetcher: ContainerMetadataFetcher;

  constructor(env: Env, fetcher: ContainerMetadataFetcher = new ContainerMetadataFetcher()) {
    this.#env = env;
    this.#fetcher = fetcher;
  }

  /** Refreshable credentials when either URI variable is set; null otherwise. */
  async load(): Promise<Credentials | null> {
    const relative = this.#env[RELATIVE_URI];
    const full = this.#env[FULL_URI];
    if (relative === undefined && full === undefined) return null;
    const uri = relative !== undefined ? this.#fetcher.full_url(relative) : full!;
    const fetch = (): Promise<CredentialMetadata> => this.#fetch(uri);
    const found = await fetch();
    return new RefreshableCredentials({
      access_key: found.access_key,
      secret_key: found.secret_key,
      token: found.token,
      expiry_time: parseExpiry(found.expiry_time, this.METHOD),
      refresh_using: fetch,
      method: this.METHOD,
      account_id: found.account_id ?? null,
    });
  }

  async #fetch(uri: string): Promise<CredentialMetadata> {
    let response: Record<string, unknown>;
    try {
      response = (await this.#fetcher.retrieve_full_uri(uri, this.#headers())) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof MetadataRetrievalError) {
        logger.debug("Error retrieving container metadata: %s", err.message);
        throw new CredentialRetrievalError({ provider: this.METHOD, error_msg: err.message });
      }
      throw err;
    }
    // botocore lets a KeyError escape for a missing key; this names it.
    for (const key of ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]) {
      if (response === null || typeof response !== "object" || !(key in response)) {
        throw new CredentialRetrievalError({ provider: this.METHOD, error_msg: `Missing required key in response: '${key}'` });
      }
    }
    return {
      access_key: String(response["AccessKeyId"]),
      secret_key: String(response["SecretAccessKey"]),
      token: String(response["Token"]),
      expiry_time: String(response["Expiration"]),
      account_id: typeof response["AccountId"] === "string" ? response["AccountId"] : null,
    };
  }

  // The token file wins over the variable and is read for every fetch (it rotates).
  #headers(): Record<string, string> | undefined {
    let token: string | undefined;
    const file = this.#env[AUTH_TOKEN_FILE];
    if (file !== undefined) token = readFileSync(file, "utf8");
    else token = this.#env[AUTH_TOKEN];
    if (token === undefined) return undefined;
    if (token.includes("\r") || token.includes("\n")) throw new PythonValueError("Auth token value is not a legal header value");
    return { Authorization: token };
  }
}
