/**
 * The registry of per-service customizations: which behaviours a new client
 * of a service gets, beyond what its model describes. One folder per
 * service under src/services/, one behaviour per file.
 *
 * The list keeps botocore's registration order (handlers.py
 * BUILTIN_HANDLERS, then what botocore's client factory registers per
 * client), because handlers of the same event run in that order.
 */
import type { BaseClient } from "../client/base-client.js";
import type { ServiceRuntime } from "../client/runtime.js";
import type { EventHooks } from "../events/hierarchical-emitter.js";
import type { SerializerOptions } from "../protocols/index.js";
import type { Customization, HandlerRegistration } from "./customization.js";
import { apiVersionHeader } from "./all/api-version-header.js";
import { recursionDetection } from "./all/recursion-detection-header.js";
import { requestValidationModeMember } from "./all/request-validation-mode-member.js";
import { acceptHeader } from "./apigateway/accept-header.js";
import { autoScalingUserData } from "./autoscaling/base64-user-data.js";
import { millisecondTimestamps } from "./bedrock-agentcore/millisecond-timestamps.js";
import {
  bedrockRuntimeRemovals,
  cloudWatchAliases,
  connectHealthRemovals,
  lexRuntimeV2Removals,
  mturkAliases,
  pollyRemovals,
  qbusinessRemovals,
  socialMessagingAliases,
} from "./client-class/method-changes.js";
import { templateBody } from "./cloudformation/json-decode-template-body.js";
import { returnFieldsAlias } from "./cloudsearchdomain/return-fields-alias.js";
import { searchAsPost } from "./cloudsearchdomain/search-as-post.js";
import { cognitoIdentityUnsigned } from "./cognito-identity/unsigned-operations.js";
import { ec2UserData } from "./ec2/base64-user-data.js";
import { copySnapshotPresignedUrl } from "./ec2/copy-snapshot-presigned-url.js";
import { consoleOutput } from "./ec2/decode-console-output.js";
import { ec2FiltersAlias } from "./ec2/filters-alias.js";
import { glacierAccountId } from "./glacier/account-id.js";
import { glacierVersion } from "./glacier/api-version-header.js";
import { glacierChecksums } from "./glacier/checksums.js";
import { policyDocuments } from "./iam/json-decode-policies.js";
import { importExportSigv4 } from "./importexport/sigv4-signer.js";
import { logsFromTimeAlias } from "./logs/from-time-alias.js";
import { predictEndpoint } from "./machinelearning/predict-endpoint.js";
import { presignContentType } from "./polly/presign-content-type.js";
import { docdbPresignedUrl, neptunePresignedUrl, rdsPresignedUrl } from "./rds/presigned-url.js";
import { route53Ids } from "./route53/fix-route53-ids.js";
import { copySourceParam } from "./s3/copy-source.js";
import { decodeListObjects } from "./s3/decode-list-objects.js";
import { endpointResolverBuiltins } from "./s3/endpoint-resolver-builtins.js";
import { escapeXmlPayloads } from "./s3/escape-xml-payload.js";
import { expectHeader } from "./s3/expect-header.js";
import { expiresHeader } from "./s3/expires-header.js";
import { getBucketLocation } from "./s3/get-bucket-location.js";
import { handle200Errors } from "./s3/handle-200-error.js";
import { s3InputParameters } from "./s3/input-parameters.js";
import { listObjectsEncodingType } from "./s3/list-objects-encoding-type.js";
import { regionRedirector } from "./s3/region-redirector.js";
import { removeBucketFromUrlPathsCustomization } from "./s3/remove-bucket-from-url-paths.js";
import { sseCustomerKeyMd5 } from "./s3/sse-customer-key-md5.js";
import { unsignedTrailerHeader } from "./s3/unsigned-trailer-header.js";
import { bucketNameValidation } from "./s3/validate-bucket-name.js";
import { asciiMetadata } from "./s3/validate-ascii-metadata.js";
import { s3ControlArnParams } from "./s3control/arn-params.js";
import { accountIdHostPrefix } from "./s3control/remove-account-id-host-prefix.js";
import { sqsCompatibleError } from "./sqs/query-compatible-error.js";
import { oauth2Errors } from "./sso-oidc/oauth2-errors.js";
import { stsUnsigned } from "./sts/unsigned-operations.js";

/** Every customization, in botocore's registration order. */
export const CUSTOMIZATIONS: readonly Customization[] = [
  // handlers.py BUILTIN_HANDLERS
  mturkAliases,
  socialMessagingAliases,
  cloudWatchAliases,
  lexRuntimeV2Removals,
  qbusinessRemovals,
  bedrockRuntimeRemovals,
  connectHealthRemovals,
  pollyRemovals,
  millisecondTimestamps,
  policyDocuments,
  consoleOutput,
  templateBody,
  getBucketLocation,
  sqsCompatibleError,
  expiresHeader,
  handle200Errors,
  oauth2Errors,
  requestValidationModeMember,
  bucketNameValidation,
  removeBucketFromUrlPathsCustomization,
  listObjectsEncodingType,
  copySourceParam,
  asciiMetadata,
  accountIdHostPrefix,
  endpointResolverBuiltins,
  recursionDetection,
  expectHeader,
  glacierVersion,
  acceptHeader,
  escapeXmlPayloads,
  glacierChecksums,
  copySnapshotPresignedUrl,
  predictEndpoint,
  cognitoIdentityUnsigned,
  stsUnsigned,
  sseCustomerKeyMd5,
  ec2UserData,
  autoScalingUserData,
  route53Ids,
  glacierAccountId,
  unsignedTrailerHeader,
  presignContentType,
  decodeListObjects,
  searchAsPost,
  rdsPresignedUrl,
  neptunePresignedUrl,
  docdbPresignedUrl,
  apiVersionHeader,
  ec2FiltersAlias,
  logsFromTimeAlias,
  returnFieldsAlias,
  // Registered by botocore's client factory for each new client (client.py).
  regionRedirector,
  s3InputParameters,
  s3ControlArnParams,
  importExportSigv4,
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
    for (const customization of customizationsFor(service.model.service_name)) {
      if (customization.handlers !== undefined) list.push(...customization.handlers);
      if (customization.serviceHandlers !== undefined) list.push(...customization.serviceHandlers(service));
    }
    serviceRegistrations.set(service, (registrations = list));
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
      if (Object.prototype.hasOwnProperty.call(proto, name)) delete proto[name];
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
