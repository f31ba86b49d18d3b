/** `ResponseMetadata`, as boto3 puts it on every result and error response. */
export interface ResponseMetadata {
  RequestId?: string;
  HostId?: string;
  HTTPStatusCode: number;
  /** Response headers, lower-cased names, as botocore gives them. */
  HTTPHeaders: Record<string, string>;
  RetryAttempts: number;
  MaxAttemptsReached?: boolean;
}
