/**
 * Credentials from the original EC2 command-line tools' file (botocore's
 * `OriginalEC2Provider`, method "ec2-credentials-file"): AWS_CREDENTIAL_FILE
 * names a file of `key=value` lines with AWSAccessKeyId and AWSSecretKey.
 * When the variable is set, the file must exist (ConfigNotFound otherwise,
 * as in botocore). No session token.
 */
import { readFileSync } from "node:fs";
import type { Env } from "../config/paths.js";
import { expandUser } from "../config/paths.js";
import { pySplitlines } from "../config/python-text.js";
import { ConfigNotFound, PartialCredentialsError } from "../exceptions.js";
import { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

const ACCESS_KEY = "AWSAccessKeyId";
const SECRET_KEY = "AWSSecretKey";

/** botocore's `parse_key_val_file_contents`: `key = value` lines, anything without "=" skipped. */
export function parseKeyValText(text: string): Record<string, string> {
  const found: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const line of pySplitlines(text)) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    found[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return found;
}

/** Reads AWS_CREDENTIAL_FILE. */
export class OriginalEC2Provider implements CredentialProvider {
  readonly METHOD = "ec2-credentials-file";
  readonly CANONICAL_NAME = "Ec2Config";
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = env;
  }

  /** Credentials when the file has AWSAccessKeyId; null when the variable is unset or the key absent. */
  async load(): Promise<Credentials | null> {
    const name = this.#env["AWS_CREDENTIAL_FILE"];
    if (name === undefined) return null;
    const path = expandUser(name, this.#env);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      throw new ConfigNotFound({ path });
    }
    const values = parseKeyValText(text);
    if (!(ACCESS_KEY in values)) return null;
    logger.info("Found credentials in AWS_CREDENTIAL_FILE.");
    // botocore lets a KeyError escape for a missing secret; this names it.
    if (!(SECRET_KEY in values)) throw new PartialCredentialsError({ provider: this.METHOD, cred_var: SECRET_KEY });
    return new Credentials(values[ACCESS_KEY]!, values[SECRET_KEY]!, null, this.METHOD);
  }
}
