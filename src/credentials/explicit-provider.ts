/**
 * Credentials given in code (method "explicit"): `aws_access_key_id` and
 * friends passed to a Session or a client. botocore does not keep these in
 * its resolver; they simply win over it. The rules are those of
 * `Session.create_client`: both keys make credentials, one key alone is a
 * PartialCredentialsError, and a token or account ID without keys is ignored.
 */
import { NoCredentialsError, PartialCredentialsError } from "../exceptions.js";
import { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";

/** The credential keyword arguments of boto3's Session and client(). */
export interface ExplicitCredentialKeys {
  readonly aws_access_key_id?: string | null;
  readonly aws_secret_access_key?: string | null;
  readonly aws_session_token?: string | null;
  readonly aws_account_id?: string | null;
}

/** Which of the two keys is missing when only one was given (botocore's `_missing_cred_vars`). */
function missingKey(keys: ExplicitCredentialKeys): string | undefined {
  const access = keys.aws_access_key_id ?? null;
  const secret = keys.aws_secret_access_key ?? null;
  if (access !== null && secret === null) return "aws_secret_access_key";
  if (secret !== null && access === null) return "aws_access_key_id";
  return undefined;
}

/**
 * boto3's Session check: an account ID given without both keys is a
 * NoCredentialsError. Call it when the Session is created.
 */
export function checkSessionCredentialKeys(keys: ExplicitCredentialKeys): void {
  const anyGiven = Boolean(keys.aws_access_key_id || keys.aws_secret_access_key || keys.aws_session_token || keys.aws_account_id);
  if (!anyGiven) return;
  const accountId = keys.aws_account_id ?? null;
  if (accountId !== null && ((keys.aws_access_key_id ?? null) === null || (keys.aws_secret_access_key ?? null) === null)) {
    throw new NoCredentialsError();
  }
}

/** Credentials passed in code. */
export class ExplicitProvider implements CredentialProvider {
  readonly METHOD = "explicit";
  readonly CANONICAL_NAME = null;
  readonly #keys: ExplicitCredentialKeys;

  constructor(keys: ExplicitCredentialKeys) {
    this.#keys = keys;
  }

  /** Whether any key was given at all (a partial set still counts: it must fail, not fall through). */
  get given(): boolean {
    return (this.#keys.aws_access_key_id ?? null) !== null || (this.#keys.aws_secret_access_key ?? null) !== null;
  }

  /** Credentials from both keys; PartialCredentialsError for one key; null for none. */
  async load(): Promise<Credentials | null> {
    const missing = missingKey(this.#keys);
    if (missing !== undefined) throw new PartialCredentialsError({ provider: this.METHOD, cred_var: missing });
    const { aws_access_key_id: access, aws_secret_access_key: secret } = this.#keys;
    if (access === undefined || access === null || secret === undefined || secret === null) return null;
    return new Credentials(access, secret, this.#keys.aws_session_token ?? null, this.METHOD, this.#keys.aws_account_id ?? null);
  }
}
