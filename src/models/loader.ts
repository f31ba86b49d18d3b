/**
 * The data loader (botocore.loaders.Loader): finds `<service>/<api-version>/<type>.json[.gz]`
 * along a search path, merges `*.sdk-extras.json`, and loads root files
 * such as `partitions.json` and `_retry.json`.
 *
 * Search order is botocore's: each `AWS_DATA_PATH` entry, `~/.aws/models`,
 * the built-in botocore data, then boto3's data (boto3 appends it). Parsed
 * files are cached per process by absolute path, so every client and session
 * shares one copy of each model.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { DataNotFoundError, UnknownServiceError } from "../exceptions.js";

/** The package's built-in data directory, assembled by `npm install` (scripts/build-data.mjs). */
export const BUILTIN_DATA_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "data");
/** botocore's data, inside the built-in directory. */
export const BUILTIN_DATA_PATH = join(BUILTIN_DATA_ROOT, "botocore");
/** boto3's data (resources-1.json), inside the built-in directory. */
export const BOTO3_DATA_PATH = join(BUILTIN_DATA_ROOT, "boto3");
/** endpoints.json split by service at build time (see scripts/build-data.mjs). */
export const BUILTIN_ENDPOINTS_PATH = join(BUILTIN_DATA_ROOT, "endpoints");

/** Parses a JSON file of the built-in data (cached per process like every data file). */
export function loadBuiltinJson(path: string): unknown {
  return parseFile(path);
}

const EXTENSIONS = [".json", ".json.gz"] as const;

/** A service model's metadata and operation names (`service-2.summary.json`). */
export interface ServiceSummary {
  readonly metadata: Record<string, unknown>;
  readonly operations: readonly string[];
  /** boto3's method name of each operation, in the same order. */
  readonly methods?: readonly string[];
  /** Operations that have a trait, by trait path (e.g. `httpChecksum.requestValidationModeMember`). */
  readonly traits?: Readonly<Record<string, readonly string[]>>;
}

/** What the build recorded about the data it assembled. */
export interface DataManifest {
  botocore_version: string;
  boto3_version: string | null;
  index: { botocore: DirectoryIndex; boto3: DirectoryIndex };
}
/** service → api version → file names. */
type DirectoryIndex = Record<string, Record<string, string[]>>;

let manifest: DataManifest | null | undefined;

/** The build manifest, or null when the data directory was not built. */
export function dataManifest(): DataManifest | null {
  if (manifest === undefined) {
    try {
      manifest = JSON.parse(readFileSync(join(BUILTIN_DATA_ROOT, "manifest.json"), "utf8")) as DataManifest;
    } catch {
      manifest = null;
    }
  }
  return manifest;
}

const parsedFiles = new Map<string, unknown>();

/** Reads and parses one JSON or gzipped JSON file, once per process. */
function parseFile(path: string): unknown {
  let data = parsedFiles.get(path);
  if (data === undefined) {
    const bytes = readFileSync(path);
    const text = path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
    data = JSON.parse(text);
    parsedFiles.set(path, data);
  }
  return data;
}

/** Deep copy of plain JSON data, so a merge never alters the shared cached copy. */
function clone<T>(value: T): T {
  return structuredClone(value);
}

/** botocore.utils.deep_merge: keys of `extra` win; dicts present on both sides merge. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const key of Object.keys(extra)) {
    const a = base[key];
    const b = extra[key];
    if (isPlainObject(a) && isPlainObject(b)) deepMerge(a, b);
    else base[key] = b;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function expandPath(path: string): string {
  let out = path.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a?: string, b?: string) => process.env[(a ?? b)!] ?? m);
  if (out === "~" || out.startsWith("~/")) out = join(homedir(), out.slice(1));
  return out;
}

/** Loads model data along a search path, as botocore's Loader does. */
export class Loader {
  /** The directories searched, first match wins. */
  readonly search_paths: string[];
  private readonly cache = new Map<string, unknown>();
  private readonly listings = new Map<string, string[]>();

  constructor(options: { extraSearchPaths?: readonly string[]; includeDefaultSearchPaths?: boolean } = {}) {
    this.search_paths = [...(options.extraSearchPaths ?? [])];
    if (options.includeDefaultSearchPaths !== false) {
      this.search_paths.push(join(homedir(), ".aws", "models"), BUILTIN_DATA_PATH);
    }
  }

