/**
 * Request checksums (botocore's httpchecksum.py resolve_checksum_context and
 * apply_request_checksum): which algorithm an operation's request gets, per
 * its `httpChecksum` trait and `request_checksum_calculation`, and where the
 * checksum goes: an x-amz-checksum-* header computed over the body, or, for
 * streaming input over https, a trailer after an aws-chunked body.
 *
 * botocore 1.43 sends no Content-MD5 of its own: `httpChecksumRequired`
 * makes the checksum required, and a required checksum is CRC32 unless the
 * caller chose one (a Content-MD5 the caller gives is sent as given).
 */
import { FlexibleChecksumError, MissingDependencyException } from "../exceptions.js";
import { deleteHeader, getHeader, type RequestDict } from "../http/types.js";
import type { OperationModel } from "../models/service-model.js";
import type { RequestBodySource } from "../client/request-body.js";
import { ALGORITHMS_PRIORITY_LIST, CHECKSUM_ALGORITHMS, CRT_CHECKSUM_ALGORITHMS } from "./algorithms.js";

const DEFAULT_ALGORITHM = "CRC32";

/** The request algorithm as botocore keeps it in `context.checksum.request_algorithm`. */
export interface RequestAlgorithm {
  algorithm: string;
  in: "header" | "trailer";
  name: string;
}

/** What the resolve steps decided, kept in the request context as botocore keeps it. */
export interface ChecksumContext {
  request_algorithm?: RequestAlgorithm;
  request_algorithm_header?: { name: string; value: string };
  /** Response algorithms to look for, in botocore's priority order. */
  response_algorithms?: string[];
  /** The algorithm a response was validated with (response context only). */
  response_algorithm?: string;
}

// botocore's CHECKSUM_HEADER_PATTERN: x-amz-checksum-<letters and digits>, any case.
const CHECKSUM_HEADER = /^x-amz-checksum-[a-z0-9]*$/i;

/** True when a header named like x-amz-checksum-* is already set (botocore's has_checksum_header). */
export function hasChecksumHeader(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (CHECKSUM_HEADER.test(name)) return true;
  return false;
}

function supported(algorithm: string): boolean {
  return Object.hasOwn(CHECKSUM_ALGORITHMS, algorithm);
}

/**
 * Decides the request checksum and the response algorithms for a call and
 * records them in `requestDict.context.checksum` (botocore's resolve_checksum_context).
 * `requestDict.url` must be set: the trailer is used only over https.
 */
export function resolveChecksumContext(
  requestDict: RequestDict,
  operation: OperationModel,
  params: Readonly<Record<string, unknown>>,
  config: { request_checksum_calculation?: string | null; signature_version?: unknown },
): void {
  resolveRequestChecksumAlgorithm(requestDict, operation, params, config);
  resolveResponseChecksumAlgorithms(requestDict, operation, params);
}

/** botocore's resolve_request_checksum_algorithm. */
export function resolveRequestChecksumAlgorithm(
  requestDict: RequestDict,
  operation: OperationModel,
  params: Readonly<Record<string, unknown>>,
  config: { request_checksum_calculation?: string | null; signature_version?: unknown },
): void {
  if (hasChecksumHeader(requestDict.headers)) return;
  const context = requestDict.context;
  const checksum = (context.checksum ?? {}) as ChecksumContext;
  const calculation = config.request_checksum_calculation ?? "when_supported";
  const trait = operation.http_checksum as { requestChecksumRequired?: boolean; requestAlgorithmMember?: string };
  const required = operation.http_checksum_required || trait.requestChecksumRequired === true;
  const member = trait.requestAlgorithmMember;
  let algorithm: string;
  // An undefined member is an absent one (botocore's `member in params`).
  if (member && params[member] !== undefined && params[member] !== null) {
    algorithm = String(params[member]).toLowerCase();
    if (!supported(algorithm)) {
      if (CRT_CHECKSUM_ALGORITHMS.includes(algorithm)) {
        // botocore without awscrt says the same of every CRT algorithm; only the xxhash family is missing here.
        throw new MissingDependencyException({
          msg: `Using ${algorithm.toUpperCase()} requires an additional dependency. You will need to pip install botocore[crt] before proceeding.`,
        });
      }
      throw new FlexibleChecksumError({ error_msg: `Unsupported checksum algorithm: ${algorithm}` });
    }
  } else if (required || (member && calculation === "when_supported")) {
    // No default checksum for presigned requests.
    if (context.is_presign_request) return;
    algorithm = DEFAULT_ALGORITHM.toLowerCase();
    const header = member ? operation.input_shape?.members[member]?.serialization.name : undefined;
    if (header !== undefined) checksum.request_algorithm_header = { name: header, value: DEFAULT_ALGORITHM };
  } else {
    return;
  }
  let location: RequestAlgorithm["in"] = "header";
  // Streaming input must support trailers; only unsigned trailers exist, so only over TLS.
  if (operation.has_streaming_input && urlScheme(requestDict.url ?? "") === "https" && config.signature_version !== "s3") {
    location = "trailer";
  }
  checksum.request_algorithm = { algorithm, in: location, name: `x-amz-checksum-${algorithm}` };
  context.checksum = checksum;
}

