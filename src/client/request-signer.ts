/**
 * Choosing how to sign one request and signing it (botocore's RequestSigner
 * together with the operation-specific signer rules botocore keeps in
 * handlers.py), called directly by the pipeline inside the attempt loop.
 */
import { UNSIGNED } from "../config/config.js";
import type { Credentials } from "../credentials/credentials.js";
import type { SigningCredentials } from "../auth/credentials.js";
import { signV4 } from "../auth/sigv4.js";
import { NoCredentialsError, NoRegionError, NotYetImplementedError, UnknownSignatureVersionError } from "../exceptions.js";
import type { AWSPreparedRequest } from "../http/types.js";
import type { ClientRuntime, CredentialSource } from "./runtime.js";

/** Signing names whose SigV4 variant is S3's. */
const S3_SIGNING_NAMES = new Set(["s3", "s3-outposts", "s3-object-lambda", "s3express"]);

/** A signature version, or UNSIGNED. */
export type SignatureVersion = string | typeof UNSIGNED;

/** The signing scope for one request, after the endpoint's auth scheme overrides. */
export interface SigningScope {
  signingName: string;
  region: string | null;
}

/** The scope: the endpoint's `signing` overrides first, then the client's. */
export function signingScope(runtime: ClientRuntime, context: Record<string, unknown>): SigningScope {
  const signing = (context.signing ?? {}) as { region?: string; signing_name?: string };
  return { signingName: signing.signing_name ?? runtime.signingName, region: signing.region ?? runtime.signingRegion };
}

/**
 * The operation's own signer (botocore's set_operation_specific_signer):
 * `none` → unsigned, `bearer`, `v4-unsigned-body`, and the S3 variants.
 * Undefined when the operation leaves the choice to the client.
 */
export function operationSpecificSigner(context: Record<string, unknown>, signingName: string): SignatureVersion | undefined {
  const authType = context.auth_type as string | undefined;
  if (!authType) return undefined;
  if (authType === "none") return UNSIGNED;
  if (authType === "bearer") return "bearer";
  if (context.unsigned_payload || authType === "v4-unsigned-body") context.payload_signing_enabled = false;
  if (!authType.startsWith("v4")) return undefined;
  if (authType === "v4-s3express") return authType;
  const version = authType === "v4a" ? "v4a" : "v4";
  return S3_SIGNING_NAMES.has(signingName) ? `s3${version}` : version;
}

/** Signs a prepared request in place with the chosen signature version; `payloadHash` is a streamed body's SHA-256 (hex). */
export function signRequest(
  request: AWSPreparedRequest,
  version: SignatureVersion,
  scope: SigningScope,
  credentials: SigningCredentials | null,
  payloadHash?: string,
): void {
  if (version === UNSIGNED || version === "none") return;
  switch (version) {
    case "v4":
    case "s3v4": {
      if (credentials === null) throw new NoCredentialsError();
      // botocore's signer refuses a missing region the same way (a client made with only an endpoint_url).
      if (scope.region === null) throw new NoRegionError();
      const options = { signingName: scope.signingName, region: scope.region, signatureVersion: version } as const;
      signV4(request, credentials, payloadHash === undefined ? options : { ...options, payloadHash });
      return;
    }
    case "v4a":
    case "s3v4a":
      // The endpoint rule sets choose SigV4a (multi-region access points, global endpoints) as botocore with CRT does.
      throw new NotYetImplementedError({ feature: "SigV4a signing" });
    default:
      throw new UnknownSignatureVersionError({ signature_version: version });
  }
}

/** Loads the credentials a call signs with (null for unsigned clients). */
export async function credentialsFor(source: CredentialSource): Promise<Credentials | null> {
  switch (source.kind) {
    case "unsigned":
      return null;
    case "explicit":
      return source.credentials;
    case "session":
      return source.load();
  }
}
