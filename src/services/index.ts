/**
 * The registry of per-service customizations: which of botocore's
 * behaviours a client of a service gets beyond what its model describes,
 * on which events, in botocore's order. The code of each behaviour is its
 * own file in its service's folder and loads only when one of its events
 * first fires (see lazy-handler.ts), so a client of a service without
 * customizations loads nothing from here.
 *
 * Order matters where two handlers share an event: within each service the
 * entries follow botocore's registration order (handlers.py
 * BUILTIN_HANDLERS, then what botocore's client factory registers per
 * client). Handlers botocore registers on a bare family (`before-call`)
 * are registered here on the operations they can affect, after the
 * service's own, which is where botocore's emitter runs them.
 */
import type { BaseClient } from "../client/base-client.js";
import type { ServiceRuntime } from "../client/runtime.js";
import type { AnyEventName, EventHandler } from "../events/event-names.js";
import type { EventHooks } from "../events/hierarchical-emitter.js";
import type { SerializerOptions } from "../protocols/index.js";
import type { Customization, HandlerRegistration } from "./customization.js";
import { type ModuleLoader, lazy, lazyForClient, lazyInstance, prefetch } from "./lazy-handler.js";

/** Declares a registration with its event's typed arguments. */
export function on<E extends AnyEventName>(event: E, handler: EventHandler<NoInfer<E>>, options: { position?: "first" | "last"; uniqueId?: string } = {}): HandlerRegistration {
  return { event, handler, ...options } as unknown as HandlerRegistration;
}

// Handler modules, one per behaviour; imported on first use.
const recursionDetection = () => import("./all/recursion-detection-header.js");
const apiVersionHeader = () => import("./all/api-version-header.js");
const validationModeMember = () => import("./all/request-validation-mode-member.js");
const disableSigning = () => import("./common/disable-signing.js");
const s3ListEncoding = () => import("./s3/list-objects-encoding-type.js");
const s3DecodeList = () => import("./s3/decode-list-objects.js");
const s3BucketLocation = () => import("./s3/get-bucket-location.js");
const s3ExpiresHeader = () => import("./s3/expires-header.js");
const s3Handle200 = () => import("./s3/handle-200-error.js");
const s3BucketName = () => import("./s3/validate-bucket-name.js");
const s3BucketPaths = () => import("./s3/remove-bucket-from-url-paths.js");
const s3CopySource = () => import("./s3/copy-source.js");
const s3AsciiMetadata = () => import("./s3/validate-ascii-metadata.js");
const s3Builtins = () => import("./s3/endpoint-resolver-builtins.js");
const s3Expect = () => import("./s3/expect-header.js");
const s3EscapeXml = () => import("./s3/escape-xml-payload.js");
const s3SseMd5 = () => import("./s3/sse-customer-key-md5.js");
const s3UnsignedTrailer = () => import("./s3/unsigned-trailer-header.js");
const s3InputParams = () => import("./s3/input-parameters.js");
const s3Redirector = () => import("./s3/region-redirector.js");
const s3ControlPrefix = () => import("./s3control/remove-account-id-host-prefix.js");
const s3ControlArns = () => import("./s3control/arn-params.js");
const route53Ids = () => import("./route53/fix-route53-ids.js");
const iamPolicies = () => import("./iam/json-decode-policies.js");
const cfnTemplate = () => import("./cloudformation/json-decode-template-body.js");
const ec2Console = () => import("./ec2/decode-console-output.js");
const ec2UserData = () => import("./ec2/base64-user-data.js");
const ec2CopySnapshot = () => import("./ec2/copy-snapshot-presigned-url.js");
const ec2Filters = () => import("./ec2/filters-alias.js");
const rdsPresign = () => import("./rds/presigned-url.js");
const apigatewayAccept = () => import("./apigateway/accept-header.js");
const glacierVersion = () => import("./glacier/api-version-header.js");
const glacierChecksums = () => import("./glacier/checksums.js");
const glacierAccount = () => import("./glacier/account-id.js");
const sqsErrors = () => import("./sqs/query-compatible-error.js");
const ssoOidcErrors = () => import("./sso-oidc/oauth2-errors.js");
const mlPredict = () => import("./machinelearning/predict-endpoint.js");
const searchPost = () => import("./cloudsearchdomain/search-as-post.js");
const searchReturn = () => import("./cloudsearchdomain/return-fields-alias.js");
const logsFrom = () => import("./logs/from-time-alias.js");
const importExportSigner = () => import("./importexport/sigv4-signer.js");
const pollyPresign = () => import("./polly/presign-content-type.js");

