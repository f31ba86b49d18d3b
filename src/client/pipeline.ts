/**
 * The request pipeline: the one place that fixes the order of a call's stages.
 *
 *   params events → endpoint → validate → serialize → checksum choice → before-call
 *   → compress → checksum (header, or aws-chunked trailer)
 *   → [attempt: body from its start → request-created → sign → frame → before-send / send
 *      → parse (response checksum) → retry decision]
 *   → after-call → result or modeled error
 *
 * Each stage is a plain function over the call's state; events fire at
 * botocore's points so users and service customizations can hook in, but
 * the core (signing, retries, parsing) is called here, not registered.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { UNSIGNED } from "../config/config.js";
import type { Credentials } from "../credentials/credentials.js";
import type { EndpointResolution } from "../endpoints/resolver.js";
import type { AnyEventName } from "../events/event-names.js";
import { createChecksum } from "../checksums/algorithms.js";
import { resolveChecksumContext } from "../checksums/request-checksum.js";
import { markValidated, responseChecksumFor, validateBody } from "../checksums/response-checksum.js";
import { StreamingChecksumBody } from "../checksums/streaming-checksum-body.js";
import { FlexibleChecksumError } from "../exceptions.js";
import type { HttpResponse } from "../http/http-response.js";
import { StreamingBody } from "../http/streaming-body.js";
import { readBody } from "../http/transport.js";
import type { AWSPreparedRequest, RequestDict, ResponseDict } from "../http/types.js";
import { joinUrl } from "../protocols/index.js";
import { readInitialResponse } from "../protocols/event-stream/index.js";
import { validateParameters } from "../validate/validate-parameters.js";
import type { BaseClient, OperationInput, OperationOutput } from "./base-client.js";
import type { ErrorResponse } from "../exceptions.js";
import { credentialsFor, operationSpecificSigner, signingScope, signRequest, type SignatureVersion } from "./request-signer.js";
import type { HierarchicalEmitter } from "../events/hierarchical-emitter.js";
import type { ClientRuntime, OperationPlan } from "./runtime.js";
import { addBodyFraming, prepareRequestBody, streamedPayloadHash } from "./body-stage.js";
import type { RequestBodySource } from "./request-body.js";

/** A call's state as it moves through the stages (botocore's request context lives in `context`). */
interface Call {
  readonly client: BaseClient;
  readonly runtime: ClientRuntime;
  readonly events: HierarchicalEmitter;
  readonly plan: OperationPlan;
  readonly context: Record<string, unknown>;
}

/** A successful exchange: the HTTP response and what the parser made of it. */
type Exchange = [HttpResponse, Record<string, unknown>];

/** Runs one API call through every stage. */
export async function makeApiCall(client: BaseClient, operationName: string, apiParams: OperationInput): Promise<OperationOutput> {
  const runtime = client._runtime;
  const plan = runtime.service.plan(operationName);
  const model = plan.model;
  const context: Record<string, unknown> = {
    client_region: client.meta.region_name,
    client_config: runtime.config,
    has_streaming_input: model.has_streaming_input,
    auth_type: plan.authType,
    unsigned_payload: model.unsigned_payload,
    auth_options: runtime.service.model.metadata.auth,
  };
  const call: Call = { client, runtime, events: client.meta.events, plan, context };

  // Handlers edit the params in place (botocore passes its own kwargs dict); never the caller's object.
  const params = await emitParamEvents(call, { ...apiParams });
  // botocore fills idempotency tokens in before-parameter-build, before validation sees them.
  for (const member of plan.idempotentMembers) if (params[member] === undefined) params[member] = randomUUID();
  const credentials = await credentialsFor(client._credentials);
  const endpoint = await resolveEndpoint(call, params, credentials);
  // botocore validates inside serialization, after endpoint resolution, whose handlers may fill
  // members in (an S3 Control ARN supplies AccountId); nothing is sent before this check.
  if (runtime.parameterValidation) validateParameters(params, model.input_shape);
  const requestDict = serialize(call, params, endpoint);
  resolveChecksumContext(requestDict, model, params, runtime.config);

  const events = call.events;
  let exchange: Exchange;
  const [, shortCircuit] = events.hasHandlers(plan.events.beforeCall as AnyEventName)
    ? await events.emit_until_response(plan.events.beforeCall as "before-call", {
        model,
        params: requestDict,
        request_signer: null,
        context,
      })
    : [null, null];
  if (shortCircuit !== null && shortCircuit !== undefined) {
    exchange = shortCircuit as Exchange;
  } else {
    try {
      const body = await prepareRequestBody(runtime, requestDict, model);
      try {
        exchange = await sendWithRetries(call, requestDict, credentials, body);
      } finally {
        body.dispose();
      }
    } catch (error) {
      if (events.hasHandlers(plan.events.afterCallError as AnyEventName)) {
        await events.emit(plan.events.afterCallError as "after-call-error", { exception: error, context });
      }
      throw error;
    }
  }
  const [http, parsed] = exchange;
  if (events.hasHandlers(plan.events.afterCall as AnyEventName)) {
    await events.emit(plan.events.afterCall as "after-call", { http_response: http, parsed, model, context });
  }
  if (http.status_code >= 300) {
    const error = (parsed.Error ?? {}) as { Code?: string };
    const code = (context.error_code_override as string | undefined) || error.Code;
    const ErrorClass = client.exceptions.from_code(code);
    throw new ErrorClass(parsed as ErrorResponse, operationName);
  }
  return parsed as OperationOutput;
}

