/**
 * botocore's error hierarchy (`botocore.exceptions`), with its class names and
 * message templates, plus `ClientError` for service errors.
 *
 * `instanceof` works across duplicate copies of this package: every error is
 * stamped with the brand names of its class chain, and each class checks the
 * brand (as undici does) before falling back to the prototype chain.
 *
 * @module boto3-ts/exceptions
 */
import type { ResponseMetadata } from "./client/response-metadata.js";

const BRANDS = Symbol.for("boto3-ts.error-brands");
const brandCache = new WeakMap<Function, ReadonlySet<string>>();

/** The brand a class stamps on its instances; dynamic classes set `brand` themselves. */
function brandOf(cls: Function): string {
  const own = Object.prototype.hasOwnProperty.call(cls, "brand") ? (cls as { brand?: unknown }).brand : undefined;
  return typeof own === "string" ? own : `botocore.${cls.name}`;
}

function brandsFor(ctor: Function): ReadonlySet<string> {
  let brands = brandCache.get(ctor);
  if (brands === undefined) {
    const names = new Set<string>();
    for (let c: unknown = ctor; typeof c === "function" && c !== Error && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      names.add(brandOf(c as Function));
    }
    brands = names;
    brandCache.set(ctor, brands);
  }
  return brands;
}

function stamp(error: Error, ctor: Function): void {
  Object.defineProperty(error, BRANDS, { value: brandsFor(ctor), enumerable: false });
  Object.defineProperty(error, "name", { value: ctor.name, enumerable: false, writable: true, configurable: true });
}

function hasBrand(value: unknown, cls: Function): boolean {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  const brands = (value as { [BRANDS]?: ReadonlySet<string> })[BRANDS];
  if (brands !== undefined) return brands.has(brandOf(cls));
  return Function.prototype[Symbol.hasInstance].call(cls, value);
}

/** Renders a value the way Python's `str()` would inside botocore's messages. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  // Python's str(exc) is the exception's message.
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return String(value);
}

function pyRepr(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return pyStr(value);
}

/** Fills `{name}` placeholders as Python's `str.format(**kwargs)` does. */
export function formatMessage(fmt: string, kwargs: Readonly<Record<string, unknown>>): string {
  return fmt.replace(/\{(\w+)\}/g, (_, key: string) => pyStr(kwargs[key]));
}

/** The root of botocore's own errors (not service errors). */
export class BotoCoreError extends Error {
  /** The message template, with `{name}` placeholders filled from `kwargs`. */
  static fmt = "An unspecified error occurred";
  /** The values the message was built from, as botocore keeps them. */
  readonly kwargs: Readonly<Record<string, unknown>>;

  constructor(kwargs: Readonly<Record<string, unknown>> = {}, options?: { cause?: unknown }) {
    const ctor = new.target as typeof BotoCoreError;
    super(formatMessage(ctor.fmt, kwargs), options);
    this.kwargs = kwargs;
    stamp(this, ctor);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, this);
  }
}

/** A model attribute that the model does not define (botocore.exceptions.UndefinedModelAttributeError). */
export class UndefinedModelAttributeError extends Error {
  constructor(message: string) {
    super(message);
    stamp(this, new.target);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, this);
  }
}

/** The `Error` part of a service error response. */
export interface ErrorInfo {
  Code: string;
  Message: string;
  [field: string]: unknown;
}

/** What `ClientError.response` holds: the parsed error, its modeled fields and the response metadata. */
export interface ErrorResponse {
  Error: ErrorInfo;
  ResponseMetadata: ResponseMetadata;
  [field: string]: unknown;
}

/** An error returned by an AWS service (botocore.exceptions.ClientError). */
export class ClientError extends Error {
  /** The parsed error response: `Error.Code`, `Error.Message`, modeled fields, `ResponseMetadata`. */
  readonly response: ErrorResponse;
  /** The operation's model name, for example `GetObject`. */
  readonly operation_name: string;

