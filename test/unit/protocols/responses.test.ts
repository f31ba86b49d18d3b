/**
 * Parsing the responses real services (and the proxies in front of them)
 * send that the protocol suites do not cover: empty bodies, HTML error
 * pages, S3's streamed GetObject body, event stream members, header
 * oddities. Where botocore decides, its own answer is the expectation.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { BotoCoreError } from "../../../src/exceptions.js";
import type { ResponseDict } from "../../../src/http/types.js";
import { Loader } from "../../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import { ResponseParserError, createParser, httpReason } from "../../../src/protocols/index.js";
import { EventStream } from "../../../src/protocols/event-stream/index.js";
import { askBotocore } from "./botocore.js";

const MODEL_SHAPES = {
  Output: {
    type: "structure",
    members: {
      Name: { shape: "Text" },
      Count: { shape: "Number" },
      When: { shape: "Time" },
      Tags: { shape: "TagMap" },
    },
  },
  Text: { type: "string" },
  Number: { type: "integer" },
  Time: { type: "timestamp" },
  TagMap: { type: "map", key: { shape: "Text" }, value: { shape: "Text" } },
};

function modelFor(protocol: string): ServiceModel {
  return new ServiceModel({
    metadata: { protocol, apiVersion: "2020-01-01", jsonVersion: "1.1", targetPrefix: "Svc" },
    operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Output", resultWrapper: "OpResult" } } },
    shapes: MODEL_SHAPES,
  } as unknown as RawServiceModel);
}

interface ResponseCase {
  protocol: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const BODIES: readonly [number, Record<string, string>, string][] = [
  [200, {}, ""],
  [500, {}, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"],
  [503, {}, ""],
  [502, {}, "  \n"],
  [504, { "x-amzn-requestid": "rid" }, "\n<html>\n<head><title>504 Gateway Time-out</title></head></html>"],
  [404, {}, "<html>nope</html>"],
  [400, {}, "Not XML at all"],
  [500, {}, '{"__type":"com.amazon#Throttled:http://x","message":"slow down"}'],
  [400, { "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender", "x-amzn-requestid": "r1" }, '{"__type":"QueueDoesNotExist","Message":"gone"}'],
  [400, { "x-amzn-errortype": "ValidationException:http://internal" }, '{"message":"bad"}'],
  [403, { "X-Amz-Request-Id": "abc", "x-amz-id-2": "host" }, "<ErrorResponse><Error><Type>Sender</Type><Code>Denied</Code><Message>no</Message><Detail/></Error><RequestId>req-1</RequestId></ErrorResponse>"],
  [404, { "x-amz-request-id": "s3req", "x-amz-id-2": "s3host" }, "<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message><Key>k</Key><RequestId>x</RequestId><HostId>y</HostId></Error>"],
  [400, {}, "<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code><Message>bad id</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>"],
  [200, { "x-amzn-requestid": "ok-1" }, '{"Name":"n","Count":3,"When":1422172800.5,"Tags":{"a":"b"}}'],
  [200, {}, "<OpResponse><OpResult><Name>n</Name><Count>3</Count><When>2015-01-25T08:00:00.500Z</When><Tags><entry><key>a</key><value>b</value></entry></Tags></OpResult><ResponseMetadata><RequestId>q-1</RequestId></ResponseMetadata></OpResponse>"],
  [200, {}, "<Output><Name>n</Name><Count>3</Count><When>2015-01-25T08:00:00Z</When></Output>"],
];

const PYTHON = String.raw`
import json, sys, datetime
from botocore.model import ServiceModel
from botocore.parsers import create_parser
cases, shapes = json.load(sys.stdin)
def clean(v):
    if isinstance(v, dict): return {k: clean(x) for k, x in v.items()}
    if isinstance(v, list): return [clean(x) for x in v]
    if isinstance(v, datetime.datetime): return {'$date': v.timestamp()}
    if isinstance(v, bytes): return {'$bytes': v.decode('utf-8', 'replace')}
    return v
out = []
for c in cases:
    m = ServiceModel({'metadata': {'protocol': c['protocol'], 'apiVersion': '2020-01-01', 'jsonVersion': '1.1', 'targetPrefix': 'Svc'},
                      'operations': {'Op': {'name': 'Op', 'http': {'method': 'POST', 'requestUri': '/'}, 'output': {'shape': 'Output', 'resultWrapper': 'OpResult'}}},
                      'shapes': shapes})
    op = m.operation_model('Op')
    try:
        r = create_parser(c['protocol']).parse({'status_code': c['status'], 'headers': c['headers'], 'body': c['body'].encode()}, op.output_shape)
        out.append({'ok': clean(r)})
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
json.dump(out, sys.stdout)
`;

function clean(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() / 1000 };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("utf8") };
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = clean(item);
    return out;
  }
  return value;
}

describe("responses botocore decides", () => {
  test("errors, empty bodies and results parse as botocore parses them, for each protocol", () => {
    const cases: ResponseCase[] = [];
    for (const protocol of ["query", "ec2", "json", "rest-json", "rest-xml"]) {
      for (const [status, headers, body] of BODIES) cases.push({ protocol, status, headers, body });
    }
    const expected = askBotocore<({ ok: unknown } | { error: string; message: string })[]>(PYTHON, [cases, MODEL_SHAPES]);
    cases.forEach((c, i) => {
      const model = modelFor(c.protocol);
      const want = expected[i]!;
      const label = `${c.protocol} ${c.status} ${JSON.stringify(c.body.slice(0, 40))}`;
      const response: ResponseDict = {
        status_code: c.status,
        // The pipeline lower-cases header names; botocore's dict is case-insensitive.
        headers: Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k.toLowerCase(), v])),
        body: Buffer.from(c.body, "utf8"),
        context: {},
      };
      const run = (): unknown => clean(createParser(c.protocol).parse(response, model.operation_model("Op").output_shape));
      if ("error" in want && want.error === "KeyError") {
        // botocore fails with a bare KeyError when the result wrapper element is missing; this is a parser error here.
        assert.throws(run, (error: unknown) => error instanceof ResponseParserError && error.message.includes(want.message.replace(/'/g, "")), label);
      } else if ("error" in want) {
        assert.equal(want.error, "ResponseParserError", label);
        assert.throws(run, (error: unknown) => error instanceof ResponseParserError && error.message === want.message, label);
      } else {
        assert.deepEqual(run(), want.ok, label);
      }
    });
  });

  test("an empty 200 body: query cannot parse it, the others return only ResponseMetadata", () => {
    const empty: ResponseDict = { status_code: 200, headers: {}, body: new Uint8Array(0), context: {} };
    for (const protocol of ["json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"]) {
      const output = modelFor(protocol).operation_model("Op").output_shape;
      assert.deepEqual(createParser(protocol).parse(empty, output), { ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } }, protocol);
    }
    const output = modelFor("query").operation_model("Op").output_shape;
    assert.throws(() => createParser("query").parse(empty, output), /no element found: line 1, column 0/);
  });

  test("a proxy's HTML 5xx page becomes the status code and Python's reason phrase", () => {
    const parsed = createParser("rest-json").parse(
      { status_code: 502, headers: { "content-type": "text/html" }, body: Buffer.from("<html><body>Bad Gateway</body></html>"), context: {} },
      undefined,
    );
    assert.deepEqual(parsed.Error, { Code: "502", Message: "Bad Gateway" });
    assert.equal(httpReason(418), "I'm a Teapot");
    assert.equal(httpReason(599), "");
  });

  test("ResponseParserError is a BotoCoreError", () => {
    const error = new ResponseParserError("x");
    assert.ok(error instanceof BotoCoreError);
    assert.equal(error.message, "x");
    assert.equal(error.name, "ResponseParserError");
  });
});

describe("S3-like streamed payloads", () => {
  const s3 = new ServiceModel(new Loader().load_service_model("s3", "service-2") as RawServiceModel, "s3");

  test("GetObject: the body stream is put as-is into Body, headers become members", () => {
    const stream = Readable.from([Buffer.from("hello")]);
    const headers = {
      "content-type": "text/plain",
      "content-length": "5",
      etag: '"abc"',
      "last-modified": "Wed, 21 Oct 2015 07:28:00 GMT",
      "x-amz-meta-owner": "me",
      "x-amz-request-id": "REQ",
      "x-amz-id-2": "HOST",
      "accept-ranges": "bytes",
    };
    const parsed = createParser("rest-xml").parse({ status_code: 200, headers, body: stream, context: {} }, s3.operation_model("GetObject").output_shape);
    assert.equal(parsed.Body, stream);
    assert.equal(parsed.ContentLength, 5);
    assert.equal(parsed.ETag, '"abc"');
    assert.deepEqual(parsed.LastModified, new Date("2015-10-21T07:28:00Z"));
    assert.deepEqual(parsed.Metadata, { owner: "me" });
    assert.equal(parsed.ContentType, "text/plain");
    assert.equal(parsed.AcceptRanges, "bytes");
    assert.deepEqual(parsed.ResponseMetadata, { RequestId: "REQ", HostId: "HOST", HTTPStatusCode: 200, HTTPHeaders: headers });
  });

  test("GetObject with bytes in hand keeps them as bytes (blob payloads are never decoded)", () => {
    const body = Buffer.from([0xff, 0x00, 0x01]);
    const parsed = createParser("rest-xml").parse({ status_code: 206, headers: {}, body, context: {} }, s3.operation_model("GetObject").output_shape);
    assert.equal(parsed.Body, body);
  });

  test("a checksum the pipeline validated is reported in ResponseMetadata", () => {
    const parsed = createParser("rest-xml").parse(
      { status_code: 200, headers: {}, body: Readable.from([]), context: { checksum: { response_algorithm: "crc32" } } },
      s3.operation_model("GetObject").output_shape,
    );
    assert.equal((parsed.ResponseMetadata as Record<string, unknown>).ChecksumAlgorithm, "crc32");
  });

  test("S3's XML error: Error from the body, request ids from the headers", () => {
    const parsed = createParser("rest-xml").parse(
      {
        status_code: 404,
        headers: { "x-amz-request-id": "R", "x-amz-id-2": "H" },
        body: Buffer.from("<Error><Code>NoSuchBucket</Code><Message>gone</Message><BucketName>b</BucketName><RequestId>R</RequestId><HostId>H</HostId></Error>"),
        context: {},
      },
      s3.operation_model("GetObject").output_shape,
    );
    assert.deepEqual(parsed.Error, { Code: "NoSuchBucket", Message: "gone", BucketName: "b" });
    assert.equal((parsed.ResponseMetadata as Record<string, unknown>).RequestId, "R");
  });

  test("a modeled error shape returns its fields only, without ResponseMetadata", () => {
    const shape = s3.shape_for_error_code("NoSuchKey")!;
    const parsed = createParser("rest-xml").parse(
      { status_code: 404, headers: {}, body: Buffer.from("<Error><Code>NoSuchKey</Code><Message>m</Message></Error>"), context: {} },
      shape,
    );
    assert.deepEqual(parsed, {});
  });
});

describe("event stream members (decoded by src/protocols/event-stream; tested in test/unit/protocols/event-stream)", () => {
  const model = new ServiceModel({
    metadata: { protocol: "rest-json", apiVersion: "1" },
    operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, output: { shape: "Out" } } },
    shapes: {
      Out: { type: "structure", members: { Stream: { shape: "Events" } }, payload: "Stream" },
      Events: { type: "structure", eventstream: true, members: { A: { shape: "A" } } },
      A: { type: "structure", event: true, members: {} },
    },
  } as unknown as RawServiceModel);

  test("the payload member is an EventStream over the body", () => {
    const body = Readable.from([Buffer.from([0, 0, 0, 0])]);
    const parsed = createParser("rest-json").parse({ status_code: 200, headers: {}, body, context: {} }, model.operation_model("Op").output_shape);
    assert.ok(parsed.Stream instanceof EventStream);
  });

  test("json protocol: the event stream member is an EventStream over the body", () => {
    const json = new ServiceModel({
      metadata: { protocol: "json", apiVersion: "1", jsonVersion: "1.1", targetPrefix: "X" },
      operations: { Op: { name: "Op", output: { shape: "Out" } } },
      shapes: {
        Out: { type: "structure", members: { Stream: { shape: "Events" } } },
        Events: { type: "structure", eventstream: true, members: {} },
      },
    } as unknown as RawServiceModel);
    const body = Readable.from([]);
    const parsed = createParser("json").parse({ status_code: 200, headers: {}, body, context: {} }, json.operation_model("Op").output_shape);
    assert.ok(parsed.Stream instanceof EventStream);
  });
});

describe("response data never reaches prototypes", () => {
  test("a map key __proto__ is an ordinary key", () => {
    const model = modelFor("json");
    const parsed = createParser("json").parse(
      { status_code: 200, headers: {}, body: Buffer.from('{"Tags":{"__proto__":{"polluted":true},"a":"b"}}'), context: {} },
      model.operation_model("Op").output_shape,
    );
    const tags = parsed.Tags as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(tags), Object.prototype);
    assert.deepEqual(Object.keys(tags), ["__proto__", "a"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test("a member named like an Object.prototype property is read from the body only", () => {
    const model = new ServiceModel({
      metadata: { protocol: "json", apiVersion: "1", jsonVersion: "1.1", targetPrefix: "X" },
      operations: { Op: { name: "Op", output: { shape: "Out" } } },
      shapes: { Out: { type: "structure", members: { constructor: { shape: "S" } } }, S: { type: "string" } },
    } as unknown as RawServiceModel);
    const parsed = createParser("json").parse({ status_code: 200, headers: {}, body: Buffer.from("{}"), context: {} }, model.operation_model("Op").output_shape);
    assert.equal(Object.hasOwn(parsed, "constructor"), false);
  });
});

describe("numbers", () => {
  test("a long past 2^53 comes back exact, as a bigint; digits inside strings do not matter", () => {
    const model = new ServiceModel({
      metadata: { protocol: "json", apiVersion: "1", jsonVersion: "1.1", targetPrefix: "X" },
      operations: { Op: { name: "Op", output: { shape: "Out" } } },
      shapes: {
        Out: { type: "structure", members: { Big: { shape: "L" }, Small: { shape: "L" }, Id: { shape: "S" }, D: { shape: "D" } } },
        L: { type: "long" },
        S: { type: "string" },
        D: { type: "double" },
      },
    } as unknown as RawServiceModel);
    const output = model.operation_model("Op").output_shape;
    const parse = (text: string): Record<string, unknown> =>
      createParser("json").parse({ status_code: 200, headers: {}, body: Buffer.from(text), context: {} }, output);
    assert.deepEqual(
      parse('{"Big": 1234567890123456789, "Small": 9007199254740991, "Id": "a:12345678901234567890", "D": 1.5e300}'),
      { Big: 1234567890123456789n, Small: 9007199254740991, Id: "a:12345678901234567890", D: 1.5e300, ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } },
    );
    assert.deepEqual(parse('{"Big": -12345678901234567890}').Big, -12345678901234567890n);
    // Python's json.loads takes NaN and Infinity; botocore's json protocol passes floats through.
    assert.ok(Number.isNaN(parse('{"D": NaN}').D));
  });
});