/** Those operations as `${family}.${serviceId}.${operation}` events, so a handler hears only calls it can affect. */
function operationEvents<F extends "before-call" | "before-parameter-build">(family: F, service: ServiceRuntime, trait: string): `${F}.${string}`[] {
  return service.model.operations_with_trait(trait).map((name) => `${family}.${service.serviceId}.${name}` as const);
}

/** The S3 region redirector's three handlers, sharing one redirector (and its region cache) per client. */
function regionRedirector(client: BaseClient): readonly HandlerRegistration[] {
  const use = lazyInstance(s3Redirector, (module) => new module.S3RegionRedirector(client));
  return [
    on("needs-retry.s3", (kwargs) => use((r) => r.redirectFromError(kwargs)), { uniqueId: "s3-region-redirector:needs-retry" }),
    on("before-parameter-build.s3", (kwargs) => use((r) => r.annotateRequestContext(kwargs)), { uniqueId: "s3-region-redirector:annotate" }),
    on("before-endpoint-resolution.s3", (kwargs) => use((r) => r.redirectFromCache(kwargs)), { uniqueId: "s3-region-redirector:cache" }),
  ];
}

/** Cross-region presigning for the RDS family: per client, since it signs with the client's credentials. */
function rdsPresignedUrl(serviceId: string, operations: readonly string[]): (client: BaseClient) => readonly HandlerRegistration[] {
  return (client) =>
    operations.map((name) =>
      on(`before-call.${serviceId}.${name}`, lazyForClient(rdsPresign, "injectPresignedUrlRds", client), { uniqueId: `inject_presigned_url_rds:${name}` }),
    );
}

