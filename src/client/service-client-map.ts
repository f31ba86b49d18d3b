/**
 * Service name → client type. Empty here; the generated per-service type
 * declarations add to it by declaration merging, so `boto3.client("s3")`
 * returns the S3 client type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServiceClientMap {}
