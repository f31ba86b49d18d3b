/**
 * Credentials from environment variables (botocore's `EnvProvider`, method
 * "env"): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SECURITY_TOKEN or
 * AWS_SESSION_TOKEN, AWS_ACCOUNT_ID, and AWS_CREDENTIAL_EXPIRATION, which
 * makes them refreshable: near expiry the variables are read again.
 * An empty variable counts as unset.
 */
import { PartialCredentialsError } from "../exceptions.js";
import type { Env } from "../config/paths.js";
import { Credentials, RefreshableCredentials, parseExpiry } from "./credentials.js";
import type { CredentialMetadata } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

const ACCESS_KEY = "AWS_ACCESS_KEY_ID";
const SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
// AWS_SECURITY_TOKEN is botocore's older name; it is checked first, as in botocore.
const TOKENS = ["AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"] as const;
const EXPIRY_TIME = "AWS_CREDENTIAL_EXPIRATION";
const ACCOUNT_ID = "AWS_ACCOUNT_ID";

interface EnvCredentials {
  access_key: string;
  secret_key: string;
  token: string | null;
  expiry_time: string | null;
  account_id: string | null;
}

/** Reads credentials from the environment. */
export class EnvProvider implements CredentialProvider {
  readonly METHOD = "env";
  readonly CANONICAL_NAME = "Environment";
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = env;
  }

  /** Credentials when AWS_ACCESS_KEY_ID is set; PartialCredentialsError when the secret is missing. */
  async load(): Promise<Credentials | null> {
    if (!this.#env[ACCESS_KEY]) return null;
    logger.info("Found credentials in environment variables.");
    const found = this.#fetch(false);
    if (found.expiry_time !== null) {
      return new RefreshableCredentials({
        access_key: found.access_key,
        secret_key: found.secret_key,
        token: found.token,
        expiry_time: parseExpiry(found.expiry_time, this.METHOD),
        refresh_using: () => this.#refresh(),
        method: this.METHOD,
        account_id: found.account_id,
      });
    }
    return new Credentials(found.access_key, found.secret_key, found.token, this.METHOD, found.account_id);
  }

  #refresh(): CredentialMetadata {
    const found = this.#fetch(true);
    return { ...found, expiry_time: found.expiry_time ?? "" };
  }

  #fetch(requireExpiry: boolean): EnvCredentials {
    const env = this.#env;
    const accessKey = env[ACCESS_KEY];
    if (!accessKey) throw new PartialCredentialsError({ provider: this.METHOD, cred_var: ACCESS_KEY });
    const secretKey = env[SECRET_KEY];
    if (!secretKey) throw new PartialCredentialsError({ provider: this.METHOD, cred_var: SECRET_KEY });
    let token: string | null = null;
    for (const name of TOKENS) {
      const value = env[name];
      if (value) {
        token = value;
        break;
      }
    }
    const expiry = env[EXPIRY_TIME] || null;
    if (requireExpiry && expiry === null) {
      throw new PartialCredentialsError({ provider: this.METHOD, cred_var: EXPIRY_TIME });
    }
    return {
      access_key: accessKey,
      secret_key: secretKey,
      token,
      expiry_time: expiry,
      account_id: env[ACCOUNT_ID] || null,
    };
  }
}
