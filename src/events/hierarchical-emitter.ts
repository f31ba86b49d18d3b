/**
 * botocore's event system (botocore.hooks.HierarchicalEmitter), async:
 * handlers registered for `before-call.s3` also hear `before-call.s3.PutObject`,
 * `*` matches any one part, and handlers may return promises, which are
 * awaited in order.
 */
import { HandlerTrie, type Section, type StoredHandler } from "./handler-trie.js";
import type { AnyEventName, EventHandler, EventKwargs, HandlerResponse } from "./event-names.js";

/** Python's ValueError, which botocore raises for misuse of the emitter. */
export class ValueError extends Error {
  override name = "ValueError";
}

/** What `emit_until_response` returns when no handler answered. */
export type NoResponse = [null, null];

/** The emitter interface shared by `HierarchicalEmitter` and `EventAliaser` (botocore.hooks.BaseEventHooks). */
export interface EventHooks {
  /** Registers a handler, called after `register_first` handlers and before `register_last` ones. */
  register<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void;
  /** Registers a handler ahead of every `register` and `register_last` handler of the same name. */
  register_first<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void;
  /** Registers a handler after every `register_first` and `register` handler of the same name. */
  register_last<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void;
  /** Removes a handler (its first registration), or the one registered under `unique_id`. */
  unregister<E extends AnyEventName>(
    event_name: E,
    handler?: EventHandler<NoInfer<E>> | null,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void;
  /** Calls every handler of the event in order; resolves to `[handler, response]` pairs. */
  emit<E extends AnyEventName>(event_name: E, kwargs: EventKwargs<E>): Promise<HandlerResponse<E>[]>;
  /**
   * Calls handlers until one returns something other than null/undefined and
   * resolves to that pair; to the last pair when none did; to `[null, null]`
   * when the event has no handlers.
   */
  emit_until_response<E extends AnyEventName>(
    event_name: E,
    kwargs: EventKwargs<E>,
  ): Promise<HandlerResponse<E> | NoResponse>;
  /** True when at least one handler would be called for this event (cheap: cached). */
  hasHandlers(event_name: AnyEventName): boolean;
  /** An independent emitter with the same registrations (Python's `copy.copy(emitter)`). */
  copy(): EventHooks;
}

interface UniqueRegistration {
  handler: StoredHandler;
  /** Present only when registered with `unique_id_uses_count`. */
  count?: number;
}

const NO_HANDLERS: readonly StoredHandler[] = Object.freeze([]);
const NO_RESPONSE: NoResponse = [null, null];

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** botocore's HierarchicalEmitter: handlers by dotted name, most specific first. */
export class HierarchicalEmitter implements EventHooks {
  private trie = new HandlerTrie();
  private uniqueIds = new Map<string, UniqueRegistration>();
  // Most events have no handlers; caching each name's list (empty included)
  // makes emitting them a single map lookup.
  private cache = new Map<string, readonly StoredHandler[]>();
  // Copies share their registrations until one of them changes (every client
  // copies its session's emitter, and almost none registers anything).
  private shared = false;
  private changes = 0;

  register<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count = false,
  ): void {
    this.add(event_name, handler, unique_id, unique_id_uses_count, 1);
  }

