/**
 * boto3-ts: boto3's API for Node.js. `boto3.client("s3")`, `new Session()`,
 * `new Config()` — the same names as boto3, with `await` on every call.
 *
 * @module boto3-ts
 */
import type { ClientOptions } from "./client/create-client.js";
import { Session, type ServiceClientFor, type SessionOptions } from "./session.js";
import { logging, set_stream_logger } from "./logging/index.js";

let defaultSession: Session | undefined;

/** Replaces the default session with one built from these options (boto3.setup_default_session). */
export function setup_default_session(options: SessionOptions = {}): Session {
  defaultSession = new Session(options);
  return defaultSession;
}

/** The default session, created on first use (boto3's DEFAULT_SESSION). */
export function _get_default_session(): Session {
  return (defaultSession ??= new Session());
}

/** A low-level client from the default session (boto3.client). */
export function client<S extends string>(service_name: S, options: ClientOptions = {}): ServiceClientFor<S> {
  return _get_default_session().client(service_name, options);
}

/** A resource from the default session (boto3.resource). */
export function resource(service_name: string, options: ClientOptions = {}): never {
  return _get_default_session().resource(service_name, options);
}

/** The package version. */
export { BOTO3_TS_VERSION as __version__ } from "./client/user-agent.js";
export { Session } from "./session.js";
export type { SessionOptions, ServiceClientFor } from "./session.js";
export { Config, UNSIGNED } from "./config/config.js";
export type { ConfigOptions } from "./config/config.js";
export type { ClientOptions } from "./client/create-client.js";
export type { ServiceClient, OperationInput, OperationOutput, OperationMethod } from "./client/base-client.js";
export { BaseClient, ClientMeta } from "./client/base-client.js";
export { StreamingBody } from "./http/streaming-body.js";
export { EventStream } from "./protocols/event-stream/index.js";
export type { ResponseMetadata } from "./client/response-metadata.js";
export type { ServiceClientMap } from "./client/service-client-map.js";
export type {
  BlobInput,
  DocumentInput,
  EmptyResult,
  JsonValue,
  LongInput,
  LongOutput,
  ModeledClientError,
  ModeledErrorClass,
  NoParams,
  OneOf,
  Result,
  StreamingBlobInput,
  StreamingBlobOutput,
  TimestampInput,
  UnknownMember,
} from "./client/model-types.js";
export type { CannedResponse } from "./events/event-names.js";
export { logging, set_stream_logger } from "./logging/index.js";
export type { Handler, LevelInput, LogDestination, LogRecord, Logger, StreamHandler } from "./logging/index.js";
export { customEvent } from "./events/event-names.js";

/** `import boto3 from "boto3-ts"`: the module's functions on one object, as Python's `import boto3`. */
const boto3 = {
  client,
  resource,
  setup_default_session,
  set_stream_logger,
  logging,
  Session,
  get DEFAULT_SESSION(): Session | undefined {
    return defaultSession;
  },
};
export default boto3;
