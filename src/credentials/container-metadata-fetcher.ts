/**
 * Fetching credentials from a container credentials endpoint (botocore's
 * `ContainerMetadataFetcher`): ECS at 169.254.170.2 for relative URIs;
 * full URIs must be https, a loopback address, or one of the ECS / EKS
 * hosts. Each fetch makes up to 3 attempts, 2 seconds each, sleeping one
 * second after every failed attempt, as botocore does.
 */
import { BlockList, isIP } from "node:net";
import { MetadataRetrievalError, RETRYABLE_HTTP_ERROR_CLASSES } from "./metadata-errors.js";
import { PythonValueError } from "../config/python-text.js";
import { metadataRequest } from "./metadata-http.js";

/** Options of ContainerMetadataFetcher (for tests: a shorter sleep). */
export interface ContainerMetadataFetcherOptions {
  readonly sleep?: (seconds: number) => Promise<void>;
  readonly timeoutSeconds?: number;
}

const defaultSleep = (seconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** The scheme and hostname as Python's urlparse gives them: lower case, IPv6 without brackets, null when absent. */
export function urlparseHost(url: string): { scheme: string; hostname: string | null } {
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  const scheme = schemeMatch === null ? "" : schemeMatch[1]!.toLowerCase();
  const rest = schemeMatch === null ? url : url.slice(schemeMatch[0].length);
  if (!rest.startsWith("//")) return { scheme, hostname: null };
  const netloc = rest.slice(2).split(/[/?#]/, 1)[0]!;
  const hostPort = netloc.slice(netloc.lastIndexOf("@") + 1);
  let host: string;
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    host = close < 0 ? hostPort.slice(1) : hostPort.slice(1, close);
  } else {
    const colon = hostPort.indexOf(":");
    host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  }
  return { scheme, hostname: host === "" ? null : host.toLowerCase() };
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

// Python's ip_address(host).is_loopback: 127.0.0.0/8 and ::1 (an IPv4-mapped address is not).
function isLoopback(hostname: string): boolean {
  const family = isIP(hostname);
  if (family === 4) return LOOPBACK.check(hostname, "ipv4");
  return family === 6 && !hostname.includes(".") && LOOPBACK.check(hostname, "ipv6");
}

/** Reads container credentials JSON. */
export class ContainerMetadataFetcher {
  /** Seconds per attempt. */
  static readonly TIMEOUT_SECONDS = 2;
  /** Attempts per fetch. */
  static readonly RETRY_ATTEMPTS = 3;
  /** Seconds slept after a failed attempt. */
  static readonly SLEEP_TIME = 1;
  /** The ECS credentials endpoint relative URIs are resolved against. */
  static readonly IP_ADDRESS = "169.254.170.2";
  /** Hosts a plain-http full URI may name besides loopback addresses. */
  static readonly ALLOWED_HOSTS: readonly string[] = Object.freeze([
    "169.254.170.2",
    "169.254.170.23",
    "fd00:ec2::23",
    "localhost",
  ]);

  readonly #sleep: (seconds: number) => Promise<void>;
  readonly #timeout: number;

  constructor(options: ContainerMetadataFetcherOptions = {}) {
    this.#sleep = options.sleep ?? defaultSleep;
    this.#timeout = options.timeoutSeconds ?? ContainerMetadataFetcher.TIMEOUT_SECONDS;
  }

  /** The ECS endpoint URL for a relative URI. */
  full_url(relativeUri: string): string {
    return `http://${ContainerMetadataFetcher.IP_ADDRESS}${relativeUri}`;
  }

  /** Fetches JSON from a full URI after checking that its host is allowed (ValueError otherwise). */
  async retrieve_full_uri(fullUrl: string, headers?: Record<string, string>): Promise<unknown> {
    ContainerMetadataFetcher.validateAllowedUrl(fullUrl);
    return this.#retrieve(fullUrl, headers);
  }

  /** Fetches JSON from a relative URI on the ECS endpoint. */
  async retrieve_uri(relativeUri: string): Promise<unknown> {
    return this.#retrieve(this.full_url(relativeUri));
  }

  /** Throws botocore's ValueError unless the URL is https, loopback, or an allowed host. */
  static validateAllowedUrl(fullUrl: string): void {
    const { scheme, hostname } = urlparseHost(fullUrl);
    if (scheme === "https") return;
    if (hostname !== null && (isLoopback(hostname) || ContainerMetadataFetcher.ALLOWED_HOSTS.includes(hostname))) return;
    throw new PythonValueError(
      `Unsupported host '${hostname ?? "None"}'.  Can only retrieve metadata from a loopback address or one of these hosts: ${ContainerMetadataFetcher.ALLOWED_HOSTS.join(", ")}`,
    );
  }

  async #retrieve(fullUrl: string, extraHeaders?: Record<string, string>): Promise<unknown> {
    const headers = { Accept: "application/json", ...extraHeaders };
    let attempts = 0;
    for (;;) {
      try {
        return await this.#getResponse(fullUrl, headers);
      } catch (err) {
        if (!(err instanceof MetadataRetrievalError)) throw err;
        await this.#sleep(ContainerMetadataFetcher.SLEEP_TIME);
        attempts++;
        if (attempts >= ContainerMetadataFetcher.RETRY_ATTEMPTS) throw err;
      }
    }
  }

  async #getResponse(fullUrl: string, headers: Record<string, string>): Promise<unknown> {
    let response;
    try {
      response = await metadataRequest("GET", fullUrl, headers, this.#timeout);
    } catch (err) {
      if (RETRYABLE_HTTP_ERROR_CLASSES.some((cls) => err instanceof cls)) {
        throw new MetadataRetrievalError({
          error_msg: `Received error when attempting to retrieve container metadata: ${(err as Error).message}`,
        });
      }
      throw err;
    }
    if (response.status_code !== 200) {
      throw new MetadataRetrievalError({
        error_msg: `Received non 200 response ${response.status_code} from container metadata: ${response.text}`,
      });
    }
    try {
      return JSON.parse(response.text) as unknown;
    } catch {
      throw new MetadataRetrievalError({ error_msg: "Unable to parse JSON returned from container metadata services" });
    }
  }
}