/** provide-client-params (may replace the params) and before-parameter-build (may edit them). */
async function emitParamEvents(call: Call, apiParams: OperationInput): Promise<OperationInput> {
  const { plan, context } = call;
  const events = call.events;
  let params = apiParams;
  if (events.hasHandlers(plan.events.provideClientParams as AnyEventName)) {
    const responses = await events.emit(plan.events.provideClientParams as "provide-client-params", { params, model: plan.model, context });
    for (const [, response] of responses) {
      if (response !== null && response !== undefined) {
        params = response as OperationInput;
        break;
      }
    }
  }
  if (events.hasHandlers(plan.events.beforeParameterBuild as AnyEventName)) {
    await events.emit(plan.events.beforeParameterBuild as "before-parameter-build", { params, model: plan.model, context });
  }
  return params;
}

/** The endpoint for this call from the rule set (or the legacy URL); its auth scheme goes into the context. */
async function resolveEndpoint(call: Call, params: OperationInput, credentials: Credentials | null): Promise<EndpointResolution> {
  const { runtime, plan, context } = call;
  const resolver = runtime.endpointResolver();
  if (resolver === null) return { url: runtime.legacyEndpointUrl, headers: {}, properties: {}, auth: undefined, feature_ids: [] };
  let builtins = resolver.builtins;
  // The account id is the credentials' (botocore defers it to them), known only once they are loaded.
  const accountId = credentials?.account_id;
  if (accountId && builtins["AWS::Auth::AccountId"] == null) builtins = { ...builtins, "AWS::Auth::AccountId": accountId };
  const events = call.events;
  if (events.hasHandlers(plan.events.beforeEndpointResolution as AnyEventName)) {
    const copy = { ...builtins };
    await events.emit(plan.events.beforeEndpointResolution as "before-endpoint-resolution", {
      builtins: copy,
      model: plan.model,
      params,
      context,
    });
    builtins = copy;
  }
  const endpoint = resolver.construct_endpoint(plan.model, params, builtins);
  if (endpoint.auth !== undefined) {
    context.auth_type = endpoint.auth.auth_type;
    context.signing = { ...((context.signing as object | undefined) ?? {}), ...endpoint.auth.signing };
  }
  if (Object.keys(endpoint.properties).length > 0) context.endpoint_properties = endpoint.properties;
  return endpoint;
}

/** Serializes the params and prepares the request dict (botocore's _convert_to_request_dict). */
function serialize(call: Call, params: OperationInput, endpoint: EndpointResolution): RequestDict {
  const { runtime, plan, context } = call;
  const requestDict = runtime.service.serializer.serialize_to_request(params, plan.model);
  if (!runtime.injectHostPrefix) delete requestDict.host_prefix;
  for (const name in endpoint.headers) requestDict.headers[name] = endpoint.headers[name]!;
  requestDict.headers["User-Agent"] = runtime.userAgent;
  requestDict.url = joinUrl(endpoint.url, requestDict);
  requestDict.context = context;
  return requestDict;
}

