/**
 * The last guard between a secret and a log line. Code that logs never
 * passes secrets on purpose; every message is still scanned, when it is
 * emitted, for the shapes secrets take in text: the user:password part of a
 * URL (proxies, endpoints), and the value after a secret-bearing name
 * (`aws_secret_access_key = ...`, `"SessionToken": "..."`,
 * `X-Amz-Security-Token: ...`, `Authorization: AWS4-HMAC-SHA256 ...`,
 * `accessToken`, `refreshToken`, `clientSecret`, `password`, ...).
 */

/** What a secret is replaced with. */
export const REDACTED = "<redacted>";

// scheme://user:password@host -> scheme://<redacted>@host (as Config shows proxies).
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@'"]+@/g;

const SECRET_NAMES = [
  "aws_secret_access_key", "aws_session_token", "aws_security_token", "secret_access_key", "secretaccesskey",
  "secret_key", "secretkey", "session_token", "sessiontoken", "security_token", "x-amz-security-token",
  "accesstoken", "access_token", "refreshtoken", "refresh_token", "clientsecret", "client_secret", "id_token",
  "idtoken", "web_identity_token", "password", "passwd", "x-amz-signature",
  "authorization", "x-aws-ec2-metadata-token", "dpop", "credential_process_output",
].join("|");

// name, its closing quote if quoted, the separator, then the value: quoted, or up to a delimiter.
const NAMED_SECRET = new RegExp(
  `((?:^|[^A-Za-z0-9_-])["']?(?:${SECRET_NAMES})["']?\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s"',;&}\\]]+)`,
  "gi",
);

// An Authorization header's value runs to the end of the line or the closing quote.
const AUTHORIZATION = /((?:^|[^A-Za-z0-9_-])["']?authorization["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi;

/** The text with URL passwords and the values of secret-bearing names replaced by `<redacted>`. */
export function redactText(text: string): string {
  let out = text;
  if (out.includes("://")) out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
  if (/[:=]/.test(out)) {
    out = out.replace(AUTHORIZATION, `$1${REDACTED}`);
    out = out.replace(NAMED_SECRET, (_, head: string, value: string) => {
      if (value === REDACTED || value.startsWith(REDACTED)) return `${head}${value}`;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : "";
      return `${head}${quote}${REDACTED}${quote}`;
    });
  }
  return out;
}
