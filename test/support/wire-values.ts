/**
 * Values on their way to and from botocore (see botocore-worker.ts for the
 * tags), and the comparison of a result with botocore's: Python's `==` on
 * the tagged forms, reporting the first path that differs.
 */
import { Readable } from "node:stream";

/** Tags a caller's value for Python: bytes, Dates, bigints and special floats. */
export function toPython(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "bigint":
      return { $i: value.toString() };
    case "number":
      if (Number.isNaN(value)) return { $f: "nan" };
      if (!Number.isFinite(value)) return { $f: value > 0 ? "inf" : "-inf" };
      return value;
    case "string":
    case "boolean":
      return value;
    default:
      break;
  }
  if (value instanceof Date) return { $dt: value.toISOString() };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (Array.isArray(value)) return value.map(toPython);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = toPython(item);
  return out;
}

/** Reads a stream (a Readable, or anything with an async `read()` like StreamingBody) to bytes. */
async function drain(value: unknown): Promise<Uint8Array> {
  if (value instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of value) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  return (await (value as { read(): Promise<Uint8Array> }).read()) as Uint8Array;
}

function isStream(value: unknown): boolean {
  if (value instanceof Readable) return true;
  return value !== null && typeof value === "object" && typeof (value as { read?: unknown }).read === "function" && !(value instanceof Uint8Array);
}

/** Our parsed value in the tagged form Python replies with; streams are read. */
export async function normalize(value: unknown): Promise<unknown> {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "bigint":
      return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : { $i: value.toString() };
    case "number":
      if (Number.isNaN(value)) return { $f: "nan" };
      if (!Number.isFinite(value)) return { $f: value > 0 ? "inf" : "-inf" };
      return value;
    case "string":
    case "boolean":
      return value;
    default:
      break;
  }
  if (value instanceof Date) return { $ts: value.getTime() };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (isStream(value)) return normalize(await drain(value));
  if (Array.isArray(value)) return Promise.all(value.map(normalize));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = await normalize(item);
  return out;
}

function isBigTag(value: unknown): value is { $i: string } {
  return value !== null && typeof value === "object" && typeof (value as { $i?: unknown }).$i === "string";
}

function render(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/**
 * The first difference between our tagged value and botocore's, as
 * `path: ours != theirs`, or undefined when they are equal as Python's `==`
 * would see them (1 == 1.0, dict order ignored).
 */
export function firstDifference(ours: unknown, theirs: unknown, path = "$"): string | undefined {
  if (typeof ours === "number" && typeof theirs === "number") {
    return ours === theirs || (ours === 0 && theirs === 0) ? undefined : `${path}: ${ours} != ${theirs}`;
  }
  // Python's 10000000000000000 == 1e16: an integer past 2^53 equals the float nearest to it (a double member).
  if (typeof ours === "number" && isBigTag(theirs)) return Number(theirs.$i) === ours ? undefined : `${path}: ${ours} != ${theirs.$i}`;
  if (typeof theirs === "number" && isBigTag(ours)) return Number(ours.$i) === theirs ? undefined : `${path}: ${ours.$i} != ${theirs}`;
  if (ours === null || theirs === null || typeof ours !== "object" || typeof theirs !== "object") {
    return ours === theirs ? undefined : `${path}: ${render(ours)} != ${render(theirs)}`;
  }
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    if (!Array.isArray(ours) || !Array.isArray(theirs)) return `${path}: ${render(ours)} != ${render(theirs)}`;
    if (ours.length !== theirs.length) return `${path}: length ${ours.length} != ${theirs.length} (${render(ours)} != ${render(theirs)})`;
    for (let i = 0; i < ours.length; i++) {
      const found = firstDifference(ours[i], theirs[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const a = ours as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) return `${path}.${key}: ours has ${render(a[key])}, botocore has no such key`;
  }
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) return `${path}.${key}: botocore has ${render(b[key])}, ours has no such key`;
    const found = firstDifference(a[key], b[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
