/**
 * Reject bucket names that cannot be right before anything is sent
 * (botocore's `validate_bucket_name`): a name with `/` or spaces would
 * otherwise change the request path and fail with a confusing error.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { ParamValidationError } from "../../exceptions.js";
import { VALID_BUCKET_PATTERN, VALID_S3_ARN_PATTERN, isValidBucketName, isValidS3Arn } from "./bucket-patterns.js";

/** Throws ParamValidationError for a `Bucket` that is neither a bucket name nor an access point ARN. */
export function validateBucketName({ params }: HandlerKwargs<"before-parameter-build">): void {
  const bucket = params.Bucket;
  // Non-text values are left for parameter validation to report with its own message.
  if (typeof bucket !== "string") return;
  if (isValidBucketName(bucket) || isValidS3Arn(bucket)) return;
  throw new ParamValidationError({
    report:
      `Invalid bucket name "${bucket}": Bucket name must match the regex "${VALID_BUCKET_PATTERN}" ` +
      `or be an ARN matching the regex "${VALID_S3_ARN_PATTERN}"`,
  });
}
