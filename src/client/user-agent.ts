/**
 * The User-Agent header, in the SDK-wide format botocore uses
 * (`<sdk>/<version> ua/2.1 os/... lang/... cfg/retry-mode#... app/...`),
 * naming boto3-ts and Node instead of Boto3 and Python.
 */
import { arch, platform, release } from "node:os";

/** The package version, reported in User-Agent. */
export const BOTO3_TS_VERSION = "0.1.0";

let platformPart: string | undefined;

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9!#$%&'*+\-.^_`|~]/g, "-");
}

/** The header for a client: Config `user_agent` replaces the whole string; `user_agent_extra` and the app id are appended. */
export function userAgentFor(options: {
  userAgent?: string | null;
  userAgentExtra?: string | null;
  appId?: string | null;
  retryMode?: string | null;
}): string {
  if (options.userAgent) {
    return options.userAgentExtra ? `${options.userAgent} ${options.userAgentExtra}` : options.userAgent;
  }
  platformPart ??= `os/${sanitize(platform())}#${sanitize(release())} md/arch#${sanitize(arch())} lang/js md/nodejs#${sanitize(process.versions.node)}`;
  let out = `boto3-ts/${BOTO3_TS_VERSION} ua/2.1 ${platformPart}`;
  if (options.retryMode) out += ` cfg/retry-mode#${sanitize(options.retryMode)}`;
  if (options.appId) out += ` app/${sanitize(options.appId)}`;
  if (options.userAgentExtra) out += ` ${options.userAgentExtra}`;
  return out;
}
