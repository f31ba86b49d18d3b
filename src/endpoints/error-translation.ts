/**
 * Rule-set errors that botocore reports as its older, more specific
 * exceptions (regions.py `ruleset_error_to_botocore_exception`), recognised
 * by their message text.
 */
import {
  type BotoCoreError,
  InvalidEndpointConfigurationError,
  InvalidHostLabelError,
  ParamValidationError,
  UnsupportedS3AccesspointConfigurationError,
  UnsupportedS3ConfigurationError,
  UnsupportedS3ControlArnError,
  UnsupportedS3ControlConfigurationError,
} from "../exceptions.js";

const S3_ACCESSPOINT_PREFIXES = [
  "S3 Outposts does not support",
  "S3 MRAP does not support",
  "S3 Object Lambda does not support",
  "Access Points do not support",
  "Invalid configuration:",
  "Client was configured for partition",
];

/**
 * The botocore exception for a rule-set error message, or undefined when
 * the rule-set error itself is what botocore raises.
 */
export function translateRulesetError(
  message: unknown,
  serviceName: string,
  params: Readonly<Record<string, unknown>>,
  cause: unknown,
): BotoCoreError | undefined {
  if (typeof message !== "string") return undefined;
  const options = { cause };
  if (message.startsWith("Invalid region in ARN: ")) {
    // e.g. "Invalid region in ARN: `us-we$t-2` (invalid DNS name)"
    const quoted = message.split("`");
    return new InvalidHostLabelError({ label: quoted.length > 1 ? quoted[1] : message }, options);
  }
  if (serviceName === "s3") {
    if (message === "S3 Object Lambda does not support S3 Accelerate" || message === "Accelerate cannot be used with FIPS") {
      return new UnsupportedS3ConfigurationError({ msg: message }, options);
    }
    if (S3_ACCESSPOINT_PREFIXES.some((prefix) => message.startsWith(prefix))) {
      return new UnsupportedS3AccesspointConfigurationError({ msg: message }, options);
    }
    if (message.toLowerCase().startsWith("invalid arn:")) return new ParamValidationError({ report: message }, options);
  }
  if (serviceName === "s3control") {
    if (message.startsWith("Invalid ARN:")) return new UnsupportedS3ControlArnError({ arn: params.Bucket, msg: message }, options);
    if (message.startsWith("Invalid configuration:") || message.startsWith("Client was configured for partition")) {
      return new UnsupportedS3ControlConfigurationError({ msg: message }, options);
    }
    if (message === "AccountId is required but not set") return new ParamValidationError({ report: message }, options);
  }
  if (serviceName === "events") {
    if (
      message.startsWith("Invalid Configuration: FIPS is not supported with EventBridge multi-region endpoints.") ||
      message === "EndpointId must be a valid host label."
    ) {
      return new InvalidEndpointConfigurationError({ msg: message }, options);
    }
  }
  return undefined;
}
