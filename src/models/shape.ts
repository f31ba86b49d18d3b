/**
 * Shapes of a service model, as botocore's `botocore.model.Shape` family
 * exposes them (`type_name`, `members`, `serialization`, `metadata`, ...).
 *
 * Shapes are resolved lazily: a structure's members are built the first time
 * they are read and then kept, so loading a model costs one JSON parse and
 * nothing per shape until an operation needs it.
 */
import { UndefinedModelAttributeError } from "../exceptions.js";

/** A shape as written in service-2.json. */
export interface RawShape {
  type: string;
  members?: Record<string, RawShapeRef>;
  member?: RawShapeRef;
  key?: RawShapeRef;
  value?: RawShapeRef;
  required?: string[];
  [trait: string]: unknown;
}

/** A reference to a shape, with member traits that override the shape's own. */
export interface RawShapeRef {
  shape: string;
  [trait: string]: unknown;
}

/** Serialization traits, with `locationName` renamed to `name` as botocore does. */
export interface ShapeSerialization {
  name?: string;
  queryName?: string;
  flattened?: boolean;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode" | string;
  payload?: string;
  streaming?: boolean;
  timestampFormat?: string;
  xmlNamespace?: { prefix?: string; uri: string };
  resultWrapper?: string;
  xmlAttribute?: boolean;
  eventstream?: boolean;
  event?: boolean;
  eventheader?: boolean;
  eventpayload?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
}

/** Validation and behaviour traits botocore keeps in `Shape.metadata`. */
export interface ShapeMetadata {
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  enum?: string[];
  idempotencyToken?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  endpointdiscoveryid?: boolean;
  retryable?: { throttling?: boolean };
  document?: boolean;
  union?: boolean;
  contextParam?: { name: string };
  clientContextParams?: unknown;
  requiresLength?: boolean;
}

const SERIALIZED_ATTRS = [
  "locationName", "queryName", "flattened", "location", "payload", "streaming", "timestampFormat",
  "xmlNamespace", "resultWrapper", "xmlAttribute", "eventstream", "event", "eventheader",
  "eventpayload", "jsonvalue", "hostLabel",
] as const;

const METADATA_ATTRS = [
  "required", "min", "max", "pattern", "sensitive", "enum", "idempotencyToken", "error", "exception",
  "endpointdiscoveryid", "retryable", "document", "union", "contextParam", "clientContextParams",
  "requiresLength",
] as const;

/** Resolves shape references against one model's shape map. */
export class ShapeResolver {
  private readonly cache = new Map<string, Shape>();

  constructor(private readonly shapeMap: Readonly<Record<string, RawShape>>) {}

  /** The shape named `name`, with optional member traits layered over it. */
  get_shape_by_name(name: string, memberTraits?: Readonly<Record<string, unknown>>): Shape {
    if (memberTraits === undefined) {
      const cached = this.cache.get(name);
      if (cached !== undefined) return cached;
    }
    const raw = this.shapeMap[name];
    if (raw === undefined) throw new UndefinedModelAttributeError(`Shape not found: ${name}`);
    const model = memberTraits === undefined ? raw : { ...raw, ...memberTraits };
    const shape = new Shape(name, model as RawShape, this);
    if (memberTraits === undefined) this.cache.set(name, shape);
    return shape;
  }

  /** Resolves `{shape, ...traits}`: a bare reference is shared, one with traits is its own shape. */
  resolve_shape_ref(ref: RawShapeRef): Shape {
    let traits: Record<string, unknown> | undefined;
    for (const key in ref) {
      if (key === "shape") continue;
      (traits ??= {})[key] = ref[key];
    }
    return this.get_shape_by_name(ref.shape, traits);
  }
}