/** The URL's scheme, lower-cased, as urlparse gives it. */
function urlScheme(url: string): string {
  const colon = url.indexOf(":");
  return colon > 0 ? url.slice(0, colon).toLowerCase() : "";
}

/** botocore's resolve_response_checksum_algorithms: when the validation-mode member is set, which algorithms to check. */
export function resolveResponseChecksumAlgorithms(
  requestDict: RequestDict,
  operation: OperationModel,
  params: Readonly<Record<string, unknown>>,
): void {
  const trait = operation.http_checksum as { requestValidationModeMember?: string; responseAlgorithms?: string[] };
  const member = trait.requestValidationModeMember;
  if (!member || params[member] === undefined || params[member] === null) return;
  const modeled = new Set((trait.responseAlgorithms ?? []).map((a) => a.toLowerCase()));
  const usable = ALGORITHMS_PRIORITY_LIST.filter((a) => modeled.has(a) && supported(a));
  const context = requestDict.context;
  const checksum = (context.checksum ?? {}) as ChecksumContext;
  checksum.response_algorithms = usable;
  context.checksum = checksum;
}

/** The request algorithm decided for this request, if any. */
export function requestAlgorithmOf(context: Readonly<Record<string, unknown>>): RequestAlgorithm | undefined {
  const algorithm = (context.checksum as ChecksumContext | undefined)?.request_algorithm;
  return typeof algorithm === "object" && algorithm !== null ? algorithm : undefined;
}

/**
 * Applies the decided checksum (botocore's apply_request_checksum): the
 * header over the body (a stream is read once for it, and rewound), or the
 * aws-chunked trailer set-up. Edits `requestDict.headers` and `body`.
 */
export async function applyRequestChecksum(requestDict: RequestDict, body: RequestBodySource): Promise<void> {
  const checksum = requestDict.context.checksum as ChecksumContext | undefined;
  const algorithm = checksum?.request_algorithm;
  if (algorithm === undefined) return;
  if (algorithm.in === "header") await applyHeaderChecksum(requestDict, body, algorithm);
  else if (algorithm.in === "trailer") applyTrailerChecksum(requestDict, body, algorithm);
  else throw new FlexibleChecksumError({ error_msg: `Unknown checksum variant: ${String((algorithm as { in: unknown }).in)}` });
  const algorithmHeader = checksum!.request_algorithm_header;
  if (algorithmHeader !== undefined) requestDict.headers[algorithmHeader.name] = algorithmHeader.value;
}

async function applyHeaderChecksum(requestDict: RequestDict, body: RequestBodySource, algorithm: RequestAlgorithm): Promise<void> {
  const headers = requestDict.headers;
  if (getHeader(headers, algorithm.name) !== undefined) return;
  // A stream read for its checksum is hashed for the signature in the same pass (most such requests sign their payload).
  const wanted = body.inMemory || algorithm.algorithm === "sha256" ? [algorithm.algorithm] : [algorithm.algorithm, "sha256"];
  const digests = await body.digestsOf(wanted);
  headers[algorithm.name] = Buffer.from(digests.get(algorithm.algorithm)!).toString("base64");
}

function applyTrailerChecksum(requestDict: RequestDict, body: RequestBodySource, algorithm: RequestAlgorithm): void {
  const headers = requestDict.headers;
  if (getHeader(headers, algorithm.name) !== undefined) return;
  headers["Transfer-Encoding"] = "chunked";
  appendContentEncoding(headers, "aws-chunked");
  headers["X-Amz-Trailer"] = algorithm.name;
  let length = body.length;
  const declared = getHeader(headers, "Content-Length");
  // A stream's length is unknown, but the caller may have declared it (ContentLength).
  if (length === null && declared !== undefined) length = Number.parseInt(declared, 10);
  if (length !== null && !Number.isNaN(length)) headers["X-Amz-Decoded-Content-Length"] = String(length);
  deleteHeader(headers, "Content-Length");
  body.withTrailer(algorithm.algorithm, algorithm.name);
}

/** Adds an encoding to Content-Encoding, after any already there (`gzip,aws-chunked`). */
export function appendContentEncoding(headers: Record<string, string>, encoding: string): void {
  for (const name in headers) {
    if (name.toLowerCase() === "content-encoding") {
      headers[name] = `${headers[name]},${encoding}`;
      return;
    }
  }
  headers["Content-Encoding"] = encoding;
}
