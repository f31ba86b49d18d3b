/**
 * Credentials of the EC2 instance's role (botocore's
 * `InstanceMetadataProvider`, method "iam-role", canonical name
 * "Ec2InstanceMetadata"), fetched from instance metadata (see
 * instance-metadata-fetcher.ts) and refreshed from there. No credentials
 * there means null: the chain ends without them.
 */
import { RefreshableCredentials } from "./credentials.js";
import type { CredentialMetadata, Credentials } from "./credentials.js";
import type { InstanceMetadataFetcher } from "./instance-metadata-fetcher.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** Reads the instance role's credentials. */
export class InstanceMetadataProvider implements CredentialProvider {
  readonly METHOD = "iam-role";
  readonly CANONICAL_NAME = "Ec2InstanceMetadata";
  readonly #fetcher: InstanceMetadataFetcher;

  constructor(fetcher: InstanceMetadataFetcher) {
    this.#fetcher = fetcher;
  }

  /** The fetcher this provider uses. */
  get fetcher(): InstanceMetadataFetcher {
    return this.#fetcher;
  }

  /** Refreshable credentials, or null when instance metadata has none. */
  async load(): Promise<Credentials | null> {
    const found = await this.#fetcher.retrieve_iam_role_credentials();
    if (found === null) return null;
    logger.info("Found credentials from IAM Role: %s", found.role_name);
    // A refresh that finds nothing reports every key as missing, as botocore's empty dict does.
    const refresh = async (): Promise<CredentialMetadata> =>
      (await this.#fetcher.retrieve_iam_role_credentials()) ?? ({} as CredentialMetadata);
    return RefreshableCredentials.create_from_metadata(found, refresh, this.METHOD);
  }
}
