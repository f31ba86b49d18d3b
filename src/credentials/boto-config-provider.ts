/**
 * Credentials from a boto2 configuration file (botocore's `BotoProvider`,
 * method "boto-config"): the `[Credentials]` section's aws_access_key_id
 * and aws_secret_access_key, in the file named by BOTO_CONFIG, or else the
 * first of /etc/boto.cfg and ~/.boto that exists. No session token.
 */
import type { Env } from "../config/paths.js";
import { rawConfigParse } from "../config/ini.js";
import type { RawConfig } from "../config/ini.js";
import { ConfigNotFound } from "../exceptions.js";
import { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { extractCredentialKeys } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** Where boto2 looked when BOTO_CONFIG is unset. */
export const BOTO_DEFAULT_CONFIG_FILENAMES: readonly string[] = Object.freeze(["/etc/boto.cfg", "~/.boto"]);

/** Reads boto2's config files. */
export class BotoProvider implements CredentialProvider {
  readonly METHOD = "boto-config";
  readonly CANONICAL_NAME = "Boto2Config";
  readonly #env: Env;
  readonly #defaults: readonly string[];

  constructor(env: Env, defaultFilenames: readonly string[] = BOTO_DEFAULT_CONFIG_FILENAMES) {
    this.#env = env;
    this.#defaults = defaultFilenames;
  }

  /** Credentials from the first file with `[Credentials]` aws_access_key_id; null when none has it. */
  async load(): Promise<Credentials | null> {
    const configured = this.#env["BOTO_CONFIG"];
    const locations = configured === undefined ? this.#defaults : [configured];
    for (const filename of locations) {
      let config: RawConfig;
      try {
        config = rawConfigParse(filename, this.#env);
      } catch (err) {
        if (err instanceof ConfigNotFound) continue;
        throw err;
      }
      const section = config["Credentials"];
      // botocore stops at the first file with a [Credentials] section holding a key.
      if (section !== undefined && Object.prototype.hasOwnProperty.call(section, "aws_access_key_id")) {
        logger.info("Found credentials in boto config file: %s", filename);
        const [accessKey, secretKey] = extractCredentialKeys(this.METHOD, section, "aws_access_key_id", "aws_secret_access_key");
        return new Credentials(accessKey!, secretKey!, null, this.METHOD);
      }
    }
    return null;
  }
}
