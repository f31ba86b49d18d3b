/**
 * S3 response customizations against botocore's handlers on the same input:
 * _handle_200_error / _update_status_code (a 200 carrying an error is a
 * 500), handle_expires_header (ExpiresString, unparseable Expires dropped)
 * and parse_get_bucket_location (the root element's text).
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import type { HandlerKwargs } from "../../../../src/events/event-names.js";
import type { HttpResponse } from "../../../../src/http/http-response.js";
import type { ResponseDict } from "../../../../src/http/types.js";
import { handleExpiresHeader } from "../../../../src/services/s3/expires-header.js";
import { parseGetBucketLocation } from "../../../../src/services/s3/get-bucket-location.js";
import { handle200Error, looksLikeSpecialCaseError, updateStatusCode } from "../../../../src/services/s3/handle-200-error.js";
import { errorOf, operationModel, runBotocore } from "../support/botocore.js";

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));

const BODIES: Uint8Array[] = [
  bytes(""),
  bytes(" "),
  bytes("<CopyObjectResult><ETag>x</ETag></CopyObjectResult>"),
  bytes('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>'),
  bytes("<Error><Code>SlowDown</Code></Error>"),
  bytes('<Error xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Code>X</Code></Error>'),
  bytes('<s3:Error xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><Code>X</Code></s3:Error>'),
  bytes("<Error>"),
  bytes("<CopyObjectResult><ETag>x</ETag>"),
  bytes("not xml at all"),
  bytes('{"json": true}'),
  new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]),
  bytes("\ufeff<Error><Code>X</Code></Error>"),
  bytes("<!-- comment --><Error/>"),
  bytes("<Result/><Other/>"),
  bytes("<error><Code>X</Code></error>"),
];
const STATUSES = [200, 500, 404, 206];
const OPS = ["CopyObject", "CompleteMultipartUpload", "UploadPartCopy", "GetObject", "GetBucketPolicy", "SelectObjectContent", "DeleteBucket", "ListBuckets", "PutObject"];

const EXPIRES_VALUES = [
  "Thu, 01 Dec 1994 16:00:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", "0", "-1", "1700000000", "1700000000.5",
  "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123Z", "never", "invalid date", "", "Sun, 06 Nov 1994 08:49:37 GMT",
  "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
];
const EXPIRES_OPS = ["GetObject", "HeadObject", "ListBuckets", "PutObject"];

const LOCATION_BODIES = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">us-west-2</LocationConstraint>',
  '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
  "<LocationConstraint>EU</LocationConstraint>",
  "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
  "<LocationConstraint>a<b/>c</LocationConstraint>",
  "<LocationConstraint>&amp;x</LocationConstraint>",
  "",
  "<broken",
];

interface Botocore {
  special: boolean[];
  handle200: number[];
  update: number[];
  expires: { customized: Record<string, unknown>; headers: Record<string, string> }[];
  location: ({ LocationConstraint: string | null } | { error: string })[];
}

const botocore = runBotocore<Botocore>(String.raw`
from botocore.awsrequest import AWSResponse
out = {"special": [], "handle200": [], "update": [], "expires": [], "location": []}
for body in CASES["bodies"]:
    out["special"].append(handlers._looks_like_special_case_error(200, body))
for op in CASES["ops"]:
    for body in CASES["bodies"]:
        for status in CASES["statuses"]:
            rd = {"status_code": status, "body": body, "headers": {}}
            handlers._handle_200_error(operation_model=op_model("s3", op), response_dict=rd)
            out["handle200"].append(rd["status_code"])
for http_status, parsed_status in CASES["updates"]:
    http = AWSResponse("u", http_status, {}, None)
    parsed = {} if parsed_status is None else {"ResponseMetadata": {"HTTPStatusCode": parsed_status}}
    handlers._update_status_code(response=(http, parsed))
    out["update"].append(http.status_code)
from botocore.awsrequest import HeadersDict
for op in CASES["expires_ops"]:
    for value in CASES["expires"]:
        rd = {"headers": HeadersDict({"Expires": value, "x-amz-id-2": "i"}), "status_code": 200, "body": b""}
        customized = {}
        handlers.handle_expires_header(operation_model=op_model("s3", op), response_dict=rd, customized_response_dict=customized)
        out["expires"].append({"customized": customized, "headers": {k.lower(): v for k, v in rd["headers"].items()}})
class Raw:
    pass
for body in CASES["locations"]:
    http = AWSResponse("u", 200, {}, Raw())
    http._content = body.encode()
    parsed = {}
    try:
        handlers.parse_get_bucket_location(parsed=parsed, http_response=http)
        out["location"].append(parsed)
    except Exception as e:
        out["location"].append({"error": type(e).__name__})
print(json.dumps(to_json(out)))
`, {
  bodies: BODIES,
  ops: OPS,
  statuses: STATUSES,
  updates: [[200, 500], [200, 200], [500, 200], [404, null], [301, 301]],
  expires_ops: EXPIRES_OPS,
  expires: EXPIRES_VALUES,
  locations: LOCATION_BODIES,
});

describe("s3 200-with-error (vs botocore)", () => {
  test("which 200 bodies are errors: not XML, cut short, or an <Error> root outside any namespace", () => {
    assert.deepEqual(BODIES.map((body) => looksLikeSpecialCaseError(200, body)), botocore.special);
    assert.equal(looksLikeSpecialCaseError(200, bytes("<Error/>")), true);
    assert.equal(looksLikeSpecialCaseError(500, bytes("<Error/>")), false);
  });

  test(`the status before parsing, for ${OPS.length} operations × ${BODIES.length} bodies × ${STATUSES.length} statuses`, () => {
    const actual: number[] = [];
    for (const op of OPS) {
      for (const body of BODIES) {
        for (const status of STATUSES) {
          const responseDict: ResponseDict = { status_code: status, body, headers: {}, context: {} };
          handle200Error({ operation_model: operationModel("s3", op), response_dict: responseDict, customized_response_dict: {}, event_name: "before-parse.s3.X" });
          actual.push(responseDict.status_code);
        }
      }
    }
    assert.deepEqual(actual, botocore.handle200);
    // The cases include real conversions, not only pass-throughs.
    assert.ok(botocore.handle200.filter((s) => s === 500).length > 20);
  });

  test("streamed bodies are never inspected", () => {
    const responseDict: ResponseDict = { status_code: 200, body: Readable.from([]), headers: {}, context: {} };
    handle200Error({ operation_model: operationModel("s3", "CopyObject"), response_dict: responseDict, customized_response_dict: {}, event_name: "x" });
    assert.equal(responseDict.status_code, 200);
  });

  test("needs-retry carries the parsed status to the HTTP response", () => {
    const updates: [number, number | null][] = [[200, 500], [200, 200], [500, 200], [404, null], [301, 301]];
    const actual = updates.map(([httpStatus, parsedStatus]) => {
      const http: HttpResponse = { status_code: httpStatus, headers: {}, body: Readable.from([]) };
      const parsed = parsedStatus === null ? {} : { ResponseMetadata: { HTTPStatusCode: parsedStatus } };
      updateStatusCode({ response: [http, parsed], endpoint: null, operation: operationModel("s3", "CopyObject"), attempts: 1, caught_exception: null, request_dict: {} as never, event_name: "x" });
      return http.status_code;
    });
    assert.deepEqual(actual, botocore.update);
    updateStatusCode({ response: null, endpoint: null, operation: operationModel("s3", "CopyObject"), attempts: 1, caught_exception: new Error("x"), request_dict: {} as never, event_name: "x" });
  });
});

describe("s3 Expires header (vs botocore)", () => {
  test(`ExpiresString and the header left for the parser, ${EXPIRES_OPS.length} operations × ${EXPIRES_VALUES.length} values`, () => {
    let i = 0;
    for (const op of EXPIRES_OPS) {
      for (const value of EXPIRES_VALUES) {
        const responseDict: ResponseDict = { status_code: 200, body: new Uint8Array(0), headers: { expires: value, "x-amz-id-2": "i" }, context: {} };
        const customized: Record<string, unknown> = {};
        handleExpiresHeader({ operation_model: operationModel("s3", op), response_dict: responseDict, customized_response_dict: customized, event_name: "x" } as HandlerKwargs<"before-parse">);
        assert.deepEqual({ customized, headers: responseDict.headers }, botocore.expires[i], `${op} ${JSON.stringify(value)}`);
        i++;
      }
    }
    // Both outcomes occur: unparseable values are dropped, dates are kept.
    assert.ok(botocore.expires.some((e) => "ExpiresString" in e.customized && !("expires" in e.headers)));
    assert.ok(botocore.expires.some((e) => "ExpiresString" in e.customized && "expires" in e.headers));
  });
});

describe("s3 GetBucketLocation (vs botocore)", () => {
  test("LocationConstraint is the root element's text (null when empty); bad XML raises", () => {
    LOCATION_BODIES.forEach((body, i) => {
      const parsed: Record<string, unknown> = {};
      const http: HttpResponse = { status_code: 200, headers: {}, body: Readable.from([]), content: bytes(body) };
      const error = errorOf(() => parseGetBucketLocation({ parsed, http_response: http, model: operationModel("s3", "GetBucketLocation"), context: {}, event_name: "x" }));
      const expected = botocore.location[i]!;
      if ("error" in expected) assert.ok(error !== undefined, `${body} should fail`);
      else assert.deepEqual(parsed, expected, body);
    });
  });

  test("a response that never had a body (a before-call stub) is left alone", () => {
    const parsed: Record<string, unknown> = { LocationConstraint: "stubbed" };
    parseGetBucketLocation({ parsed, http_response: { status_code: 200, headers: {}, body: Readable.from([]) }, model: operationModel("s3", "GetBucketLocation"), context: {}, event_name: "x" });
    assert.equal(parsed.LocationConstraint, "stubbed");
  });
});
