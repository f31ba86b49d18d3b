/**
 * RDS, Neptune and DocumentDB cross-region copies and replicas take a
 * `SourceRegion` convenience parameter: botocore removes it from the
 * request and, unless the caller gave `PreSignedUrl`, presigns the call in
 * that region (`inject_presigned_url_rds`). Without `SourceRegion` the
 * copy is local and nothing changes.
 */
import type { BaseClient } from "../../client/base-client.js";
import type { HandlerKwargs } from "../../events/event-names.js";
import { FormBody, crossRegionPresignedUrl, presignScopeFor } from "../common/cross-region-presign.js";

/** Replaces `SourceRegion` with a `PreSignedUrl` for the source region. */
export async function injectPresignedUrlRds(client: BaseClient, { params }: HandlerKwargs<"before-call">): Promise<void> {
  const body = new FormBody(params.body);
  if (!body.has("SourceRegion")) return;
  const scope = await presignScopeFor(client, params.context, body.get("SourceRegion")!);
  body.delete("SourceRegion");
  if (!body.has("PreSignedUrl")) body.set("PreSignedUrl", crossRegionPresignedUrl(params, body, scope));
  params.body = body.toString();
}
