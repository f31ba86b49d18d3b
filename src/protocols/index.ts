/**
 * Wire protocols: one serializer and one parser per protocol, chosen by the
 * service model's `resolved_protocol` (botocore's `serialize.py` and
 * `parsers.py`).
 *
 * @module boto3-ts/protocols
 */
import { JsonParser } from "./json/parser.js";
import { JsonSerializer } from "./json/serializer.js";
import { QueryParser } from "./query/parser.js";
import { QuerySerializer } from "./query/serializer.js";
import { RestJsonParser } from "./rest-json/parser.js";
import { createRestJsonSerializer } from "./rest-json/serializer.js";
import { RestXmlParser } from "./rest-xml/parser.js";
import { createRestXmlSerializer } from "./rest-xml/serializer.js";
import { RpcV2CborParser } from "./cbor/parser.js";
import { RpcV2CborSerializer } from "./cbor/serializer.js";
import type { ParserOptions } from "./common/parser-base.js";
import type { SerializerOptions } from "./common/serializer-support.js";
import type { Parser, Serializer } from "./types.js";

export type { Parser, Serializer } from "./types.js";
export type { SerializerOptions } from "./common/serializer-support.js";
export type { ParserOptions } from "./common/parser-base.js";
export type { TimestampPrecision } from "./common/timestamps.js";
export { ResponseParserError } from "./common/response-parser-error.js";
export { joinUrl } from "./common/join-url.js";
export { httpReason } from "./common/http-reasons.js";

/** The protocols this package speaks, in botocore's names. */
export const SUPPORTED_PROTOCOLS = ["query", "ec2", "json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"] as const;

/** The serializer for a protocol (`service_model.resolved_protocol`); botocore's `create_serializer`. */
export function createSerializer(protocol: string, options: SerializerOptions = {}): Serializer {
  switch (protocol) {
    case "query":
      return new QuerySerializer(false, options);
    case "ec2":
      return new QuerySerializer(true, options);
    case "json":
      return new JsonSerializer(options);
    case "rest-json":
      return createRestJsonSerializer(options);
    case "rest-xml":
      return createRestXmlSerializer(options);
    case "smithy-rpc-v2-cbor":
      return new RpcV2CborSerializer(options);
    default:
      throw new Error(`Unknown protocol: ${protocol}`);
  }
}

/** The response parser for a protocol; botocore's `create_parser` (options: `set_parser_defaults`). */
export function createParser(protocol: string, options: ParserOptions = {}): Parser {
  switch (protocol) {
    case "query":
      return new QueryParser(false, options);
    case "ec2":
      return new QueryParser(true, options);
    case "json":
      return new JsonParser(options);
    case "rest-json":
      return new RestJsonParser(options);
    case "rest-xml":
      return new RestXmlParser(options);
    case "smithy-rpc-v2-cbor":
      return new RpcV2CborParser(options);
    default:
      throw new Error(`Unknown protocol: ${protocol}`);
  }
}
