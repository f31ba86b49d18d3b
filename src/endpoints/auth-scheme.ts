/**
 * Choosing how to sign from an endpoint's `authSchemes` (botocore's
 * EndpointRulesetResolver.auth_schemes_to_signing_ctx): the signer name and
 * the signing context (region or region set, signing name, double encoding).
 */
import { UnknownSignatureVersionError, UnsupportedSignatureVersionError } from "../exceptions.js";
import { ensureBoolean } from "./builtins.js";

/** Overrides for the signer, as botocore merges them into `request_context['signing']`. */
export interface SigningContext {
  /** The signing region, or for SigV4a a comma-joined region set. */
  region?: string;
  signing_name?: string;
  disableDoubleEncoding?: boolean;
}

/** The signer chosen for a call: botocore's `auth_type` (null: leave it to legacy signer logic) and signing context. */
export interface AuthSelection {
  auth_type: string | null;
  signing: SigningContext;
}

/** How a client asked to sign, fixed at client creation. */
export interface AuthPreferences {
  /** Config `signature_version` (e.g. `v4`, `s3v4`, `v4a`), or null. */
  requested?: string | null;
  /** True when Config asked for UNSIGNED requests. */
  unsigned?: boolean;
  /** The normalized `auth_scheme_preference` list (comma-separated, e.g. `sigv4a,sigv4`), or null. */
  preference?: string | null;
}

/**
 * The signers this SDK has, by botocore's names (auth.py AUTH_TYPE_MAPS as
 * installed with the CRT extra: SigV4a is available).
 */
export const SUPPORTED_AUTH_TYPES: ReadonlySet<string> = new Set([
  "v2", "v3", "v3https", "s3", "s3-query", "s3-presign-post", "s3v4-presign-post", "v4-s3express",
  "v4-s3express-query", "v4-s3express-presign-post", "bearer", "v4", "v4-query", "v4a", "s3v4", "s3v4-query",
  "s3v4a", "s3v4a-query",
]);

/** Auth preference names (`sigv4`, `noAuth`, ...) → botocore signature versions. */
const PREFERENCE_TO_SIGNATURE_VERSION: Readonly<Record<string, string>> = {
  sigv4: "v4",
  sigv4a: "v4a",
  httpBearerAuth: "bearer",
  noAuth: "none",
};

type Scheme = Record<string, unknown> & { name: string };

const stripSig = (name: string): string => (name.startsWith("sig") ? name.slice(3) : name);

/** botocore.auth.resolve_auth_scheme_preference: the first preferred scheme the service and SDK support. */
export function resolveAuthSchemePreference(preferences: readonly string[], options: readonly string[], supported = SUPPORTED_AUTH_TYPES): string {
  const serviceSupported = options.map((o) => o.split("#").pop()!);
  const ordered = [...new Set([...preferences, ...serviceSupported])].filter((s) => serviceSupported.includes(s));
  for (const scheme of ordered) {
    if (scheme === "noAuth") return PREFERENCE_TO_SIGNATURE_VERSION[scheme]!;
    const version = PREFERENCE_TO_SIGNATURE_VERSION[scheme];
    if (version !== undefined && supported.has(version)) return version;
  }
  throw new UnsupportedSignatureVersionError({ signature_version: [...serviceSupported].sort().join(", ") });
}

/**
 * Whether a botocore signature version names the same signer as a rule-set
 * auth scheme: `sig` prefixes dropped, `s3v4` is `v4`, only the part before
 * the first dash counts (`s3v4-query` ~ `sigv4`), and `s3` alone matches nothing.
 */
function sameSigner(requested: string, ruleSetName: string): boolean {
  let name = requested.split("-")[0]!;
  if (name !== "s3" && name.startsWith("s3")) name = name.slice(2);
  return stripSig(ruleSetName) === name;
}

/** Picks the signer and signing context from an endpoint's `authSchemes` list. */
export function selectAuthScheme(authSchemes: unknown, prefs: AuthPreferences, supported = SUPPORTED_AUTH_TYPES): AuthSelection {
  if (!Array.isArray(authSchemes) || authSchemes.length === 0) throw new TypeError("auth_schemes must be a non-empty list.");
  if (prefs.unsigned) return { auth_type: "none", signing: {} };
  const original = authSchemes as Scheme[];
  const schemes = original.map((s) => ({ ...s, name: stripSig(s.name) }));
  let name: string;
  let scheme: Scheme;
  if (prefs.requested) {
    const requested = prefs.requested;
    const match = schemes.find((s) => sameSigner(requested, s.name));
    // Legacy signers (s3, v2, ...) match nothing: botocore's own customizations decide.
    if (match === undefined) return { auth_type: null, signing: {} };
    name = requested;
    scheme = match;
  } else if (prefs.preference) {
    const byType = new Map(schemes.map((s) => [stripSig(s.name.split("#").pop()!), s]));
    name = resolveAuthSchemePreference(prefs.preference.split(","), original.map((s) => s.name.split("#").pop()!), supported);
    const found = byType.get(name);
    if (found === undefined) throw Object.assign(new Error(`'${name}'`), { name: "KeyError" });
    scheme = found;
  } else {
    const match = schemes.find((s) => supported.has(s.name));
    if (match === undefined) {
      throw new UnknownSignatureVersionError({ signature_version: schemes.map((s) => s.name).join(", ") });
    }
    name = match.name;
    scheme = match;
  }
  const signing: SigningContext = {};
  if ("signingRegion" in scheme) signing.region = scheme.signingRegion as string;
  else if ("signingRegionSet" in scheme) {
    const set = scheme.signingRegionSet as string[];
    if (set.length > 0) signing.region = set.join(",");
  }
  if ("signingName" in scheme) signing.signing_name = scheme.signingName as string;
  if ("disableDoubleEncoding" in scheme) signing.disableDoubleEncoding = ensureBoolean(scheme.disableDoubleEncoding);
  return { auth_type: name, signing };
}
