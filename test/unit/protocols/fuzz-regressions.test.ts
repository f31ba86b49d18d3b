/**
 * Inputs the parser fuzzer (fuzz.test.ts) found breaking a parser, kept
 * as crafted cases so that they stay covered whatever the generator
 * becomes. Each one must now give plain data or a ResponseParserError.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ResponseDict } from "../../../src/http/types.js";
import { Loader } from "../../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import type { Shape } from "../../../src/models/shape.js";
import { ResponseParserError, createParser } from "../../../src/protocols/index.js";

const loader = new Loader();
const models = new Map<string, ServiceModel>();

function outputOf(service: string, operation: string): Shape {
  let model = models.get(service);
  if (model === undefined) {
    model = new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service);
    models.set(service, model);
  }
  return model.operation_model(operation).output_shape!;
}

function response(status: number, body: string | Uint8Array, headers: Record<string, string> = {}): ResponseDict {
  return { status_code: status, headers, body: typeof body === "string" ? Buffer.from(body, "utf8") : body, context: {} };
}

/** A synthetic JSON model: a recursive structure, a document and a long. */
const SYNTHETIC = new ServiceModel({
  metadata: { protocol: "json", jsonVersion: "1.1", targetPrefix: "T", apiVersion: "2020-01-01", serviceId: "Synthetic", signatureVersion: "v4" },
  operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Out" } } },
  shapes: {
    Out: { type: "structure", members: { Doc: { shape: "Doc" }, Big: { shape: "Long" }, Node: { shape: "Node" } } },
    Doc: { type: "structure", members: {}, document: true },
    Long: { type: "long" },
    Node: { type: "structure", members: { Child: { shape: "Node" }, Name: { shape: "Str" } } },
    Str: { type: "string" },
  },
} as unknown as RawServiceModel, "synthetic");
const SYNTHETIC_OUT = SYNTHETIC.operation_model("Op").output_shape!;

function refused(protocol: string, dict: ResponseDict, shape: Shape | undefined): void {
  assert.throws(() => createParser(protocol).parse(dict, shape), (error: unknown) => error instanceof ResponseParserError);
}

describe("fuzzer finds, kept as regressions", () => {
  test("a `__proto__` element in an error document stays data (rest-xml merge, query Errors)", () => {
    const restXml = createParser("rest-xml").parse(
      response(400, "<ErrorResponse><Error><Code>X</Code></Error><__proto__><polluted>yes</polluted></__proto__></ErrorResponse>"),
      outputOf("route53", "ListHostedZones"),
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(restXml), Object.prototype);
    const query = createParser("query").parse(
      response(400, "<ErrorResponse><Errors><__proto__><polluted>yes</polluted></__proto__></Errors></ErrorResponse>"),
      outputOf("sts", "AssumeRole"),
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(query), Object.prototype);
    assert.deepEqual(Object.keys(Object.prototype), []);
  });

  test("an attribute named like an Object.prototype member is an attribute, not a duplicate", () => {
    const parsed = createParser("rest-xml").parse(
      response(200, '<ListBucketResult toString="x" __proto__="y"><Name>b</Name></ListBucketResult>', { "x-amz-request-id": "r" }),
      outputOf("s3", "ListObjectsV2"),
    );
    assert.equal(parsed.Name, "b");
  });

  test("error documents nested thousands deep fail as ResponseParserError, not a stack overflow", () => {
    const deep = `${"<a>".repeat(5000)}${"</a>".repeat(5000)}`;
    refused("query", response(400, deep), outputOf("sts", "AssumeRole"));
    // rest-xml falls back to the status code when the error body cannot be read, as botocore does on a ResponseParserError.
    const parsed = createParser("rest-xml").parse(response(400, `<Error>${deep}</Error>`), outputOf("s3", "ListObjectsV2"));
    assert.deepEqual(parsed.Error, { Code: "400", Message: "Bad Request" });
  });

  test("CBOR: deep nesting, a map where a list belongs, a map as a key, a tag over a map with a toString key", () => {
    const shape = outputOf("cloudwatch", "GetMetricData");
    refused("smithy-rpc-v2-cbor", response(200, Uint8Array.from([...new Array<number>(20000).fill(0x81), 0x01])), shape);
    // {"MetricDataResults": {}}
    refused("smithy-rpc-v2-cbor", response(200, Uint8Array.from([0xa1, 0x71, ...Buffer.from("MetricDataResults"), 0xa0])), shape);
    // {{}: 1}
    refused("smithy-rpc-v2-cbor", response(200, Uint8Array.from([0xa1, 0xa0, 0x01])), shape);
    // {"Messages": 1({"toString": 1})}
    refused("smithy-rpc-v2-cbor", response(200, Uint8Array.from([0xa1, 0x68, ...Buffer.from("Messages"), 0xc1, 0xa1, 0x68, ...Buffer.from("toString"), 0x01])), shape);
  });

  test("JSON: a scalar body, objects with a toString key where a blob or a timestamp belongs", () => {
    refused("json", response(200, "0"), outputOf("logs", "FilterLogEvents"));
    refused("json", response(200, '{"Items":[{"a":{"B":{"toString":1}}}]}'), outputOf("dynamodb", "Query"));
    refused("json", response(200, '{"Records":[{"ApproximateArrivalTimestamp":{"toString":1}}]}'), outputOf("kinesis", "GetRecords"));
    refused("rest-json", response(200, '{"Configuration": 5}'), outputOf("lambda", "GetFunction"));
  });

  test("JSON: a float spelled past 2^53 next to an exact integer is read, not left as a thrown marker", () => {
    const parsed = createParser("json").parse(response(200, '{"Doc":{"n":6.02e23},"Big":12345678901234567890}'), SYNTHETIC_OUT);
    assert.deepEqual(parsed.Doc, { n: 6.02e23 });
    assert.equal(parsed.Big, 12345678901234567890n);
  });

  test("JSON: a recursive shape nested past the stack fails as ResponseParserError", () => {
    const depth = 100_000;
    const body = `{"Node":${'{"Child":'.repeat(depth)}{}${"}".repeat(depth)}}`;
    refused("json", response(200, body), SYNTHETIC_OUT);
  });
});
