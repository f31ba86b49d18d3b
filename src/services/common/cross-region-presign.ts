/**
 * Cross-region copies (EC2 CopySnapshot, RDS/Neptune/DocumentDB copies and
 * replicas) need a URL, presigned in the source region, for the same call.
 * botocore builds it from the request being sent (`_get_cross_region_presigned_url`):
 * the same parameters plus `DestinationRegion`, sent as a GET to the same
 * URL with the destination region replaced by the source region (safe for
 * these services' endpoints), presigned with SigV4 query parameters for an hour.
 *
 * Bodies here are the query protocol's form text; fields keep their exact
 * encoding unless changed.
 */
import { presignV4 } from "../../auth/sigv4-query.js";
import type { SigningCredentials } from "../../auth/credentials.js";
import type { BaseClient } from "../../client/base-client.js";
import { credentialsFor } from "../../client/request-signer.js";
import { UNSIGNED } from "../../config/config.js";
import type { RequestDict } from "../../http/types.js";
import { formEncode } from "../../protocols/query/form-encode.js";

/** One `key=value` field of a form body, as written, with its decoded key. */
interface FormField {
  key: string;
  raw: string;
}

function decodeFormKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** A query-protocol form body, field by field, keeping each field's encoding. */
export class FormBody {
  private readonly fields: FormField[];

  constructor(body: unknown) {
    const text = typeof body === "string" ? body : body instanceof Uint8Array ? Buffer.from(body).toString("utf8") : "";
    this.fields = text === "" ? [] : text.split("&").map((raw) => ({ key: decodeFormKey(raw.split("=", 1)[0]!), raw }));
  }

  /** Whether a field of this name is present. */
  has(key: string): boolean {
    return this.fields.some((field) => field.key === key);
  }

  /** The decoded value of the first field of this name. */
  get(key: string): string | undefined {
    const field = this.fields.find((f) => f.key === key);
    if (field === undefined) return undefined;
    const eq = field.raw.indexOf("=");
    return eq < 0 ? "" : decodeFormKey(field.raw.slice(eq + 1));
  }

  /** Sets a field in place (a Python dict assignment), or appends it. */
  set(key: string, value: string): void {
    const raw = `${formEncode(key)}=${formEncode(value)}`;
    const field = this.fields.find((f) => f.key === key);
    if (field !== undefined) field.raw = raw;
    else this.fields.push({ key, raw });
  }

  /** Removes every field of this name. */
  delete(key: string): void {
    for (let i = this.fields.length - 1; i >= 0; i--) if (this.fields[i]!.key === key) this.fields.splice(i, 1);
  }

  /** A copy. */
  clone(): FormBody {
    const copy = new FormBody("");
    copy.fields.push(...this.fields.map((f) => ({ ...f })));
    return copy;
  }

  /** The body text. */
  toString(): string {
    return this.fields.map((f) => f.raw).join("&");
  }
}

/** What presigning needs besides the request. */
export interface PresignScope {
  /** Null for an UNSIGNED client: the URL is left unsigned, as botocore does. */
  credentials: SigningCredentials | null;
  signingName: string;
  sourceRegion: string;
  destinationRegion: string;
  /** The signing time (now by default). */
  time?: Date;
}

/** The presigned URL for a copy of the request, sent from the source region. */
export function crossRegionPresignedUrl(requestDict: RequestDict, body: FormBody, scope: PresignScope): string {
  const copy = body.clone();
  copy.set("DestinationRegion", scope.destinationRegion);
  const url = requestDict.url!.replaceAll(scope.destinationRegion, scope.sourceRegion);
  if (scope.credentials === null) return url;
  const request = {
    method: "GET",
    url,
    // The content type botocore itself adds to form bodies tells the presigner to move the fields into the query.
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" } as Record<string, string>,
    body: copy.toString(),
    // botocore signs a deep copy; the presigner writes only the timestamp into its context.
    context: { ...requestDict.context },
  };
  presignV4(request, scope.credentials, {
    signingName: scope.signingName,
    region: scope.sourceRegion,
    signatureVersion: "v4",
    ...(scope.time !== undefined ? { time: scope.time } : {}),
  });
  return request.url;
}

/** The presigning scope of a client's request: its credentials, signing name and region. */
export async function presignScopeFor(client: BaseClient, context: Record<string, unknown>, sourceRegion: string): Promise<PresignScope> {
  const runtime = client._runtime;
  const signing = (context.signing ?? {}) as { signing_name?: string };
  const unsigned = runtime.config.signature_version === UNSIGNED;
  return {
    credentials: unsigned ? null : await credentialsFor(client._credentials),
    // The endpoint's signing name wins; the region is always the source region.
    signingName: signing.signing_name || runtime.signingName,
    sourceRegion,
    destinationRegion: runtime.signingRegion ?? "",
  };
}
