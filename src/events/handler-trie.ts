/**
 * The registry behind the hierarchical emitter: handlers stored under the dot
 * separated parts of their event name, so that one lookup finds every
 * handler registered for an event or any of its prefixes, with `*` matching
 * any single part.
 */

/** A handler as the trie stores it; typing is the emitter's concern. */
export type StoredHandler = (kwargs: Record<string, unknown>) => unknown;

/** Which list of a node a handler joins: 0 `register_first`, 1 `register`, 2 `register_last`. */
export type Section = 0 | 1 | 2;

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Null until a handler is registered at exactly this name. */
  sections: [StoredHandler[], StoredHandler[], StoredHandler[]] | null;
}

function newNode(): TrieNode {
  return { children: new Map(), sections: null };
}

/** Handlers keyed by dotted event names, searchable by prefix with `*` wildcards. */
export class HandlerTrie {
  private root: TrieNode = newNode();

  /** Appends a handler to one section of the node for `eventName`. */
  append(eventName: string, handler: StoredHandler, section: Section): void {
    let node = this.root;
    for (const part of eventName.split(".")) {
      let child = node.children.get(part);
      if (child === undefined) {
        child = newNode();
        node.children.set(part, child);
      }
      node = child;
    }
    node.sections ??= [[], [], []];
    node.sections[section].push(handler);
  }

  /**
   * Every handler that applies to `eventName`, in call order.
   *
   * The walk is a depth-first search that explores the exact part before
   * the `*` part at each level; the handlers of nodes reached later are
   * called earlier. That makes deeper (more specific) names run before their
   * prefixes and wildcard branches run before exact ones at the same depth,
   * which is the order botocore users rely on.
   */
  lookup(eventName: string): StoredHandler[] {
    const parts = eventName.split(".");
    const visited: StoredHandler[][] = [];
    const nodes: TrieNode[] = [this.root];
    const depths: number[] = [0];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      if (node.sections !== null) {
        const [first, middle, last] = node.sections;
        if (first.length + middle.length + last.length > 0) visited.push([...first, ...middle, ...last]);
      }
      if (depth === parts.length) continue;
      const wildcard = node.children.get("*");
      const direct = node.children.get(parts[depth]!);
      if (wildcard !== undefined) {
        nodes.push(wildcard);
        depths.push(depth + 1);
      }
      if (direct !== undefined) {
        nodes.push(direct);
        depths.push(depth + 1);
      }
    }
    const ordered: StoredHandler[] = [];
    for (let i = visited.length - 1; i >= 0; i--) ordered.push(...visited[i]!);
    return ordered;
  }

  /**
   * Removes the first registration of `handler` at exactly `eventName`
   * (first section, then middle, then last). Returns false when no node
   * exists for that name, so the caller knows nothing changed.
   */
  remove(eventName: string, handler: StoredHandler): boolean {
    const parts = eventName.split(".");
    const path: TrieNode[] = [this.root];
    for (const part of parts) {
      const child = path[path.length - 1]!.children.get(part);
      if (child === undefined) return false;
      path.push(child);
    }
    const target = path[path.length - 1]!;
    if (target.sections !== null) {
      for (const list of target.sections) {
        const at = list.indexOf(handler);
        if (at !== -1) {
          list.splice(at, 1);
          break;
        }
      }
    }
    // Drop branches left empty so that lookups of unrelated names stay short.
    for (let i = parts.length; i > 0; i--) {
      const node = path[i]!;
      const empty = node.sections === null || node.sections.every((list) => list.length === 0);
      if (node.children.size > 0 || !empty) break;
      path[i - 1]!.children.delete(parts[i - 1]!);
    }
    return true;
  }

  /** An independent trie with the same registrations (handlers are shared, lists are not). */
  clone(): HandlerTrie {
    const copy = new HandlerTrie();
    copy.root = cloneNode(this.root);
    return copy;
  }
}

function cloneNode(node: TrieNode): TrieNode {
  const copy: TrieNode = {
    children: new Map(),
    sections: node.sections === null ? null : [[...node.sections[0]], [...node.sections[1]], [...node.sections[2]]],
  };
  for (const [part, child] of node.children) copy.children.set(part, cloneNode(child));
  return copy;
}
