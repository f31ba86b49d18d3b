/**
 * botocore's S3 client copies a few input parameters into the request
 * context (`_inject_s3_input_parameters`), where handlers that see only the
 * request (S3 Express session auth, custom signers) can read them.
 */
import type { HandlerKwargs } from "../../events/event-names.js";

const INJECTED = ["Bucket", "Delete", "Key", "Prefix"] as const;

/** Sets `context.input_params` to the call's Bucket, Delete, Key and Prefix. */
export function injectS3InputParameters({ params, context }: HandlerKwargs<"before-parameter-build">): void {
  const input: Record<string, unknown> = {};
  for (const name of INJECTED) if (name in params) input[name] = params[name];
  context.input_params = input;
}
