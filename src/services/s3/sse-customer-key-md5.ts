/**
 * SSE-C: S3 wants the customer key base64-encoded, with the base64 MD5 of
 * the raw key beside it. boto3 users pass the raw key; botocore encodes it
 * and fills the MD5 unless the caller already did (`sse_md5`,
 * `copy_source_sse_md5`).
 */
import { createHash } from "node:crypto";
import type { HandlerKwargs } from "../../events/event-names.js";
import type { OperationInput } from "../../client/base-client.js";
import { pyB64Encode } from "../common/python-base64.js";
import { utf8Bytes } from "../common/bytes.js";

function encodeCustomerKey(params: OperationInput, prefix: "SSECustomer" | "CopySourceSSECustomer"): void {
  const keyMember = `${prefix}Key`;
  const md5Member = `${prefix}KeyMD5`;
  const key = params[keyMember];
  // An undefined member counts as absent, as an omitted keyword argument in Python.
  if (key === undefined || key === null || params[md5Member] !== undefined) return;
  // Only text and bytes can be a key; anything else is left for parameter validation.
  if (typeof key !== "string" && !(key instanceof Uint8Array)) return;
  const bytes = utf8Bytes(key);
  params[keyMember] = pyB64Encode(bytes);
  params[md5Member] = createHash("md5").update(bytes).digest("base64");
}

/** Encodes `SSECustomerKey` and sets `SSECustomerKeyMD5`. */
export function sseMd5({ params }: HandlerKwargs<"before-parameter-build">): void {
  encodeCustomerKey(params, "SSECustomer");
}

/** Encodes `CopySourceSSECustomerKey` and sets `CopySourceSSECustomerKeyMD5`. */
export function copySourceSseMd5({ params }: HandlerKwargs<"before-parameter-build">): void {
  encodeCustomerKey(params, "CopySourceSSECustomer");
}
