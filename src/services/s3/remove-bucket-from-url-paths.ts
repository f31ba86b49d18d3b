/**
 * The S3 rule set puts the bucket in the endpoint URL (virtual host or
 * path style), and the model's request URIs put it in the path too
 * (`/{Bucket}/{Key+}`): left alone, the URL would name the bucket twice.
 * botocore strips the `/{Bucket}` prefix from the operation model the first
 * time the operation is called, for the life of the model, and keeps the
 * original path as `authPath` for SigV2 (`remove_bucket_from_url_paths_from_model`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";

const BUCKET_PATH = "/{Bucket}";

/** Removes a leading `/{Bucket}` from the operation's request URI, recording `authPath`. */
export function removeBucketFromUrlPaths({ model }: HandlerKwargs<"before-parameter-build">): void {
  const http = model.http as { requestUri?: string; authPath?: string };
  const requestUri = http.requestUri;
  if (requestUri === undefined || !requestUri.startsWith(BUCKET_PATH)) return;
  http.requestUri = requestUri.slice(BUCKET_PATH.length);
  // The signer appends the query itself; a bucket-only path needs its trailing slash to verify.
  const path = requestUri.split("?")[0]!;
  http.authPath = path === BUCKET_PATH ? `${path}/` : path;
}
