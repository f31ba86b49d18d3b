/**
 * Whole responses as each protocol's services send them, generated from
 * an operation's output shape (success) or one of its modeled error shapes
 * (errors), plus the generic failures a proxy or an unmodeled error gives:
 * status code, lower-cased headers (the transport lower-cases names) and
 * body bytes. The values come from output-values.ts, the spelling of the
 * body from the protocol's writer.
 */
import type { OperationModel } from "../../src/models/service-model.js";
import type { Shape } from "../../src/models/shape.js";
import { pyFloatRepr } from "../../src/protocols/common/values.js";
import type { Coverage } from "./param-generator.js";
import { OutputValues, type WireTime, timeText } from "./output-values.js";
import { CborResponseWriter } from "./response-cbor.js";
import { JsonResponseWriter } from "./response-json.js";
import { XmlResponseWriter } from "./response-xml.js";
import type { SeededRandom } from "./seeded-random.js";

/** A generated HTTP response. */
export interface GeneratedResponse {
  status_code: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body is handed to the parser as a stream (a blob payload of a successful response). */
  streaming: boolean;
  /** What was generated, for the coverage report. */
  kind: string;
}

const UTF8 = new TextEncoder();

function requestId(random: SeededRandom): string {
  return `req-${random.int(0, 0xffffff).toString(16)}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return (value ?? {}) as Record<string, unknown>;
}

/** Header values for members bound to headers (botocore reads them by their lower-cased names). */
function restHeaders(protocol: string, shape: Shape, value: Readonly<Record<string, unknown>>, random: SeededRandom, headers: Record<string, string>): void {
  for (const [key, member] of Object.entries(shape.members)) {
    const item = value[key];
    if (item === undefined) continue;
    const location = member.serialization.location;
    const name = (member.serialization.name ?? key).toLowerCase();
    if (location === "headers") {
      for (const [suffix, text] of Object.entries(item as Record<string, unknown>)) headers[`${name}${suffix}`] = String(text);
    } else if (location === "header") {
      headers[name] = headerText(protocol, member, item, random);
    }
  }
}

function headerText(protocol: string, shape: Shape, value: unknown, random: SeededRandom): string {
  switch (shape.type_name) {
    case "list":
      return (value as unknown[]).map((item) => headerText(protocol, shape.member, item, random)).join(random.pick([",", ", "]));
    case "string":
      if (shape.serialization.jsonvalue === true) return Buffer.from(JSON.stringify(value), "utf8").toString("base64");
      return value as string;
    case "boolean":
      return value ? (protocol === "rest-json" ? random.pick(["true", "TRUE", "True"]) : "true") : "false";
    case "float":
    case "double": {
      const number = value as number;
      if (Number.isNaN(number)) return "NaN";
      if (!Number.isFinite(number)) return number > 0 ? "Infinity" : "-Infinity";
      return pyFloatRepr(number);
    }
    case "timestamp": {
      const format = (shape.serialization.timestampFormat as "iso8601" | "rfc822" | "unixTimestamp" | undefined) ?? "rfc822";
      return timeText(value as WireTime, random, format);
    }
    case "blob":
      return Buffer.from(value as Uint8Array).toString("base64");
    default:
      return String(value);
  }
}

/** Generates the responses of one operation under one protocol. */
export class ResponseGenerator {
  constructor(
    private readonly protocol: string,
    private readonly operation: OperationModel,
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
  ) {}

  private values(): OutputValues {
    return new OutputValues(this.random, this.coverage);
  }

  private count(feature: string): void {
    this.coverage.set(feature, (this.coverage.get(feature) ?? 0) + 1);
  }

  /** A successful response carrying values of the output shape. */
  success(): GeneratedResponse {
    const { protocol, operation, random } = this;
    const output = operation.output_shape;
    const value = output === undefined ? {} : asRecord(this.values().value(output, 0, "body"));
    const headers: Record<string, string> = {};
    const response: GeneratedResponse = { status_code: 200, headers, body: new Uint8Array(0), streaming: false, kind: "success" };
    const rid = requestId(random);
    if (protocol === "query" || protocol === "ec2") {
      const xml = new XmlResponseWriter(random, this.coverage);
      const { attributes, content } = output === undefined ? { attributes: "", content: "" } : xml.members(output, value);
      headers["content-type"] = "text/xml";
      if (protocol === "query") {
        const wrapper = output?.serialization.resultWrapper;
        const inner = wrapper === undefined ? content : `<${wrapper}${attributes}>${content}</${wrapper}>`;
        response.body = UTF8.encode(
          xml.document(`<${operation.name}Response xmlns="https://example.amazonaws.com/doc/2010-05-08/">${inner}<ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></${operation.name}Response>`),
        );
      } else {
        response.body = UTF8.encode(xml.document(`<${operation.name}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${rid}</requestId>${content}</${operation.name}Response>`));
      }
    } else if (protocol === "json") {
      headers["x-amzn-requestid"] = rid;
      headers["content-type"] = "application/x-amz-json-1.1";
      response.body = UTF8.encode(output === undefined ? "{}" : new JsonResponseWriter(random, this.coverage, false).write(output, value));
    } else if (protocol === "smithy-rpc-v2-cbor") {
      headers["x-amzn-requestid"] = rid;
      headers["smithy-protocol"] = "rpc-v2-cbor";
      headers["content-type"] = "application/cbor";
      const cbor = new CborResponseWriter(random, this.coverage);
      if (output !== undefined) cbor.write(output, value);
      response.body = output === undefined ? new Uint8Array(0) : cbor.bytes();
    } else {
      this.restSuccess(output, value, rid, response);
    }
    headers["content-length"] = String(response.body.length);
    return response;
  }

  private restSuccess(output: Shape | undefined, value: Record<string, unknown>, rid: string, response: GeneratedResponse): void {
    const { protocol, random } = this;
    const headers = response.headers;
    if (protocol === "rest-json" || random.chance(0.2)) headers["x-amzn-requestid"] = rid;
    if (protocol === "rest-xml") {
      headers["x-amz-request-id"] = rid;
      if (random.chance(0.8)) headers["x-amz-id-2"] = `host-${rid}`;
    }
    if (output === undefined) return;
    restHeaders(protocol, output, value, random, headers);
    if (Object.values(output.members).some((member) => member.serialization.location === "statusCode")) {
      response.status_code = random.pick([200, 201, 202, 204, 206]);
      this.count("statusCode member");
    }
    const payload = output.serialization.payload;
    if (payload !== undefined) {
      const member = output.members[payload]!;
      const item = value[payload];
      // A blob payload is always handed over as a stream, empty or not (botocore's has_streaming_output).
      response.streaming = member.type_name === "blob";
      if (item === undefined) return;
      if (member.type_name === "blob") {
        this.count("blob payload (streamed)");
        response.body = item as Uint8Array;
        headers["content-type"] = "application/octet-stream";
      } else if (member.type_name === "string") {
        this.count("string payload");
        response.body = UTF8.encode(item as string);
      } else {
        this.count("structure payload");
        response.body = UTF8.encode(this.restBody(member, item, member.serialization.name ?? payload, false));
      }
      return;
    }
    const body = this.restBody(output, value, output.serialization.name ?? output.name, true);
    response.body = UTF8.encode(body);
  }

  private restBody(shape: Shape, value: unknown, rootName: string, top: boolean): string {
    const { protocol, random } = this;
    if (protocol === "rest-json") return new JsonResponseWriter(random, this.coverage, true).write(shape, value, top);
    const xml = new XmlResponseWriter(random, this.coverage);
    if (shape.type_name !== "structure") return xml.document(xml.element(shape, value, rootName));
    const { attributes, content } = xml.members(shape, asRecord(value));
    if (top && content === "" && attributes === "" && random.chance(0.5)) return "";
    const ns = random.chance(0.5) ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"' : "";
    return xml.document(`<${rootName}${ns}${attributes}>${content}</${rootName}>`);
  }

  /** An error response: a modeled error of the operation, an unmodeled code, or a generic failure. */
  error(): GeneratedResponse {
    const { operation, random } = this;
    const modeled = operation.error_shapes;
    const roll = random.next();
    if (roll < 0.12) return this.genericFailure();
    if (modeled.length > 0 && roll < 0.85) {
      const shape = random.pick(modeled);
      this.count("modeled error");
      return this.errorWith(shape.error_code ?? shape.name, shape, shape.metadata.error?.httpStatusCode ?? 400);
    }
    this.count("unmodeled error");
    return this.errorWith(random.pick(["Throttling", "InternalFailure", "ValidationException", "AccessDenied"]), undefined, random.pick([400, 403, 429, 500]));
  }

  private genericFailure(): GeneratedResponse {
    const { random } = this;
    this.count("generic failure");
    const status = random.pick([500, 502, 503, 504]);
    const body = random.pick(["", "   \n", "<html><body><b>Http/1.1 Service Unavailable</b></body></html>", "<html>\n<head></head></html>"]);
    return { status_code: status, headers: { "content-type": "text/html", "content-length": String(body.length) }, body: UTF8.encode(body), streaming: false, kind: "generic" };
  }

  private errorWith(code: string, shape: Shape | undefined, status: number): GeneratedResponse {
    const { protocol, random, operation } = this;
    const value = shape === undefined ? {} : asRecord(this.values().value(shape, 0, "body"));
    const headers: Record<string, string> = {};
    const rid = requestId(random);
    const message = random.pick(["Something went wrong", "é 😀 <&>", ""]);
    // A modeled member that is the error's code or message carries them, as services send it (once).
    for (const [key, member] of Object.entries(shape?.members ?? {})) {
      const wire = member.serialization.name ?? key;
      if (member.type_name !== "string" || member.serialization.location !== undefined) continue;
      if (wire === "Code" || wire === "code") value[key] = code;
      else if ((wire === "Message" || wire === "message") && value[key] !== undefined) value[key] = message;
    }
    let body = "";
    let bytes: Uint8Array | undefined;
    const wireNames = new Set(shape === undefined ? [] : Object.entries(shape.members).map(([key, member]) => member.serialization.name ?? key));
    if (protocol === "query" || protocol === "ec2") {
      const xml = new XmlResponseWriter(random, this.coverage);
      const fields = shape === undefined ? "" : xml.members(shape, value).content;
      const messageElement = wireNames.has("Message") ? "" : `<Message>${message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</Message>`;
      const codeElement = wireNames.has("Code") ? "" : `<Code>${code}</Code>`;
      if (protocol === "query") {
        body = xml.document(`<ErrorResponse xmlns="https://example.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>${codeElement}${messageElement}${fields}</Error><RequestId>${rid}</RequestId></ErrorResponse>`);
      } else {
        body = xml.document(`<Response><Errors><Error>${codeElement}${messageElement}${fields}</Error></Errors><RequestID>${rid}</RequestID></Response>`);
      }
    } else if (protocol === "json" || protocol === "rest-json") {
      headers["x-amzn-requestid"] = rid;
      const typeName = random.pick([code, `com.amazonaws.example#${code}`, `${code}:http://internal.amazon.com/coral/com.amazon.example/`]);
      const writer = new JsonResponseWriter(random, this.coverage, protocol === "rest-json");
      let fields = shape === undefined ? "{}" : writer.write(shape, value, protocol === "rest-json");
      const extras: string[] = [];
      if (protocol === "json" || random.chance(0.5)) extras.push(`"__type":${JSON.stringify(typeName)}`);
      else if (random.chance(0.5) || wireNames.has("code") || wireNames.has("Code")) headers["x-amzn-errortype"] = typeName;
      else extras.push(`"code":${JSON.stringify(typeName)}`);
      if (!wireNames.has("message") && !wireNames.has("Message")) extras.push(`${JSON.stringify(random.pick(["message", "Message"]))}:${JSON.stringify(message)}`);
      fields = fields.trim();
      body = fields === "{}" ? `{${extras.join(",")}}` : `{${extras.join(",")}${extras.length > 0 ? "," : ""}${fields.slice(1)}`;
      if (protocol === "rest-json" && shape !== undefined) restHeaders(protocol, shape, value, random, headers);
      if (operation.service_model.is_query_compatible && random.chance(0.5)) {
        this.count("x-amzn-query-error");
        headers["x-amzn-query-error"] = `${code};Sender`;
      }
      if (random.chance(0.05)) body = "not json at all";
    } else if (protocol === "rest-xml") {
      headers["x-amz-request-id"] = rid;
      headers["x-amz-id-2"] = `host-${rid}`;
      const xml = new XmlResponseWriter(random, this.coverage);
      const fields = shape === undefined ? "" : xml.members(shape, value).content;
      if (shape !== undefined) restHeaders(protocol, shape, value, random, headers);
      const messageElement = wireNames.has("Message") ? "" : `<Message>${message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</Message>`;
      const codeElement = wireNames.has("Code") ? "" : `<Code>${code}</Code>`;
      if (operation.service_model.service_name.startsWith("s3")) {
        body = xml.document(`<Error>${codeElement}${messageElement}${fields}<RequestId>${rid}</RequestId><HostId>host-${rid}</HostId></Error>`);
      } else {
        body = xml.document(`<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>${codeElement}${messageElement}${fields}</Error><RequestId>${rid}</RequestId></ErrorResponse>`);
      }
      if (random.chance(0.05)) body = random.pick(["", "Forbidden", "<Error><Code>Unclosed"]);
    } else {
      headers["x-amzn-requestid"] = rid;
      headers["smithy-protocol"] = "rpc-v2-cbor";
      const cbor = new CborResponseWriter(random, this.coverage);
      const extras: [string, string][] = [["__type", random.pick([code, `com.amazonaws.example#${code}`])]];
      if (operation.service_model.is_query_compatible && random.chance(0.5)) {
        this.count("x-amzn-query-error");
        headers["x-amzn-query-error"] = `${code};Sender`;
      }
      if (!wireNames.has("message") && !wireNames.has("Message")) extras.push(["message", message]);
      bytes = shape === undefined ? cborExtrasOnly(extras) : (cbor.write(shape, value, extras), cbor.bytes());
    }
    const out = bytes ?? UTF8.encode(body);
    headers["content-length"] = String(out.length);
    return { status_code: status, headers, body: out, streaming: false, kind: shape === undefined ? "unmodeled error" : "modeled error" };
  }
}

/** A CBOR map of text entries. */
function cborExtrasOnly(entries: readonly [string, string][]): Uint8Array {
  const out: number[] = [0xa0 | entries.length];
  for (const [key, text] of entries) {
    for (const item of [key, text]) {
      const data = UTF8.encode(item);
      if (data.length < 24) out.push(0x60 | data.length);
      else out.push(0x78, data.length);
      out.push(...data);
    }
  }
  return Uint8Array.from(out);
}
