/**
 * Writes a shape's input as XML, the way botocore's RestXMLSerializer builds
 * an ElementTree and prints it: members in the caller's order, `xmlAttribute`
 * members on the element, `xmlNamespace` as `xmlns[:prefix]`, empty elements
 * as `<Name />`, ElementTree's escaping, no XML declaration.
 */
import type { Shape } from "../../models/shape.js";
import { entriesOf, isSet, truthy } from "../common/serializer-support.js";
import { type TimestampPrecision, formatTimestampText } from "../common/timestamps.js";
import { floatToString, scalarToString, toBase64 } from "../common/values.js";

/** Writes one value as the element `name`. */
type ElementWriter = (value: unknown, name: string) => string;

/** ElementTree's `_escape_cdata`. */
export function escapeXmlText(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** ElementTree's `_escape_attrib`. */
export function escapeXmlAttribute(text: string): string {
  if (!/[&<>"\r\n\t]/.test(text)) return text;
  return text
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#09;");
}

/** The ` xmlns[:prefix]="uri"` attribute a shape's `xmlNamespace` adds, or "". */
function namespaceAttribute(shape: Shape): string {
  const ns = shape.serialization.xmlNamespace as { prefix?: string; uri: string } | string | undefined;
  if (ns === undefined) return "";
  if (typeof ns === "string") return ` xmlns="${escapeXmlAttribute(ns)}"`;
  const name = ns.prefix ? `xmlns:${ns.prefix}` : "xmlns";
  return ` ${name}="${escapeXmlAttribute(ns.uri)}"`;
}

function element(name: string, attributes: string, content: string): string {
  return content === "" ? `<${name}${attributes} />` : `<${name}${attributes}>${content}</${name}>`;
}

interface MemberPlan {
  name: string;
  write: ElementWriter;
  /** Set for `xmlAttribute` members: written on the parent element. */
  attribute: boolean;
  /** A flattened list's namespace lands on the parent element, as in botocore. */
  parentAttribute: string;
}

/** Builds and caches element writers for one timestamp precision. */
export class XmlWriter {
  private readonly writers = new WeakMap<Shape, ElementWriter>();

  constructor(private readonly precision: TimestampPrecision) {}

  /** The writer for a shape. */
  writer(shape: Shape): ElementWriter {
    let writer = this.writers.get(shape);
    if (writer === undefined) {
      writer = this.build(shape);
      this.writers.set(shape, writer);
    }
    return writer;
  }

  private build(shape: Shape): ElementWriter {
    const ns = namespaceAttribute(shape);
    switch (shape.type_name) {
      case "structure":
        return this.structure(shape, ns);
      case "list":
        return this.list(shape, ns);
      case "map":
        return this.map(shape, ns);
      case "boolean":
        return (value, name) => element(name, ns, truthy(value) ? "true" : "false");
      case "blob":
        return (value, name) => element(name, ns, toBase64(value));
      case "timestamp": {
        const format = shape.serialization.timestampFormat ?? "iso8601";
        return (value, name) => element(name, ns, escapeXmlText(formatTimestampText(value, format, this.precision)));
      }
      case "float":
      case "double":
        return (value, name) => element(name, ns, floatToString(value));
      default:
        return (value, name) => element(name, ns, escapeXmlText(scalarToString(value)));
    }
  }

  private structure(shape: Shape, ns: string): ElementWriter {
    // Members are planned on first use, so recursive shapes never plan forever.
    let plans: Map<string, MemberPlan> | undefined;
    return (value, name) => {
      if (plans === undefined) {
        plans = new Map();
        const members = shape.members;
        for (const key in members) {
          const member = members[key]!;
          const flattenedList = member.type_name === "list" && member.serialization.flattened === true;
          plans.set(key, {
            name: member.serialization.name ?? key,
            write: this.writer(member),
            attribute: member.serialization.xmlAttribute === true,
            parentAttribute: flattenedList ? namespaceAttribute(member) : "",
          });
        }
      }
      let attributes = ns;
      let content = "";
      for (const [key, memberValue] of entriesOf(value)) {
        const plan = plans.get(key);
        if (plan === undefined || !isSet(memberValue)) continue;
        if (plan.attribute) {
          attributes += ` ${plan.name}="${escapeXmlAttribute(scalarToString(memberValue))}"`;
          continue;
        }
        attributes += plan.parentAttribute;
        content += plan.write(memberValue, plan.name);
      }
      return element(name, attributes, content);
    };
  }

  private list(shape: Shape, ns: string): ElementWriter {
    const flattened = shape.serialization.flattened === true;
    return (value, name) => {
      const member = shape.member;
      const write = this.writer(member);
      const items = value as readonly unknown[];
      if (flattened) {
        let out = "";
        for (const item of items) out += write(item, name);
        return out;
      }
      const itemName = member.serialization.name ?? "member";
      let content = "";
      for (const item of items) content += write(item, itemName);
      return element(name, ns, content);
    };
  }

  private map(shape: Shape, ns: string): ElementWriter {
    const flattened = shape.serialization.flattened === true;
    return (value, name) => {
      const keyName = shape.key.serialization.name ?? "key";
      const valueName = shape.value.serialization.name ?? "value";
      const writeKey = this.writer(shape.key);
      const writeValue = this.writer(shape.value);
      let content = "";
      for (const [key, item] of entriesOf(value)) {
        const entry = writeKey(key, keyName) + writeValue(item, valueName);
        content += flattened ? element(name, "", entry) : element("entry", "", entry);
      }
      return flattened ? content : element(name, ns, content);
    };
  }
}