  register_first<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count = false,
  ): void {
    this.add(event_name, handler, unique_id, unique_id_uses_count, 0);
  }

  register_last<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count = false,
  ): void {
    this.add(event_name, handler, unique_id, unique_id_uses_count, 2);
  }

  unregister<E extends AnyEventName>(
    event_name: E,
    handler?: EventHandler<NoInfer<E>> | null,
    unique_id?: string | null,
    unique_id_uses_count = false,
  ): void {
    this.own();
    let target = handler as unknown as StoredHandler | null | undefined;
    if (unique_id !== undefined && unique_id !== null) {
      const entry = this.uniqueIds.get(unique_id);
      if (entry === undefined) return;
      if (unique_id_uses_count) {
        if (entry.count === undefined) {
          throw new ValueError(
            `Initial registration of unique id ${unique_id} was specified to use a counter. ` +
              "Subsequent unregister calls to unique id must specify use of a counter as well.",
          );
        }
        if (entry.count > 1) {
          entry.count -= 1;
          return;
        }
      } else if (entry.count) {
        throw new ValueError(
          `Initial registration of unique id ${unique_id} was specified to not use a counter. ` +
            "Subsequent unregister calls to unique id must specify not to use a counter as well.",
        );
      }
      this.uniqueIds.delete(unique_id);
      target = entry.handler;
    }
    if (target === undefined || target === null) {
      // Nothing can match, but botocore still drops its cache when the name exists.
      return;
    }
    if (this.trie.remove(event_name, target)) this.cache = new Map();
  }

  emit<E extends AnyEventName>(event_name: E, kwargs: EventKwargs<E>): Promise<HandlerResponse<E>[]> {
    const handlers = this.handlersFor(event_name);
    if (handlers.length === 0) return Promise.resolve([]);
    return this.run(handlers, event_name, kwargs as Record<string, unknown>, false) as Promise<HandlerResponse<E>[]>;
  }

  async emit_until_response<E extends AnyEventName>(
    event_name: E,
    kwargs: EventKwargs<E>,
  ): Promise<HandlerResponse<E> | NoResponse> {
    const handlers = this.handlersFor(event_name);
    if (handlers.length === 0) return NO_RESPONSE;
    const responses = await this.run(handlers, event_name, kwargs as Record<string, unknown>, true);
    // As in botocore, when every handler returned nothing the result is the
    // last handler paired with its empty response, not [null, null].
    return responses[responses.length - 1] as HandlerResponse<E>;
  }

  hasHandlers(event_name: AnyEventName): boolean {
    return this.handlersFor(event_name).length > 0;
  }

  copy(): HierarchicalEmitter {
    const copy = new HierarchicalEmitter();
    copy.trie = this.trie;
    copy.uniqueIds = this.uniqueIds;
    copy.cache = this.cache;
    copy.shared = true;
    this.shared = true;
    return copy;
  }

  /** Counts registrations and removals, so that copies made from this emitter can tell they are stale. */
  get version(): number {
    return this.changes;
  }

  /** Before a change: take private copies of registrations shared with other emitters. */
  private own(): void {
    this.changes++;
    if (!this.shared) return;
    this.trie = this.trie.clone();
    const ids = new Map<string, UniqueRegistration>();
    for (const [id, entry] of this.uniqueIds) ids.set(id, { ...entry });
    this.uniqueIds = ids;
    this.cache = new Map();
    this.shared = false;
  }

  private handlersFor(eventName: string): readonly StoredHandler[] {
    let handlers = this.cache.get(eventName);
    if (handlers === undefined) {
      const found = this.trie.lookup(eventName);
      handlers = found.length === 0 ? NO_HANDLERS : found;
      this.cache.set(eventName, handlers);
    }
    return handlers;
  }

  private async run(
    handlers: readonly StoredHandler[],
    eventName: string,
    kwargs: Record<string, unknown>,
    stopOnResponse: boolean,
  ): Promise<[StoredHandler, unknown][]> {
    const responses: [StoredHandler, unknown][] = [];
    for (const handler of handlers) {
      // Each handler gets its own object, as Python's **kwargs gives each
      // call its own dict: rebinding a key in one handler does not leak.
      let response = handler({ ...kwargs, event_name: eventName });
      if (isThenable(response)) response = await response;
      responses.push([handler, response]);
      if (stopOnResponse && response !== null && response !== undefined) break;
    }
    return responses;
  }

  private add(
    eventName: string,
    handler: unknown,
    uniqueId: string | null | undefined,
    usesCount: boolean,
    section: Section,
  ): void {
    if (typeof handler !== "function") {
      throw new ValueError(`Event handler ${String(handler)} must be callable.`);
    }
    const stored = handler as StoredHandler;
    this.own();
    if (uniqueId !== undefined && uniqueId !== null) {
      const existing = this.uniqueIds.get(uniqueId);
      if (existing !== undefined) {
        if (usesCount) {
          if (!existing.count) {
            // The doubled space is botocore's.
            throw new ValueError(
              `Initial registration of  unique id ${uniqueId} was specified to use a counter. ` +
                "Subsequent register calls to unique id must specify use of a counter as well.",
            );
          }
          existing.count += 1;
        } else if (existing.count) {
          throw new ValueError(
            `Initial registration of unique id ${uniqueId} was specified to not use a counter. ` +
              "Subsequent register calls to unique id must specify not to use a counter as well.",
          );
        }
        return;
      }
      this.uniqueIds.set(uniqueId, usesCount ? { handler: stored, count: 1 } : { handler: stored });
    }
    this.trie.append(eventName, stored, section);
    this.cache = new Map();
  }
}
