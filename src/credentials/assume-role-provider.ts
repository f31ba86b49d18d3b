/**
 * Assumed-role credentials from a profile (botocore's `AssumeRoleProvider`,
 * method "assume-role"): a profile with `role_arn` (and no
 * `web_identity_token_file`) gets its source credentials from
 * `source_profile` — whose own providers run, or which assumes a role in
 * turn — or from `credential_source` (Environment, EcsContainer,
 * Ec2InstanceMetadata), then calls STS AssumeRole with `role_session_name`,
 * `external_id`, `mfa_serial` (asking the MFA prompter for a code) and
 * `duration_seconds`. Nothing is called until a request needs the
 * credentials; they refresh themselves, except with MFA, where botocore
 * refuses to prompt again (RefreshWithMFAUnsupportedError).
 *
 * A chain of source profiles that comes back to a profile already visited
 * is an InfiniteLoopConfigError — except a profile naming itself when it
 * holds static keys, which then sign its own AssumeRole call.
 */
import type { FullConfig } from "../config/profiles.js";
import type { ConfigSection } from "../config/ini.js";
import { pyInt } from "../config/python-text.js";
import {
  CredentialRetrievalError,
  InfiniteLoopConfigError,
  InvalidConfigError,
  PartialCredentialsError,
  RefreshWithMFAUnsupportedError,
} from "../exceptions.js";
import { AssumeRoleCredentialFetcher } from "./assume-role-fetcher.js";
import type { AssumeRoleArgs } from "./assume-role-fetcher.js";
import type { ClientCreator } from "./client-creator.js";
import type { CredentialCache } from "./credential-cache.js";
import { CredentialResolver } from "./credential-resolver.js";
import type { CanonicalNameCredentialSourcer } from "./credential-sourcer.js";
import { DeferredRefreshableCredentials } from "./credentials.js";
import type { CredentialMetadata, Credentials, RefreshFunction } from "./credentials.js";
import type { MfaPrompter } from "./mfa-prompter.js";
import type { CredentialProvider } from "./provider.js";

/** Builds the providers that read one profile (botocore's ProfileProviderBuilder.providers). */
export interface ProfileProvidersFactory {
  providers(profileName: string, disableEnvVars?: boolean): CredentialProvider[];
}

/** Options of AssumeRoleProvider. */
export interface AssumeRoleProviderOptions {
  /** The session's full configuration (profiles from both files, sso-sessions). */
  readonly loadConfig: () => FullConfig;
  readonly clientCreator: ClientCreator;
  readonly cache: CredentialCache;
  readonly profileName: string;
  readonly mfaPrompter?: MfaPrompter;
  readonly credentialSourcer?: CanonicalNameCredentialSourcer;
  readonly profileProviderBuilder: ProfileProvidersFactory;
}

interface RoleConfig {
  role_arn: unknown;
  external_id: unknown;
  mfa_serial: unknown;
  role_session_name: unknown;
  source_profile: unknown;
  credential_source: unknown;
  duration_seconds?: number;
}

function has(section: ConfigSection, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(section, key);
}

function get(section: ConfigSection, key: string): unknown {
  return has(section, key) ? section[key] : undefined;
}

/** The MFA code is asked once: a second refresh would need a new code (botocore's create_mfa_serial_refresher). */
function mfaRefresher(refresh: RefreshFunction): RefreshFunction {
  let called = false;
  return () => {
    if (called) throw new RefreshWithMFAUnsupportedError();
    called = true;
    return refresh();
  };
}

/** Credentials from STS AssumeRole, as configured by the active profile. */
export class AssumeRoleProvider implements CredentialProvider {
  readonly METHOD = "assume-role";
  readonly CANONICAL_NAME = null;
  /** The cache consulted before calling AssumeRole (in memory by default, as in botocore). */
  readonly cache: CredentialCache;
  readonly #options: AssumeRoleProviderOptions;
  #profiles: Record<string, ConfigSection> = {};
  readonly #visited: string[];

  constructor(options: AssumeRoleProviderOptions) {
    this.#options = options;
    this.cache = options.cache;
    this.#visited = [options.profileName];
  }

  /** Deferred credentials when the profile assumes a role; null otherwise. */
  async load(): Promise<Credentials | null> {
    this.#profiles = this.#options.loadConfig().profiles;
    const profile = this.#profiles[this.#options.profileName];
    if (profile !== undefined && this.#hasAssumeRoleVars(profile)) return this.#loadViaAssumeRole(this.#options.profileName);
    return null;
  }

  // A web identity profile also has role_arn; that provider handles it.
  #hasAssumeRoleVars(profile: ConfigSection): boolean {
    return has(profile, "role_arn") && !has(profile, "web_identity_token_file");
  }

