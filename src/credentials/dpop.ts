/**
 * DPoP proofs (RFC 9449) for the sign-in service's token refresh, as
 * botocore builds them: an ES256 JWT whose header carries the public key
 * as a JWK, signed with the login session's P-256 private key, with the
 * HTTP method, URL, issue time and a random ID in its payload.
 */
import { createPrivateKey, createPublicKey, randomUUID, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";

function base64Url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/**
 * The private key from the token cache's `dpopKey`: PEM armour lines are
 * dropped and the rest base64-decoded as DER (PKCS #8, or SEC 1).
 * Undefined when it is not an EC key.
 */
export function loadDpopKey(pem: string): KeyObject | undefined {
  const body = pem
    .split(/\r\n|\r|\n/)
    .filter((line) => !line.startsWith("-----BEGIN") && !line.startsWith("-----END"))
    .join("")
    .trim();
  const der = Buffer.from(body, "base64");
  for (const type of ["pkcs8", "sec1"] as const) {
    try {
      const key = createPrivateKey({ key: der, format: "der", type });
      if (key.asymmetricKeyType === "ec") return key;
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/** A DPoP proof for a POST to `uri`; `uid` and `ts` (seconds) are for tests. */
export function buildDpopHeader(privateKey: KeyObject, uri: string, uid?: string, ts?: number): string {
  const publicJwk = createPublicKey(privateKey).export({ format: "jwk" });
  const header = { typ: "dpop+jwt", alg: "ES256", jwk: { kty: "EC", x: publicJwk.x, y: publicJwk.y, crv: "P-256" } };
  const payload = { htm: "POST", htu: uri, iat: ts ?? Math.floor(Date.now() / 1000), jti: uid ?? randomUUID() };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  // ECDSA over SHA-256 with r and s as two 32-byte big-endian integers (JWS form).
  const signature = sign("sha256", Buffer.from(signingInput), { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${base64Url(signature)}`;
}
