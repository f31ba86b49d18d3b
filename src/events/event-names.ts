/**
 * Every event botocore fires while creating a client and while making a
 * call, declared once with the arguments its handlers receive.
 *
 * An event name is a family (`before-call`) optionally followed by dotted
 * parts that narrow it (`before-call.s3`, `before-call.s3.PutObject`, with
 * `*` for any one part), so a misspelt family is a compile error. Names that
 * are not botocore's go through `customEvent()`, which says so at the call site.
 */
import type { UNSIGNED } from "../config/config.js";
import type { AWSPreparedRequest, RequestDict, ResponseDict } from "../http/types.js";
import type { HttpResponse } from "../http/http-response.js";
import type { OperationModel, RawServiceModel, ServiceModel } from "../models/service-model.js";

/** Per-call state shared by the pipeline stages and handlers (botocore's request context). */
export type RequestContext = Record<string, unknown>;

/**
 * A response a `before-send` handler may return instead of an HttpResponse:
 * status, headers and the body as text or bytes (botocore's AWSResponse).
 */
export interface CannedResponse {
  status_code: number;
  headers?: Record<string, string>;
  content?: string | Uint8Array;
  url?: string;
}

/** A parsed response, as botocore's parsers return it. */
export type ParsedResponse = Record<string, unknown>;

/** Arguments of `provide-client-params` and `before-parameter-build`. */
export interface ClientParamsKwargs {
  params: Record<string, unknown>;
  model: OperationModel;
  context: RequestContext;
}

/** Arguments of `before-endpoint-resolution`: handlers edit `builtins` in place. */
export interface BeforeEndpointResolutionKwargs {
  builtins: Record<string, unknown>;
  model: OperationModel;
  params: Record<string, unknown>;
  context: RequestContext;
}

/** Arguments of `before-call`. */
export interface BeforeCallKwargs {
  model: OperationModel;
  params: RequestDict;
  request_signer: unknown;
  context: RequestContext;
}

/** Arguments of `request-created`. */
export interface RequestCreatedKwargs {
  request: AWSPreparedRequest;
  operation_name: string;
}

/** Arguments of `choose-signer`. */
export interface ChooseSignerKwargs {
  signing_name: string;
  region_name: string;
  signature_version: string;
  context: RequestContext;
}

/** Arguments of `before-sign`. */
export interface BeforeSignKwargs {
  request: AWSPreparedRequest;
  signing_name: string;
  region_name: string;
  signature_version: string | typeof UNSIGNED;
  request_signer: unknown;
  operation_name: string;
}

/** Arguments of `before-send`. */
export interface BeforeSendKwargs {
  request: AWSPreparedRequest;
}

/** Arguments of `response-received`: either a response or the exception that replaced it. */
export interface ResponseReceivedKwargs {
  response_dict: ResponseDict | null;
  parsed_response: ParsedResponse | null;
  context: RequestContext;
  exception: unknown;
}

/** Arguments of `before-parse`: handlers may add parsed members to `customized_response_dict`. */
export interface BeforeParseKwargs {
  operation_model: OperationModel;
  response_dict: ResponseDict;
  customized_response_dict: ParsedResponse;
}

/** Arguments of `needs-retry`. */
export interface NeedsRetryKwargs {
  /** The attempt's `[http response, parsed]`, or null when it raised. */
  response: [HttpResponse, ParsedResponse] | null;
  endpoint: unknown;
  operation: OperationModel;
  attempts: number;
  caught_exception: unknown;
  request_dict: RequestDict;
}

/** Arguments of `after-call`. */
export interface AfterCallKwargs {
  http_response: HttpResponse;
  parsed: ParsedResponse;
  model: OperationModel;
  context: RequestContext;
}

/** Arguments of `after-call-error`. */
export interface AfterCallErrorKwargs {
  exception: unknown;
  context: RequestContext;
}

/** Arguments of `choose-service-name`. */
export interface ChooseServiceNameKwargs {
  service_name: string;
}

/** Arguments of `service-data-loaded`. */
export interface ServiceDataLoadedKwargs {
  service_data: RawServiceModel;
  service_name: string;
  session: unknown;
}

/** Arguments of `creating-serializer`: handlers may edit `serializer_kwargs`. */
export interface CreatingSerializerKwargs {
  protocol_name: string;
  service_model: ServiceModel;
  serializer_kwargs: Record<string, unknown>;
}

