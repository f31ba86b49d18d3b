/**
 * Parameter validation (botocore.validate): checks a call's parameters
 * against the operation's input shape before anything is serialized, and
 * reports every problem at once, in botocore's order and wording.
 *
 * What botocore checks, and only that: types, required members, unknown
 * members, `min` (string and list length, number value; an implicit min of 1
 * for host labels), tagged unions (exactly one member), document values and
 * JSON-value headers. `max`, `pattern` and `enum` are left to the service.
 *
 * TS values stand for Python ones (see py-format.ts). `undefined` member
 * values count as absent — the TS idiom for an optional argument left out —
 * while `null` is Python's None and fails every type check, as in botocore.
 * Like Python, where bool is an int, booleans pass integer and float checks.
 *
 * A validator is compiled once per shape (cached on the Shape object); a
 * call allocates nothing unless it has problems to report.
 */
import { ParamValidationError } from "../exceptions.js";
import type { Shape } from "../models/shape.js";
import { pyKind, pyStr, pyTypeString } from "./py-format.js";
import type { PyKind } from "./py-format.js";
import { parseTimestampInput } from "./timestamp-input.js";

/** Validates one value; `name` is the dotted path so far ("" at the top, ".Foo" below). */
type Validator = (value: unknown, errors: string[], name: string) => void;

/**
 * Throws ParamValidationError listing every problem with `params`, as
 * botocore's `validate_parameters` does. No shape (an operation without
 * input) means nothing to check.
 */
export function validateParameters(params: Record<string, unknown>, shape: Shape | undefined): void {
  if (shape === undefined) return;
  const errors: string[] = [];
  validatorFor(shape)(params, errors, "");
  if (errors.length > 0) throw new ParamValidationError({ report: errors.join("\n") });
}

/** The report lines botocore would produce for `value` against `shape` (empty when valid). */
export function validationProblems(value: unknown, shape: Shape): string[] {
  const errors: string[] = [];
  validatorFor(shape)(value, errors, "");
  return errors;
}

const compiled = new WeakMap<Shape, Validator>();

function validatorFor(shape: Shape): Validator {
  let validator = compiled.get(shape);
  if (validator === undefined) {
    validator = compile(shape);
    compiled.set(shape, validator);
  }
  return validator;
}

/** botocore's `_get_name`: the top level is "input", and the leading dot goes. */
function displayName(name: string): string {
  if (name === "") return "input";
  return name.charCodeAt(0) === 0x2e ? name.slice(1) : name;
}

// The `str(type)` lists botocore prints as "valid types".
const VALID_TYPES: Readonly<Record<string, string>> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  float: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  double: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  boolean: "<class 'bool'>",
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  blob: "<class 'bytes'>, <class 'bytearray'>, file-like object",
  timestamp: "<class 'datetime.datetime'>, timestamp-string",
};
const DOCUMENT_VALID_TYPES =
  "<class 'str'>, <class 'int'>, <class 'bool'>, <class 'float'>, <class 'list'>, <class 'dict'>";

// Python isinstance checks per scalar type; bool counts as int.
const SCALAR_KINDS: Readonly<Record<string, ReadonlySet<PyKind>>> = {
  string: new Set(["str"]),
  integer: new Set(["int", "bool"]),
  long: new Set(["int", "bool"]),
  float: new Set(["float", "int", "bool"]),
  double: new Set(["float", "int", "bool"]),
  boolean: new Set(["bool"]),
};

function reportType(errors: string[], name: string, value: unknown, validTypes: string): void {
  errors.push(
    `Invalid type for parameter ${displayName(name)}, value: ${pyStr(value)}, ` +
      `type: ${pyTypeString(value)}, valid types: ${validTypes}`,
  );
}

/** The `min` botocore enforces for this shape, or undefined. */
function minimumOf(shape: Shape): number | undefined {
  const min = shape.metadata.min;
  if (min !== undefined) return min;
  // Members bound to the host name have an implicit minimum of 1.
  return shape.serialization.hostLabel ? 1 : undefined;
}

function compile(shape: Shape): Validator {
  const serialization = shape.serialization;
  if (serialization.jsonvalue && serialization.location === "header" && shape.type_name === "string") {
    return validateJsonValue;
  }
  if (shape.type_name === "structure" && shape.is_document_type) {
    return (value, errors, name) => validateDocument(value, errors, name);
  }
  switch (shape.type_name) {
    case "structure": return compileStructure(shape);
    case "list": return compileList(shape);
    case "map": return compileMap(shape);
    case "string": return compileString(shape);
    case "integer":
    case "long":
    case "float":
    case "double": return compileNumber(shape);
    case "boolean": return compileScalarType("boolean");
    case "blob": return validateBlob;
    case "timestamp": return validateTimestamp;
    // botocore has no validator for other types; there is nothing to check.
    default: return () => {};
  }
}

