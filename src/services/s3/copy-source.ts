/**
 * `CopySource` as boto3 documents it: either `"bucket/key"` (optionally
 * `?versionId=...`) or `{Bucket, Key, VersionId}`. The header must carry a
 * URL-encoded key, so botocore encodes it here (`handle_copy_source_param`);
 * a version id suffix is kept as written.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { ParamValidationError, pyStr } from "../../exceptions.js";
import { pyQuote } from "../common/python-quote.js";
import { isValidS3Arn } from "./bucket-patterns.js";

// Python's `\s` (str.isspace plus the information separators) and `$` (end, or before a final newline).
const VERSION_ID_SUFFIX = /\?versionId=[^\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+(?=\n?$)/;

/** botocore's `percent_encode(value, safe=SAFE_CHARS + "/")`. */
function encodePath(value: string): string {
  return pyQuote(value, "-._~/");
}

function quoteSourceString(value: string): string {
  const match = VERSION_ID_SUFFIX.exec(value);
  if (match === null) return encodePath(value);
  return encodePath(value.slice(0, match.index)) + value.slice(match.index);
}

function quoteSourceDict(source: Record<string, unknown>): string {
  for (const required of ["Bucket", "Key"]) {
    if (source[required] === undefined) throw new ParamValidationError({ report: `Missing required parameter: '${required}'` });
  }
  const bucket = pyStr(source.Bucket);
  const key = pyStr(source.Key);
  // An access point ARN names the object as `<arn>/object/<key>`.
  let final = encodePath(isValidS3Arn(bucket) ? `${bucket}/object/${key}` : `${bucket}/${key}`);
  const versionId = source.VersionId;
  if (versionId !== undefined && versionId !== null) final += `?versionId=${pyStr(versionId)}`;
  return final;
}

/** Encodes `CopySource` given as text or as `{Bucket, Key, VersionId}`. */
export function handleCopySourceParam({ params }: HandlerKwargs<"before-parameter-build">): void {
  const source = params.CopySource;
  // Missing or of another type: parameter validation reports it better.
  if (typeof source === "string") params.CopySource = quoteSourceString(source);
  else if (typeof source === "object" && source !== null && !Array.isArray(source) && !(source instanceof Uint8Array)) {
    params.CopySource = quoteSourceDict(source as Record<string, unknown>);
  }
}