/** The attempt loop (botocore's Endpoint._send_request): each attempt is re-signed and sends its body from the start. */
async function sendWithRetries(call: Call, requestDict: RequestDict, credentials: Credentials | null, body: RequestBodySource): Promise<Exchange> {
  const { client, plan, context } = call;
  const retries = ((context.retries as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  context.retries = retries;
  retries["invocation-id"] = randomUUID();
  for (let attempt = 1; ; attempt++) {
    retries.attempt = attempt;
    const wait = client._retry().beforeAttempt({ operation: plan.model });
    if (wait !== undefined) await wait;
    const request = await createRequest(call, requestDict, credentials, body);
    let exchange: Exchange | undefined;
    let error: unknown;
    try {
      exchange = await getResponse(call, request);
    } catch (caught) {
      // A body that does not match its checksum is never retried (botocore raises it outside the retry handling).
      if (caught instanceof FlexibleChecksumError) throw caught;
      error = caught;
    }
    const delay = await retryDelay(call, requestDict, attempt, exchange, error);
    if (delay === null) {
      if (exchange === undefined) throw error;
      const metadata = exchange[1].ResponseMetadata as Record<string, unknown> | undefined;
      if (metadata !== undefined) metadata.RetryAttempts = attempt - 1;
      client._retry().afterCall({ http: exchange[0], requestContext: context });
      return exchange;
    }
    if (delay > 0) await sleep(delay);
  }
}

/** One attempt's request: copied from the request dict, announced, signed, framed. */
async function createRequest(call: Call, requestDict: RequestDict, credentials: Credentials | null, body: RequestBodySource): Promise<AWSPreparedRequest> {
  const { runtime, plan, context } = call;
  const events = call.events;
  const request: AWSPreparedRequest = {
    method: requestDict.method,
    url: requestDict.url!,
    headers: { ...requestDict.headers },
    // The body from its start: bytes again, a file re-opened, or UnseekableStreamError.
    body: body.forSend(),
    stream_output: plan.streamOutput,
    context,
  };
  if (events.hasHandlers(plan.events.requestCreated as AnyEventName)) {
    await events.emit(plan.events.requestCreated as "request-created", { request, operation_name: plan.name });
  }
  const scope = signingScope(runtime, context);
  let version: SignatureVersion =
    runtime.config.signature_version === UNSIGNED ? UNSIGNED : ((context.auth_type as string | null | undefined) || runtime.signatureVersion);
  let chosen = operationSpecificSigner(context, scope.signingName);
  if (chosen === undefined && events.hasHandlers(plan.events.chooseSigner as AnyEventName)) {
    const [, response] = await events.emit_until_response(plan.events.chooseSigner as "choose-signer", {
      signing_name: scope.signingName,
      region_name: scope.region ?? "",
      signature_version: typeof version === "string" ? version : "none",
      context,
    });
    if (response !== null && response !== undefined) chosen = response as SignatureVersion;
  }
  if (chosen !== undefined) version = chosen;
  if (events.hasHandlers(plan.events.beforeSign as AnyEventName)) {
    await events.emit(plan.events.beforeSign as "before-sign", {
      request,
      signing_name: scope.signingName,
      region_name: runtime.signingRegion ?? "",
      signature_version: version,
      request_signer: null,
      operation_name: plan.name,
    });
  }
  // Refreshable credentials renew themselves here, once however many calls wait.
  const frozen = credentials === null ? null : await credentials.get_frozen_credentials();
  signRequest(request, version, scope, frozen, await streamedPayloadHash(request, version, body));
  addBodyFraming(request, body);
  const retries = context.retries as Record<string, unknown>;
  request.headers["amz-sdk-invocation-id"] = String(retries["invocation-id"]);
  const sdkRequest: string[] = [];
  for (const key of ["ttl", "attempt", "max"]) if (key in retries) sdkRequest.push(`${key}=${String(retries[key])}`);
  request.headers["amz-sdk-request"] = sdkRequest.join("; ");
  return request;
}

/** Sends (or lets a before-send handler answer) and parses one attempt. */
async function getResponse(call: Call, request: AWSPreparedRequest): Promise<Exchange> {
  const { runtime, plan } = call;
  const events = call.events;
  let http: HttpResponse | undefined;
  if (events.hasHandlers(plan.events.beforeSend as AnyEventName)) {
    const responses = await events.emit(plan.events.beforeSend as "before-send", { request });
    for (const [, response] of responses) {
      if (response !== null && response !== undefined) {
        http = normalizeHandlerResponse(response as Partial<HttpResponse> & { content?: Uint8Array | string }, request.url);
        break;
      }
    }
  }
  http ??= await runtime.transport.send(request);
  const responseDict = await toResponseDict(call, http);
  let customized: Record<string, unknown> | undefined;
  if (events.hasHandlers(plan.events.beforeParse as AnyEventName)) {
    customized = {};
    await events.emit(plan.events.beforeParse as "before-parse", {
      operation_model: plan.model,
      response_dict: responseDict,
      customized_response_dict: customized,
    });
  }
  const parser = runtime.service.parser;
  const parsed = parser.parse(responseDict, plan.model.output_shape);
  // botocore reads a JSON event stream's initial-response before the call returns.
  if (plan.model.has_event_stream_output && responseDict.status_code < 300) await readInitialResponse(parsed);
  if (customized !== undefined) Object.assign(parsed, customized);
  // A before-parse handler may turn a 200 into an error (S3's 200-with-error bodies).
  if (responseDict.status_code >= 300) addModeledErrorFields(call, responseDict, parsed);
  return [http, parsed];
}

/** A response a before-send handler returned: accept botocore-like objects with `content` or a body stream. */
function normalizeHandlerResponse(response: Partial<HttpResponse> & { content?: Uint8Array | string }, url: string): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const content = typeof response.content === "string" ? Buffer.from(response.content) : response.content;
  const body = response.body ?? Readable.from(content === undefined ? [] : [content]);
  const out: HttpResponse = { url: response.url ?? url, status_code: response.status_code ?? 200, headers, body };
  if (content !== undefined || response.body === undefined) out.content = content ?? new Uint8Array(0);
  return out;
}

/**
 * botocore's convert_to_response_dict, then handle_checksum_body: errors and
 * plain outputs are read whole (and checked against the response checksum,
 * if one was asked for), streamed outputs stay streams (checked at their end).
 */
async function toResponseDict(call: Call, http: HttpResponse): Promise<ResponseDict> {
  const { plan } = call;
  const model = plan.model;
  const streamed = http.status_code < 300 && (model.has_event_stream_output || model.has_streaming_output);
  const checksum = model.has_event_stream_output ? undefined : responseChecksumFor(call.context, http.headers);
  let body: ResponseDict["body"];
  if (!streamed) body = await readBody(http);
  else if (model.has_event_stream_output) body = http.body;
  else if (checksum !== undefined) {
    const checked = new StreamingChecksumBody(http.body, http.headers["content-length"], createChecksum(checksum.algorithm)!, checksum.expected, http.url);
    body = checked as unknown as Readable;
  } else body = new StreamingBody(http.body, http.headers["content-length"], http.url) as unknown as Readable;
  if (checksum !== undefined && body instanceof Uint8Array) validateBody(body, checksum);
  const responseDict: ResponseDict = { status_code: http.status_code, headers: http.headers, body, context: { operation_name: model.name } };
  if (checksum !== undefined) markValidated(responseDict.context, checksum.algorithm);
  return responseDict;
}

/** Adds a modeled error's own fields to the parsed error (botocore's _add_modeled_error_fields). */
function addModeledErrorFields(call: Call, responseDict: ResponseDict, parsed: Record<string, unknown>): void {
  const code = (parsed.Error as { Code?: string } | undefined)?.Code;
  if (code === undefined) return;
  const shape = call.runtime.service.model.shape_for_error_code(code);
  if (shape === undefined) return;
  Object.assign(parsed, call.runtime.service.parser.parse(responseDict, shape));
}

/** needs-retry handlers first (as botocore's emitter order gives them), then the client's retry mode. */
async function retryDelay(
  call: Call,
  requestDict: RequestDict,
  attempt: number,
  exchange: Exchange | undefined,
  error: unknown,
): Promise<number | null> {
  const { client, plan, context } = call;
  const events = call.events;
  if (events.hasHandlers(plan.events.needsRetry as AnyEventName)) {
    const responses = await events.emit(plan.events.needsRetry as "needs-retry", {
      response: exchange ?? null,
      endpoint: null,
      operation: plan.model,
      attempts: attempt,
      caught_exception: error ?? null,
      request_dict: requestDict,
    });
    for (const [, response] of responses) {
      if (response === false) return null;
      if (typeof response === "number") return response;
    }
  }
  const decision = client._retry().decide({
    attempt,
    operation: plan.model,
    requestContext: context,
    response: exchange === undefined ? undefined : { http: exchange[0], parsed: exchange[1] },
    error,
  });
  if (decision.retry) return decision.delaySeconds;
  // Standard mode may still wait before giving up (long polling without quota).
  if (decision.delaySeconds > 0) await sleep(decision.delaySeconds);
  return null;
}

function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