/** One shape of a service model (botocore.model.Shape and its subclasses in one). */
export class Shape {
  /** The shape's name in the model. */
  readonly name: string;
  /** `structure`, `list`, `map`, `string`, `integer`, `long`, `float`, `double`, `boolean`, `blob`, `timestamp`. */
  readonly type_name: string;
  /** The raw model, with member traits merged over the shape's own. */
  readonly raw: RawShape;
  private readonly resolver: ShapeResolver;
  private _serialization?: ShapeSerialization;
  private _metadata?: ShapeMetadata;
  private _members?: Record<string, Shape>;
  private _member?: Shape;
  private _key?: Shape;
  private _value?: Shape;

  constructor(name: string, raw: RawShape, resolver: ShapeResolver) {
    this.name = name;
    this.type_name = raw.type;
    this.raw = raw;
    this.resolver = resolver;
  }

  /** The shape's documentation, or "". */
  get documentation(): string {
    return typeof this.raw.documentation === "string" ? this.raw.documentation : "";
  }

  /** Serialization traits (`name`, `location`, `flattened`, `xmlNamespace`, ...). */
  get serialization(): ShapeSerialization {
    if (this._serialization === undefined) {
      const out: Record<string, unknown> = {};
      for (const attr of SERIALIZED_ATTRS) {
        if (attr in this.raw) out[attr === "locationName" ? "name" : attr] = this.raw[attr];
      }
      this._serialization = out as ShapeSerialization;
    }
    return this._serialization;
  }

  /** Validation traits (`required`, `min`, `max`, `enum`, `sensitive`, ...). */
  get metadata(): ShapeMetadata {
    if (this._metadata === undefined) {
      const out: Record<string, unknown> = {};
      for (const attr of METADATA_ATTRS) {
        if (attr in this.raw) out[attr] = this.raw[attr];
      }
      this._metadata = out as ShapeMetadata;
    }
    return this._metadata;
  }

  /** The names of a structure's required members. */
  get required_members(): readonly string[] {
    return this.raw.required ?? [];
  }

  /** A structure's members, in model order. */
  get members(): Readonly<Record<string, Shape>> {
    if (this._members === undefined) {
      const members: Record<string, Shape> = {};
      const raw = this.raw.members;
      if (raw !== undefined) {
        for (const name in raw) members[name] = this.resolver.resolve_shape_ref(raw[name]!);
      }
      this._members = members;
    }
    return this._members;
  }

  /** A list's member shape. */
  get member(): Shape {
    return (this._member ??= this.resolver.resolve_shape_ref(this.requireRef("member")));
  }

  /** A map's key shape. */
  get key(): Shape {
    return (this._key ??= this.resolver.resolve_shape_ref(this.requireRef("key")));
  }

  /** A map's value shape. */
  get value(): Shape {
    return (this._value ??= this.resolver.resolve_shape_ref(this.requireRef("value")));
  }

  /** A string's allowed values, or []. */
  get enum(): readonly string[] {
    return (this.raw.enum as string[] | undefined) ?? [];
  }

  /** An exception shape's error code: `error.code`, or the shape name. */
  get error_code(): string | undefined {
    if (this.raw.exception !== true) return undefined;
    const code = (this.raw.error as { code?: string } | undefined)?.code;
    return code ? code : this.name;
  }

  /** True for a document type (free-form JSON). */
  get is_document_type(): boolean {
    return this.raw.document === true;
  }

  /** True for a tagged union (exactly one member set). */
  get is_tagged_union(): boolean {
    return this.raw.union === true;
  }

  /** The name of the member that is an event stream, if any. */
  get event_stream_name(): string | undefined {
    if (this.type_name !== "structure") return undefined;
    for (const [name, member] of Object.entries(this.members)) {
      if (member.raw.eventstream === true) return name;
    }
    return undefined;
  }

  private requireRef(which: "member" | "key" | "value"): RawShapeRef {
    const ref = this.raw[which];
    if (ref === undefined) throw new UndefinedModelAttributeError(`Shape ${this.name} has no ${which}`);
    return ref;
  }

  toString(): string {
    return `<Shape(${this.name})>`;
  }
}
