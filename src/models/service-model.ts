/**
 * A service's model (botocore.model.ServiceModel) and its operations
 * (botocore.model.OperationModel), with botocore's attribute names, since
 * users reach them through `client.meta.service_model`.
 */
import { UndefinedModelAttributeError, UnsupportedServiceProtocolsError } from "../exceptions.js";
import { type RawShape, type RawShapeRef, Shape, ShapeResolver } from "./shape.js";

/** Protocols in the order botocore 1.43 prefers them when a model lists several. */
export const PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = [
  "json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2",
] as const;

/** The `metadata` block of service-2.json. */
export interface ServiceMetadata {
  apiVersion?: string;
  endpointPrefix?: string;
  protocol?: string;
  protocols?: string[];
  serviceId?: string;
  signingName?: string;
  signatureVersion?: string;
  auth?: string[];
  jsonVersion?: string;
  targetPrefix?: string;
  serviceFullName?: string;
  serviceAbbreviation?: string;
  globalEndpoint?: string;
  uid?: string;
  awsQueryCompatible?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An operation as written in service-2.json. */
export interface RawOperation {
  name: string;
  http?: { method?: string; requestUri?: string; responseCode?: number };
  input?: RawShapeRef;
  output?: RawShapeRef;
  errors?: RawShapeRef[];
  endpoint?: { hostPrefix?: string };
  idempotent?: boolean;
  deprecated?: boolean;
  documentation?: string;
  authtype?: string;
  auth?: string[];
  unsignedPayload?: boolean;
  httpChecksumRequired?: boolean;
  httpChecksum?: Record<string, unknown>;
  requestcompression?: { encodings: string[] };
  staticContextParams?: Record<string, { value: unknown }>;
  operationContextParams?: Record<string, { path: string }>;
  endpointdiscovery?: Record<string, unknown>;
  endpointoperation?: boolean;
  [key: string]: unknown;
}

/** A whole service-2.json document. */
export interface RawServiceModel {
  version?: string;
  metadata: ServiceMetadata;
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
  documentation?: string;
  clientContextParams?: Record<string, { type: string; documentation?: string }>;
  [key: string]: unknown;
}

/** A model to load on first use, and what is known of it before (see ServiceModel's constructor). */
export interface LazyServiceDescription {
  readonly summary: {
    readonly metadata: ServiceMetadata;
    readonly operations: readonly string[];
    readonly methods?: readonly string[];
    readonly traits?: Readonly<Record<string, readonly string[]>>;
  };
  readonly load: () => RawServiceModel;
}

function isLazy(description: RawServiceModel | LazyServiceDescription): description is LazyServiceDescription {
  return typeof (description as { load?: unknown }).load === "function" && !("shapes" in description);
}

/** One service's model: its metadata, operations and shapes. */
export class ServiceModel {
  /** The model's `metadata` block. */
  readonly metadata: ServiceMetadata;
  private _raw: RawServiceModel | undefined;
  private readonly load: (() => RawServiceModel) | undefined = undefined;
  private readonly summaryOperations: readonly string[] | undefined = undefined;
  private readonly summaryTraits: Readonly<Record<string, readonly string[]>> | undefined = undefined;
  /** boto3 method names from the build's summary, parallel to the operation names, when known. */
  readonly summaryMethods: readonly string[] | undefined = undefined;
  private readonly traitScans = new Map<string, readonly string[]>();
  private _resolver: ShapeResolver | undefined;
  private readonly serviceNameOverride: string | undefined;
  private readonly operations = new Map<string, OperationModel>();
  private errorCodeCache?: Map<string, Shape>;
  private _signature_version: string | undefined | null = null;

  /**
   * From a whole description, or lazily from a summary (metadata and
   * operation names) and a loader for the rest: creating a client needs
   * only the summary, so the full model loads on the first call.
   */
  constructor(description: RawServiceModel | LazyServiceDescription, serviceName?: string) {
    if (isLazy(description)) {
      this.metadata = description.summary.metadata;
      this.summaryOperations = description.summary.operations;
      this.summaryTraits = description.summary.traits;
      this.summaryMethods = description.summary.methods;
      this.load = description.load;
    } else {
      const raw = description as RawServiceModel;
      this._raw = raw;
      this.metadata = raw.metadata ?? {};
    }
    this.serviceNameOverride = serviceName;
  }

