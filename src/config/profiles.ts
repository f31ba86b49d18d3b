/**
 * From raw INI sections to botocore's profile map (`configloader.load_config`,
 * `build_profile_map`, `multi_file_load_config`).
 *
 * `[default]` and `[profile NAME]` are profiles, `[sso-session NAME]` and
 * `[services NAME]` are named blocks of their own, and every other section is
 * kept at the top level under its raw name. Section headers are split into
 * words with shell quoting (`[profile "my profile"]`); a header that does not
 * split into exactly two words is dropped silently, as botocore drops it.
 * When two sections name the same profile, the later one in the file wins.
 */
import { ConfigNotFound } from "../exceptions.js";
import { emptyRecord, orderedKeys, rawConfigParse, rememberOrder } from "./ini.js";
import type { ConfigSection, RawConfig } from "./ini.js";
import type { Env } from "./paths.js";
import { ShlexError, shlexSplit } from "./shlex.js";

/** Named sections of one kind (profiles, sso-sessions, services), by name. */
export type NamedSections = Record<string, ConfigSection>;

/** What `load_config` returns: the three named kinds plus any other section by raw name. */
export interface LoadedConfig {
  profiles: NamedSections;
  sso_sessions: NamedSections;
  services: NamedSections;
  [section: string]: NamedSections | ConfigSection;
}

/** botocore's `Session.full_config`: like LoadedConfig, but only `profiles` is sure to be there. */
export interface FullConfig {
  profiles: NamedSections;
  sso_sessions?: NamedSections;
  services?: NamedSections;
  [section: string]: NamedSections | ConfigSection | undefined;
}

// botocore's `_parse_section`: the name is the second of exactly two shell words.
function sectionTarget(header: string): string | undefined {
  let words: string[];
  try {
    words = shlexSplit(header);
  } catch (err) {
    if (err instanceof ShlexError) return undefined;
    throw err;
  }
  return words.length === 2 ? words[1] : undefined;
}

/** botocore's `build_profile_map`: sorts raw sections into profiles, sso-sessions, services and the rest. */
export function buildProfileMap(raw: RawConfig): LoadedConfig {
  const profiles = emptyRecord<ConfigSection>();
  const ssoSessions = emptyRecord<ConfigSection>();
  const services = emptyRecord<ConfigSection>();
  const rest = emptyRecord<NamedSections | ConfigSection>();
  const profileOrder: string[] = [];
  for (const header of orderedKeys(raw)) {
    const values = raw[header]!;
    // botocore deep-copies; a shallow copy of each section is enough here,
    // since nested maps are never mutated in place.
    const section = Object.assign(emptyRecord<ConfigSection[string]>(), values);
    let target: NamedSections | undefined;
    if (header.startsWith("profile")) target = profiles;
    else if (header.startsWith("sso-session")) target = ssoSessions;
    else if (header.startsWith("services")) target = services;
    if (target !== undefined) {
      const name = sectionTarget(header);
      if (name !== undefined) {
        if (target === profiles && !(name in profiles)) profileOrder.push(name);
        target[name] = section;
      }
    } else if (header === "default") {
      if (!(header in profiles)) profileOrder.push(header);
      profiles[header] = section;
    } else {
      rest[header] = section;
    }
  }
  rememberOrder(profiles, profileOrder);
  const loaded = rest as LoadedConfig;
  loaded.profiles = profiles;
  loaded.sso_sessions = ssoSessions;
  loaded.services = services;
  return loaded;
}

/** botocore's `load_config`: parse one file and build its profile map (ConfigNotFound, ConfigParseError). */
export function loadConfig(configFilename: string, env: Env): LoadedConfig {
  return buildProfileMap(rawConfigParse(configFilename, env));
}

/**
 * botocore's `multi_file_load_config`: earlier files win. Top-level keys are
 * taken whole from the first file that has them; profiles are combined, each
 * profile taken whole from the first file that defines it. Missing files are skipped.
 */
export function multiFileLoadConfig(filenames: readonly string[], env: Env): FullConfig {
  const merged = emptyRecord<NamedSections | ConfigSection>();
  const profiles = emptyRecord<ConfigSection>();
  const profileOrder: string[] = [];
  for (const filename of filenames) {
    let loaded: LoadedConfig;
    try {
      loaded = loadConfig(filename, env);
    } catch (err) {
      if (err instanceof ConfigNotFound) continue;
      throw err;
    }
    for (const name of orderedKeys(loaded.profiles)) {
      if (name in profiles) continue;
      profiles[name] = loaded.profiles[name]!;
      profileOrder.push(name);
    }
    for (const [key, value] of Object.entries(loaded)) {
      if (key !== "profiles" && !(key in merged)) merged[key] = value;
    }
  }
  rememberOrder(profiles, profileOrder);
  const result = merged as FullConfig;
  result.profiles = profiles;
  return result;
}
