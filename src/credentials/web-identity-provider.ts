/**
 * Credentials from STS AssumeRoleWithWebIdentity (botocore's
 * `AssumeRoleWithWebIdentityProvider`, method "assume-role-with-web-identity"):
 * a token file (`web_identity_token_file` or AWS_WEB_IDENTITY_TOKEN_FILE)
 * and a role (`role_arn` or AWS_ROLE_ARN), with an optional session name
 * (`role_session_name` or AWS_ROLE_SESSION_NAME). Each variable wins over
 * the profile key, unless the session chose a profile explicitly. The token
 * file is read again at every refresh (EKS rotates it).
 */
import { readFile } from "node:fs/promises";
import type { Env } from "../config/paths.js";
import type { FullConfig } from "../config/profiles.js";
import { InvalidConfigError } from "../exceptions.js";
import { AssumeRoleWithWebIdentityCredentialFetcher } from "./assume-role-fetcher.js";
import type { AssumeRoleArgs } from "./assume-role-fetcher.js";
import type { ClientCreator } from "./client-creator.js";
import type { CredentialCache } from "./credential-cache.js";
import { DeferredRefreshableCredentials } from "./credentials.js";
import type { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";

const ENV_VARS: Readonly<Record<string, string>> = {
  web_identity_token_file: "AWS_WEB_IDENTITY_TOKEN_FILE",
  role_session_name: "AWS_ROLE_SESSION_NAME",
  role_arn: "AWS_ROLE_ARN",
};

/** Options of AssumeRoleWithWebIdentityProvider. */
export interface WebIdentityProviderOptions {
  readonly loadConfig: () => FullConfig;
  readonly clientCreator: ClientCreator;
  readonly profileName: string;
  readonly env: Env;
  readonly cache?: CredentialCache;
  /** True when the session chose the profile: the environment variables are then ignored. */
  readonly disableEnvVars?: boolean;
}

/** Assumes a role with a web identity token. */
export class AssumeRoleWithWebIdentityProvider implements CredentialProvider {
  readonly METHOD = "assume-role-with-web-identity";
  readonly CANONICAL_NAME = null;
  readonly #options: WebIdentityProviderOptions;
  #profile: Readonly<Record<string, unknown>> | undefined;

  constructor(options: WebIdentityProviderOptions) {
    this.#options = options;
  }

  /** Deferred credentials when a token file is configured; null otherwise. */
  async load(): Promise<Credentials | null> {
    const tokenPath = this.#config("web_identity_token_file");
    if (!tokenPath) return null;
    const roleArn = this.#config("role_arn");
    if (!roleArn) {
      // botocore's message, missing space included.
      throw new InvalidConfigError({
        error_msg:
          "The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.",
      });
    }
    const extraArgs: AssumeRoleArgs = {};
    const sessionName = this.#config("role_session_name");
    if (sessionName !== undefined) extraArgs["RoleSessionName"] = sessionName;
    const path = String(tokenPath);
    const fetcher = new AssumeRoleWithWebIdentityCredentialFetcher({
      clientCreator: this.#options.clientCreator,
      tokenLoader: () => readFile(path, "utf8"),
      roleArn: String(roleArn),
      extraArgs,
      ...(this.#options.cache === undefined ? {} : { cache: this.#options.cache }),
    });
    return new DeferredRefreshableCredentials({ method: this.METHOD, refresh_using: () => fetcher.fetch_credentials() });
  }

  // The variable (present, even empty) wins over the profile's key.
  #config(key: string): unknown {
    if (!this.#options.disableEnvVars) {
      const value = this.#options.env[ENV_VARS[key]!];
      if (value !== undefined) return value;
    }
    if (this.#profile === undefined) {
      this.#profile = this.#options.loadConfig().profiles[this.#options.profileName] ?? {};
    }
    return Object.prototype.hasOwnProperty.call(this.#profile, key) ? this.#profile[key] : undefined;
  }
}
