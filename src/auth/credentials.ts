/** What a signer needs from credentials; the credentials module's objects satisfy it. */

/** An access key pair and optional session token, read at signing time. */
export interface SigningCredentials {
  readonly access_key: string;
  readonly secret_key: string;
  /** A session token from STS; empty or absent for long-term keys. */
  readonly token?: string | null;
}
