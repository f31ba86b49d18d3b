/**
 * botocore's `xform_name`: model names (`ListObjectsV2`) to boto3's
 * snake_case (`list_objects_v2`), with botocore's own table of exceptions,
 * which the build copies from the installed botocore.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_DATA_ROOT } from "../models/loader.js";

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
const SPECIAL_CASE = /[A-Z]{2,}s$/;

let overrides: Record<string, string> | undefined;
const cache = new Map<string, string>();

function loadOverrides(): Record<string, string> {
  if (overrides === undefined) {
    try {
      overrides = JSON.parse(readFileSync(join(BUILTIN_DATA_ROOT, "xform-overrides.json"), "utf8")) as Record<string, string>;
    } catch {
      overrides = {};
    }
  }
  return overrides;
}

/** Converts a CamelCase model name to boto3's snake_case name (or another separator). */
export function xformName(name: string, sep = "_"): string {
  if (name.includes(sep)) return name;
  const key = sep === "_" ? name : `${sep}\u0000${name}`;
  let out = cache.get(key);
  if (out === undefined) {
    const table = loadOverrides()[name];
    if (table !== undefined && sep === "_") {
      out = table;
    } else {
      let work = name;
      const special = SPECIAL_CASE.exec(work);
      if (special !== null) work = `${work.slice(0, -special[0].length)}${sep}${special[0].toLowerCase()}`;
      out = work.replace(FIRST_CAP, `$1${sep}$2`).replace(END_CAP, `$1${sep}$2`).toLowerCase();
      if (sep === "-" && table !== undefined) out = table.replace(/_/g, "-");
    }
    cache.set(key, out);
  }
  return out;
}
