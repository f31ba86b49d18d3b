import { pythonError } from "../python-values.js";

const INDEXED = /(\w*)\[(\d+)\]/;

/** One step of a getAttr path: a key, or a key (maybe empty) then an index that ends the walk. */
type Step = { key: string; index?: undefined } | { key: string; index: number };

/** Reads a value along a compiled path. */
export type AttrReader = (value: unknown) => unknown;

const readers = new Map<string, AttrReader>();

/**
 * Compiles a getAttr path such as `authority`, `resourceId[2]` or `a.b[0]`.
 * As in botocore, an indexed step ends the walk: anything after it is ignored,
 * and an index past the end (or on an unset value) gives unset.
 */
export function compileAttrPath(path: string): AttrReader {
  let reader = readers.get(path);
  if (reader !== undefined) return reader;
  const steps: Step[] = [];
  for (const part of path.split(".")) {
    const match = INDEXED.exec(part);
    if (match !== null) {
      steps.push({ key: match[1]!, index: Number(match[2]) });
      break;
    }
    steps.push({ key: part });
  }
  reader = steps.length === 1 && steps[0]!.index === undefined ? readKey.bind(null, steps[0]!.key) : (value) => walk(value, steps);
  readers.set(path, reader);
  return reader;
}

function walk(value: unknown, steps: readonly Step[]): unknown {
  for (const step of steps) {
    if (step.index === undefined) {
      value = readKey(step.key, value);
      continue;
    }
    if (step.key !== "") value = getOrUnset(value, step.key);
    if (value === undefined || value === null) return undefined;
    const sized = value as { length?: number };
    const length = typeof value === "string" || Array.isArray(value) ? sized.length! : Object.keys(value).length;
    if (step.index >= length) return undefined;
    return (value as Record<number, unknown>)[step.index];
  }
  return value;
}

/** `value[key]` on a mapping: a missing key is an error (KeyError), as in botocore. */
function readKey(key: string, value: unknown): unknown {
  if (value === undefined || value === null) throw pythonError("TypeError", "'NoneType' object is not subscriptable");
  if (typeof value !== "object" || Array.isArray(value)) {
    throw pythonError("TypeError", `${Array.isArray(value) ? "list" : typeof value === "string" ? "string" : typeof value} indices must be integers`);
  }
  if (!Object.prototype.hasOwnProperty.call(value, key)) throw pythonError("KeyError", `'${key}'`);
  const out = (value as Record<string, unknown>)[key];
  return out === null ? undefined : out;
}

/** `value.get(key)` on a mapping. */
function getOrUnset(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw pythonError("AttributeError", `object has no attribute 'get'`);
  }
  const out = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return out === null ? undefined : out;
}

/** `getAttr(value, path)` with a path known only at run time. */
export function getAttr(value: unknown, path: unknown): unknown {
  return compileAttrPath(String(path))(value);
}