  /** The raw service description (after sdk-extras merges). */
  get raw(): RawServiceModel {
    return (this._raw ??= this.load!());
  }

  private get resolver(): ShapeResolver {
    return (this._resolver ??= new ShapeResolver(this.raw.shapes ?? {}));
  }

  /** The shape named `name`. */
  shape_for(name: string, memberTraits?: Record<string, unknown>): Shape {
    return this.resolver.get_shape_by_name(name, memberTraits);
  }

  /** Resolves a `{shape, ...traits}` reference. */
  resolve_shape_ref(ref: RawShapeRef): Shape {
    return this.resolver.resolve_shape_ref(ref);
  }

  /** The modeled error shape for an error code, if the model has one. */
  shape_for_error_code(code: string): Shape | undefined {
    if (this.errorCodeCache === undefined) {
      this.errorCodeCache = new Map();
      for (const shape of this.error_shapes) this.errorCodeCache.set(shape.error_code!, shape);
    }
    return this.errorCodeCache.get(code);
  }

  /** Every shape name, in model order. */
  get shape_names(): string[] {
    return Object.keys(this.raw.shapes ?? {});
  }

  /** Every exception shape of the service. */
  get error_shapes(): Shape[] {
    const out: Shape[] = [];
    const shapes = this.raw.shapes ?? {};
    for (const name in shapes) {
      if (shapes[name]!.exception === true) out.push(this.shape_for(name));
    }
    return out;
  }

  /** Every operation name, in model order (PascalCase). */
  get operation_names(): string[] {
    return this.summaryOperations !== undefined ? [...this.summaryOperations] : Object.keys(this.raw.operations ?? {});
  }

  /**
   * The operations whose model has a trait (a dotted path such as
   * `httpChecksum.requestValidationModeMember`), from the build's summary
   * when it lists that trait, so the full model need not load.
   */
  operations_with_trait(path: string): readonly string[] {
    const listed = this.summaryTraits?.[path];
    if (listed !== undefined) return listed;
    let found = this.traitScans.get(path);
    if (found === undefined) {
      const parts = path.split(".");
      const operations = this.raw.operations ?? {};
      found = Object.keys(operations).filter((name) => {
        let value: unknown = operations[name];
        for (const part of parts) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[part];
        return value !== undefined && value !== null && value !== false;
      });
      this.traitScans.set(path, found);
    }
    return found;
  }

  /** The operation named `name` (its model name, e.g. `GetObject`). */
  operation_model(name: string): OperationModel {
    let op = this.operations.get(name);
    if (op === undefined) {
      const raw = this.raw.operations?.[name];
      if (raw === undefined) throw new UndefinedModelAttributeError(`Operation not found: ${name}`);
      op = new OperationModel(raw, this, name);
      this.operations.set(name, op);
    }
    return op;
  }

  /** The service's documentation. */
  get documentation(): string {
    return this.raw.documentation ?? "";
  }

  /** The name the service was loaded under (e.g. `s3`), else its endpoint prefix. */
  get service_name(): string {
    return this.serviceNameOverride ?? this.endpoint_prefix;
  }

  /** `metadata.serviceId`, e.g. `S3`, `DynamoDB`, `API Gateway`. */
  get service_id(): string {
    return this.metadataProperty("serviceId");
  }

  /** The SigV4 signing name: `metadata.signingName`, else the endpoint prefix. */
  get signing_name(): string {
    return this.metadata.signingName ?? this.endpoint_prefix;
  }

  /** `metadata.apiVersion`. */
  get api_version(): string {
    return this.metadataProperty("apiVersion");
  }

  /** `metadata.protocol`, the legacy single protocol. */
  get protocol(): string {
    return this.metadataProperty("protocol");
  }

