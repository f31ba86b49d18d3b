/**
 * Request checksums (botocore's httpchecksum.py resolve_request_checksum_algorithm
 * and apply_request_checksum): which algorithm an operation's request gets,
 * per its `httpChecksum` trait and `request_checksum_calculation`, and the
 * x-amz-checksum-* header computed over the body.
 *
 * Bodies reach this stage in memory (the pipeline buffers streams), so the
 * checksum always goes in a header; botocore sends streamed uploads over
 * https with a trailing checksum instead (aws-chunked), which is not done yet.
 */
import { FlexibleChecksumError } from "../exceptions.js";
import { getHeader, type RequestDict } from "../http/types.js";
import type { OperationModel } from "../models/service-model.js";
import { CHECKSUM_ALGORITHMS, checksumOf } from "./algorithms.js";

const DEFAULT_ALGORITHM = "CRC32";

/** What the resolve step decided, kept in the request context as botocore keeps it. */
interface ChecksumContext {
  request_algorithm?: { algorithm: string; in: "header"; name: string };
  request_algorithm_header?: { name: string; value: string };
}

function hasChecksumHeader(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (/^x-amz-checksum-/i.test(name)) return true;
  return false;
}

/** Decides the request checksum for a call and records it in `requestDict.context.checksum`. */
export function resolveRequestChecksum(requestDict: RequestDict, operation: OperationModel, params: Readonly<Record<string, unknown>>, calculation: string): void {
  if (hasChecksumHeader(requestDict.headers)) return;
  const context = requestDict.context;
  const checksum = (context.checksum ?? {}) as ChecksumContext;
  const trait = operation.http_checksum as { requestChecksumRequired?: boolean; requestAlgorithmMember?: string };
  const required = operation.http_checksum_required || trait.requestChecksumRequired === true;
  const member = trait.requestAlgorithmMember;
  let algorithm: string;
  if (member !== undefined && params[member] !== undefined && params[member] !== null) {
    algorithm = String(params[member]).toLowerCase();
    if (!(algorithm in CHECKSUM_ALGORITHMS)) throw new FlexibleChecksumError({ error_msg: `Unsupported checksum algorithm: ${algorithm}` });
  } else if (required || (member !== undefined && calculation === "when_supported")) {
    if (context.is_presign_request) return;
    algorithm = DEFAULT_ALGORITHM.toLowerCase();
    const header = member === undefined ? undefined : operation.input_shape?.members[member]?.serialization.name;
    if (header !== undefined) checksum.request_algorithm_header = { name: header, value: DEFAULT_ALGORITHM };
  } else {
    return;
  }
  checksum.request_algorithm = { algorithm, in: "header", name: `x-amz-checksum-${algorithm}` };
  context.checksum = checksum;
}

/** Adds the checksum header (and the algorithm header) that `resolveRequestChecksum` decided on. */
export function applyRequestChecksum(requestDict: RequestDict): void {
  const checksum = requestDict.context.checksum as ChecksumContext | undefined;
  const algorithm = checksum?.request_algorithm;
  if (algorithm === undefined) return;
  const headers = requestDict.headers;
  if (getHeader(headers, algorithm.name) === undefined) {
    const body = requestDict.body;
    if (typeof body !== "string" && !(body instanceof Uint8Array)) {
      throw new FlexibleChecksumError({ error_msg: "A request checksum needs the body in memory" });
    }
    headers[algorithm.name] = checksumOf(algorithm.algorithm, body);
  }
  const algorithmHeader = checksum!.request_algorithm_header;
  if (algorithmHeader !== undefined) headers[algorithmHeader.name] = algorithmHeader.value;
}
