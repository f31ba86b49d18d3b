/**
 * The client object a user holds (botocore's BaseClient): `meta`,
 * `exceptions`, and one method per operation, named as boto3 names them.
 * Operation methods live on a class made once per service model; a client
 * instance holds only its own settings.
 */
import { inspect } from "node:util";
import type { Config } from "../config/config.js";
import type { HierarchicalEmitter } from "../events/hierarchical-emitter.js";
import { NotYetImplementedError } from "../exceptions.js";
import type { ServiceModel } from "../models/service-model.js";
import type { ResponseMetadata } from "./response-metadata.js";
import type { ModeledExceptions } from "./exceptions-factory.js";
import { createRetryStrategy, type RetryStrategy } from "../retries/index.js";
import type { RetryInfo } from "../retries/types.js";
import { DEBUG, getLogger } from "../logging/logger.js";
import type { ClientRuntime, CredentialSource } from "./runtime.js";
import { makeApiCall } from "./pipeline.js";

const retryLogger = getLogger("botocore.retryhandler");

// The strategy's onRetry hook: one debug line per retry decided (a level check when disabled).
function logRetry(info: RetryInfo): void {
  if (!retryLogger.isEnabledFor(DEBUG)) return;
  retryLogger.debug(
    "Retry needed for %s (attempt %d: %s), retrying request after delay of: %s",
    info.operation,
    info.attempt,
    info.reason,
    info.delaySeconds,
  );
}

// With the opt-in on, a retry it refuses is logged too, so a timed-out call that was not resent says why.
function logRefusals(strategy: RetryStrategy): RetryStrategy {
  const decide = strategy.decide.bind(strategy);
  strategy.decide = (ctx) => {
    const decision = decide(ctx);
    if (!decision.retry && decision.reason?.startsWith("not retried") && retryLogger.isEnabledFor(DEBUG)) {
      retryLogger.debug("No retry for %s (attempt %d): %s", ctx.operation.name, ctx.attempt, decision.reason);
    }
    return decision;
  };
  return strategy;
}

/** What every operation returns: the parsed output plus `ResponseMetadata`. */
export interface OperationOutput {
  ResponseMetadata: ResponseMetadata;
  [member: string]: unknown;
}

/** An operation's parameters: model member names to values. */
export type OperationInput = Record<string, unknown>;

/** An operation method: `await client.list_buckets()`. */
export type OperationMethod = (params?: OperationInput) => Promise<OperationOutput>;

/** `client.meta` (botocore's ClientMeta). */
export class ClientMeta {
  constructor(
    /** The client's event emitter (a copy of the session's at creation). */
    readonly events: HierarchicalEmitter,
    /** The client's final Config. */
    readonly config: Config,
    /** The endpoint URL the client was configured with (or the legacy default). */
    readonly endpoint_url: string,
    /** The client's region, or null. */
    readonly region_name: string | null,
    /** The service's model. */
    readonly service_model: ServiceModel,
    /** The partition of the client's endpoint (aws, aws-cn, ...). */
    readonly partition: string,
    /** boto3 method name → model operation name. */
    readonly method_to_api_mapping: Readonly<Record<string, string>>,
  ) {}
}

/** The base of every service client. */
export class BaseClient {
  /** The client's configuration and model. */
  readonly meta: ClientMeta;
  /** @internal The settings calls use (signer, endpoint resolver, transport); hidden from inspect and JSON. */
  declare readonly _runtime: ClientRuntime;
  /** @internal Where this client's credentials come from; hidden from inspect and JSON. */
  declare readonly _credentials: CredentialSource;
  #retry: RetryStrategy | undefined;

  constructor(meta: ClientMeta, runtime: ClientRuntime, credentials: CredentialSource) {
    this.meta = meta;
    Object.defineProperty(this, "_runtime", { value: runtime, enumerable: false });
    Object.defineProperty(this, "_credentials", { value: credentials, enumerable: false });
  }

  /** @internal The client's retry strategy, made on its first call (its quota is its own). */
  _retry(): RetryStrategy {
    if (this.#retry === undefined) {
      const settings = this._runtime.retry;
      // boto3-ts's opt-in (Config retries.resend_after_read_timeout); botocore always resends.
      const idempotentOnly = this._runtime.config.retries?.resend_after_read_timeout === "idempotent_only";
      const strategy = createRetryStrategy({
        mode: settings.mode,
        totalMaxAttempts: settings.totalMaxAttempts,
        serviceModel: this.meta.service_model,
        retryConfigData: settings.retryConfigData,
        retryNonIdempotentAfterReadTimeout: !idempotentOnly,
        onRetry: logRetry,
      });
      this.#retry = idempotentOnly ? logRefusals(strategy) : strategy;
    }
    return this.#retry;
  }

  /** The service's modeled error classes and `from_code` (shared by all clients of the service). */
  get exceptions(): ModeledExceptions {
    return this._runtime.service.exceptions;
  }

  /** Calls an operation by its model name (`GetObject`), as every operation method does. */
  _make_api_call(operationName: string, params: OperationInput = {}): Promise<OperationOutput> {
    return makeApiCall(this, operationName, params);
  }

  /** Whether an operation has a paginator (paginators are not built yet: always false). */
  can_paginate(_operation_name: string): boolean {
    return false;
  }

  /** Paginators come with a later release. */
  get_paginator(operation_name: string): never {
    throw new NotYetImplementedError({ feature: `get_paginator("${operation_name}")` });
  }

  /** Waiters come with a later release. */
  get_waiter(waiter_name: string): never {
    throw new NotYetImplementedError({ feature: `get_waiter("${waiter_name}")` });
  }

  /** Waiter names of the service (none yet). */
  get waiter_names(): string[] {
    return [];
  }

  /** Releases the client's connections (shared pools stay open for other clients). */
  async close(): Promise<void> {
    // Transports are shared between clients with equal settings and unref'd, so nothing is owned here.
  }

  [inspect.custom](): string {
    return `<botocore.client.${this._runtime.service.className} object>`;
  }
}

/** A client of a service whose generated types are not loaded: any operation name is callable. */
export type ServiceClient = BaseClient & { [operation: string]: OperationMethod };
