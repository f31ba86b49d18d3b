/**
 * Role credentials from the EC2 instance metadata service (botocore's
 * `IMDSFetcher` and `InstanceMetadataFetcher`).
 *
 * IMDSv2 first: a PUT for a session token (TTL 21600 s). A 403, 404 or 405,
 * a read timeout, or running out of attempts falls back to IMDSv1 (no token)
 * unless `ec2_metadata_v1_disabled` is set, which is then a
 * MetadataRetrievalError; a 400 gives up. Then the role name, then the
 * role's credentials, each retried on errors, non-200 answers and empty or
 * (for credentials) non-JSON bodies, up to `metadata_service_num_attempts`
 * times, each attempt bounded by `metadata_service_timeout` seconds.
 * AWS_EC2_METADATA_DISABLED=true stops everything before any request.
 *
 * When the service hands out credentials that are about to expire or have
 * expired (it does during an outage), their expiry is pushed 17 to 25
 * minutes into the future, so that the SDK keeps working and retries later
 * (botocore's static stability).
 */
import type { Env } from "../config/paths.js";
import { HTTPClientError, InvalidIMDSEndpointError } from "../exceptions.js";
import { MetadataRetrievalError, RETRYABLE_HTTP_ERROR_CLASSES } from "./metadata-errors.js";
import { metadataRequest } from "./metadata-http.js";
import type { MetadataResponse } from "./metadata-http.js";
import { ReadTimeoutError } from "../exceptions.js";
import { formatUtcSeconds } from "./time.js";

/** The IPv4 instance metadata endpoint. */
export const METADATA_BASE_URL = "http://169.254.169.254/";
/** The IPv6 instance metadata endpoint. */
export const METADATA_BASE_URL_IPV6 = "http://[fd00:ec2::254]/";

const TOKEN_PATH = "latest/api/token";
const TOKEN_TTL = "21600";
const CREDENTIALS_PATH = "latest/meta-data/iam/security-credentials/";
const REQUIRED_FIELDS = ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"] as const;

/** The settings from the session (see imds-settings.ts). */
export interface InstanceMetadataFetcherOptions {
  /** Seconds per request (connect and read). */
  readonly timeout?: number;
  readonly num_attempts?: number;
  /** The environment; AWS_EC2_METADATA_DISABLED is read when the fetcher is created. */
  readonly env: Env;
  readonly ec2_metadata_service_endpoint?: string | undefined;
  readonly ec2_metadata_service_endpoint_mode?: "ipv4" | "ipv6";
  readonly ec2_metadata_v1_disabled?: boolean;
  /** Seconds added (with 2–10 minutes of jitter) to stale credentials' expiry; botocore's chain uses 15 minutes. */
  readonly ec2_credential_refresh_window?: number;
  readonly user_agent?: string;
  /** The current time, for tests. */
  readonly time_fetcher?: () => Date;
  /** A random integer in [low, high], for tests. */
  readonly random_int?: (low: number, high: number) => number;
}

/** What a successful fetch returns. */
export interface InstanceMetadataCredentials {
  role_name: string;
  access_key: string;
  secret_key: string;
  token: string;
  expiry_time: string;
}

class RetriesExceeded extends Error {}
class BadIMDSRequest extends Error {}

// botocore's is_valid_uri: a hostname of DNS labels or an IP, or a bracketed IPv6 address.
const HOST_LABELS = /^((?!-)[A-Z\d-]{1,63}(?<!-)\.)*((?!-)[A-Z\d-]{1,63}(?<!-))$/i;
const UNSAFE_URL_CHARS = /[\t\r\n]/;

/** botocore's `is_valid_uri` for the metadata endpoint. */
export function isValidMetadataUri(url: string): boolean {
  if (UNSAFE_URL_CHARS.test(url)) return false;
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  if (match === null) return false;
  const hostPort = match[1]!.slice(match[1]!.lastIndexOf("@") + 1);
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    return close > 1 && /^[0-9a-f:.]+(%[\w.-]+)?$/i.test(hostPort.slice(1, close));
  }
  let host = hostPort.split(":", 1)[0]!;
  if (host === "" || host.length > 255) return false;
  if (host.endsWith(".")) host = host.slice(0, -1);
  return HOST_LABELS.test(host);
}

/** The base URL: a configured endpoint, else the IPv6 or IPv4 address (InvalidIMDSEndpointError when malformed). */
export function selectMetadataBaseUrl(endpoint: string | undefined, mode: "ipv4" | "ipv6" | undefined): string {
  const chosen = endpoint ? endpoint : mode === "ipv6" ? METADATA_BASE_URL_IPV6 : METADATA_BASE_URL;
  if (!isValidMetadataUri(chosen)) throw new InvalidIMDSEndpointError({ endpoint: chosen });
  return chosen;
}

/** Fetches the instance's role credentials. */
export class InstanceMetadataFetcher {
  readonly #baseUrl: string;
  readonly #timeout: number;
  readonly #attempts: number;
  readonly #disabled: boolean;
  readonly #v1Disabled: boolean;
  readonly #refreshWindow: number;
  readonly #userAgent: string | undefined;
  readonly #now: () => Date;
  readonly #randomInt: (low: number, high: number) => number;

