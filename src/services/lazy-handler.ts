/**
 * Handlers whose code loads on first use. The registry knows every
 * customization's events without loading its code, so creating a client
 * costs no module loads; a behaviour's module is imported the first time
 * one of its events fires (the emitter awaits handlers), and from then on
 * the handler is called directly, with no promise in between.
 */

/** Any handler function: one argument (the event's kwargs), any result. */
type Handler = (kwargs: never) => unknown;

/** A module loader, as written at the registration: `() => import("./s3/x.js")`. */
export type ModuleLoader<M> = () => Promise<M>;

const loaded = new Map<ModuleLoader<unknown>, Promise<unknown>>();

/** Imports a handler module once (the same loader always gives the same promise). */
export function loadModule<M>(load: ModuleLoader<M>): Promise<M> {
  let pending = loaded.get(load) as Promise<M> | undefined;
  if (pending === undefined) loaded.set(load, (pending = load()));
  return pending;
}

/** A handler that runs `module[name]`, importing the module the first time it is called. */
export function lazy<M, K extends keyof M>(load: ModuleLoader<M>, name: K): M[K] & Handler {
  let handler: ((kwargs: unknown) => unknown) | undefined;
  const stub = (kwargs: unknown): unknown => {
    if (handler !== undefined) return handler(kwargs);
    return loadModule(load).then((module) => {
      handler = module[name] as (kwargs: unknown) => unknown;
      return handler(kwargs);
    });
  };
  Object.defineProperty(stub, "name", { value: String(name) });
  return stub as unknown as M[K] & Handler;
}

/** Starts loading modules in the background, so the first call that needs them rarely waits. */
export function prefetch(loaders: Iterable<ModuleLoader<unknown>>): void {
  for (const load of loaders) {
    // A failure surfaces when the handler runs; here it would only be an unhandled rejection.
    loadModule(load).catch(() => undefined);
  }
}

/** `module[name]` without its first (client) parameter. */
type WithoutClient<F, C> = F extends (client: C, kwargs: infer A) => infer R ? (kwargs: A) => R | Promise<Awaited<R>> : never;

/** A per-client handler: runs `module[name](client, kwargs)`, importing the module the first time. */
export function lazyForClient<C, M, K extends keyof M>(load: ModuleLoader<M>, name: K, client: C): WithoutClient<M[K], C> {
  let handler: ((client: C, kwargs: unknown) => unknown) | undefined;
  const stub = (kwargs: unknown): unknown => {
    if (handler !== undefined) return handler(client, kwargs);
    return loadModule(load).then((module) => {
      handler = module[name] as (client: C, kwargs: unknown) => unknown;
      return handler(client, kwargs);
    });
  };
  return stub as unknown as WithoutClient<M[K], C>;
}

/**
 * One object per client, made from a lazily loaded module on first use
 * (botocore's per-client handler objects, such as the S3 region
 * redirector): `use(fn)` runs `fn` on it, at once when it exists.
 */
export function lazyInstance<M, T>(load: ModuleLoader<M>, create: (module: M) => T): <R>(use: (instance: T) => R) => R | Promise<Awaited<R>> {
  let instance: T | undefined;
  return <R>(use: (instance: T) => R): R | Promise<Awaited<R>> => {
    if (instance !== undefined) return use(instance);
    return loadModule(load).then((module) => use((instance ??= create(module))) as Awaited<R>);
  };
}