  constructor(response: ErrorResponse, operationName: string, options?: { cause?: unknown }) {
    super(ClientError.messageFor(response, operationName), options);
    this.response = response;
    this.operation_name = operationName;
    stamp(this, new.target);
  }

  /** botocore's text: "An error occurred (Code) when calling the Op operation: Message". */
  static messageFor(response: Partial<ErrorResponse>, operationName: string): string {
    const error: Partial<ErrorInfo> = response.Error ?? {};
    const metadata = response.ResponseMetadata;
    const retryInfo =
      metadata?.MaxAttemptsReached && metadata.RetryAttempts !== undefined
        ? ` (reached max retries: ${metadata.RetryAttempts})`
        : "";
    const code = error.Code === undefined ? "Unknown" : pyStr(error.Code);
    const message = error.Message === undefined ? "Unknown" : pyStr(error.Message);
    return `An error occurred (${code}) when calling the ${operationName} operation${retryInfo}: ${message}`;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, this);
  }
}

/** An error delivered inside an event stream (botocore.exceptions.EventStreamError). */
export class EventStreamError extends ClientError {}

/** The class of a modeled service error, as found on `client.exceptions`. */
export type ClientErrorClass = new (response: ErrorResponse, operationName: string) => ClientError;

/** Makes the ClientError subclass for one modeled error code of one service. */
export function defineModeledError(serviceName: string, code: string): ClientErrorClass {
  const cls = { [code]: class extends ClientError {} }[code]!;
  Object.defineProperty(cls, "brand", { value: `ClientError:${serviceName}:${code}` });
  return cls;
}

