/**
 * The transport errors botocore's metadata fetchers retry
 * (`utils.RETRYABLE_HTTP_ERRORS`), and MetadataRetrievalError.
 */
import { ConnectionClosedError, ConnectTimeoutError, EndpointConnectionError, MetadataRetrievalError, ReadTimeoutError } from "../exceptions.js";

export { MetadataRetrievalError };

/** ReadTimeoutError, EndpointConnectionError, ConnectionClosedError, ConnectTimeoutError. */
export const RETRYABLE_HTTP_ERROR_CLASSES: readonly (abstract new (...args: never[]) => Error)[] = Object.freeze([
  ReadTimeoutError,
  EndpointConnectionError,
  ConnectionClosedError,
  ConnectTimeoutError,
]);
