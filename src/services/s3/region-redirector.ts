/**
 * Follow S3 to a bucket's own region (botocore's S3RegionRedirectorv2).
 * A request for a bucket in another region fails with a redirect, a
 * PermanentRedirect, an AuthorizationHeaderMalformed naming the region, or
 * (for HEAD requests, which have no body) a bare 301/400. The redirector
 * finds the bucket's region, resolves the endpoint again for it, retries
 * once at once, and remembers the region so later calls for the bucket go
 * straight there. Each client keeps its own memory, as in botocore.
 */
import type { BaseClient } from "../../client/base-client.js";
import type { HandlerKwargs, ParsedResponse } from "../../events/event-names.js";
import { validateRegionName } from "../../endpoints/resolver.js";
import { ClientError } from "../../exceptions.js";
import type { HttpResponse } from "../../http/http-response.js";
import type { OperationModel } from "../../models/service-model.js";
import { isArn } from "../common/arn.js";
import { switchEndpoint } from "../common/new-endpoint.js";
import { eventServiceId } from "../common/operations.js";

/** What the redirector keeps in the request context (`context.s3_redirect`). */
interface RedirectContext {
  redirected: boolean;
  bucket: unknown;
  params: Record<string, unknown>;
}

type Headers = Readonly<Record<string, string>>;

function headersOf(parsed: ParsedResponse): Headers {
  const metadata = parsed.ResponseMetadata as { HTTPHeaders?: Headers } | undefined;
  return metadata?.HTTPHeaders ?? {};
}

/** Whether an error response says the bucket lives in another region. */
function isRegionRedirect(http: HttpResponse | null, parsed: ParsedResponse, operation: OperationModel): boolean {
  const error = (parsed.Error ?? {}) as Record<string, unknown>;
  const code = error.Code;
  // HEAD responses have no body: a wrongly-signed HeadObject is a bare 400, a HeadBucket a 301/400 with the region header.
  const bareHeadError = code === "301" || code === "400";
  if (bareHeadError && operation.name === "HeadObject") return true;
  if (bareHeadError && operation.name === "HeadBucket" && "x-amz-bucket-region" in headersOf(parsed)) return true;
  if (code === "AuthorizationHeaderMalformed" && "Region" in error) return true;
  if (http !== null && (http.status_code === 301 || http.status_code === 302 || http.status_code === 307)) return true;
  if (code === "PermanentRedirect") return true;
  return code === "IllegalLocationConstraintException" && operation.name !== "CreateBucket";
}

/** The redirector of one client: its region cache and its three handlers. */
export class S3RegionRedirector {
  /** Bucket name → the region S3 said it is in. */
  readonly cache = new Map<unknown, string>();

  constructor(private readonly client: BaseClient) {}

  /** Keeps the bucket and parameters in the context for a later redirect. */
  annotateRequestContext({ params, context }: HandlerKwargs<"before-parameter-build">): void {
    const redirect: RedirectContext = { redirected: false, bucket: params.Bucket, params };
    context.s3_redirect = redirect;
  }

  /** Sends calls for a bucket seen in another region straight to that region. */
  redirectFromCache({ builtins, params }: HandlerKwargs<"before-endpoint-resolution">): void {
    const bucket = params.Bucket;
    if (bucket === undefined || bucket === null) return;
    const region = this.cache.get(bucket);
    if (region !== undefined) builtins["AWS::Region"] = region;
  }

  /** On a wrong-region error: learn the region, re-resolve the endpoint, and retry now (0 seconds). */
  async redirectFromError({ request_dict, response, operation }: HandlerKwargs<"needs-retry">): Promise<number | undefined> {
    // No response: the request failed in transport, nothing says where the bucket is.
    if (response === null || response === undefined) return undefined;
    const context = request_dict.context;
    const redirect = context.s3_redirect as RedirectContext | undefined;
    if (redirect === undefined || isArn(redirect.bucket) || redirect.redirected) return undefined;
    const [http, parsed] = response;
    if (!isRegionRedirect(http, parsed, operation)) return undefined;

    const bucket = redirect.bucket;
    const region = await this.bucketRegion(bucket, parsed);
    if (region === null || region === undefined) return undefined;
    this.cache.set(bucket, region);

    const resolver = this.client._runtime.endpointResolver();
    if (resolver === null) return undefined;
    // As botocore's resolver does, run the before-endpoint-resolution handlers (the cache now answers).
    const builtins: Record<string, unknown> = { ...resolver.builtins };
    const events = this.client.meta.events;
    const params = redirect.params;
    await events.emit(`before-endpoint-resolution.${eventServiceId(this.client)}`, { builtins, model: operation, params, context });
    const endpoint = resolver.construct_endpoint(operation, params, builtins as typeof resolver.builtins);
    request_dict.url = switchEndpoint(request_dict.url!, endpoint.url, false);
    redirect.redirected = true;
    if (endpoint.auth !== undefined) {
      context.auth_type = endpoint.auth.auth_type;
      context.signing = { ...((context.signing as object | undefined) ?? {}), ...endpoint.auth.signing };
    }
    return 0;
  }

  /** The region from the error's headers or body, else from a HeadBucket call. */
  private async bucketRegion(bucket: unknown, parsed: ParsedResponse): Promise<string | null | undefined> {
    let region: string | null | undefined = headersOf(parsed)["x-amz-bucket-region"];
    if (region === undefined) {
      const fromBody = (parsed.Error as { Region?: string } | undefined)?.Region;
      if (fromBody) region = fromBody;
    }
    if (region === undefined) {
      let headers: Headers;
      try {
        headers = headersOf(await this.client._make_api_call("HeadBucket", { Bucket: bucket }));
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        headers = headersOf(error.response);
      }
      region = headers["x-amz-bucket-region"] ?? null;
    }
    validateRegionName(region);
    return region;
  }
}