  #hasStaticCredentials(profile: ConfigSection): boolean {
    return has(profile, "aws_secret_access_key") || has(profile, "aws_access_key_id");
  }

  async #loadViaAssumeRole(profileName: string): Promise<Credentials> {
    const roleConfig = this.#roleConfig(profileName);
    const source = await this.#sourceCredentials(roleConfig, profileName);
    const extraArgs: AssumeRoleArgs = {};
    if (roleConfig.role_session_name !== undefined) extraArgs["RoleSessionName"] = roleConfig.role_session_name;
    if (roleConfig.external_id !== undefined) extraArgs["ExternalId"] = roleConfig.external_id;
    if (roleConfig.mfa_serial !== undefined) extraArgs["SerialNumber"] = roleConfig.mfa_serial;
    if (roleConfig.duration_seconds !== undefined) extraArgs["DurationSeconds"] = roleConfig.duration_seconds;
    const fetcher = new AssumeRoleCredentialFetcher({
      clientCreator: this.#options.clientCreator,
      sourceCredentials: source,
      roleArn: String(roleConfig.role_arn),
      extraArgs,
      cache: this.cache,
      ...(this.#options.mfaPrompter === undefined ? {} : { mfaPrompter: this.#options.mfaPrompter }),
    });
    let refresh: RefreshFunction = (): Promise<CredentialMetadata> => fetcher.fetch_credentials();
    if (roleConfig.mfa_serial !== undefined) refresh = mfaRefresher(refresh);
    return new DeferredRefreshableCredentials({ method: this.METHOD, refresh_using: refresh });
  }

  #roleConfig(profileName: string): RoleConfig {
    const profile = this.#profiles[profileName]!;
    const sourceProfile = get(profile, "source_profile");
    const credentialSource = get(profile, "credential_source");
    const config: RoleConfig = {
      role_arn: get(profile, "role_arn"),
      external_id: get(profile, "external_id"),
      mfa_serial: get(profile, "mfa_serial"),
      role_session_name: get(profile, "role_session_name"),
      source_profile: sourceProfile,
      credential_source: credentialSource,
    };
    const duration = get(profile, "duration_seconds");
    if (duration !== undefined) {
      try {
        config.duration_seconds = pyInt(duration);
      } catch {
        // botocore drops a duration that is not an integer.
      }
    }
    if (credentialSource !== undefined && sourceProfile !== undefined) {
      throw new InvalidConfigError({ error_msg: `The profile "${profileName}" contains both source_profile and credential_source.` });
    }
    if (credentialSource === undefined && sourceProfile === undefined) {
      throw new PartialCredentialsError({ provider: this.METHOD, cred_var: "source_profile or credential_source" });
    }
    if (credentialSource !== undefined) this.#validateCredentialSource(profileName, String(credentialSource));
    else this.#validateSourceProfile(profileName, String(sourceProfile));
    return config;
  }

  #validateCredentialSource(parentProfile: string, credentialSource: string): void {
    const sourcer = this.#options.credentialSourcer;
    if (sourcer === undefined) {
      throw new InvalidConfigError({
        error_msg: `The credential_source "${credentialSource}" is specified in profile "${parentProfile}", but no source provider was configured.`,
      });
    }
    if (!sourcer.is_supported(credentialSource)) {
      throw new InvalidConfigError({
        error_msg: `The credential source "${credentialSource}" referenced in profile "${parentProfile}" is not valid.`,
      });
    }
  }

  #validateSourceProfile(parentProfile: string, sourceProfile: string): void {
    const source = this.#profiles[sourceProfile];
    if (source === undefined) {
      throw new InvalidConfigError({
        error_msg: `The source_profile "${sourceProfile}" referenced in the profile "${parentProfile}" does not exist.`,
      });
    }
    if (!this.#visited.includes(sourceProfile)) return;
    // Only a profile naming itself, with static keys to start from, may come back.
    if (sourceProfile !== parentProfile || !this.#hasStaticCredentials(source)) {
      throw new InfiniteLoopConfigError({ source_profile: sourceProfile, visited_profiles: [...this.#visited] });
    }
  }

  async #sourceCredentials(roleConfig: RoleConfig, profileName: string): Promise<Credentials> {
    if (roleConfig.credential_source !== undefined) {
      const name = String(roleConfig.credential_source);
      const credentials = await this.#options.credentialSourcer!.source_credentials(name);
      if (credentials === null) {
        throw new CredentialRetrievalError({
          provider: name,
          error_msg: `No credentials found in credential_source referenced in profile ${profileName}`,
        });
      }
      return credentials;
    }
    const sourceProfile = String(roleConfig.source_profile);
    this.#visited.push(sourceProfile);
    return this.#credentialsFromProfile(sourceProfile);
  }

  // A source profile with keys (or without role_arn) uses its own providers;
  // one that assumes a role in turn continues the chain.
  async #credentialsFromProfile(profileName: string): Promise<Credentials> {
    const profile = this.#profiles[profileName]!;
    if (this.#hasStaticCredentials(profile) || !this.#hasAssumeRoleVars(profile)) {
      const chain = new CredentialResolver(this.#options.profileProviderBuilder.providers(profileName, true));
      const credentials = await chain.load_credentials();
      if (credentials === null) {
        throw new InvalidConfigError({ error_msg: `The source profile "${profileName}" must have credentials.` });
      }
      return credentials;
    }
    return this.#loadViaAssumeRole(profileName);
  }
}