function compileScalarType(typeName: string): Validator {
  const kinds = SCALAR_KINDS[typeName]!;
  const validTypes = VALID_TYPES[typeName]!;
  return (value, errors, name) => {
    if (!kinds.has(pyKind(value))) reportType(errors, name, value, validTypes);
  };
}

function compileStructure(shape: Shape): Validator {
  const memberShapes = shape.members;
  const memberNames = Object.keys(memberShapes);
  const members = new Map<string, Shape>();
  for (const member of memberNames) members.set(member, memberShapes[member]!);
  const required = shape.metadata.required ?? [];
  const validNames = memberNames.join(", ");
  const union = shape.is_tagged_union;
  const memberValidators = new Map<string, Validator>();
  const validatorOf = (member: string): Validator => {
    let validator = memberValidators.get(member);
    if (validator === undefined) {
      validator = validatorFor(members.get(member)!);
      memberValidators.set(member, validator);
    }
    return validator;
  };

  return (value, errors, name) => {
    if (pyKind(value) !== "dict") {
      reportType(errors, name, value, VALID_TYPES.structure!);
      return;
    }
    const params = value as Record<string, unknown>;
    const keys = Object.keys(params);
    if (union) {
      let set = 0;
      for (const key of keys) if (params[key] !== undefined) set++;
      if (set === 0) {
        // botocore's text, missing space included.
        errors.push(`Must set one of the following keys for tagged unionstructure ${displayName(name)}: ${validNames}.`);
      } else if (set > 1) {
        errors.push(
          `Invalid number of parameters set for tagged union structure ${displayName(name)}. ` +
            `Can only set one of the following keys: ${validNames}.`,
        );
      }
    }
    for (const member of required) {
      if (!Object.hasOwn(params, member) || params[member] === undefined) {
        errors.push(`Missing required parameter in ${displayName(name)}: "${member}"`);
      }
    }
    for (const key of keys) {
      if (params[key] !== undefined && !members.has(key)) {
        errors.push(`Unknown parameter in ${displayName(name)}: "${key}", must be one of: ${validNames}`);
      }
    }
    for (const key of keys) {
      const item = params[key];
      if (item !== undefined && members.has(key)) validatorOf(key)(item, errors, `${name}.${key}`);
    }
  };
}

const CONSTRAINT_ATTRS = ["required", "min", "document", "union"] as const;

function compileList(shape: Shape): Validator {
  const min = minimumOf(shape);
  const memberShape = shape.member;
  const memberType = memberShape.type_name;
  const memberMetadata = memberShape.metadata;
  // Like botocore, scalar members without constraints get a type check only.
  const fastKinds = CONSTRAINT_ATTRS.some((attr) => attr in memberMetadata) ? undefined : SCALAR_KINDS[memberType];
  const fastValidTypes = VALID_TYPES[memberType]!;
  let memberValidator: Validator | undefined;

  return (value, errors, name) => {
    if (!Array.isArray(value)) {
      reportType(errors, name, value, VALID_TYPES.list!);
      return;
    }
    if (min !== undefined && value.length < min) {
      errors.push(`Invalid length for parameter ${displayName(name)}, value: ${value.length}, valid min length: ${pyStr(min)}`);
    }
    if (fastKinds !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (!fastKinds.has(pyKind(item))) reportType(errors, `${name}[${i}]`, item, fastValidTypes);
      }
      return;
    }
    memberValidator ??= validatorFor(memberShape);
    for (let i = 0; i < value.length; i++) memberValidator(value[i], errors, `${name}[${i}]`);
  };
}

function compileMap(shape: Shape): Validator {
  const keyShape = shape.key;
  const valueShape = shape.value;
  let keyValidator: Validator | undefined;
  let valueValidator: Validator | undefined;
  return (value, errors, name) => {
    if (pyKind(value) !== "dict") {
      reportType(errors, name, value, VALID_TYPES.map!);
      return;
    }
    keyValidator ??= validatorFor(keyShape);
    valueValidator ??= validatorFor(valueShape);
    const entries = value as Record<string, unknown>;
    for (const key of Object.keys(entries)) {
      const item = entries[key];
      if (item === undefined) continue;
      keyValidator(key, errors, `${name} (key: ${key})`);
      valueValidator(item, errors, `${name}.${key}`);
    }
  };
}

