/**
 * CopySnapshot across regions needs a URL presigned in the source region;
 * botocore makes it unless the caller gave one, and also sends the
 * destination region, which EC2 requires (`inject_presigned_url_ec2`).
 */
import type { BaseClient } from "../../client/base-client.js";
import type { HandlerKwargs } from "../../events/event-names.js";
import { FormBody, crossRegionPresignedUrl, presignScopeFor } from "../common/cross-region-presign.js";

/** Adds `PresignedUrl` and `DestinationRegion` to a CopySnapshot request. */
export async function injectPresignedUrlEc2(client: BaseClient, { params }: HandlerKwargs<"before-call">): Promise<void> {
  const body = new FormBody(params.body);
  if (body.has("PresignedUrl")) return;
  const scope = await presignScopeFor(client, params.context, body.get("SourceRegion") ?? "");
  body.set("PresignedUrl", crossRegionPresignedUrl(params, body, scope));
  body.set("DestinationRegion", scope.destinationRegion);
  params.body = body.toString();
}