  constructor(options: InstanceMetadataFetcherOptions) {
    this.#timeout = options.timeout ?? 1;
    this.#attempts = options.num_attempts ?? 1;
    this.#baseUrl = selectMetadataBaseUrl(options.ec2_metadata_service_endpoint, options.ec2_metadata_service_endpoint_mode);
    this.#disabled = (options.env["AWS_EC2_METADATA_DISABLED"] ?? "false").toLowerCase() === "true";
    this.#v1Disabled = options.ec2_metadata_v1_disabled ?? false;
    this.#refreshWindow = options.ec2_credential_refresh_window ?? 10 * 60;
    this.#userAgent = options.user_agent;
    this.#now = options.time_fetcher ?? (() => new Date());
    this.#randomInt = options.random_int ?? ((low, high) => low + Math.floor(Math.random() * (high - low + 1)));
  }

  /** The endpoint requests go to. */
  get_base_url(): string {
    return this.#baseUrl;
  }

  /** Whether AWS_EC2_METADATA_DISABLED was "true" (any case) when the fetcher was made. */
  get disabled(): boolean {
    return this.#disabled;
  }

  /**
   * The role's credentials, or null when the service cannot be reached or
   * gives none. MetadataRetrievalError when only IMDSv1 would work and it is disabled.
   */
  async retrieve_iam_role_credentials(): Promise<InstanceMetadataCredentials | null> {
    try {
      const token = await this.#fetchToken();
      const roleName = (await this.#get(CREDENTIALS_PATH, (r) => this.#nonOk(r) || this.#empty(r), token)).text;
      const response = await this.#get(
        CREDENTIALS_PATH + roleName,
        (r) => this.#nonOk(r) || this.#empty(r) || this.#invalidJson(r),
        token,
      );
      const credentials = JSON.parse(response.text) as Record<string, unknown>;
      // A 200 can carry an error document ({"Code": ..., "Message": ...}) instead.
      if (credentials === null || typeof credentials !== "object" || REQUIRED_FIELDS.some((f) => !(f in credentials))) return null;
      const found: InstanceMetadataCredentials = {
        role_name: roleName,
        access_key: String(credentials["AccessKeyId"]),
        secret_key: String(credentials["SecretAccessKey"]),
        token: String(credentials["Token"]),
        expiry_time: String(credentials["Expiration"]),
      };
      this.#extendIfStale(found);
      return found;
    } catch (err) {
      if (err instanceof RetriesExceeded || err instanceof BadIMDSRequest) return null;
      throw err;
    }
  }

  #url(path: string): string {
    return this.#baseUrl.endsWith("/") ? this.#baseUrl + path : `${this.#baseUrl}/${path}`;
  }

  #headers(extra: Record<string, string>): Record<string, string> {
    return this.#userAgent === undefined ? extra : { ...extra, "User-Agent": this.#userAgent };
  }

  async #fetchToken(): Promise<string | null> {
    if (this.#disabled) throw new RetriesExceeded();
    const url = this.#url(TOKEN_PATH);
    const headers = this.#headers({ "x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL });
    for (let i = 0; i < this.#attempts; i++) {
      try {
        const response = await metadataRequest("PUT", url, headers, this.#timeout);
        if (response.status_code === 200) return response.text;
        if ([404, 403, 405].includes(response.status_code)) return null;
        if (response.status_code === 400) throw new BadIMDSRequest();
      } catch (err) {
        // A read timeout means no IMDSv2 here (botocore stops trying and uses v1).
        if (err instanceof ReadTimeoutError) return null;
        if (RETRYABLE_HTTP_ERROR_CLASSES.some((cls) => err instanceof cls)) continue;
        if (err instanceof HTTPClientError && err.cause instanceof TypeError) {
          throw new InvalidIMDSEndpointError({ endpoint: url, error: err });
        }
        throw err;
      }
    }
    return null;
  }

  async #get(path: string, needsRetry: (r: MetadataResponse) => boolean, token: string | null): Promise<MetadataResponse> {
    if (this.#disabled) throw new RetriesExceeded();
    if (!token && this.#v1Disabled) {
      throw new MetadataRetrievalError({
        error_msg: "Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled",
      });
    }
    const url = this.#url(path);
    const headers = this.#headers(token !== null ? { "x-aws-ec2-metadata-token": token } : {});
    for (let i = 0; i < this.#attempts; i++) {
      try {
        const response = await metadataRequest("GET", url, headers, this.#timeout);
        if (!needsRetry(response)) return response;
      } catch (err) {
        if (!RETRYABLE_HTTP_ERROR_CLASSES.some((cls) => err instanceof cls)) throw err;
      }
    }
    throw new RetriesExceeded();
  }

  #nonOk(response: MetadataResponse): boolean {
    return response.status_code !== 200;
  }

  #empty(response: MetadataResponse): boolean {
    return response.content.length === 0;
  }

  #invalidJson(response: MetadataResponse): boolean {
    try {
      JSON.parse(response.text);
      return false;
    } catch {
      return true;
    }
  }

  // Credentials within the refresh window (plus 2–10 minutes of jitter) of
  // their expiry get a new expiry that far from now; an unparseable expiry is left alone.
  #extendIfStale(credentials: InstanceMetadataCredentials): void {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(credentials.expiry_time);
    if (match === null) return;
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    const expiration = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    const offsetMs = (this.#refreshWindow + this.#randomInt(120, 600)) * 1000;
    const now = this.#now().getTime();
    if (now >= expiration - offsetMs) credentials.expiry_time = formatUtcSeconds(new Date(now + offsetMs));
  }
}
