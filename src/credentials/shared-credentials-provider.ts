/**
 * Credentials from the shared credentials file (botocore's
 * `SharedCredentialProvider`, method "shared-credentials-file"): the file
 * named by `credentials_file` (AWS_SHARED_CREDENTIALS_FILE, default
 * ~/.aws/credentials), section `[NAME]` of the active profile (no "profile "
 * prefix in this file). A section without aws_access_key_id is skipped; one
 * with the access key but no secret is a PartialCredentialsError.
 */
import type { SessionConfigStore } from "../config/config-store.js";
import type { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { profileCredentials } from "./profile-keys.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** Reads the active profile's keys from the shared credentials file. */
export class SharedCredentialProvider implements CredentialProvider {
  readonly METHOD = "shared-credentials-file";
  readonly CANONICAL_NAME = "SharedCredentials";
  readonly #store: SessionConfigStore;
  readonly #profile: string;

  constructor(store: SessionConfigStore, profileName: string) {
    this.#store = store;
    this.#profile = profileName;
  }

  /** Credentials from the profile's section, or null when the file or the keys are absent. */
  async load(): Promise<Credentials | null> {
    const sections = this.#store.loadCredentialsFile();
    if (sections === undefined || !Object.prototype.hasOwnProperty.call(sections, this.#profile)) return null;
    const section = sections[this.#profile]!;
    if (Object.prototype.hasOwnProperty.call(section, "aws_access_key_id")) {
      logger.info("Found credentials in shared credentials file: %s", this.#store.get_config_variable("credentials_file"));
    }
    return profileCredentials(this.METHOD, section);
  }
}
