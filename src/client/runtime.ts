/**
 * What the pipeline reads on every call, built once: per service model (the
 * client class, serializer, parser, error classes, one plan per operation)
 * and per client (credentials, signing scope, endpoint resolver, transport).
 */
import type { Config } from "../config/config.js";
import type { Credentials } from "../credentials/credentials.js";
import type { EndpointRulesetResolver } from "../endpoints/resolver.js";
import type { HttpTransport } from "../http/transport.js";
import type { OperationModel, ServiceModel } from "../models/service-model.js";
import { createParser, createSerializer, type Parser, type Serializer } from "../protocols/index.js";
import { serializerOptionsFor } from "../services/index.js";
import { xformName } from "../util/naming.js";
import { resolveAuthType } from "./endpoint-bridge.js";
import { exceptionsFor, type ModeledExceptions } from "./exceptions-factory.js";

/** The event names one operation fires, built once (`before-call.s3.PutObject`, ...). */
export interface OperationEvents {
  provideClientParams: string;
  beforeParameterBuild: string;
  beforeEndpointResolution: string;
  beforeCall: string;
  requestCreated: string;
  chooseSigner: string;
  beforeSign: string;
  beforeSend: string;
  responseReceived: string;
  beforeParse: string;
  needsRetry: string;
  afterCall: string;
  afterCallError: string;
}

/** Everything about one operation the pipeline needs, computed on its first call. */
export interface OperationPlan {
  readonly model: OperationModel;
  readonly name: string;
  readonly events: OperationEvents;
  /** The response body is handed to the caller as a stream (blob payload or event stream). */
  readonly streamOutput: boolean;
  /** The operation's own auth type (`auth` trait or `authtype`), before endpoint auth schemes. */
  readonly authType: string | undefined;
  /** Input members filled with a fresh UUID when the caller leaves them out (idempotency tokens). */
  readonly idempotentMembers: readonly string[];
}

/** Per service model: shared by every client of that service. */
export class ServiceRuntime {
  readonly model: ServiceModel;
  /** The hyphenized service id used in event names (`s3`, `api-gateway`). */
  readonly serviceId: string;
  /** botocore's client class name (`S3`, `DynamoDB`), shown by inspect. */
  readonly className: string;
  readonly serializer: Serializer;
  readonly parser: Parser;
  readonly protocol: string;
  readonly #plans = new Map<string, OperationPlan>();
  #exceptions: ModeledExceptions | undefined;
  #methodNames: Readonly<Record<string, string>> | undefined;

  constructor(model: ServiceModel) {
    this.model = model;
    this.serviceId = model.service_id.replace(/ /g, "-").toLowerCase();
    this.className = clientClassName(model);
    this.protocol = model.resolved_protocol;
    this.serializer = createSerializer(this.protocol, serializerOptionsFor(model.service_name));
    this.parser = createParser(this.protocol);
  }

  /** The modeled error classes (built on first use). */
  get exceptions(): ModeledExceptions {
    return (this.#exceptions ??= exceptionsFor(this.model));
  }

  /** The plan of an operation, by model name. */
  plan(operationName: string): OperationPlan {
    let plan = this.#plans.get(operationName);
    if (plan === undefined) {
      const model = this.model.operation_model(operationName);
      const suffix = `${this.serviceId}.${operationName}`;
      plan = {
        model,
        name: operationName,
        events: {
          provideClientParams: `provide-client-params.${suffix}`,
          beforeParameterBuild: `before-parameter-build.${suffix}`,
          beforeEndpointResolution: `before-endpoint-resolution.${this.serviceId}`,
          beforeCall: `before-call.${suffix}`,
          requestCreated: `request-created.${suffix}`,
          chooseSigner: `choose-signer.${suffix}`,
          beforeSign: `before-sign.${suffix}`,
          beforeSend: `before-send.${suffix}`,
          responseReceived: `response-received.${suffix}`,
          beforeParse: `before-parse.${suffix}`,
          needsRetry: `needs-retry.${suffix}`,
          afterCall: `after-call.${suffix}`,
          afterCallError: `after-call-error.${suffix}`,
        },
        streamOutput: model.has_streaming_output || model.has_event_stream_output,
        authType: model.auth ? resolveAuthType(model.auth) : model.auth_type,
        idempotentMembers: model.idempotent_members,
      };
      this.#plans.set(operationName, plan);
    }
    return plan;
  }

  /** boto3 method name → operation name, for every operation (computed once, shared, frozen). */
  methodNames(): Readonly<Record<string, string>> {
    if (this.#methodNames === undefined) {
      const out: Record<string, string> = {};
      const operations = this.model.operation_names;
      const methods = this.model.summaryMethods;
      if (methods !== undefined && methods.length === operations.length) {
        for (let i = 0; i < operations.length; i++) out[methods[i]!] = operations[i]!;
      } else {
        for (const name of operations) out[xformName(name)] = name;
      }
      this.#methodNames = Object.freeze(out);
    }
    return this.#methodNames;
  }
}

/** Where a client's credentials come from. */
export type CredentialSource =
  | { kind: "unsigned" }
  | { kind: "explicit"; credentials: Credentials }
  | { kind: "session"; load: () => Promise<Credentials | null> };

/** How a client's retry strategy is made (on its first call: its quota and rate limiter are its own). */
export interface RetrySettings {
  readonly mode: string;
  readonly totalMaxAttempts: number | undefined;
  /** `_retry.json`, for legacy mode. */
  readonly retryConfigData: unknown;
}

/** What a call needs besides the client's credentials and events: shared by clients made with the same arguments. */
export interface ClientRuntime {
  readonly service: ServiceRuntime;
  readonly config: Config;
  /** The signing region and name from endpoints.json (endpoint auth schemes may override per call). */
  readonly signingRegion: string | null;
  readonly signingName: string;
  /** The client's signature version (`v4`, `s3v4`, `bearer`, ...). */
  readonly signatureVersion: string;
  /** The endpoint resolver, made on first use; null for services without a rule set (then `legacyEndpointUrl` is used). */
  readonly endpointResolver: () => EndpointRulesetResolver | null;
  readonly legacyEndpointUrl: string;
  readonly transport: HttpTransport;
  readonly retry: RetrySettings;
  readonly parameterValidation: boolean;
  readonly injectHostPrefix: boolean;
  readonly userAgent: string;
  /** The s3 config section (payload signing and addressing settings read by customizations). */
  readonly s3Config: Readonly<Record<string, unknown>> | null;
}

function clientClassName(model: ServiceModel): string {
  const metadata = model.metadata;
  const name = metadata.serviceAbbreviation ?? metadata.serviceFullName ?? model.service_name;
  return name.replace(/Amazon/g, "").replace(/AWS/g, "").replace(/\W+/g, "");
}
