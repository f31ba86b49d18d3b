/**
 * The shape of a credential provider (botocore's `CredentialProvider`): a
 * method name, an optional canonical name, and `load()`, which returns
 * credentials or null to let the next provider in the chain try.
 */
import { PartialCredentialsError } from "../exceptions.js";
import type { Credentials } from "./credentials.js";

/** One source of credentials in the chain. */
export interface CredentialProvider {
  /** botocore's short name; it becomes `Credentials.method` ("env", "config-file", ...). */
  readonly METHOD: string;
  /** The cross-SDK name used by `credential_source` ("Environment", "EcsContainer", ...), or null. */
  readonly CANONICAL_NAME: string | null;
  /** Credentials, or null when this source has none. */
  load(): Promise<Credentials | null>;
}

/**
 * Reads the named keys from a mapping, all or nothing: a missing key is a
 * PartialCredentialsError naming the provider and the key (botocore's
 * `_extract_creds_from_mapping`).
 */
export function extractCredentialKeys(
  provider: string,
  mapping: Readonly<Record<string, unknown>>,
  ...keys: string[]
): string[] {
  return keys.map((key) => {
    const value = Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : undefined;
    if (value === undefined) throw new PartialCredentialsError({ provider, cred_var: key });
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}
