/**
 * The INI dialect of the shared config and credentials files, read exactly as
 * botocore reads it (`configloader.raw_config_parse`, which is Python's
 * `configparser.RawConfigParser` plus one level of nested "sub-sections").
 *
 * The rules that matter, all Python's:
 * - `key = value` and `key: value`; the first `=` or `:` splits; keys are
 *   lower-cased, values are not; section names are kept as written.
 * - Whole-line comments start with `#` or `;`; there are no inline comments.
 * - A line indented deeper than its option's line continues that value;
 *   blank lines inside a value are kept, trailing ones dropped.
 * - A repeated section or a repeated key within one section is an error.
 * - `[DEFAULT]` is not a section: its keys appear in every other section.
 * - A value that starts with a newline (`s3 =` followed by indented
 *   `key = value` lines) becomes a map of those lines.
 */
import { readFileSync, statSync } from "node:fs";
import { ConfigNotFound, ConfigParseError } from "../exceptions.js";
import { expandConfigPath } from "./paths.js";
import type { Env } from "./paths.js";
import { firstNonSpace, pyRstrip, pySplitlines, pyStrip } from "./python-text.js";

/** A config value: a string, or the map of a nested block (`s3 =` + indented lines). */
export type ConfigValue = string | Readonly<Record<string, string>>;
/** One section: keys (lower-cased) to values. */
export type ConfigSection = Record<string, ConfigValue>;
/** A parsed file: section names, as written, to their sections, in file order. */
export type RawConfig = Record<string, ConfigSection>;

/** Why a file could not be parsed (botocore hides this behind ConfigParseError's message). */
export class IniSyntaxError extends Error {}

// configparser's name for the section whose keys every section inherits.
const DEFAULT_SECTION = "DEFAULT";

/** A null-prototype record, so that a section or key named `__proto__` is plain data. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

// JavaScript objects list integer-like keys ("123") first, whatever the
// insertion order; Python dicts keep insertion order. Records built here
// remember their order so that lists such as `available_profiles` match botocore.
const KEY_ORDER = new WeakMap<object, readonly string[]>();

/** Records the insertion order of a record's keys (see `orderedKeys`). */
export function rememberOrder(record: object, keys: readonly string[]): void {
  KEY_ORDER.set(record, keys);
}

/** A record's keys in the order Python would list them (insertion order, when it was recorded). */
export function orderedKeys(record: object): string[] {
  const keys = KEY_ORDER.get(record);
  if (keys === undefined) return Object.keys(record);
  return keys.filter((key) => Object.prototype.hasOwnProperty.call(record, key));
}

/** Parses INI text the way `RawConfigParser.read_string` would, then joins multi-line values. */
export function parseIniText(text: string): Map<string, Map<string, string>> {
  // Python reads files with universal newlines: "\r\n" and a lone "\r" end lines.
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();

  const sections = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const seen = new Map<string, Set<string>>(); // section -> keys read so far
  let current: Map<string, string[]> | undefined;
  let sectionName = "";
  let option: string | undefined;
  let indentLevel = 0;

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const isComment = /^[#;]/.test(pyStrip(line));
    const value = isComment ? "" : pyStrip(line);
    if (value === "") {
      // A blank line belongs to the value being read; a comment line does not.
      if (!isComment && current !== undefined && option) current.get(option)!.push("");
      return;
    }
    const indent = firstNonSpace(line);
    if (current !== undefined && option && indent > indentLevel) {
      current.get(option)!.push(value);
      return;
    }
    indentLevel = indent;
    if (/^\[.+\]/s.test(value)) {
      // The header regex is greedy and unanchored at the end: "[a] x]" names "a] x".
      sectionName = value.slice(1, value.lastIndexOf("]"));
      if (sections.has(sectionName)) {
        throw new IniSyntaxError(`While reading: section '${sectionName}' already exists (line ${lineNo})`);
      }
      if (sectionName === DEFAULT_SECTION) {
        current = defaults;
      } else {
        current = new Map();
        sections.set(sectionName, current);
      }
      option = undefined;
      return;
    }
    if (current === undefined) throw new IniSyntaxError(`File contains no section headers (line ${lineNo})`);
    const delimiter = value.search(/[=:]/);
    if (delimiter < 0) throw new IniSyntaxError(`Source contains parsing errors (line ${lineNo})`);
    // The key ends where the whitespace before the delimiter starts.
    const key = pyRstrip(value.slice(0, delimiter)).toLowerCase();
    if (key === "") throw new IniSyntaxError(`Source contains parsing errors (line ${lineNo})`);
    let keys = seen.get(sectionName);
    if (keys === undefined) seen.set(sectionName, (keys = new Set()));
    if (keys.has(key)) {
      throw new IniSyntaxError(`While reading: option '${key}' in section '${sectionName}' already exists (line ${lineNo})`);
    }
    keys.add(key);
    option = key;
    current.set(key, [pyStrip(value.slice(delimiter + 1))]);
  });

  const joined = new Map<string, Map<string, string>>();
  const joinedDefaults = joinValues(defaults);
  for (const [name, options] of sections) {
    const section = joinValues(options);
    // configparser lists a section's own keys first, then inherited DEFAULT keys.
    for (const [key, val] of joinedDefaults) if (!section.has(key)) section.set(key, val);
    joined.set(name, section);
  }
  return joined;
}

function joinValues(options: Map<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, parts] of options) out.set(key, pyRstrip(parts.join("\n")));
  return out;
}

/** botocore's `_parse_nested`: each non-blank line must be `key = value`. */
export function parseNested(value: string): Record<string, string> {
  const nested = emptyRecord<string>();
  for (const rawLine of pySplitlines(value)) {
    const line = pyStrip(rawLine);
    if (line === "") continue;
    const eq = line.indexOf("=");
    if (eq < 0) throw new IniSyntaxError("not enough values to unpack (expected 2, got 1)");
    nested[pyStrip(line.slice(0, eq))] = pyStrip(line.slice(eq + 1));
  }
  return nested;
}

/** Turns parsed INI text into botocore's raw config: section name -> key -> value or nested map. */
export function toRawConfig(parsed: Map<string, Map<string, string>>, parseSubsections = true): RawConfig {
  const config = emptyRecord<ConfigSection>();
  for (const [name, options] of parsed) {
    const section = emptyRecord<ConfigValue>();
    for (const [key, value] of options) {
      section[key] = parseSubsections && value.startsWith("\n") ? parseNested(value) : value;
    }
    config[name] = section;
  }
  rememberOrder(config, [...parsed.keys()]);
  return config;
}

/** Decodes a file's bytes as Python does (strict UTF-8; a byte-order mark is kept as a character). */
export function decodeConfigBytes(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * botocore's `raw_config_parse`: expands `$VAR` and `~`, then parses the file.
 * Throws ConfigNotFound when no file is there, ConfigParseError when it cannot
 * be parsed (bad syntax, invalid UTF-8). A file that exists but cannot be read
 * gives an empty config, as Python's `configparser.read` skips it.
 */
export function rawConfigParse(configFilename: string, env: Env, parseSubsections = true): RawConfig {
  const path = expandConfigPath(configFilename, env);
  if (!isFile(path)) throw new ConfigNotFound({ path });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return emptyRecord<ConfigSection>();
  }
  try {
    return toRawConfig(parseIniText(decodeConfigBytes(bytes)), parseSubsections);
  } catch (err) {
    throw new ConfigParseError({ path, error: err instanceof Error ? err.message : String(err) }, { cause: err });
  }
}
