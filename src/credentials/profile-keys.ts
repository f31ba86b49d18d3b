/**
 * The keys both file-based providers read from a profile section:
 * aws_access_key_id, aws_secret_access_key, aws_security_token or
 * aws_session_token (present wins, even if empty), aws_account_id.
 */
import type { ConfigValue } from "../config/ini.js";
import { Credentials } from "./credentials.js";
import { extractCredentialKeys } from "./provider.js";

const TOKENS = ["aws_security_token", "aws_session_token"] as const;

function has(section: Readonly<Record<string, ConfigValue>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(section, key);
}

function text(value: ConfigValue | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Credentials from a profile section, or null when it has no aws_access_key_id. */
export function profileCredentials(method: string, section: Readonly<Record<string, ConfigValue>>): Credentials | null {
  if (!has(section, "aws_access_key_id")) return null;
  const [accessKey, secretKey] = extractCredentialKeys(method, section, "aws_access_key_id", "aws_secret_access_key");
  const tokenKey = TOKENS.find((key) => has(section, key));
  const token = tokenKey === undefined ? null : text(section[tokenKey]);
  return new Credentials(accessKey!, secretKey!, token, method, text(section["aws_account_id"]));
}
