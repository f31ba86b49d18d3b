/**
 * Writes output values as the XML protocols (query, ec2, rest-xml) carry
 * them, with the variety real services and proxies produce: pretty-printed
 * or not, CDATA and character references, unknown elements, namespace
 * prefixes on attributes, and each scalar in several accepted spellings.
 */
import type { Shape } from "../../src/models/shape.js";
import { pyFloatRepr } from "../../src/protocols/common/values.js";
import type { Coverage } from "./param-generator.js";
import { type WireTime, timeText } from "./output-values.js";
import type { SeededRandom } from "./seeded-random.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** Writes XML for shapes; one instance per response (it carries the pretty-print choice). */
export class XmlResponseWriter {
  private readonly pretty: boolean;

  constructor(
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
  ) {
    this.pretty = random.chance(0.3);
  }

  private count(feature: string): void {
    this.coverage.set(feature, (this.coverage.get(feature) ?? 0) + 1);
  }

  /** Whitespace between elements when pretty-printing. */
  private gap(): string {
    return this.pretty ? "\n  " : "";
  }

  /** A string as element content: escaped, or as CDATA, or with character references. */
  private stringContent(text: string): string {
    const random = this.random;
    if (text !== "" && !text.includes("]]>") && random.chance(0.1)) {
      this.count("xml cdata");
      return `<![CDATA[${text.replace(/\r/g, "")}]]>`;
    }
    if (random.chance(0.15)) {
      this.count("xml character references");
      let out = "";
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        out += code > 127 || ch === "\r" ? `&#x${code.toString(16)};` : escapeText(ch);
      }
      return out;
    }
    return escapeText(text);
  }

  /** The text of a scalar, in one of the spellings botocore accepts for its type. */
  scalarText(shape: Shape, value: unknown, timestampDefault: "iso8601" | "rfc822" | "unixTimestamp"): string {
    const random = this.random;
    switch (shape.type_name) {
      case "boolean":
        return value ? "true" : random.pick(["false", "false", "False", "0"]);
      case "integer":
      case "long": {
        const text = String(value);
        if (random.chance(0.1)) {
          this.count("xml integer spelling");
          return random.pick([` ${text} `, `+${text}`.replace("+-", "-"), `${text}\n`]);
        }
        return text;
      }
      case "float":
      case "double": {
        const number = value as number;
        if (Number.isNaN(number)) return random.pick(["NaN", "nan"]);
        if (!Number.isFinite(number)) return number > 0 ? random.pick(["Infinity", "inf"]) : random.pick(["-Infinity", "-inf"]);
        return random.chance(0.5) ? pyFloatRepr(number) : String(number);
      }
      case "blob": {
        const base64 = Buffer.from(value as Uint8Array).toString("base64");
        // MIME-style line breaks, which base64 decoders skip.
        return random.chance(0.1) ? base64.replace(/(.{8})/g, "$1\n") : base64;
      }
      case "timestamp": {
        const format = (shape.serialization.timestampFormat as "iso8601" | "rfc822" | "unixTimestamp" | undefined) ?? timestampDefault;
        return timeText(value as WireTime, random, format);
      }
      default:
        return String(value);
    }
  }

  /** One value as the element `name` (a flattened list or map as its repeated elements). */
  element(shape: Shape, value: unknown, name: string): string {
    const random = this.random;
    switch (shape.type_name) {
      case "structure":
        return this.structureElement(shape, value as Record<string, unknown>, name);
      case "list": {
        const items = value as unknown[];
        const memberName = shape.member.serialization.name ?? "member";
        if (shape.serialization.flattened === true) {
          this.count("xml flattened list");
          const itemName = shape.member.serialization.name ?? name;
          return items.map((item) => this.element(shape.member, item, itemName)).join(this.gap());
        }
        if (items.length === 0) return random.chance(0.5) ? `<${name}/>` : `<${name}></${name}>`;
        return `<${name}>${items.map((item) => this.gap() + this.element(shape.member, item, memberName)).join("")}</${name}>`;
      }
      case "map": {
        const keyName = shape.key.serialization.name ?? "key";
        const valueName = shape.value.serialization.name ?? "value";
        const entries = Object.entries(value as Record<string, unknown>).map(
          ([key, item]) => this.element(shape.key, key, keyName) + this.element(shape.value, item, valueName),
        );
        if (shape.serialization.flattened === true) {
          this.count("xml flattened map");
          return entries.map((entry) => `<${name}>${entry}</${name}>`).join(this.gap());
        }
        return `<${name}>${entries.map((entry) => `<entry>${entry}</entry>`).join("")}</${name}>`;
      }
      case "string": {
        const text = value as string;
        if (text === "" && random.chance(0.5)) return `<${name}/>`;
        return `<${name}>${this.stringContent(text)}</${name}>`;
      }
      default: {
        const text = escapeText(this.scalarText(shape, value, "iso8601"));
        if (random.chance(0.03)) {
          // A namespace prefix on the element: botocore keeps only the local name.
          this.count("xml prefixed element");
          return `<p:${name} xmlns:p="urn:example">${text}</p:${name}>`;
        }
        return `<${name}>${text}</${name}>`;
      }
    }
  }

  /** A structure's attributes and child elements (members bound to headers or the status code are skipped). */
  members(shape: Shape, value: Readonly<Record<string, unknown>>): { attributes: string; content: string } {
    const random = this.random;
    let attributes = "";
    const parts: string[] = [];
    let usesXsi = false;
    for (const [key, member] of Object.entries(shape.members)) {
      const item = value[key];
      const location = member.serialization.location;
      if (item === undefined || location === "header" || location === "headers" || location === "statusCode") continue;
      const name = member.serialization.name ?? key;
      if (member.serialization.xmlAttribute === true) {
        this.count("xml attribute");
        let attributeName = name;
        if (name.startsWith("xsi:")) {
          usesXsi = true;
          // Any prefix bound to the same namespace names the same attribute.
          if (random.chance(0.3)) attributeName = `xs2:${name.slice(4)}`;
        }
        attributes += ` ${attributeName}="${escapeAttribute(String(item))}"`;
        continue;
      }
      parts.push(this.element(member, item, name));
    }
    if (usesXsi) attributes += ` xmlns:xsi="${XSI}" xmlns:xs2="${XSI}"`;
    if (parts.length > 0 && random.chance(0.15)) {
      this.count("xml unknown element");
      parts.splice(random.int(0, parts.length), 0, random.pick(["<UnknownMember>x</UnknownMember>", "<Extra><Nested>1</Nested></Extra>", "<!-- comment -->"]));
    }
    const content = parts.map((part) => this.gap() + part).join("") + (parts.length > 0 && this.pretty ? "\n" : "");
    return { attributes, content };
  }

  private structureElement(shape: Shape, value: Readonly<Record<string, unknown>>, name: string): string {
    const { attributes, content } = this.members(shape, value);
    if (content === "" && this.random.chance(0.5)) return `<${name}${attributes}/>`;
    return `<${name}${attributes}>${content}</${name}>`;
  }

  /** A whole document around `inner`, maybe with an XML declaration. */
  document(inner: string): string {
    return this.random.chance(0.4) ? `<?xml version="1.0" encoding="UTF-8"?>\n${inner}` : inner;
  }
}