  /** `metadata.protocols`. */
  get protocols(): string[] {
    const value = this.metadata.protocols;
    if (value === undefined) throw this.missing("protocols");
    return value;
  }

  /** The protocol botocore 1.43 would use for this model. */
  get resolved_protocol(): string {
    const listed = this.metadata.protocols;
    if (listed && listed.length > 0) {
      for (const protocol of PRIORITY_ORDERED_SUPPORTED_PROTOCOLS) {
        if (listed.includes(protocol)) return protocol;
      }
      throw new UnsupportedServiceProtocolsError({
        botocore_supported_protocols: `(${PRIORITY_ORDERED_SUPPORTED_PROTOCOLS.map((p) => `'${p}'`).join(", ")})`,
        service_supported_protocols: listed,
        service: this.service_name,
      });
    }
    return this.protocol;
  }

  /** `metadata.endpointPrefix`. */
  get endpoint_prefix(): string {
    return this.metadataProperty("endpointPrefix");
  }

  /** Client context parameters declared for endpoint resolution. */
  get client_context_parameters(): { name: string; type: string; documentation: string }[] {
    const params = this.raw.clientContextParams ?? {};
    return Object.entries(params).map(([name, p]) => ({ name, type: p.type, documentation: p.documentation ?? "" }));
  }

  /** `metadata.signatureVersion`, unless a customization replaced it. */
  get signature_version(): string | undefined {
    return this._signature_version === null ? this.metadata.signatureVersion : this._signature_version;
  }

  set signature_version(value: string | undefined) {
    this._signature_version = value;
  }

  /** True when the model declares `awsQueryCompatible`. */
  get is_query_compatible(): boolean {
    return "awsQueryCompatible" in this.metadata;
  }

  private metadataProperty(name: keyof ServiceMetadata & string): string {
    const value = this.metadata[name];
    if (value === undefined) throw this.missing(name);
    return value as string;
  }

  private missing(name: string): UndefinedModelAttributeError {
    return new UndefinedModelAttributeError(`"${name}" not defined in the metadata of the model: ServiceModel(${this.serviceNameOverride ?? "?"})`);
  }

  toString(): string {
    return `ServiceModel(${this.service_name})`;
  }
}

/** One operation of a service model. */
export class OperationModel {
  /** The operation's raw model. */
  readonly raw: RawOperation;
  /** The service this operation belongs to. */
  readonly service_model: ServiceModel;
  /** The operation's model name, e.g. `GetObject`. */
  readonly name: string;
  /** The service's metadata. */
  readonly metadata: ServiceMetadata;
  /** `{method, requestUri, responseCode}`. */
  readonly http: { method?: string; requestUri?: string; responseCode?: number };
  private _input?: Shape | null;
  private _output?: Shape | null;
  private _errors?: Shape[];

  constructor(raw: RawOperation, service: ServiceModel, name?: string) {
    this.raw = raw;
    this.service_model = service;
    this.name = name ?? raw.name;
    this.metadata = service.metadata;
    this.http = raw.http ?? {};
  }

  /** The name used on the wire (`name` in the model). */
  get wire_name(): string {
    return this.raw.name;
  }

  /** The operation's documentation. */
  get documentation(): string {
    return this.raw.documentation ?? "";
  }

  /** True when the model marks the operation deprecated. */
  get deprecated(): boolean {
    return this.raw.deprecated === true;
  }

  /** The input structure, or undefined when the operation takes none. */
  get input_shape(): Shape | undefined {
    if (this._input === undefined) this._input = this.raw.input ? this.service_model.resolve_shape_ref(this.raw.input) : null;
    return this._input ?? undefined;
  }

  /** The output structure, or undefined when the operation returns none. */
  get output_shape(): Shape | undefined {
    if (this._output === undefined) this._output = this.raw.output ? this.service_model.resolve_shape_ref(this.raw.output) : null;
    return this._output ?? undefined;
  }

  /** Input members marked `idempotencyToken`, auto-filled when absent. */
  get idempotent_members(): string[] {
    const input = this.input_shape;
    if (!input) return [];
    return Object.entries(input.members).filter(([, s]) => s.metadata.idempotencyToken === true).map(([n]) => n);
  }

