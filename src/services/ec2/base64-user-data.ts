/**
 * Instance user data travels base64-encoded, and boto3 users pass it plain:
 * botocore encodes text (as UTF-8) or bytes for them (`base64_encode_user_data`).
 * EC2 RunInstances and Auto Scaling CreateLaunchConfiguration share it.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { utf8Bytes } from "../common/bytes.js";
import { pyB64Encode } from "../common/python-base64.js";

/** Replaces `UserData` with its base64 encoding. */
export function base64EncodeUserData({ params }: HandlerKwargs<"before-parameter-build">): void {
  const data = params.UserData;
  // Other types are left for parameter validation to report.
  if (typeof data === "string" || data instanceof Uint8Array) params.UserData = pyB64Encode(utf8Bytes(data));
}
