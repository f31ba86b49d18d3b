/**
 * botocore's signer classes by name (`botocore.auth.SigV4Auth` and kin), for
 * code that signs its own requests the botocore way:
 * `new SigV4Auth(credentials, "execute-api", "us-east-1").add_auth(request)`.
 * Each is a thin shell over signV4 / presignV4.
 */
import type { SigningCredentials } from "./credentials.js";
import { signV4 } from "./sigv4.js";
import type { SignableRequest } from "./sigv4.js";
import { DEFAULT_PRESIGN_EXPIRES, presignV4 } from "./sigv4-query.js";

/** Signs with SigV4 in the Authorization header (botocore.auth.SigV4Auth). */
export class SigV4Auth {
  /** botocore's flag: this signer needs a region. */
  static readonly REQUIRES_REGION = true;
  protected readonly signatureVersion: "v4" | "s3v4" = "v4";

  constructor(
    readonly credentials: SigningCredentials | null | undefined,
    protected readonly service_name: string,
    protected readonly region_name: string,
  ) {}

  /** Signs `request` in place, at the current time. */
  add_auth(request: SignableRequest): void {
    signV4(request, this.credentials, {
      signingName: this.service_name,
      region: this.region_name,
      signatureVersion: this.signatureVersion,
    });
  }
}

/** SigV4 with S3's rules (botocore.auth.S3SigV4Auth). */
export class S3SigV4Auth extends SigV4Auth {
  protected override readonly signatureVersion = "s3v4" as const;
}

/** Presigns a URL with SigV4 query parameters (botocore.auth.SigV4QueryAuth). */
export class SigV4QueryAuth {
  /** botocore's default lifetime, in seconds. */
  static readonly DEFAULT_EXPIRES = DEFAULT_PRESIGN_EXPIRES;
  protected readonly signatureVersion: "v4" | "s3v4" = "v4";

  constructor(
    readonly credentials: SigningCredentials | null | undefined,
    protected readonly service_name: string,
    protected readonly region_name: string,
    protected readonly expires: number = DEFAULT_PRESIGN_EXPIRES,
  ) {}

  /** Rewrites `request.url` into a presigned URL, valid from now. */
  add_auth(request: SignableRequest): void {
    presignV4(request, this.credentials, {
      signingName: this.service_name,
      region: this.region_name,
      signatureVersion: this.signatureVersion,
      expires: this.expires,
    });
  }
}

/** Presigned URLs with S3's rules (botocore.auth.S3SigV4QueryAuth). */
export class S3SigV4QueryAuth extends SigV4QueryAuth {
  protected override readonly signatureVersion = "s3v4" as const;
}