  /** botocore.loaders.create_loader: `data_path` is an os.pathsep-separated list. */
  static fromDataPath(dataPath: string | undefined | null): Loader {
    if (!dataPath) return new Loader();
    return new Loader({ extraSearchPaths: dataPath.split(delimiter).map(expandPath) });
  }

  /** Services that have a `<type_name>` file in any API version on the search path, sorted. */
  list_available_services(typeName: string): string[] {
    const key = `services:${typeName}`;
    const hit = this.cache.get(key) as string[] | undefined;
    if (hit) return hit;
    const services = new Set<string>();
    for (const base of this.existingSearchPaths()) {
      for (const service of this.listDir(base)) {
        for (const version of this.listDir(join(base, service))) {
          if (this.fileExists(base, service, version, typeName)) {
            services.add(service);
            break;
          }
        }
      }
    }
    const sorted = [...services].sort();
    this.cache.set(key, sorted);
    return sorted;
  }

  /** API versions of `service` that have a `<type_name>` file, sorted. */
  list_api_versions(service: string, typeName: string): string[] {
    const key = `versions:${service}:${typeName}`;
    const hit = this.cache.get(key) as string[] | undefined;
    if (hit) return hit;
    const versions = new Set<string>();
    for (const base of this.existingSearchPaths()) {
      for (const version of this.listDir(join(base, service))) {
        if (this.fileExists(base, service, version, typeName)) versions.add(version);
      }
    }
    if (versions.size === 0) throw new DataNotFoundError({ data_path: service });
    const sorted = [...versions].sort();
    this.cache.set(key, sorted);
    return sorted;
  }

  /** The newest API version of `service` with a `<type_name>` file. */
  determine_latest_version(service: string, typeName: string): string {
    const versions = this.list_api_versions(service, typeName);
    return versions[versions.length - 1]!;
  }

