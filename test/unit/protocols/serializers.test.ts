/**
 * Request building the protocol suites leave out: idempotency tokens, host
 * labels, streamed payloads, the timestamp inputs a TS caller passes,
 * bigints, URL joining. Where botocore decides, its own answer is the
 * expectation.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { ParamValidationError } from "../../../src/exceptions.js";
import { Loader } from "../../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import { decodeCbor } from "../../../src/protocols/cbor/decoder.js";
import { formatTimestamp, parseTimestamp } from "../../../src/protocols/common/timestamps.js";
import { createSerializer, joinUrl } from "../../../src/protocols/index.js";
import { askBotocore } from "./botocore.js";

function jsonModel(shapes: Record<string, unknown>, extra: Record<string, unknown> = {}): ServiceModel {
  return new ServiceModel({
    metadata: { protocol: "json", apiVersion: "1", jsonVersion: "1.0", targetPrefix: "Svc", ...extra },
    operations: { Op: { name: "Op", http: { method: "POST", requestUri: "/" }, input: { shape: "In" }, endpoint: { hostPrefix: "{Label}-data." } } },
    shapes,
  } as unknown as RawServiceModel);
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("idempotency tokens", () => {
  const model = jsonModel({
    In: { type: "structure", members: { Token: { shape: "S", idempotencyToken: true }, Label: { shape: "S", hostLabel: true } } },
    S: { type: "string" },
  });
  const op = model.operation_model("Op");

  test("an absent token is filled with a UUID v4; the caller's object is left alone", () => {
    const params = { Label: "abc" };
    const request = createSerializer("json").serialize_to_request(params, op);
    const body = JSON.parse(request.body as string) as { Token: string };
    assert.match(body.Token, UUID_V4);
    assert.deepEqual(params, { Label: "abc" });
    const again = JSON.parse(createSerializer("json").serialize_to_request(params, op).body as string) as { Token: string };
    assert.notEqual(again.Token, body.Token);
  });

  test("a token the caller gives is kept", () => {
    const request = createSerializer("json").serialize_to_request({ Label: "abc", Token: "mine" }, op);
    assert.equal((JSON.parse(request.body as string) as { Token: string }).Token, "mine");
  });
});

describe("host prefix", () => {
  const model = jsonModel({
    In: { type: "structure", members: { Label: { shape: "S", hostLabel: true } } },
    S: { type: "string" },
  });
  const op = model.operation_model("Op");

  test("labels are expanded into the operation's hostPrefix", () => {
    assert.equal(createSerializer("json").serialize_to_request({ Label: "abc.1-2" }, op).host_prefix, "abc.1-2-data.");
  });

  test("a label outside [A-Za-z0-9.-] fails with botocore's message", () => {
    assert.throws(() => createSerializer("json").serialize_to_request({ Label: "a/b" }, op), (error: unknown) => {
      assert.ok(error instanceof ParamValidationError);
      assert.equal(
        error.message,
        "Parameter validation failed:\nInvalid value for parameter(s): Label. Must contain only alphanumeric characters, hyphen, or period.",
      );
      return true;
    });
  });

  test("joinUrl puts the prefix on the host, as botocore's prepare_request_dict does", () => {
    const cases: [string, string, Record<string, string | string[]>, string | undefined][] = [
      ["https://example.com", "/", {}, undefined],
      ["https://example.com/custom", "/", {}, undefined],
      ["https://example.com/custom/", "/a/b", { x: "1 2", y: ["a", "b~c"] }, undefined],
      ["https://example.com", "/a?uploads", { "list-type": "2" }, "pre."],
      ["http://localhost:8000/p", "b", {}, undefined],
      ["https://example.com:8443", "", { k: "é" }, "a.b."],
      ["https://s3.us-east-1.amazonaws.com", "/bucket/key%20with%20space", {}, undefined],
    ];
    const expected = askBotocore<string[]>(
      String.raw`
import json, sys
from botocore.awsrequest import prepare_request_dict
out = []
for endpoint, path, query, prefix in json.load(sys.stdin):
    r = {'url_path': path, 'query_string': query, 'headers': {}, 'body': b'', 'method': 'GET'}
    if prefix is not None: r['host_prefix'] = prefix
    prepare_request_dict(r, endpoint)
    out.append(r['url'])
json.dump(out, sys.stdout)
`,
      cases.map(([endpoint, path, query, prefix]) => [endpoint, path, query, prefix ?? null]),
    );
    cases.forEach(([endpoint, url_path, query_string, host_prefix], i) => {
      const request = host_prefix === undefined ? { url_path, query_string } : { url_path, query_string, host_prefix };
      assert.equal(joinUrl(endpoint, request), expected[i], `${endpoint} + ${url_path}`);
    });
  });
});

describe("streamed payloads", () => {
  const s3 = new ServiceModel(new Loader().load_service_model("s3", "service-2") as RawServiceModel, "s3");
  const putObject = s3.operation_model("PutObject");

  test("a Readable Body is handed on untouched", () => {
    const body = Readable.from([Buffer.from("data")]);
    const request = createSerializer("rest-xml").serialize_to_request({ Bucket: "b", Key: "a/b c", Body: body, ContentType: "text/plain" }, putObject);
    assert.equal(request.body, body);
    assert.equal(request.url_path, "/b/a/b%20c");
    assert.equal(request.method, "PUT");
    assert.deepEqual(request.headers, { "Content-Type": "text/plain" });
  });

  test("bytes and text bodies are handed on as they are; no Body is an empty body", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    assert.equal(createSerializer("rest-xml").serialize_to_request({ Bucket: "b", Key: "k", Body: bytes }, putObject).body, bytes);
    assert.equal(createSerializer("rest-xml").serialize_to_request({ Bucket: "b", Key: "k", Body: "text" }, putObject).body, "text");
    assert.equal(createSerializer("rest-xml").serialize_to_request({ Bucket: "b", Key: "k" }, putObject).body, "");
  });

  test("rest-json sets no Content-Type on a streamed payload, application/json on a document", () => {
    const model = new ServiceModel({
      metadata: { protocol: "rest-json", apiVersion: "1" },
      operations: {
        Blob: { name: "Blob", http: { method: "POST", requestUri: "/b" }, input: { shape: "BlobIn" } },
        Doc: { name: "Doc", http: { method: "POST", requestUri: "/d" }, input: { shape: "DocIn" } },
      },
      shapes: {
        BlobIn: { type: "structure", members: { Data: { shape: "B" } }, payload: "Data" },
        DocIn: { type: "structure", members: { Name: { shape: "S" }, Id: { shape: "S", location: "header", locationName: "x-id" } } },
        B: { type: "blob" },
        S: { type: "string" },
      },
    } as unknown as RawServiceModel);
    const blob = createSerializer("rest-json").serialize_to_request({ Data: "x" }, model.operation_model("Blob"));
    assert.deepEqual(blob.headers, {});
    const doc = createSerializer("rest-json").serialize_to_request({ Id: "7" }, model.operation_model("Doc"));
    assert.equal(doc.body, "{}");
    assert.deepEqual(doc.headers, { "x-id": "7", "Content-Type": "application/json" });
  });

  test("a missing URI label is a validation error, not a broken path", () => {
    assert.throws(() => createSerializer("rest-xml").serialize_to_request({ Key: "k" }, putObject), ParamValidationError);
  });
});

describe("timestamps", () => {
  const INPUTS: readonly (string | number)[] = [
    "2015-01-25T08:00:00Z", "2015-01-25T08:00:00.123456Z", "2015-01-25T08:00:00+01:00", "2015-01-25T08:00:00",
    "2015-01-25", "1422172800", "1422172800.5", 1422172800, 1422172800.25, 0, -1.5,
    "Sun, 25 Jan 2015 08:00:00 GMT",
  ];

  test("a caller's string or epoch number serializes as botocore serializes it, in each format", () => {
    const expected = askBotocore<[string, number, string, string, number][]>(
      String.raw`
import json, sys
from botocore.serialize import Serializer
d = Serializer(); m = Serializer(timestamp_precision='millisecond')
out = []
for v in json.load(sys.stdin):
    out.append([d._convert_timestamp_to_str(v, 'iso8601'), d._convert_timestamp_to_str(v, 'unixtimestamp'),
                d._convert_timestamp_to_str(v, 'rfc822'), m._convert_timestamp_to_str(v, 'iso8601'),
                m._convert_timestamp_to_str(v, 'unixtimestamp')])
json.dump(out, sys.stdout)
`,
      INPUTS,
    );
    INPUTS.forEach((value, i) => {
      const [iso, epoch, rfc, isoMs, epochMs] = expected[i]!;
      const label = JSON.stringify(value);
      assert.equal(formatTimestamp(value, "iso8601", "default"), iso, `${label} iso8601`);
      assert.equal(formatTimestamp(value, "unixtimestamp", "default"), epoch, `${label} unixtimestamp`);
      assert.equal(formatTimestamp(value, "rfc822", "default"), rfc, `${label} rfc822`);
      assert.equal(formatTimestamp(value, "iso8601", "millisecond"), isoMs, `${label} iso8601 ms`);
      assert.equal(formatTimestamp(value, "unixtimestamp", "millisecond"), epochMs, `${label} unixtimestamp ms`);
    });
  });

  test("a Date serializes with its milliseconds", () => {
    const date = new Date(Date.UTC(2015, 0, 25, 8, 0, 0, 123));
    assert.equal(formatTimestamp(date, "iso8601", "default"), "2015-01-25T08:00:00.123000Z");
    assert.equal(formatTimestamp(date, "unixtimestamp", "default"), 1422172800);
    assert.equal(formatTimestamp(date, "unixtimestamp", "millisecond"), 1422172800.123);
  });

  test("the timestamps services send parse as botocore's parse_timestamp reads them", () => {
    const texts = [
      "2015-01-25T08:00:00Z", "2015-01-25T08:00:00.500Z", "2015-01-25T08:00:00.123456789Z", "2015-01-25T08:00:00+05:30",
      "2015-01-25T08:00:00-0800", "20150125T080000Z", "Sun, 25 Jan 2015 08:00:00 GMT", "25 Jan 2015 08:00:00 +0000",
      "Sunday, 25-Jan-15 08:00:00 GMT", "Sun Jan 25 08:00:00 2015", "1422172800", "1422172800.5", "2015-01-25 08:00:00",
    ];
    const expected = askBotocore<number[]>(
      String.raw`
import json, sys
from dateutil.tz import tzutc
from botocore.utils import parse_timestamp
out = []
for t in json.load(sys.stdin):
    d = parse_timestamp(t)
    if d.tzinfo is None: d = d.replace(tzinfo=tzutc())
    out.append(d.timestamp())
json.dump(out, sys.stdout)
`,
      texts,
    );
    texts.forEach((text, i) => {
      // A Date holds milliseconds; Python keeps microseconds.
      assert.equal(parseTimestamp(text).getTime(), Math.floor(expected[i]! * 1000 + 1e-6), text);
    });
    assert.equal(parseTimestamp(1422172800.5).getTime(), 1422172800500);
  });
});

describe("numbers on the wire", () => {
  const shapes = {
    In: { type: "structure", members: { Big: { shape: "L" }, F: { shape: "F" }, Label: { shape: "S", hostLabel: true } } },
    L: { type: "long" },
    F: { type: "double" },
    S: { type: "string" },
  };

  test("a bigint long is written with all its digits (JSON, query, CBOR)", () => {
    const json = createSerializer("json").serialize_to_request({ Label: "a", Big: 1234567890123456789n }, jsonModel(shapes).operation_model("Op"));
    assert.equal(json.body, '{"Label":"a","Big":1234567890123456789}');

    const query = new ServiceModel({
      metadata: { protocol: "query", apiVersion: "1" },
      operations: { Op: { name: "Op", input: { shape: "In" } } },
      shapes,
    } as unknown as RawServiceModel);
    assert.equal(
      createSerializer("query").serialize_to_request({ Big: 1234567890123456789n, F: -Infinity }, query.operation_model("Op")).body,
      "Action=Op&Version=1&Big=1234567890123456789&F=-Infinity",
    );

    const cbor = new ServiceModel({
      metadata: { protocol: "smithy-rpc-v2-cbor", apiVersion: "1", targetPrefix: "Svc" },
      operations: { Op: { name: "Op", input: { shape: "In" } } },
      shapes,
    } as unknown as RawServiceModel);
    const body = createSerializer("smithy-rpc-v2-cbor").serialize_to_request({ Big: 1234567890123456789n, F: NaN }, cbor.operation_model("Op")).body;
    const decoded = decodeCbor(body as Uint8Array) as { Big: bigint; F: number };
    assert.equal(decoded.Big, 1234567890123456789n);
    assert.ok(Number.isNaN(decoded.F));
  });

  test("special floats are the strings services expect in JSON", () => {
    const request = createSerializer("json").serialize_to_request({ Label: "a", F: Infinity }, jsonModel(shapes).operation_model("Op"));
    assert.equal(request.body, '{"Label":"a","F":"Infinity"}');
  });

  test("awsQueryCompatible services get x-amzn-query-mode", () => {
    const model = jsonModel(shapes, { awsQueryCompatible: {} });
    assert.equal(createSerializer("json").serialize_to_request({ Label: "a" }, model.operation_model("Op")).headers["x-amzn-query-mode"], "true");
  });
});
