/**
 * Helpers for the protocol conformance suites: loading the case files (with
 * exact big integers) and comparing values the way Python's `==` does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJsonText } from "../../src/protocols/json/json-text.js";
import { type XmlElement, parseXml } from "../../src/protocols/xml/xml-reader.js";
import { BOTOCORE_TESTS } from "../support/paths.js";

/** The protocol suites: `protocols/{input,output}` and `protocols/legacy/{input,output}`. */
export const PROTOCOLS_DIR = join(BOTOCORE_TESTS, "unit", "protocols");

/** A case group of a protocol test file. */
export interface CaseGroup {
  description: string;
  metadata: Record<string, unknown>;
  shapes: Record<string, unknown>;
  clientEndpoint?: string;
  cases: ProtocolCase[];
}

/** One protocol test case. */
export interface ProtocolCase {
  id?: string;
  given: Record<string, unknown> & { name?: string };
  params?: Record<string, unknown>;
  serialized?: {
    method?: string;
    uri?: string;
    headers?: Record<string, string>;
    body?: string;
    host?: string;
    forbidHeaders?: string[];
  };
  response?: { status_code: number; headers?: Record<string, string>; body?: string };
  result?: unknown;
  error?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}

/** Reads a JSON file keeping integers past 2^53 exact. */
export function readJson(path: string): unknown {
  return parseJsonText(readFileSync(path, "utf8"));
}

interface IgnoreSection {
  suites?: string[];
  cases?: string[];
}

type IgnoreList = {
  general?: Record<string, IgnoreSection>;
  protocols?: Record<string, Record<string, IgnoreSection>>;
};

const ignoreList = readJson(join(PROTOCOLS_DIR, "protocol-tests-ignore-list.json")) as IgnoreList;

/** botocore's `_should_ignore_test`: the ignore list names a suite description or a case id. */
export function ignoredByBotocore(protocol: string, direction: "input" | "output", suite: string, caseId: string | undefined): boolean {
  const general = ignoreList.general?.[direction] ?? {};
  if (general.suites?.includes(suite) || (caseId !== undefined && general.cases?.includes(caseId))) return true;
  const specific = ignoreList.protocols?.[protocol]?.[direction] ?? {};
  return Boolean(specific.suites?.includes(suite) || (caseId !== undefined && specific.cases?.includes(caseId)));
}

/** Python's `==` on decoded JSON-like values (1 == 1.0 == 1n; dict order ignored). */
export function pyEqual(a: unknown, b: unknown): boolean {
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    // eslint-disable-next-line eqeqeq
    return a == b;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => pyEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && pyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** JSON for messages, with bigints and bytes readable. */
export function show(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? `<bytes ${Buffer.from(v).toString("utf8")}>` : v),
    1,
  );
}

interface CanonicalElement {
  name: string;
  attrs: [string, string][];
  text: string;
  children: CanonicalElement[];
}

function canonical(element: XmlElement): CanonicalElement {
  return {
    name: element.qname,
    attrs: Object.entries(element.attrs ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    text: (element.text ?? "").trim(),
    children: (element.children ?? []).map(canonical),
  };
}

/** ElementTree's `canonicalize(strip_text=True)` comparison: undefined when either side is not XML. */
export function xmlEquivalent(actual: string, expected: string): boolean | undefined {
  try {
    return JSON.stringify(canonical(parseXml(actual))) === JSON.stringify(canonical(parseXml(expected)));
  } catch {
    return undefined;
  }
}