  /**
   * Loads `<service>/<api_version>/<type_name>` with its sdk-extras merged.
   * The result is shared: callers must not modify it.
   */
  load_service_model(service: string, typeName: string, apiVersion?: string | null): unknown {
    const key = `model:${service}:${typeName}:${apiVersion ?? ""}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fullPath = this.servicePath(service, typeName, apiVersion);
    const [data, path] = this.load_data_with_path(fullPath);
    let model = data;
    const extrasName = `${fullPath}.sdk-extras`;
    const extrasPath = this.tryLocate(extrasName);
    // The build merged the built-in extras into the compiled built-in models already.
    const alreadyMerged = extrasPath !== undefined && path.endsWith(".json") && this.is_builtin_path(path) && this.is_builtin_path(extrasPath);
    if (extrasPath !== undefined && !alreadyMerged) {
      const extras = this.load_data(extrasName);
      if (isPlainObject(extras) && isPlainObject(extras.merge) && isPlainObject(model)) {
        model = clone(model);
        deepMerge(model as Record<string, unknown>, extras.merge);
      }
    }
    this.cache.set(key, model);
    return model;
  }

  /**
   * What creating a client needs of a service model — its metadata and
   * operation names — when the built-in data has it precomputed (see
   * scripts/build-data.mjs); undefined otherwise (then load the model).
   */
  load_service_summary(service: string, typeName: string, apiVersion?: string | null): ServiceSummary | undefined {
    const fullPath = this.servicePath(service, typeName, apiVersion);
    const path = this.locate_data(fullPath);
    if (!path.endsWith(".json") || !this.is_builtin_path(path)) return undefined;
    const summary = path.slice(0, -".json".length) + ".summary.json";
    return this.isFile(summary) ? (parseFile(summary) as ServiceSummary) : undefined;
  }

  /** `<service>/<version>/<type>` for the requested or newest version; UnknownServiceError for an unknown service. */
  private servicePath(service: string, typeName: string, apiVersion?: string | null): string {
    let version = apiVersion;
    if (version === undefined || version === null) {
      try {
        version = this.determine_latest_version(service, typeName);
      } catch (err) {
        if (!(err instanceof DataNotFoundError)) throw err;
        // Listing every service is needed only for the error message.
        const known = this.list_available_services(typeName);
        throw new UnknownServiceError({ service_name: service, known_service_names: known.join(", ") });
      }
    } else if (!this.list_available_services(typeName).includes(service)) {
      const known = this.list_available_services(typeName);
      throw new UnknownServiceError({ service_name: service, known_service_names: known.join(", ") });
    }
    return `${service}/${version}/${typeName}`;
  }

  private tryLocate(name: string): string | undefined {
    try {
      return this.locate_data(name);
    } catch (err) {
      if (err instanceof DataNotFoundError) return undefined;
      throw err;
    }
  }

  /** Loads a data file by its path relative to the search path (e.g. `partitions`). */
  load_data(name: string): unknown {
    return this.load_data_with_path(name)[0];
  }

  /** The file `load_data(name)` would read, without reading it. */
  locate_data(name: string): string {
    const key = `path:${name}`;
    const hit = this.cache.get(key) as string | undefined;
    if (hit !== undefined) return hit;
    for (const base of this.existingSearchPaths()) {
      for (const ext of EXTENSIONS) {
        const path = join(base, name + ext);
        if (this.isFile(path)) {
          this.cache.set(key, path);
          return path;
        }
      }
    }
    throw new DataNotFoundError({ data_path: name });
  }

  /** Like `load_data`, also returning the file the data came from (found once per loader, as botocore caches it). */
  load_data_with_path(name: string): [unknown, string] {
    const key = `data:${name}`;
    const hit = this.cache.get(key) as [unknown, string] | undefined;
    if (hit !== undefined) return hit;
    for (const base of this.existingSearchPaths()) {
      for (const ext of EXTENSIONS) {
        const path = join(base, name + ext);
        if (this.isFile(path)) {
          const found: [unknown, string] = [parseFile(path), path];
          this.cache.set(key, found);
          return found;
        }
      }
    }
    throw new DataNotFoundError({ data_path: name });
  }

  /** True when a path lies inside the built-in data directory. */
  is_builtin_path(path: string): boolean {
    return expandPath(path).startsWith(BUILTIN_DATA_PATH);
  }

  private existingSearchPaths(): string[] {
    const key = "searchPaths";
    let paths = this.listings.get(key);
    if (paths === undefined) {
      paths = this.search_paths.filter((p) => this.builtinIndex(p) !== undefined || isDir(p));
      this.listings.set(key, paths);
    }
    return paths;
  }

  /** The build manifest stands in for directory listings of the built-in directories. */
  private builtinIndex(base: string): DirectoryIndex | undefined {
    const m = dataManifest();
    if (m === null) return undefined;
    if (base === BUILTIN_DATA_PATH) return m.index.botocore;
    if (base === BOTO3_DATA_PATH) return m.index.boto3;
    return undefined;
  }

  private listDir(path: string): string[] {
    let entries = this.listings.get(path);
    if (entries === undefined) {
      entries = this.indexFor(path);
      if (entries === undefined) {
        entries = [];
        try {
          for (const entry of readdirSync(path, { withFileTypes: true })) {
            if (entry.isDirectory() || (entry.isSymbolicLink() && isDir(join(path, entry.name)))) entries.push(entry.name);
          }
        } catch {
          // A missing directory lists as empty, as os.path.isdir checks do in botocore.
        }
      }
      this.listings.set(path, entries);
    }
    return entries;
  }

  /** Directory names from the manifest for `<builtin>` and `<builtin>/<service>`. */
  private indexFor(path: string): string[] | undefined {
    for (const base of [BUILTIN_DATA_PATH, BOTO3_DATA_PATH]) {
      const index = this.builtinIndex(base);
      if (index === undefined) continue;
      if (path === base) return Object.keys(index);
      if (path.startsWith(base + "/")) {
        const service = path.slice(base.length + 1);
        if (!service.includes("/")) return Object.keys(index[service] ?? {});
      }
    }
    return undefined;
  }

  private fileExists(base: string, service: string, version: string, typeName: string): boolean {
    const index = this.builtinIndex(base);
    if (index !== undefined) {
      const files = index[service]?.[version];
      return files !== undefined && (files.includes(`${typeName}.json`) || files.includes(`${typeName}.json.gz`));
    }
    const stem = join(base, service, version, typeName);
    return EXTENSIONS.some((ext) => this.isFile(stem + ext));
  }

  private isFile(path: string): boolean {
    for (const base of [BUILTIN_DATA_PATH, BOTO3_DATA_PATH]) {
      const index = this.builtinIndex(base);
      if (index === undefined || !path.startsWith(base + "/")) continue;
      const parts = path.slice(base.length + 1).split("/");
      if (parts.length === 3) return index[parts[0]!]?.[parts[1]!]?.includes(parts[2]!) ?? false;
      if (parts.length === 1) return existsSync(path);
      return false;
    }
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  }
}
