/**
 * Per-call adjustments of the S3 endpoint rule set's inputs (botocore's
 * `customize_endpoint_resolver_builtins`):
 * - GetBucketLocation always uses path style: signing for the bucket's
 *   region is impossible before knowing it, and virtual hosts redirect;
 * - an ARN bucket never uses path style;
 * - a presigned URL that asked for the global endpoint gets it, when the
 *   bucket allows virtual hosting.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { isArn } from "../common/arn.js";

// botocore's VALID_HOST_LABEL_RE, with Python's `$` (end, or before a final newline).
const VALID_HOST_LABEL = /^(?!-)[a-zA-Z0-9-]{1,63}(?<!-)(?=\n?$)/;

/** Adjusts `AWS::S3::ForcePathStyle`, `AWS::Region` and `AWS::S3::UseGlobalEndpoint` for this call. */
export function customizeEndpointResolverBuiltins({ builtins, model, params, context }: HandlerKwargs<"before-endpoint-resolution">): void {
  const bucket = params.Bucket;
  const bucketIsArn = isArn(bucket);
  if (model.name === "GetBucketLocation") builtins["AWS::S3::ForcePathStyle"] = true;
  else if (bucketIsArn) builtins["AWS::S3::ForcePathStyle"] = false;

  // A bucket name that is not a valid host label can only be addressed by path.
  const pathStyleRequired = typeof bucket === "string" && !VALID_HOST_LABEL.test(bucket);
  const pathStyleRequested = builtins["AWS::S3::ForcePathStyle"];
  const isExpressBucket = typeof bucket === "string" && bucket.endsWith("--x-s3");
  if (context.use_global_endpoint && !pathStyleRequired && !pathStyleRequested && !bucketIsArn && !isExpressBucket) {
    builtins["AWS::Region"] = "aws-global";
    builtins["AWS::S3::UseGlobalEndpoint"] = true;
  }
}