export class ValidationError extends BotoCoreError {
  static override fmt = "Invalid value ('{value}') for param {param} of type {type_name} ";
}
export class AliasConflictParameterError extends ValidationError {
  static override fmt = "Parameter '{original}' and its alias '{alias}' were provided for operation {operation}.  Only one of them may be used.";
}
export class ApiVersionNotFoundError extends BotoCoreError {
  static override fmt = "Unable to load data {data_path} for: {api_version}";
}
export class AwsChunkedWrapperError extends BotoCoreError {
  static override fmt = "{error_msg}";
}
export class BaseEndpointResolverError extends BotoCoreError {}
export class CapacityNotAvailableError extends BotoCoreError {
  static override fmt = "Insufficient request capacity available.";
}
export class ChecksumError extends BotoCoreError {
  static override fmt = "Checksum {checksum_type} failed, expected checksum {expected_checksum} did not match calculated checksum {actual_checksum}.";
}
export class ConfigNotFound extends BotoCoreError {
  static override fmt = "The specified config file ({path}) could not be found.";
}
export class ConfigParseError extends BotoCoreError {
  static override fmt = "Unable to parse config file: {path}";
}
export class ConnectionError extends BotoCoreError {
  static override fmt = "An HTTP Client failed to establish a connection: {error}";
}
export class ConnectTimeoutError extends ConnectionError {
  static override fmt = "Connect timeout on endpoint URL: \"{endpoint_url}\"";
}
export class HTTPClientError extends BotoCoreError {
  static override fmt = "An HTTP Client raised an unhandled exception: {error}";
}
export class ConnectionClosedError extends HTTPClientError {
  static override fmt = "Connection was closed before we received a valid response from endpoint URL: \"{endpoint_url}\".";
}
export class CredentialRetrievalError extends BotoCoreError {
  static override fmt = "Error when retrieving credentials from {provider}: {error_msg}";
}
export class DataNotFoundError extends BotoCoreError {
  static override fmt = "Unable to load data for: {data_path}";
}
export class EndpointConnectionError extends ConnectionError {
  static override fmt = "Could not connect to the endpoint URL: \"{endpoint_url}\"";
}
export class EndpointProviderError extends BotoCoreError {
  static override fmt = "{msg}";
}
export class EndpointResolutionError extends EndpointProviderError {
  static override fmt = "{msg}";
}
export class EndpointVariantError extends BaseEndpointResolverError {
  static override fmt = "Unable to construct a modeled endpoint with the following variant(s) {tags}: ";
}
export class FlexibleChecksumError extends BotoCoreError {
  static override fmt = "{error_msg}";
}
export class IncompleteReadError extends BotoCoreError {
  static override fmt = "{actual_bytes} read, but total bytes expected is {expected_bytes}.";
}
export class InvalidConfigError extends BotoCoreError {
  static override fmt = "{error_msg}";
}
export class InfiniteLoopConfigError extends InvalidConfigError {
  static override fmt = "Infinite loop in credential configuration detected. Attempting to load from profile {source_profile} which has already been visited. Visited profiles: {visited_profiles}";
}
export class InvalidChecksumConfigError extends BotoCoreError {
  static override fmt = "Unsupported configuration value for {config_key}. Expected one of {valid_options} but got {config_value}.";
}
export class InvalidDNSNameError extends BotoCoreError {
  static override fmt = "Bucket named {bucket_name} is not DNS compatible. Virtual hosted-style addressing cannot be used. The addressing style can be configured by removing the addressing_style value or setting that value to 'path' or 'auto' in the AWS Config file or in the botocore.client.Config object.";
}
export class InvalidDefaultsMode extends BotoCoreError {
  static override fmt = "Client configured with invalid defaults mode: {mode}. Valid defaults modes include: {valid_modes}.";
}
export class InvalidEndpointConfigurationError extends BotoCoreError {
  static override fmt = "Invalid endpoint configuration: {msg}";
}
export class InvalidEndpointDiscoveryConfigurationError extends BotoCoreError {
  static override fmt = "Unsupported configuration value for endpoint_discovery_enabled. Expected one of (\"true\", \"false\", \"auto\") but got {config_value}.";
}
export class InvalidExpressionError extends BotoCoreError {
  static override fmt = "Invalid expression {expression}: Only dotted lookups are supported.";
}
export class InvalidHostLabelError extends BotoCoreError {
  static override fmt = "Invalid host label to be bound to the hostname of the endpoint: \"{label}\".";
}
export class InvalidIMDSEndpointError extends BotoCoreError {
  static override fmt = "Invalid endpoint EC2 Instance Metadata endpoint: {endpoint}";
}
export class InvalidIMDSEndpointModeError extends BotoCoreError {
  static override fmt = "Invalid EC2 Instance Metadata endpoint mode: {mode} Valid endpoint modes (case-insensitive): {valid_modes}.";
}
export class InvalidRetryConfigurationError extends BotoCoreError {
  static override fmt = "Cannot provide retry configuration for \"{retry_config_option}\". Valid retry configuration options are: {valid_options}";
}
export class InvalidMaxRetryAttemptsError extends InvalidRetryConfigurationError {
  static override fmt = "Value provided to \"max_attempts\": {provided_max_attempts} must be an integer greater than or equal to {min_value}.";
}
export class InvalidProxiesConfigError extends BotoCoreError {
  static override fmt = "Invalid configuration value(s) provided for proxies_config.";
}
export class InvalidRegionError extends ValidationError {
  static override fmt = "Provided region_name '{region_name}' doesn't match a supported format.";
}
export class InvalidRetryModeError extends InvalidRetryConfigurationError {
  static override fmt = "Invalid value provided to \"mode\": \"{provided_retry_mode}\" must be one of: {valid_modes}";
}
export class InvalidS3AddressingStyleError extends BotoCoreError {
  static override fmt = "S3 addressing style {s3_addressing_style} is invalid. Valid options are: 'auto', 'virtual', and 'path'";
}
export class InvalidS3UsEast1RegionalEndpointConfigError extends BotoCoreError {
  static override fmt = "S3 us-east-1 regional endpoint option {s3_us_east_1_regional_endpoint_config} is invalid. Valid options are: \"legacy\", \"regional\"";
}
export class InvalidSTSRegionalEndpointsConfigError extends BotoCoreError {
  static override fmt = "STS regional endpoints option {sts_regional_endpoints_config} is invalid. Valid options are: \"legacy\", \"regional\"";
}
export class LoginError extends BotoCoreError {
  static override fmt = "An unspecified error happened when resolving AWS credentials or refreshing a login session profile.";
}
export class LoginAuthorizationCodeError extends LoginError {
  static override fmt = "Error loading or redeeming a login authorization code: {error_msg} ";
}
export class LoginInsufficientPermissions extends LoginError {
  static override fmt = "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action.";
}
export class LoginRefreshRequired extends LoginError {
  static override fmt = "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.";
}
export class LoginTokenLoadError extends LoginError {
  static override fmt = "Error loading login session token: {error_msg}";
}
export class MD5UnavailableError extends BotoCoreError {
  static override fmt = "This system does not support MD5 generation.";
}
export class MetadataRetrievalError extends BotoCoreError {
  static override fmt = "Error retrieving metadata: {error_msg}";
}
export class MissingDependencyException extends BotoCoreError {
  static override fmt = "Missing Dependency: {msg}";
}
export class MissingParametersError extends BotoCoreError {
  static override fmt = "The following required parameters are missing for {object_name}: {missing}";
}
export class MissingServiceIdError extends UndefinedModelAttributeError {
  constructor(kwargs: { service_name?: unknown }) {
    super(formatMessage("The model being used for the service {service_name} is missing the serviceId metadata property, which is required.", kwargs));
  }
}
export class NoCredentialsError extends BotoCoreError {
  static override fmt = "Unable to locate credentials";
}
export class NoRegionError extends BaseEndpointResolverError {
  static override fmt = "You must specify a region.";
}
export class OperationNotPageableError extends BotoCoreError {
  static override fmt = "Operation cannot be paginated: {operation_name}";
}
export class PaginationError extends BotoCoreError {
  static override fmt = "Error during pagination: {message}";
}
export class ParamValidationError extends BotoCoreError {
  static override fmt = "Parameter validation failed:\n{report}";
}
export class PartialCredentialsError extends BotoCoreError {
  static override fmt = "Partial credentials found in {provider}, missing: {cred_var}";
}
export class ProfileNotFound extends BotoCoreError {
  static override fmt = "The config profile ({profile}) could not be found";
}
export class ProxyConnectionError extends ConnectionError {
  static override fmt = "Failed to connect to proxy URL: \"{proxy_url}\"";
}
export class RangeError extends ValidationError {
  static override fmt = "Value out of range for param {param}: {min_value} <= {value} <= {max_value}";
}
export class ReadTimeoutError extends HTTPClientError {
  static override fmt = "Read timeout on endpoint URL: \"{endpoint_url}\"";
}
export class RefreshWithMFAUnsupportedError extends BotoCoreError {
  static override fmt = "Cannot refresh credentials: MFA token required.";
}
export class ResponseStreamingError extends HTTPClientError {
  static override fmt = "An error occurred while reading from response stream: {error}";
}
export class SSLError extends ConnectionError {
  static override fmt = "SSL validation failed for {endpoint_url} {error}";
}
export class SSOError extends BotoCoreError {
  static override fmt = "An unspecified error happened when resolving AWS credentials or an access token from SSO.";
}
export class SSOTokenLoadError extends SSOError {
  static override fmt = "Error loading SSO Token: {error_msg}";
}
export class ServiceNotInRegionError extends BotoCoreError {
  static override fmt = "Service {service_name} not available in region {region_name}";
}
export class StubResponseError extends BotoCoreError {
  static override fmt = "Error getting response stub for operation {operation_name}: {reason}";
}
export class StubAssertionError extends StubResponseError {}
export class TokenRetrievalError extends BotoCoreError {
  static override fmt = "Error when retrieving token from {provider}: {error_msg}";
}
export class UnStubbedResponseError extends StubResponseError {}
export class UnauthorizedSSOTokenError extends SSOError {
  static override fmt = "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.";
}
export class UnknownClientMethodError extends BotoCoreError {
  static override fmt = "Client does not have method: {method_name}";
}
export class UnknownCredentialError extends BotoCoreError {
  static override fmt = "Credential named {name} not found.";
}
export class UnknownEndpointError extends BaseEndpointResolverError {
  static override fmt = "Unable to construct an endpoint for {service_name} in region {region_name}";
}
export class UnknownEndpointResolutionBuiltInName extends EndpointProviderError {
  static override fmt = "Unknown builtin variable name: {name}";
}
export class UnknownFIPSEndpointError extends BaseEndpointResolverError {
  static override fmt = "The provided FIPS pseudo-region \"{region_name}\" is not known for the service \"{service_name}\". A FIPS compliant endpoint cannot be constructed.";
}
export class UnknownKeyError extends ValidationError {
  static override fmt = "Unknown key '{value}' for param '{param}'.  Must be one of: {choices}";
}
export class UnknownParameterError extends ValidationError {
  static override fmt = "Unknown parameter '{name}' for operation {operation}.  Must be one of: {choices}";
}
export class UnknownRegionError extends BotoCoreError {
  static override fmt = "Unknown region: '{region_name}'. {error_msg}";
}
export class UnknownServiceError extends DataNotFoundError {
  static override fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}";
}
export class UnknownServiceStyle extends BotoCoreError {
  static override fmt = "The service style ({service_style}) is not understood.";
}
export class UnknownSignatureVersionError extends BotoCoreError {
  static override fmt = "Unknown Signature Version: {signature_version}.";
}
export class UnseekableStreamError extends BotoCoreError {
  static override fmt = "Need to rewind the stream {stream_object}, but stream is not seekable.";
}
export class UnsupportedOutpostResourceError extends BotoCoreError {
  static override fmt = "S3 Outpost ARN resource \"{resource_name}\" provided to \"Bucket\" parameter is invalid. Only ARNs for S3 Outpost arns with an access-point sub-resource are supported.";
}
export class UnsupportedS3AccesspointConfigurationError extends BotoCoreError {
  static override fmt = "Unsupported configuration when using S3 access-points: {msg}";
}
export class UnsupportedS3ArnError extends BotoCoreError {
  static override fmt = "S3 ARN {arn} provided to \"Bucket\" parameter is invalid. Only ARNs for S3 access-points are supported.";
}
export class UnsupportedS3ConfigurationError extends BotoCoreError {
  static override fmt = "Unsupported configuration when using S3: {msg}";
}
export class UnsupportedS3ControlArnError extends BotoCoreError {
  static override fmt = "S3 ARN \"{arn}\" provided is invalid for this operation. {msg}";
}
export class UnsupportedS3ControlConfigurationError extends BotoCoreError {
  static override fmt = "Unsupported configuration when using S3 Control: {msg}";
}
export class UnsupportedServiceProtocolsError extends BotoCoreError {
  static override fmt = "Botocore supports {botocore_supported_protocols}, but service {service} only supports {service_supported_protocols}.";
}
export class UnsupportedSignatureVersionError extends BotoCoreError {
  static override fmt = "Signature version(s) are not supported: {signature_version}";
}
export class WaiterConfigError extends BotoCoreError {
  static override fmt = "Error processing waiter config: {error_msg}";
}
export class WaiterError extends BotoCoreError {
  static override fmt = "Waiter {name} failed: {reason}";
}

/** A response body that cannot be parsed (botocore.parsers.ResponseParserError). */
export class ResponseParserError extends BotoCoreError {
  static override fmt = "{message}";

  constructor(message: string, options?: { cause?: unknown }) {
    super({ message }, options);
  }
}

/** A part of boto3 that boto3-ts does not provide yet; the message names it. */
export class NotYetImplementedError extends BotoCoreError {
  static override fmt = "{feature} is not available in boto3-ts yet.";
}
