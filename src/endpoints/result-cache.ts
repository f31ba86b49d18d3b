/**
 * The least-recently-used cache of rule-set results (botocore keeps 100).
 *
 * A string key built from every parameter costs more than the hit saves (a
 * long rope to flatten and hash on every call), so entries live in a small
 * trie instead: one number packs the state of every boolean and unset
 * parameter, then one level per string parameter, keyed by the string itself
 * (its hash is computed once per string object). Parameters that no rule
 * reads (s3's Key, Prefix, CopySource) are left out, so object keys do not
 * split the cache.
 */
import type { CompiledRuleSet } from "./compile.js";
import type { ResolvedEndpoint } from "./types.js";

interface Entry {
  result: ResolvedEndpoint;
  /** The maps from root to leaf and the key in each, for removal. */
  path: [Map<unknown, unknown>, unknown][];
  prev: Entry | undefined;
  next: Entry | undefined;
}

/** Per declared parameter: its type, whether rules read it, whether it must be given. */
interface KeyParam {
  name: string;
  kind: "str" | "bool" | "tuple";
  referenced: boolean;
  mustBeGiven: boolean;
}

/** A result cache for one compiled rule set. */
export class ResultCache {
  private readonly params: KeyParam[];
  private readonly paramIndex: ReadonlyMap<string, number>;
  private readonly referenced: ReadonlySet<string>;
  private readonly values: unknown[];
  private readonly present: boolean[];
  private readonly root = new Map<unknown, unknown>();
  /** More read parameters than base-5 digits fit in a double: pack the code as a string instead. */
  private readonly wide: boolean;
  private head: Entry | undefined;
  private tail: Entry | undefined;
  private count = 0;
  /** Where the last miss ended, so that `store` need not walk again. */
  private missCode: unknown;
  private readonly missStrings: unknown[] = [];
  private missCount = 0;

  constructor(
    compiled: CompiledRuleSet,
    private readonly capacity: number,
  ) {
    this.paramIndex = compiled.paramIndex;
    this.referenced = compiled.referenced;
    this.params = compiled.params.map((p) => ({
      name: p.name,
      kind: p.kind,
      referenced: compiled.referenced.has(p.name),
      mustBeGiven: p.required && p.default === undefined,
    }));
    this.wide = this.params.filter((p) => p.referenced).length > 22;
    this.values = new Array<unknown>(this.params.length);
    this.present = new Array<boolean>(this.params.length);
  }

  /** How many results are held. */
  get size(): number {
    return this.count;
  }

  /**
   * The cached result, `undefined` on a miss (then `store` may follow), or
   * null when these parameters must not be cached (a value of the wrong
   * type, a missing required parameter, an undeclared parameter the rules
   * read): evaluating them raises, or depends on more than declared values.
   */
  lookup(input: Readonly<Record<string, unknown>>): ResolvedEndpoint | undefined | null {
    const { params, values, present } = this;
    for (let i = 0; i < params.length; i++) {
      values[i] = undefined;
      present[i] = false;
    }
    for (const name in input) {
      const slot = this.paramIndex.get(name);
      if (slot === undefined) {
        if (this.referenced.has(name)) return null;
        continue;
      }
      values[slot] = input[name];
      present[slot] = true;
    }
    return this.lookupValues(values, present);
  }

  /**
   * `lookup` for values already in declaration order (`values[i]` for the
   * i-th declared parameter, `undefined` when absent); `present` marks those
   * given as None.
   */
  lookupValues(values: readonly unknown[], present?: readonly boolean[]): ResolvedEndpoint | undefined | null {
    const params = this.params;
    // Each read parameter is one base-5 digit: absent, false, true, given as None, a string (or list).
    let code = 0;
    let wideCode = "";
    const strings = this.missStrings;
    let stringCount = 0;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      const value = values[i];
      let digit: number;
      if (value === undefined || value === null) {
        if (param.mustBeGiven) return null;
        digit = present !== undefined && present[i] ? 3 : 0;
      } else if (param.kind === "bool") {
        if (typeof value !== "boolean") return null;
        digit = value ? 2 : 1;
      } else if (param.kind === "str") {
        if (typeof value !== "string") return null;
        digit = 4;
        if (param.referenced) strings[stringCount++] = value;
      } else {
        if (!Array.isArray(value)) return null;
        digit = 4;
        if (param.referenced) {
          const key = listKey(value);
          if (key === undefined) return null;
          strings[stringCount++] = key;
        }
      }
      if (param.referenced) {
        if (this.wide) wideCode += digit;
        else code = code * 5 + digit;
      }
    }
    this.missCode = this.wide ? wideCode : code;
    this.missCount = stringCount;
    let node: unknown = this.root.get(this.missCode);
    for (let i = 0; i < stringCount && node !== undefined; i++) node = (node as Map<unknown, unknown>).get(strings[i]);
    if (node === undefined) return undefined;
    const entry = node as Entry;
    if (entry !== this.tail) {
      this.unlink(entry);
      this.append(entry);
    }
    return entry.result;
  }

  /** Remembers the result for the parameters of the last `lookup` that missed. */
  store(result: ResolvedEndpoint): void {
    const path: [Map<unknown, unknown>, unknown][] = [];
    let map = this.root;
    let key: unknown = this.missCode;
    for (let i = 0; i < this.missCount; i++) {
      const next = this.missStrings[i];
      let child = map.get(key) as Map<unknown, unknown> | undefined;
      if (child === undefined) map.set(key, (child = new Map()));
      path.push([map, key]);
      map = child;
      key = next;
    }
    path.push([map, key]);
    const entry: Entry = { result, path, prev: undefined, next: undefined };
    map.set(key, entry);
    this.append(entry);
    if (++this.count > this.capacity) this.evict(this.head!);
  }

  /** Forgets everything. */
  clear(): void {
    this.root.clear();
    this.head = this.tail = undefined;
    this.count = 0;
  }

  private evict(entry: Entry): void {
    this.unlink(entry);
    this.count--;
    // Remove the leaf, then every map it leaves empty.
    for (let i = entry.path.length - 1; i >= 0; i--) {
      const [map, key] = entry.path[i]!;
      map.delete(key);
      if (map.size > 0) break;
    }
  }

  private unlink(entry: Entry): void {
    if (entry.prev !== undefined) entry.prev.next = entry.next;
    else this.head = entry.next;
    if (entry.next !== undefined) entry.next.prev = entry.prev;
    else this.tail = entry.prev;
    entry.prev = entry.next = undefined;
  }

  private append(entry: Entry): void {
    entry.prev = this.tail;
    if (this.tail !== undefined) this.tail.next = entry;
    else this.head = entry;
    this.tail = entry;
  }
}

/** A list parameter as one key (lengths prefix every item), or undefined when an item is not a string. */
function listKey(list: readonly unknown[]): string | undefined {
  let key = `\u0000${list.length}`;
  for (const item of list) {
    if (typeof item !== "string") return undefined;
    key += `:${item.length}:${item}`;
  }
  return key;
}
