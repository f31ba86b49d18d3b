/**
 * Comparing two serialized requests the way the wire sees them: method,
 * path and query exactly; headers exactly, but for those that differ
 * between any two sends (date, signature, user agent); bodies per
 * protocol: query and ec2 exactly, JSON as documents, XML canonicalized,
 * CBOR decoded and compared as values, raw payloads as bytes.
 */
import { decodeCbor } from "../../src/protocols/cbor/decoder.js";
import { parseJsonText } from "../../src/protocols/json/json-text.js";
import { type XmlElement, parseXml } from "../../src/protocols/xml/xml-reader.js";
import { firstDifference } from "./wire-values.js";

/** A request as both sides report it; the body as bytes. */
export interface WireRequest {
  method: string;
  url_path: string;
  query: string;
  headers: Record<string, string>;
  host_prefix: string | null;
  body: Uint8Array;
}

/** Headers no two sends share. */
export const IGNORED_HEADERS = new Set(["authorization", "x-amz-date", "date", "user-agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"]);

/** How a body compared: identical bytes, or equal once canonicalized. */
export type BodyMatch = "bytes" | "canonical";

function filterHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!IGNORED_HEADERS.has(name.toLowerCase())) out[name] = value;
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

interface Canonical {
  name: string;
  attrs: [string, string][];
  text: string;
  children: Canonical[];
}

/** ElementTree-style canonical form: names, sorted attributes, text, children. */
function canonicalXml(element: XmlElement): Canonical {
  return {
    name: element.qname,
    attrs: Object.entries(element.attrs ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    text: element.text ?? "",
    children: (element.children ?? []).map(canonicalXml),
  };
}

/** JSON-like values as firstDifference compares them (bigints exact, special floats tagged). */
function comparable(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : { $i: value.toString() };
  if (typeof value === "number" && !Number.isFinite(value)) return { $f: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString("base64") };
  if (value instanceof Date) return { $ts: value.getTime() };
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === "object") {
    if ("tag" in value && "value" in value && Object.keys(value).length === 2) {
      return { $tag: comparable((value as { tag: unknown }).tag), value: comparable((value as { value: unknown }).value) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = comparable(item);
    return out;
  }
  return value;
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** Compares bodies for a protocol: undefined when equal (with how), else the difference. */
export function compareBodies(protocol: string, ours: Uint8Array, theirs: Uint8Array): { match?: BodyMatch; difference?: string } {
  if (sameBytes(ours, theirs)) return { match: "bytes" };
  const a = text(ours);
  const b = text(theirs);
  if (protocol === "json" || protocol === "rest-json") {
    let left: unknown;
    let right: unknown;
    try {
      left = parseJsonText(a);
      right = parseJsonText(b);
    } catch {
      return { difference: `body: ${JSON.stringify(a.slice(0, 200))} != ${JSON.stringify(b.slice(0, 200))}` };
    }
    const difference = firstDifference(comparable(left), comparable(right), "body");
    return difference === undefined ? { match: "canonical" } : { difference };
  }
  if (protocol === "rest-xml" && a.startsWith("<") && b.startsWith("<")) {
    let left: Canonical;
    let right: Canonical;
    try {
      left = canonicalXml(parseXml(a));
      right = canonicalXml(parseXml(b));
    } catch {
      return { difference: `body: ${JSON.stringify(a.slice(0, 200))} != ${JSON.stringify(b.slice(0, 200))}` };
    }
    const difference = firstDifference(left, right, "xml");
    return difference === undefined ? { match: "canonical" } : { difference };
  }
  if (protocol === "smithy-rpc-v2-cbor" && ours.length > 0 && theirs.length > 0) {
    const options = { rawTags: true, keepNulls: true, timestampParser: (value: unknown) => ({ $epoch: comparable(value) }) };
    let left: unknown;
    let right: unknown;
    try {
      left = decodeCbor(ours, options);
      right = decodeCbor(theirs, options);
    } catch (error) {
      return { difference: `cbor body does not decode: ${(error as Error).message}` };
    }
    const difference = firstDifference(comparable(left), comparable(right), "cbor");
    return difference === undefined ? { match: "canonical" } : { difference };
  }
  return { difference: `body: ${JSON.stringify(a.slice(0, 300))} != ${JSON.stringify(b.slice(0, 300))}` };
}

/** The first difference between two requests, or undefined; `match` says how the bodies agreed. */
export function compareRequests(protocol: string, ours: WireRequest, theirs: WireRequest): { match?: BodyMatch; difference?: string } {
  if (ours.method !== theirs.method) return { difference: `method: ${ours.method} != ${theirs.method}` };
  if (ours.url_path !== theirs.url_path) return { difference: `url_path: ${ours.url_path} != ${theirs.url_path}` };
  if (ours.query !== theirs.query) return { difference: `query: ${ours.query} != ${theirs.query}` };
  if ((ours.host_prefix ?? null) !== (theirs.host_prefix ?? null)) return { difference: `host_prefix: ${ours.host_prefix} != ${theirs.host_prefix}` };
  const headers = firstDifference(filterHeaders(ours.headers), filterHeaders(theirs.headers), "headers");
  if (headers !== undefined) return { difference: headers };
  return compareBodies(protocol, ours.body, theirs.body);
}
