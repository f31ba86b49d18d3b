/**
 * `boto3-ts/config`: the client configuration object (botocore.config.Config).
 *
 * @module boto3-ts/config
 */
export { Config, UNSIGNED } from "./config.js";
export type {
  ChecksumWhen,
  ConfigOptionName,
  ConfigOptions,
  DefaultsMode,
  ProxiesConfig,
  ResendAfterReadTimeout,
  RetriesConfig,
  RetryMode,
  S3Config,
} from "./config.js";
