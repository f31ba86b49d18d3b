/**
 * Walks a parsed XML body along its shape, as botocore's
 * BaseXMLResponseParser does: child elements matched to members by name
 * (a flattened list takes its member's name), repeated elements gathered,
 * `xmlAttribute` members read from attributes, error shapes found under
 * `<ErrorResponse><Error>` (EC2: `<Response><Errors><Error>`).
 *
 * A reader is built once per shape; a structure plans its members on first
 * use and then matches children through one Map lookup each.
 */
import type { Shape } from "../../models/shape.js";
import { type Parsed, type ParserOptions, setKey } from "../common/parser-base.js";
import { ResponseParserError } from "../common/response-parser-error.js";
import { parseTimestamp } from "../common/timestamps.js";
import { fromBase64, pyFloat, pyInt } from "../common/values.js";
import type { XmlElement } from "./xml-reader.js";

/** What a reader gets: an element, the elements of a repeated name, or header text. */
export type XmlValue = XmlElement | XmlElement[] | string;

/** Converts one XML value of a shape. */
export type XmlReader = (value: XmlValue) => unknown;

/** ElementTree's text of a value, `''` for an empty element (botocore's `_text_content`). */
export function textOf(value: XmlValue): string {
  if (typeof value === "string") return value;
  const element = Array.isArray(value) ? value[0] : value;
  return element?.text ?? "";
}

/** The children of an element, or the elements themselves for a repeated name. */
function itemsOf(value: XmlValue): readonly XmlValue[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value;
  return value.children ?? [];
}

interface MemberPlan {
  name: string;
  read: XmlReader;
  /** The `locationName` of an `xmlAttribute` member. */
  attribute: string | undefined;
}

interface StructurePlan {
  members: MemberPlan[];
  /** Element name to the indexes of the members it fills. */
  byTag: Map<string, number[]>;
  wireNames: Set<string>;
}

/** A map from element names to elements, repeated names gathered (botocore's `_build_name_to_xml_node`). */
export function childrenByName(value: XmlElement | XmlElement[]): Map<string, XmlElement | XmlElement[]> {
  const element = Array.isArray(value) ? value[0]! : value;
  const out = new Map<string, XmlElement | XmlElement[]>();
  for (const child of element.children ?? []) {
    const seen = out.get(child.name);
    if (seen === undefined) out.set(child.name, child);
    else if (Array.isArray(seen)) seen.push(child);
    else out.set(child.name, [seen, child]);
  }
  return out;
}

/** Which `_get_error_root` a protocol uses. */
export type ErrorRootStyle = "query" | "ec2";

function errorRoot(style: ErrorRootStyle, root: XmlElement): XmlElement {
  if (style === "query") {
    if (root.name === "ErrorResponse") {
      for (const child of root.children ?? []) if (child.name === "Error") return child;
    }
    return root;
  }
  for (const child of root.children ?? []) {
    if (child.name !== "Errors") continue;
    for (const inner of child.children ?? []) if (inner.name === "Error") return inner;
  }
  return root;
}

/** Builds and caches readers for one protocol's XML bodies. */
export class XmlShapeReader {
  private readonly readers = new WeakMap<Shape, XmlReader>();
  private readonly timestampParser: (value: unknown) => unknown;
  private readonly blobParser: (value: string) => unknown;

  constructor(
    private readonly errorRootStyle: ErrorRootStyle,
    options: ParserOptions = {},
  ) {
    this.timestampParser = options.timestamp_parser ?? parseTimestamp;
    this.blobParser = options.blob_parser ?? fromBase64;
  }

  /** The reader for a shape. */
  reader(shape: Shape): XmlReader {
    let reader = this.readers.get(shape);
    if (reader === undefined) {
      reader = this.build(shape);
      this.readers.set(shape, reader);
    }
    return reader;
  }

  private build(shape: Shape): XmlReader {
    switch (shape.type_name) {
      case "structure":
        return this.structure(shape);
      case "list":
        return this.list(shape);
      case "map":
        return this.map(shape);
      case "boolean":
        return (value) => textOf(value) === "true";
      case "integer":
      case "long":
        return (value) => pyInt(textOf(value));
      case "float":
      case "double":
        return (value) => pyFloat(textOf(value));
      case "timestamp":
        return (value) => this.timestampParser(textOf(value));
      case "blob":
        return (value) => this.blobParser(textOf(value));
      default:
        return textOf;
    }
  }

  private list(shape: Shape): XmlReader {
    const flattened = shape.serialization.flattened === true;
    return (value) => {
      const read = this.reader(shape.member);
      const items = flattened && !Array.isArray(value) ? [value] : itemsOf(value);
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = read(items[i]!);
      return out;
    };
  }

