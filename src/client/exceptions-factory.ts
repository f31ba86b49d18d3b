/**
 * `client.exceptions`: one ClientError subclass per modeled error shape of a
 * service (botocore's ClientExceptionsFactory). Built once per service model
 * and shared by all its clients, so `instanceof` works across clients.
 */
import { ClientError, defineModeledError, type ClientErrorClass } from "../exceptions.js";
import type { ServiceModel } from "../models/service-model.js";

/** The modeled error classes of one service, by shape name, plus `from_code`. */
export class ClientExceptions {
  /** The generic service error, for errors the model does not name. */
  readonly ClientError: typeof ClientError = ClientError;
  readonly #byCode: ReadonlyMap<string, ClientErrorClass>;

  constructor(byCode: ReadonlyMap<string, ClientErrorClass>, byName: Readonly<Record<string, ClientErrorClass>>) {
    this.#byCode = byCode;
    for (const [name, cls] of Object.entries(byName)) {
      Object.defineProperty(this, name, { value: cls, enumerable: true });
    }
  }

  /** The class for an error code, or ClientError when the code is not modeled. */
  from_code(code: string | undefined | null): ClientErrorClass {
    return (code != null && this.#byCode.get(code)) || ClientError;
  }

}

/** `client.exceptions`: `from_code`, `ClientError`, and each modeled error class by name (`NoSuchKey`). */
export type ModeledExceptions = ClientExceptions & { readonly [name: string]: ClientErrorClass };

const cache = new WeakMap<ServiceModel, ModeledExceptions>();

/** The exceptions object of a service model, built on first use. */
export function exceptionsFor(model: ServiceModel): ModeledExceptions {
  let found = cache.get(model);
  if (found === undefined) {
    const byCode = new Map<string, ClientErrorClass>();
    const byName: Record<string, ClientErrorClass> = {};
    for (const shape of model.error_shapes) {
      const cls = defineModeledError(model.service_name, shape.name);
      byName[shape.name] = cls;
      byCode.set(shape.error_code!, cls);
    }
    found = new ClientExceptions(byCode, byName) as ModeledExceptions;
    cache.set(model, found);
  }
  return found;
}
