/**
 * Caches of fetched credentials and tokens, botocore's dict-like `cache`
 * objects: an in-memory one (what botocore's default chain uses for
 * assumed-role and SSO credentials) and `JSONFileCache`, one JSON file per
 * key in a directory (`~/.aws/sso/cache` for SSO tokens; the AWS CLI keeps
 * assumed-role credentials in `~/.aws/cli/cache`).
 */
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { formatUtcSeconds } from "./time.js";

/** A store of JSON values by key (botocore's `cache`: `in`, `[key]`, `[key] = value`). */
export interface CredentialCache {
  /** Whether a value is stored under `key`. */
  has(key: string): boolean;
  /** The value under `key` (a copy), or undefined when absent or unreadable. */
  get(key: string): unknown;
  /** Stores a copy of `value` under `key`. */
  set(key: string, value: unknown): void;
}

/** An in-memory cache; values are copied in and out, as botocore deep-copies them. */
export class MemoryCredentialCache implements CredentialCache {
  readonly #entries = new Map<string, unknown>();

  /** Whether a value is stored under `key`. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** A copy of the value under `key`. */
  get(key: string): unknown {
    return this.#entries.has(key) ? structuredClone(this.#entries.get(key)) : undefined;
  }

  /** Stores a copy of `value`. */
  set(key: string, value: unknown): void {
    this.#entries.set(key, structuredClone(value));
  }

  /** Only the number of entries: the values are credentials. */
  [inspect.custom](): string {
    return `MemoryCredentialCache(${this.#entries.size} entries)`;
  }

  toJSON(): Record<string, unknown> {
    return { entries: this.#entries.size };
  }
}

/** How a value is turned into file text (botocore's `dumps_func`). */
export type DumpsFunction = (value: unknown) => string;

/**
 * botocore's default dumps: dates as `%Y-%m-%dT%H:%M:%S%Z`, which Python
 * writes as "...UTC" for the UTC times AWS returns.
 */
export function defaultCacheDumps(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? `${formatUtcSeconds(raw).slice(0, -1)}UTC` : v;
  });
}

/**
 * A directory of `<key>.json` files (botocore.utils.JSONFileCache). Writes
 * go to a private temporary file that then replaces the target, so readers
 * never see half a file; the directory is created when first written.
 */
export class JSONFileCache implements CredentialCache {
  /** The directory holding the files. */
  readonly working_dir: string;
  readonly #dumps: DumpsFunction;

  constructor(workingDir: string, dumps: DumpsFunction = defaultCacheDumps) {
    this.working_dir = workingDir;
    this.#dumps = dumps;
  }

  /** Whether `<key>.json` is a file. */
  has(key: string): boolean {
    try {
      return statSync(this.#path(key)).isFile();
    } catch {
      return false;
    }
  }

  /** The parsed file, or undefined when it is missing or not JSON (botocore: KeyError). */
  get(key: string): unknown {
    try {
      return JSON.parse(readFileSync(this.#path(key), "utf8")) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Writes the value atomically, readable by the owner only. */
  set(key: string, value: unknown): void {
    const text = this.#dumps(value);
    mkdirSync(this.working_dir, { recursive: true });
    const temp = join(this.working_dir, `${randomBytes(6).toString("hex")}.tmp`);
    try {
      writeFileSync(temp, text, { mode: 0o600, flush: true });
      renameSync(temp, this.#path(key));
    } catch (err) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
      throw err;
    }
  }

  #path(key: string): string {
    return join(this.working_dir, `${key}.json`);
  }
}