  private map(shape: Shape): XmlReader {
    const flattened = shape.serialization.flattened === true;
    return (value) => {
      const keyShape = shape.key;
      const valueShape = shape.value;
      const keyName = keyShape.serialization.name || "key";
      const valueName = valueShape.serialization.name || "value";
      const readKey = this.reader(keyShape);
      const readValue = this.reader(valueShape);
      const entries = flattened && !Array.isArray(value) ? [value] : itemsOf(value);
      const out: Record<string, unknown> = {};
      // Like botocore, a key or value missing from an entry keeps the previous entry's.
      let key: unknown;
      let item: unknown;
      for (const entry of entries) {
        for (const pair of itemsOf(entry)) {
          if (typeof pair === "string" || Array.isArray(pair)) continue;
          if (pair.name === keyName) key = readKey(pair);
          else if (pair.name === valueName) item = readValue(pair);
          else throw new ResponseParserError(`Unknown tag: ${pair.name}`);
        }
        setKey(out, String(key), item);
      }
      return out;
    };
  }

  private plan(shape: Shape): StructurePlan {
    const members: MemberPlan[] = [];
    const byTag = new Map<string, number[]>();
    const wireNames = new Set<string>();
    const shapeMembers = shape.members;
    for (const name in shapeMembers) {
      const member = shapeMembers[name]!;
      const serialization = member.serialization;
      wireNames.add(serialization.name ?? name);
      const location = serialization.location;
      // Header, header-map and status-code members are read from elsewhere.
      if (location === "header" || location === "headers" || location === "statusCode" || serialization.eventheader === true) continue;
      let tag = serialization.name ?? name;
      if (member.type_name === "list" && serialization.flattened === true) tag = member.member.serialization.name ?? tag;
      const index = members.length;
      members.push({ name, read: this.reader(member), attribute: serialization.xmlAttribute === true ? serialization.name : undefined });
      const indexes = byTag.get(tag);
      if (indexes === undefined) byTag.set(tag, [index]);
      else indexes.push(index);
    }
    return { members, byTag, wireNames };
  }

  private structure(shape: Shape): XmlReader {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plan: StructurePlan | undefined;
    const exception = shape.metadata.exception === true;
    const union = shape.is_tagged_union;
    return (value) => {
      plan ??= this.plan(shape);
      if (typeof value === "string") return {};
      let element = Array.isArray(value) ? value[0]! : value;
      if (exception) element = errorRoot(this.errorRootStyle, element);
      if (union) {
        const unknown = this.checkUnion(shape, element, plan.wireNames);
        if (unknown !== undefined) return unknown;
      }
      const found = new Array<XmlElement | XmlElement[] | undefined>(plan.members.length);
      const children = element.children;
      if (children !== undefined) {
        for (const child of children) {
          const indexes = plan.byTag.get(child.name);
          if (indexes === undefined) continue;
          for (const index of indexes) {
            const seen = found[index];
            if (seen === undefined) found[index] = child;
            else if (Array.isArray(seen)) seen.push(child);
            else found[index] = [seen, child];
          }
        }
      }
      const out: Parsed = {};
      const members = plan.members;
      for (let i = 0; i < members.length; i++) {
        const member = members[i]!;
        const node = found[i];
        if (node !== undefined) out[member.name] = member.read(node);
        else if (member.attribute !== undefined && element.attrs !== undefined) {
          const attribute = attributeValue(element.attrs, member.attribute);
          if (attribute !== undefined) out[member.name] = attribute;
        }
      }
      return out;
    };
  }

  private checkUnion(shape: Shape, element: XmlElement, wireNames: ReadonlySet<string>): Parsed | undefined {
    const tags = new Set<string>();
    for (const child of element.children ?? []) if (child.name !== "__type") tags.add(child.name);
    if (tags.size !== 1) throw new ResponseParserError(`Invalid service response: ${shape.name} must have one and only one member set.`);
    const [tag] = tags;
    // botocore checks the set member, but names the first element it received.
    if (!wireNames.has(tag!)) return { SDK_UNKNOWN_MEMBER: { name: element.children![0]!.name } };
    return undefined;
  }
}

/**
 * An attribute as botocore matches it: a namespaced attribute (`p:type`)
 * answers to the member's own prefix (`xsi:type`); `xmlns` declarations,
 * which ElementTree does not keep, never match.
 */
function attributeValue(attrs: Readonly<Record<string, string>>, locationName: string): string | undefined {
  const direct = attrs[locationName];
  if (direct !== undefined && !locationName.includes(":") && Object.hasOwn(attrs, locationName)) return direct;
  const colon = locationName.indexOf(":");
  const wantedPrefix = colon < 0 ? locationName : locationName.slice(0, colon);
  let found: string | undefined;
  for (const name in attrs) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    const at = name.indexOf(":");
    const normalized = at < 0 ? name : `${wantedPrefix}:${name.slice(at + 1)}`;
    if (normalized === locationName) found = attrs[name];
  }
  return found;
}
