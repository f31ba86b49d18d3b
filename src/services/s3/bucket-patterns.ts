/**
 * botocore's bucket name patterns (handlers.py `VALID_BUCKET` and
 * `VALID_S3_ARN`), with their Python source kept for error messages.
 * Python's `$` also matches before a final newline and its `.` matches
 * `\r`, so the JavaScript forms spell both out.
 */

/** The Python pattern of a plain bucket name, as botocore prints it. */
export const VALID_BUCKET_PATTERN = "^[a-zA-Z0-9.\\-_]{1,255}$";

const ACCESSPOINT_ARN_PATTERN =
  "^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$";
const OUTPOST_ARN_PATTERN =
  "^arn:(aws).*:s3-outposts:[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\\-]{1,63}$";

/** The Python pattern of an access point or outpost ARN, as botocore prints it. */
export const VALID_S3_ARN_PATTERN = `${ACCESSPOINT_ARN_PATTERN}|${OUTPOST_ARN_PATTERN}`;

/** Translates the few Python regex rules these patterns rely on. */
function fromPython(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\.\*/g, "[^\\n]*").replace(/\$/g, "(?=\\n?$)"));
}

const VALID_BUCKET = fromPython(VALID_BUCKET_PATTERN);
const VALID_S3_ARN = fromPython(VALID_S3_ARN_PATTERN);

/** `VALID_BUCKET.search(name)`. */
export function isValidBucketName(name: string): boolean {
  return VALID_BUCKET.test(name);
}

/** `VALID_S3_ARN.search(name)`: an S3 access point or outpost access point ARN. */
export function isValidS3Arn(name: string): boolean {
  return VALID_S3_ARN.test(name);
}