/** Every customization. */
export const CUSTOMIZATIONS: readonly Customization[] = [
  // Every service: botocore registers this on the bare before-call, so it runs after every service's own.
  { name: "add_recursion_detection_header", services: "*", handlers: [on("before-call", lazy(recursionDetection, "addRecursionDetectionHeader"))] },

  // S3 (handlers.py), in botocore's order.
  { name: "parse_get_bucket_location", services: ["s3"], load: s3BucketLocation, handlers: [on("after-call.s3.GetBucketLocation", lazy(s3BucketLocation, "parseGetBucketLocation"))] },
  { name: "handle_expires_header", services: ["s3"], load: s3ExpiresHeader, handlers: [on("before-parse.s3.*", lazy(s3ExpiresHeader, "handleExpiresHeader"))] },
  {
    name: "_handle_200_error", services: ["s3"], load: s3Handle200,
    handlers: [
      on("before-parse.s3.*", lazy(s3Handle200, "handle200Error"), { position: "first" }),
      on("needs-retry.s3.*", lazy(s3Handle200, "updateStatusCode"), { position: "first" }),
    ],
  },
  { name: "validate_bucket_name", services: ["s3"], load: s3BucketName, handlers: [on("before-parameter-build.s3", lazy(s3BucketName, "validateBucketName"))] },
  { name: "remove_bucket_from_url_paths_from_model", services: ["s3"], load: s3BucketPaths, handlers: [on("before-parameter-build.s3", lazy(s3BucketPaths, "removeBucketFromUrlPaths"))] },
  {
    name: "set_list_objects_encoding_type_url", services: ["s3"], load: s3ListEncoding,
    handlers: ["ListObjects", "ListObjectsV2", "ListObjectVersions"].map((op) =>
      on(`before-parameter-build.s3.${op}`, lazy(s3ListEncoding, "setListObjectsEncodingTypeUrl")),
    ),
  },
  {
    name: "handle_copy_source_param", services: ["s3"], load: s3CopySource,
    handlers: ["CopyObject", "UploadPartCopy"].map((op) => on(`before-parameter-build.s3.${op}`, lazy(s3CopySource, "handleCopySourceParam"))),
  },
  {
    name: "validate_ascii_metadata", services: ["s3"], load: s3AsciiMetadata,
    handlers: ["CopyObject", "PutObject", "CreateMultipartUpload"].map((op) => on(`before-parameter-build.s3.${op}`, lazy(s3AsciiMetadata, "validateAsciiMetadata"))),
  },
  { name: "customize_endpoint_resolver_builtins", services: ["s3"], load: s3Builtins, handlers: [on("before-endpoint-resolution.s3", lazy(s3Builtins, "customizeEndpointResolverBuiltins"))] },
  {
    name: "add_expect_header", services: ["s3"], load: s3Expect,
    handlers: [
      on("before-parameter-build.s3.UploadPart", lazy(s3Expect, "convertBodyToFileLikeObject"), { position: "last" }),
      on("before-parameter-build.s3.PutObject", lazy(s3Expect, "convertBodyToFileLikeObject"), { position: "last" }),
      on("before-call.s3", lazy(s3Expect, "addExpectHeader")),
    ],
  },
  {
    name: "escape_xml_payload", services: ["s3"], load: s3EscapeXml,
    handlers: ["DeleteObjects", "PutBucketLifecycleConfiguration"].map((op) => on(`before-call.s3.${op}`, lazy(s3EscapeXml, "escapeXmlPayload"))),
  },
  {
    name: "sse_md5", services: ["s3"], load: s3SseMd5,
    handlers: [
      ...["HeadObject", "GetObject", "PutObject"].map((op) => on(`before-parameter-build.s3.${op}`, lazy(s3SseMd5, "sseMd5"))),
      on("before-parameter-build.s3.CopyObject", lazy(s3SseMd5, "sseMd5")),
      on("before-parameter-build.s3.CopyObject", lazy(s3SseMd5, "copySourceSseMd5")),
      ...["CreateMultipartUpload", "UploadPart", "UploadPartCopy"].map((op) => on(`before-parameter-build.s3.${op}`, lazy(s3SseMd5, "sseMd5"))),
      on("before-parameter-build.s3.UploadPartCopy", lazy(s3SseMd5, "copySourceSseMd5")),
      ...["CompleteMultipartUpload", "SelectObjectContent"].map((op) => on(`before-parameter-build.s3.${op}`, lazy(s3SseMd5, "sseMd5"))),
    ],
  },
  { name: "_set_extra_headers_for_unsigned_request", services: ["s3"], load: s3UnsignedTrailer, handlers: [on("before-sign.s3", lazy(s3UnsignedTrailer, "setExtraHeadersForUnsignedRequest"))] },
  {
    name: "decode_list_object", services: ["s3"], load: s3DecodeList,
    handlers: [
      on("after-call.s3.ListObjects", lazy(s3DecodeList, "decodeListObject")),
      on("after-call.s3.ListObjectsV2", lazy(s3DecodeList, "decodeListObjectV2")),
      on("after-call.s3.ListObjectVersions", lazy(s3DecodeList, "decodeListObjectVersions")),
    ],
  },
  // S3, registered by botocore's client factory for each client.
  { name: "S3RegionRedirectorv2", services: ["s3"], load: s3Redirector, clientHandlers: regionRedirector },
  { name: "_inject_s3_input_parameters", services: ["s3"], load: s3InputParams, handlers: [on("before-parameter-build.s3", lazy(s3InputParams, "injectS3InputParameters"))] },

  // S3 Control.
  { name: "remove_accid_host_prefix_from_model", services: ["s3control"], load: s3ControlPrefix, handlers: [on("before-parameter-build.s3-control", lazy(s3ControlPrefix, "removeAccountIdHostPrefix"))] },
  { name: "S3ControlArnParamHandlerv2", services: ["s3control"], load: s3ControlArns, handlers: [on("before-endpoint-resolution.s3-control", lazy(s3ControlArns, "handleS3ControlArn"))] },

  // Other services, alphabetically.
  { name: "add_accept_header", services: ["apigateway"], load: apigatewayAccept, handlers: [on("before-call.api-gateway", lazy(apigatewayAccept, "addAcceptHeader"))] },
  { name: "base64_encode_user_data", services: ["autoscaling"], load: ec2UserData, handlers: [on("before-parameter-build.auto-scaling.CreateLaunchConfiguration", lazy(ec2UserData, "base64EncodeUserData"))] },
  { name: "enable_millisecond_timestamp_precision", services: ["bedrock-agentcore"], serializerOptions: { timestamp_precision: "millisecond" } },
  { name: "remove_bedrock_runtime_invoke_model_with_bidirectional_stream", services: ["bedrock-runtime"], clientClass: { removeMethods: ["invoke_model_with_bidirectional_stream"] } },
  { name: "json_decode_template_body", services: ["cloudformation"], load: cfnTemplate, handlers: [on("after-call.cloudformation.GetTemplate", lazy(cfnTemplate, "jsonDecodeTemplateBody"))] },
  { name: "change_get_to_post", services: ["cloudsearchdomain"], load: searchPost, handlers: [on("request-created.cloudsearch-domain.Search", lazy(searchPost, "changeGetToPost"))] },
  { name: "ParameterAlias(return, returnFields)", services: ["cloudsearchdomain"], load: searchReturn, handlers: [on("before-parameter-build.cloudsearch-domain.Search", lazy(searchReturn, "aliasReturnFields"), { position: "first" })] },
  {
    name: "ClientMethodAlias", services: ["cloudwatch"],
    clientClass: { methodAliases: { get_o_tel_enrichment: "get_otel_enrichment", start_o_tel_enrichment: "start_otel_enrichment", stop_o_tel_enrichment: "stop_otel_enrichment" } },
  },
  {
    name: "disable_signing", services: ["cognito-identity"], load: disableSigning,
    handlers: ["GetId", "GetOpenIdToken", "UnlinkIdentity", "GetCredentialsForIdentity"].map((op) => on(`choose-signer.cognito-identity.${op}`, lazy(disableSigning, "disableSigning"))),
  },
  { name: "remove_connecthealth_start_medical_scribe_listening_session", services: ["connecthealth"], clientClass: { removeMethods: ["start_medical_scribe_listening_session"] } },
  { name: "inject_presigned_url_rds", services: ["docdb"], load: rdsPresign, clientHandlers: rdsPresignedUrl("docdb", ["CopyDBClusterSnapshot", "CreateDBCluster"]) },
  { name: "decode_console_output", services: ["ec2"], load: ec2Console, handlers: [on("after-call.ec2.GetConsoleOutput", lazy(ec2Console, "decodeConsoleOutput"))] },
  {
    name: "inject_presigned_url_ec2", services: ["ec2"], load: ec2CopySnapshot,
    clientHandlers: (client) => [on("before-call.ec2.CopySnapshot", lazyForClient(ec2CopySnapshot, "injectPresignedUrlEc2", client), { uniqueId: "inject_presigned_url_ec2" })],
  },
  { name: "base64_encode_user_data", services: ["ec2"], load: ec2UserData, handlers: [on("before-parameter-build.ec2.RunInstances", lazy(ec2UserData, "base64EncodeUserData"))] },
  { name: "ParameterAlias(Filter, Filters)", services: ["ec2"], load: ec2Filters, handlers: [on("before-parameter-build.ec2.*", lazy(ec2Filters, "aliasEc2Filters"), { position: "first" })] },
  { name: "add_glacier_version", services: ["glacier"], load: glacierVersion, handlers: [on("before-call.glacier", lazy(glacierVersion, "addGlacierVersion"))] },
  {
    name: "add_glacier_checksums", services: ["glacier"], load: glacierChecksums,
    handlers: ["UploadArchive", "UploadMultipartPart"].map((op) => on(`before-call.glacier.${op}`, lazy(glacierChecksums, "addGlacierChecksums"))),
  },
  { name: "inject_account_id", services: ["glacier"], load: glacierAccount, handlers: [on("before-parameter-build.glacier", lazy(glacierAccount, "injectAccountId"))] },
  { name: "json_decode_policies", services: ["iam"], load: iamPolicies, handlers: [on("after-call.iam", lazy(iamPolicies, "jsonDecodePolicies"))] },
  {
    name: "_set_importexport_signature_version", services: ["importexport"], load: importExportSigner,
    // Only when no signature version is configured: the final Config then holds the model's own (v2).
    clientHandlers: (client) =>
      client.meta.config.signature_version !== client.meta.service_model.metadata.signatureVersion
        ? []
        : [on("choose-signer.importexport", lazy(importExportSigner, "defaultSignerToSigv4"), { uniqueId: "importexport:sigv4" })],
  },
  { name: "remove_lex_v2_start_conversation", services: ["lexv2-runtime"], clientClass: { removeMethods: ["start_conversation"] } },
  { name: "ParameterAlias(from, fromTime)", services: ["logs"], load: logsFrom, handlers: [on("before-parameter-build.cloudwatch-logs.CreateExportTask", lazy(logsFrom, "aliasFromTime"), { position: "first" })] },
  { name: "switch_host_machinelearning", services: ["machinelearning"], load: mlPredict, handlers: [on("request-created.machine-learning.Predict", lazy(mlPredict, "switchHostMachineLearning"))] },
  { name: "ClientMethodAlias", services: ["mturk"], clientClass: { methodAliases: { list_hi_ts_for_qualification_type: "list_hits_for_qualification_type" } } },
  { name: "inject_presigned_url_rds", services: ["neptune"], load: rdsPresign, clientHandlers: rdsPresignedUrl("neptune", ["CopyDBClusterSnapshot", "CreateDBCluster"]) },
  { name: "remove_polly_start_speech_synthesis_stream", services: ["polly"], clientClass: { removeMethods: ["start_speech_synthesis_stream"] } },
  { name: "remove_content_type_header_for_presigning", services: ["polly"], load: pollyPresign, handlers: [on("before-sign.polly.SynthesizeSpeech", lazy(pollyPresign, "removeContentTypeForPresigning"))] },
  { name: "remove_qbusiness_chat", services: ["qbusiness"], clientClass: { removeMethods: ["chat"] } },
  {
    name: "inject_presigned_url_rds", services: ["rds"], load: rdsPresign,
    clientHandlers: rdsPresignedUrl("rds", ["CopyDBClusterSnapshot", "CreateDBCluster", "CopyDBSnapshot", "CreateDBInstanceReadReplica", "StartDBInstanceAutomatedBackupsReplication"]),
  },
  { name: "fix_route53_ids", services: ["route53"], load: route53Ids, handlers: [on("before-parameter-build.route-53", lazy(route53Ids, "fixRoute53Ids"))] },
  { name: "ClientMethodAlias", services: ["socialmessaging"], clientClass: { methodAliases: { delete_whatsapp_media_message: "delete_whatsapp_message_media" } } },
  { name: "_handle_sqs_compatible_error", services: ["sqs"], load: sqsErrors, handlers: [on("after-call.sqs.*", lazy(sqsErrors, "handleSqsCompatibleError"))] },
  { name: "_map_oauth2_errors", services: ["sso-oidc"], load: ssoOidcErrors, handlers: [on("before-parse.sso-oidc.*", lazy(ssoOidcErrors, "mapOauth2Errors"))] },
  {
    name: "disable_signing", services: ["sts"], load: disableSigning,
    handlers: ["AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"].map((op) => on(`choose-signer.sts.${op}`, lazy(disableSigning, "disableSigning"))),
  },

  // Every service, last: botocore registers these on bare families; here on the operations they affect.
  {
    name: "_handle_request_validation_mode_member", services: "*", load: validationModeMember,
    serviceHandlers: (service) =>
      operationEvents("before-parameter-build", service, "httpChecksum.requestValidationModeMember").map(
        (event) => on(event, lazy(validationModeMember, "handleRequestValidationModeMember")),
      ),
  },
  {
    name: "inject_api_version_header_if_needed", services: "*", load: apiVersionHeader,
    serviceHandlers: (service) =>
      operationEvents("before-call", service, "endpointoperation").map((event) =>
        on(event, lazy(apiVersionHeader, "injectApiVersionHeader")),
      ),
  },
];

