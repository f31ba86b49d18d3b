/**
 * S3 Control operations accept an outpost bucket or access point ARN where
 * a name goes (botocore's S3ControlArnParamHandlerv2). The ARN stays in
 * `Name` / `Bucket` for the rule set, which routes by it; the account it
 * names fills `AccountId`, which must agree with one the caller gave.
 * Other ARNs, FIPS pseudo-regions in the ARN, and accelerate endpoints are
 * refused up front.
 */
import type { Config } from "../../config/config.js";
import type { HandlerKwargs, RequestContext } from "../../events/event-names.js";
import { UnsupportedS3ControlArnError, UnsupportedS3ControlConfigurationError } from "../../exceptions.js";
import type { OperationInput } from "../../client/base-client.js";
import { type ArnParts, parseArn } from "../common/arn.js";

interface ArnDetails extends ArnParts {
  original: string;
  /** The resource split on `/` and `:`. */
  resources: string[];
}

function arnDetails(params: OperationInput, name: string): ArnDetails | undefined {
  const value = params[name];
  if (typeof value !== "string") return undefined;
  const parts = parseArn(value);
  if (parts === undefined) return undefined;
  return { ...parts, original: value, resources: parts.resource.split(/[/:]/) };
}

/** `outpost/<id>/<type>/<name>`: four parts with these two fixed words. */
function isOutpostResource(details: ArnDetails, type: "accesspoint" | "bucket"): boolean {
  if (details.service !== "s3-outposts" || details.resources.length !== 4) return false;
  return details.resources[0] === "outpost" && details.resources[2] === type;
}

function refuseFipsRegion(details: ArnDetails): void {
  // botocore tests endswith("fips-"), not "-fips"; kept as is.
  if (details.region.startsWith("fips-") || details.region.endsWith("fips-")) {
    throw new UnsupportedS3ControlArnError({ arn: details.original, msg: "Invalid ARN, FIPS region not allowed in ARN." });
  }
}

function refuseAccelerate(context: RequestContext): void {
  const s3 = (context.client_config as Config | undefined)?.s3 as { use_accelerate_endpoint?: unknown } | null | undefined;
  if (s3?.use_accelerate_endpoint) {
    throw new UnsupportedS3ControlConfigurationError({ msg: "S3 control client does not support accelerate endpoints" });
  }
}

function overrideAccountId(params: OperationInput, details: ArnDetails): void {
  const accountId = details.account;
  if (params.AccountId !== undefined && params.AccountId !== accountId) {
    throw new UnsupportedS3ControlArnError({
      arn: details.original,
      msg: `Account ID in arn does not match the AccountId parameter provided: "${String(params.AccountId)}"`,
    });
  }
  params.AccountId = accountId;
}

function handleArnParam(params: OperationInput, context: RequestContext, name: "Name" | "Bucket"): void {
  const details = arnDetails(params, name);
  if (details === undefined) return;
  refuseFipsRegion(details);
  refuseAccelerate(context);
  if (!isOutpostResource(details, name === "Name" ? "accesspoint" : "bucket")) {
    throw new UnsupportedS3ControlArnError({ arn: details.original, msg: `The ${name} parameter does not support the provided ARN` });
  }
  overrideAccountId(params, details);
}

/** Checks ARN-valued `Name` and `Bucket` parameters and takes `AccountId` from them. */
export function handleS3ControlArn({ params, model, context }: HandlerKwargs<"before-endpoint-resolution">): void {
  if (model.name === "CreateBucket" || model.name === "ListRegionalBuckets") {
    // These route by OutpostId, never by an ARN.
    if (params.OutpostId !== undefined) context.outpost_id = params.OutpostId;
    return;
  }
  // CreateAccessPoint's Name is the new access point's name, never an ARN to expand.
  if (model.name !== "CreateAccessPoint") handleArnParam(params, context, "Name");
  handleArnParam(params, context, "Bucket");
}