/** Arguments of `creating-client-class`: handlers add methods or bases. */
export interface CreatingClientClassKwargs {
  class_attributes: Record<string, unknown>;
  base_classes: unknown[];
}

/** Arguments of `creating-resource-class` (boto3). */
export interface CreatingResourceClassKwargs {
  class_attributes: Record<string, unknown>;
  base_classes: unknown[];
  service_context: unknown;
}

/** Arguments of `getattr`: a handler may supply a client attribute the model lacks. */
export interface GetattrKwargs {
  client: unknown;
}

/** Each event family and the arguments its handlers receive. */
export interface EventKwargsMap {
  "choose-service-name": ChooseServiceNameKwargs;
  "service-data-loaded": ServiceDataLoadedKwargs;
  "creating-serializer": CreatingSerializerKwargs;
  "creating-client-class": CreatingClientClassKwargs;
  "creating-resource-class": CreatingResourceClassKwargs;
  getattr: GetattrKwargs;
  "provide-client-params": ClientParamsKwargs;
  "before-parameter-build": ClientParamsKwargs;
  "before-endpoint-resolution": BeforeEndpointResolutionKwargs;
  "before-call": BeforeCallKwargs;
  "request-created": RequestCreatedKwargs;
  "choose-signer": ChooseSignerKwargs;
  "before-sign": BeforeSignKwargs;
  "before-send": BeforeSendKwargs;
  "response-received": ResponseReceivedKwargs;
  "before-parse": BeforeParseKwargs;
  "needs-retry": NeedsRetryKwargs;
  "after-call": AfterCallKwargs;
  "after-call-error": AfterCallErrorKwargs;
}

/**
 * What a handler's return value means, for the families where botocore reads
 * it; the others ignore it.
 */
export interface EventResultMap {
  /** A replacement service name. */
  "choose-service-name": string;
  /** Replacement parameters. */
  "provide-client-params": Record<string, unknown>;
  /** `[http response, parsed]`: the call's result, skipping the request. */
  "before-call": [HttpResponse, ParsedResponse];
  /** The signature version to use instead. */
  "choose-signer": string | typeof UNSIGNED;
  /** A response that replaces sending the request. */
  "before-send": HttpResponse | CannedResponse;
  /** Seconds to sleep before retrying; `false` (or nothing) for no retry. */
  "needs-retry": number | false;
  /** The attribute's value. */
  getattr: unknown;
}

/** One of botocore's event families (`before-call`, `needs-retry`, ...). */
export type EventFamily = keyof EventKwargsMap;

/** A botocore event name: a family, or a family narrowed by dotted parts. */
export type EventName = { [F in EventFamily]: F | `${F}.${string}` }[EventFamily];

declare const customEventBrand: unique symbol;

/** An event name outside botocore's families, made with `customEvent()`. */
export type CustomEventName = string & { readonly [customEventBrand]: true };

/** Marks a name as a custom event: its handlers receive untyped arguments. */
export function customEvent(name: string): CustomEventName {
  return name as CustomEventName;
}

/** Any name an emitter accepts. */
export type AnyEventName = EventName | CustomEventName;

/** The family an event name belongs to. */
export type FamilyOf<E extends string> = {
  [F in EventFamily]: E extends F | `${F}.${string}` ? F : never;
}[EventFamily];

/** The arguments handlers of event `E` receive (besides `event_name`). */
export type EventKwargs<E extends AnyEventName> = E extends CustomEventName
  ? Record<string, unknown>
  : EventKwargsMap[FamilyOf<E>];

/** The value a handler of event `E` may return that botocore acts on. */
export type EventResult<E extends AnyEventName> = E extends CustomEventName
  ? unknown
  : FamilyOf<E> extends keyof EventResultMap
    ? EventResultMap[FamilyOf<E> & keyof EventResultMap]
    : unknown;

/** What a handler receives: the event's arguments plus the name that was emitted. */
export type HandlerKwargs<E extends AnyEventName> = EventKwargs<E> & { readonly event_name: string };

/** A handler of event `E`; it may be async, and the emitter awaits it. */
export type EventHandler<E extends AnyEventName> = (
  kwargs: HandlerKwargs<E>,
) => EventResult<E> | null | undefined | void | Promise<EventResult<E> | null | undefined | void>;

/** One handler's outcome from `emit`: the handler and what it returned. */
export type HandlerResponse<E extends AnyEventName> = [EventHandler<E>, EventResult<E> | null | undefined];