const byService = new Map<string, readonly Customization[]>();

/** The customizations that apply to a service, in registration order. */
export function customizationsFor(serviceName: string): readonly Customization[] {
  let found = byService.get(serviceName);
  if (found === undefined) {
    found = CUSTOMIZATIONS.filter((c) => c.services === "*" || c.services.includes(serviceName));
    byService.set(serviceName, found);
  }
  return found;
}

/**
 * The serializer options a service's customizations ask for (botocore's
 * `creating-serializer` handlers); `{}` for most services.
 */
export function serializerOptionsFor(serviceName: string): SerializerOptions {
  let options: SerializerOptions = {};
  for (const customization of customizationsFor(serviceName)) {
    if (customization.serializerOptions !== undefined) options = { ...options, ...customization.serializerOptions };
  }
  return options;
}

function register(events: EventHooks, registrations: readonly HandlerRegistration[]): void {
  for (const r of registrations) {
    if (r.position === "first") events.register_first(r.event, r.handler, r.uniqueId);
    else if (r.position === "last") events.register_last(r.event, r.handler, r.uniqueId);
    else events.register(r.event, r.handler, r.uniqueId);
  }
}

const serviceRegistrations = new WeakMap<ServiceRuntime, readonly HandlerRegistration[]>();

/** Every handler a service's clients share, in registration order, built once per service model. */
function sharedRegistrations(service: ServiceRuntime): readonly HandlerRegistration[] {
  let registrations = serviceRegistrations.get(service);
  if (registrations === undefined) {
    const list: HandlerRegistration[] = [];
    const modules: ModuleLoader<unknown>[] = [];
    for (const customization of customizationsFor(service.model.service_name)) {
      if (customization.handlers !== undefined) list.push(...customization.handlers);
      if (customization.serviceHandlers !== undefined) list.push(...customization.serviceHandlers(service));
      if (customization.load !== undefined && customization.services !== "*") modules.push(customization.load);
    }
    serviceRegistrations.set(service, (registrations = list));
    // The service's own behaviours will be needed by its first calls: start loading them now.
    prefetch(modules);
  }
  return registrations;
}

