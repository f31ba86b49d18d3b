/**
 * Credentials from the shared config file (botocore's `ConfigProvider`,
 * method "config-file"): the active profile's aws_access_key_id and
 * friends in the file named by `config_file` (AWS_CONFIG_FILE, default
 * ~/.aws/config). Unlike full_config, the credentials file is not merged in.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import type { Credentials } from "./credentials.js";
import { profileCredentials } from "./profile-keys.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** Reads the active profile's keys from the config file. */
export class ConfigProvider implements CredentialProvider {
  readonly METHOD = "config-file";
  readonly CANONICAL_NAME = "SharedConfig";
  readonly #store: SessionConfigStore;
  readonly #profile: string;

  constructor(store: SessionConfigStore, profileName: string) {
    this.#store = store;
    this.#profile = profileName;
  }

  /** Credentials from the profile, or null when the file, the profile or the keys are absent. */
  async load(): Promise<Credentials | null> {
    const profiles = this.#store.loadConfigFile()?.profiles;
    if (profiles === undefined || !Object.prototype.hasOwnProperty.call(profiles, this.#profile)) return null;
    const section = profiles[this.#profile]!;
    if (Object.prototype.hasOwnProperty.call(section, "aws_access_key_id")) {
      logger.info("Credentials found in config file: %s", this.#store.get_config_variable("config_file"));
    }
    return profileCredentials(this.METHOD, section);
  }
}