  /** Endpoint parameters fixed by the operation (`staticContextParams`). */
  get static_context_parameters(): { name: string; value: unknown }[] {
    return Object.entries(this.raw.staticContextParams ?? {}).map(([name, p]) => ({ name, value: p.value }));
  }

  /** Endpoint parameters bound to input members (`contextParam`). */
  get context_parameters(): { name: string; member_name: string }[] {
    const input = this.input_shape;
    if (!input) return [];
    const out: { name: string; member_name: string }[] = [];
    for (const [member, shape] of Object.entries(input.members)) {
      const name = shape.metadata.contextParam?.name;
      if (name !== undefined) out.push({ name, member_name: member });
    }
    return out;
  }

  /** Endpoint parameters computed from input by JMESPath (`operationContextParams`). */
  get operation_context_parameters(): Record<string, { path: string }> {
    return this.raw.operationContextParams ?? {};
  }

  /** `requestcompression`, when the operation accepts a compressed body. */
  get request_compression(): { encodings: string[] } | undefined {
    return this.raw.requestcompression;
  }

  /** The model's `auth` list. */
  get auth(): string[] | undefined {
    return this.raw.auth;
  }

  /** The model's legacy `authtype`. */
  get auth_type(): string | undefined {
    return this.raw.authtype;
  }

  /** `unsignedPayload`. */
  get unsigned_payload(): boolean {
    return this.raw.unsignedPayload === true;
  }

  /** The operation's declared error shapes. */
  get error_shapes(): Shape[] {
    return (this._errors ??= (this.raw.errors ?? []).map((ref) => this.service_model.resolve_shape_ref(ref)));
  }

  /** `{hostPrefix}` when the operation binds input to the host name. */
  get endpoint(): { hostPrefix?: string } | undefined {
    return this.raw.endpoint;
  }

  /** `httpChecksumRequired`. */
  get http_checksum_required(): boolean {
    return this.raw.httpChecksumRequired === true;
  }

  /** `httpChecksum`, or {}. */
  get http_checksum(): Record<string, unknown> {
    return this.raw.httpChecksum ?? {};
  }

  /** The input payload member when it is a blob (botocore's "streaming body"). */
  get_streaming_input(): Shape | undefined {
    return streamingPayload(this.input_shape);
  }

  /** The output payload member when it is a blob (botocore's "streaming body"). */
  get_streaming_output(): Shape | undefined {
    return streamingPayload(this.output_shape);
  }

  /** True when the input has a streaming blob payload. */
  get has_streaming_input(): boolean {
    return this.get_streaming_input() !== undefined;
  }

  /** True when the output has a streaming blob payload. */
  get has_streaming_output(): boolean {
    return this.get_streaming_output() !== undefined;
  }

  /** The output's event stream member shape, if any. */
  get_event_stream_output(): Shape | undefined {
    return eventStreamPayload(this.output_shape);
  }

  /** The input's event stream member shape, if any. */
  get_event_stream_input(): Shape | undefined {
    return eventStreamPayload(this.input_shape);
  }

  /** True when the output is an event stream. */
  get has_event_stream_output(): boolean {
    return this.get_event_stream_output() !== undefined;
  }

  /** True when the input is an event stream. */
  get has_event_stream_input(): boolean {
    return this.get_event_stream_input() !== undefined;
  }

  toString(): string {
    return `OperationModel(name=${this.name})`;
  }
}

function payloadMember(shape: Shape | undefined): Shape | undefined {
  if (!shape) return undefined;
  const payload = shape.serialization.payload;
  return payload === undefined ? undefined : shape.members[payload];
}

/** botocore counts any blob payload as a streaming body, streaming trait or not. */
function streamingPayload(shape: Shape | undefined): Shape | undefined {
  const member = payloadMember(shape);
  return member && member.type_name === "blob" ? member : undefined;
}

function eventStreamPayload(shape: Shape | undefined): Shape | undefined {
  const name = shape?.event_stream_name;
  return name === undefined ? undefined : shape!.members[name];
}