/**
 * Registers the handlers every client of the service shares on `events`
 * (the emitter clients created with the same arguments copy): botocore's
 * built-in handlers for this service, in botocore's order.
 */
export function applyCustomizations(events: EventHooks, service: ServiceRuntime): void {
  register(events, sharedRegistrations(service));
}

const changedClasses = new WeakSet<object>();
const hasClientWork = new Map<string, boolean>();

/** Removes and aliases methods on the client's class, once per class (botocore's `creating-client-class` and `getattr`). */
function applyClientClassChanges(proto: Record<string, unknown>, customizations: readonly Customization[]): void {
  if (changedClasses.has(proto)) return;
  changedClasses.add(proto);
  for (const { clientClass } of customizations) {
    if (clientClass === undefined) continue;
    for (const name of clientClass.removeMethods ?? []) {
      // Operation methods sit on an object further up the class's prototype chain.
      for (let holder: Record<string, unknown> | null = proto; holder !== null; holder = Object.getPrototypeOf(holder) as Record<string, unknown> | null) {
        if (Object.prototype.hasOwnProperty.call(holder, name)) {
          delete holder[name];
          break;
        }
      }
    }
    for (const [alias, target] of Object.entries(clientClass.methodAliases ?? {})) {
      // As with Python's __getattr__, an alias never hides a real method of that name.
      if (alias in proto || typeof proto[target] !== "function") continue;
      Object.defineProperty(proto, alias, { value: proto[target], writable: true, configurable: true });
    }
  }
}

/**
 * Finishes a new client: changes to its class (once per class), then the
 * handlers botocore's client factory registers per client (the S3 region
 * redirector, cross-region presigning), on the client's own emitter.
 * Does nothing for most services; calling it twice changes nothing more
 * (the registrations carry unique ids).
 */
export function applyClientCustomizations(client: BaseClient): void {
  const serviceName = client.meta.service_model.service_name;
  let work = hasClientWork.get(serviceName);
  const customizations = customizationsFor(serviceName);
  if (work === undefined) {
    work = customizations.some((c) => c.clientClass !== undefined || c.clientHandlers !== undefined);
    hasClientWork.set(serviceName, work);
  }
  if (!work) return;
  applyClientClassChanges(Object.getPrototypeOf(client) as Record<string, unknown>, customizations);
  for (const customization of customizations) {
    if (customization.clientHandlers !== undefined) register(client.meta.events, customization.clientHandlers(client));
  }
}
