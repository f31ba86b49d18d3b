/**
 * botocore's EventAliaser: renames old service names inside event names
 * (`before-call.apigateway` becomes `before-call.api-gateway`) on every
 * register, unregister and emit, so that handlers registered under a name
 * users learnt years ago still fire.
 */
import { EVENT_ALIASES } from "./event-aliases.js";
import type { AnyEventName, EventHandler, EventKwargs, HandlerResponse } from "./event-names.js";
import type { EventHooks, NoResponse } from "./hierarchical-emitter.js";

/** Wraps an emitter, translating aliased parts of event names before each operation. */
export class EventAliaser implements EventHooks {
  private readonly emitter: EventHooks;
  private readonly aliases: ReadonlyArray<readonly [string, string]>;
  private readonly aliasCache = new Map<string, string>();

  constructor(emitter: EventHooks, event_aliases: ReadonlyArray<readonly [string, string]> = EVENT_ALIASES) {
    this.emitter = emitter;
    this.aliases = event_aliases;
  }

  register<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void {
    this.emitter.register(this.alias(event_name), handler, unique_id, unique_id_uses_count);
  }

  register_first<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void {
    this.emitter.register_first(this.alias(event_name), handler, unique_id, unique_id_uses_count);
  }

  register_last<E extends AnyEventName>(
    event_name: E,
    handler: EventHandler<NoInfer<E>>,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void {
    this.emitter.register_last(this.alias(event_name), handler, unique_id, unique_id_uses_count);
  }

  unregister<E extends AnyEventName>(
    event_name: E,
    handler?: EventHandler<NoInfer<E>> | null,
    unique_id?: string | null,
    unique_id_uses_count?: boolean,
  ): void {
    this.emitter.unregister(this.alias(event_name), handler, unique_id, unique_id_uses_count);
  }

  emit<E extends AnyEventName>(event_name: E, kwargs: EventKwargs<E>): Promise<HandlerResponse<E>[]> {
    return this.emitter.emit(this.alias(event_name), kwargs);
  }

  emit_until_response<E extends AnyEventName>(
    event_name: E,
    kwargs: EventKwargs<E>,
  ): Promise<HandlerResponse<E> | NoResponse> {
    return this.emitter.emit_until_response(this.alias(event_name), kwargs);
  }

  hasHandlers(event_name: AnyEventName): boolean {
    return this.emitter.hasHandlers(this.alias(event_name));
  }

  copy(): EventAliaser {
    return new EventAliaser(this.emitter.copy(), this.aliases);
  }

  /** The name `event_name` is registered and emitted under. */
  alias_event_name(event_name: string): string {
    let aliased = this.aliasCache.get(event_name);
    if (aliased === undefined) {
      aliased = this.translate(event_name);
      this.aliasCache.set(event_name, aliased);
    }
    return aliased;
  }

  private alias<E extends AnyEventName>(eventName: E): E {
    return this.alias_event_name(eventName) as E;
  }

  private translate(eventName: string): string {
    for (const [oldPart, newPart] of this.aliases) {
      const parts = eventName.split(".");
      if (!oldPart.includes(".")) {
        const at = parts.indexOf(oldPart);
        if (at === -1) continue;
        parts[at] = newPart;
      } else if (eventName.includes(oldPart)) {
        // A dotted alias matched as a substring stops the search even when
        // it does not line up with whole parts (the name is then unchanged);
        // botocore behaves this way, so registrations land where it puts them.
        replaceRun(parts, oldPart.split("."), newPart);
      } else {
        continue;
      }
      return parts.join(".");
    }
    return eventName;
  }
}

/** Replaces the first run of whole parts equal to `run` with the single part `replacement`. */
function replaceRun(parts: string[], run: readonly string[], replacement: string): void {
  for (let i = 0; i < parts.length; i++) {
    let matches = true;
    for (let j = 0; j < run.length; j++) {
      if (parts[i + j] !== run[j]) {
        matches = false;
        break;
      }
    }
    if (matches) {
      parts.splice(i, run.length, replacement);
      return;
    }
  }
}