/** Python's len() of a str counts code points, not UTF-16 units. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function compileString(shape: Shape): Validator {
  const min = minimumOf(shape);
  const validTypes = VALID_TYPES.string!;
  return (value, errors, name) => {
    if (typeof value !== "string") {
      reportType(errors, name, value, validTypes);
      return;
    }
    // Code points are at least half the UTF-16 length: count only when it could matter.
    if (min !== undefined && value.length < 2 * min) {
      const length = codePointLength(value);
      if (length < min) {
        errors.push(`Invalid length for parameter ${displayName(name)}, value: ${length}, valid min length: ${pyStr(min)}`);
      }
    }
  };
}

function compileNumber(shape: Shape): Validator {
  const min = minimumOf(shape);
  const kinds = SCALAR_KINDS[shape.type_name]!;
  const validTypes = VALID_TYPES[shape.type_name]!;
  return (value, errors, name) => {
    if (!kinds.has(pyKind(value))) {
      reportType(errors, name, value, validTypes);
      return;
    }
    // Number(true) is 1, as Python compares True; bigint compares exactly against a number.
    if (min !== undefined && (typeof value === "bigint" ? value < min : Number(value) < min)) {
      errors.push(`Invalid value for parameter ${displayName(name)}, value: ${pyStr(value)}, valid min value: ${pyStr(min)}`);
    }
  };
}

function validateBlob(value: unknown, errors: string[], name: string): void {
  if (typeof value === "string" || value instanceof Uint8Array || value instanceof ArrayBuffer) return;
  if (typeof value === "object" && value !== null) {
    // File-like objects (anything with read(), e.g. a Readable) and Blobs.
    if (typeof (value as { read?: unknown }).read === "function") return;
    if (typeof Blob !== "undefined" && value instanceof Blob) return;
  }
  reportType(errors, name, value, VALID_TYPES.blob!);
}

function validateTimestamp(value: unknown, errors: string[], name: string): void {
  if (parseTimestampInput(value) === undefined) reportType(errors, name, value, VALID_TYPES.timestamp!);
}

/**
 * Document values: botocore names a dict's entries by their bare key (the
 * path is not carried into nested dicts), and lists by `name[i]`.
 */
function validateDocument(value: unknown, errors: string[], name: string): void {
  if (value === null || value === undefined) return;
  const kind = pyKind(value);
  if (kind === "dict") {
    const dict = value as Record<string, unknown>;
    for (const key of Object.keys(dict)) validateDocument(dict[key], errors, key);
  } else if (kind === "list") {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) validateDocument(list[i], errors, `${name}[${i}]`);
  } else if (kind !== "str" && kind !== "int" && kind !== "bool" && kind !== "float") {
    errors.push(
      `Invalid type for document parameter ${displayName(name)}, value: ${pyStr(value)}, ` +
        `type: ${pyTypeString(value)}, valid types: ${DOCUMENT_VALID_TYPES}`,
    );
  }
}

/** JSON-value headers take anything Python's json.dumps can encode. */
function validateJsonValue(value: unknown, errors: string[], name: string): void {
  const problem = jsonEncodingError(value, undefined);
  if (problem !== undefined) {
    errors.push(`Invalid parameter ${displayName(name)} must be json serializable: ${problem}`);
  }
}

/** The message of the TypeError / ValueError json.dumps would raise, if any. */
function jsonEncodingError(value: unknown, stack: Set<object> | undefined): string | undefined {
  const kind = pyKind(value);
  switch (kind) {
    case "str": case "int": case "float": case "bool": case "NoneType": return undefined;
    case "list":
    case "dict": {
      const container = value as Record<string, unknown>;
      if (stack?.has(container)) return "Circular reference detected";
      (stack ??= new Set()).add(container);
      const items = kind === "list" ? (container as unknown as unknown[]) : Object.values(container);
      for (const item of items) {
        if (kind === "dict" && item === undefined) continue;
        const problem = jsonEncodingError(item, stack);
        if (problem !== undefined) return problem;
      }
      stack.delete(container);
      return undefined;
    }
    default: {
      // type(o).__name__ as json.dumps names it: "datetime", "bytes", or the class.
      const typeName = pyTypeString(value).slice(8, -2).replace("datetime.datetime", "datetime");
      return `Object of type ${typeName} is not JSON serializable`;
    }
  }
}
