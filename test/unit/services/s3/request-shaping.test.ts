/**
 * S3 customizations that shape the request, against botocore's handlers on
 * the same input: customize_endpoint_resolver_builtins, escape_xml_payload,
 * add_expect_header (after convert_body_to_file_like_object) and
 * _set_extra_headers_for_unsigned_request.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { UNSIGNED } from "../../../../src/config/config.js";
import type { AWSPreparedRequest, RequestDict } from "../../../../src/http/types.js";
import { customizeEndpointResolverBuiltins } from "../../../../src/services/s3/endpoint-resolver-builtins.js";
import { escapeXmlPayload } from "../../../../src/services/s3/escape-xml-payload.js";
import { addExpectHeader, convertBodyToFileLikeObject } from "../../../../src/services/s3/expect-header.js";
import { setExtraHeadersForUnsignedRequest } from "../../../../src/services/s3/unsigned-trailer-header.js";
import { operationModel, runBotocore } from "../support/botocore.js";

type Params = Record<string, unknown>;

interface BuiltinCase {
  op: string;
  bucket: string | null;
  forcePathStyle: boolean;
  globalEndpoint: boolean;
}

const BUILTIN_CASES: BuiltinCase[] = [];
for (const op of ["GetObject", "GetBucketLocation", "ListBuckets"]) {
  for (const bucket of [null, "mybucket", "my.bucket", "MyBucket", "-bad", "bucket--x-s3", "arn:aws:s3:us-west-2:123456789012:accesspoint/ap", "a\n", "x".repeat(64)]) {
    for (const forcePathStyle of [false, true]) {
      for (const globalEndpoint of [false, true]) BUILTIN_CASES.push({ op, bucket, forcePathStyle, globalEndpoint });
    }
  }
}

const XML_BODIES = ["<Delete><Object><Key>a\nb\r\nc</Key></Object></Delete>", "<Delete/>", "\r\r\n\n", "no breaks"];

interface ExpectCase {
  op: string;
  /** "bytes", "file" or "none" (the parameter left out). */
  body: "bytes" | "empty-bytes" | "file" | "empty-file" | "none";
  noEmptyContinue: boolean;
}

const EXPECT_CASES: ExpectCase[] = [];
for (const op of ["PutObject", "UploadPart", "GetObject", "PutBucketPolicy", "WriteGetObjectResponse"]) {
  for (const body of ["bytes", "empty-bytes", "file", "empty-file", "none"] as const) {
    for (const noEmptyContinue of [false, true]) EXPECT_CASES.push({ op, body, noEmptyContinue });
  }
}

const TRAILER_CASES: { unsigned: boolean; checksum: unknown }[] = [];
for (const unsigned of [true, false]) {
  for (const checksum of [undefined, {}, { request_algorithm: { in: "trailer", algorithm: "crc32" } }, { request_algorithm: { in: "header", algorithm: "crc32" } }]) {
    TRAILER_CASES.push({ unsigned, checksum });
  }
}

interface Botocore {
  builtins: Params[];
  xml: Uint8Array[];
  expect: (string | null)[];
  trailer: Params[];
}

const botocore = runBotocore<Botocore>(String.raw`
import io
import botocore
from botocore.awsrequest import AWSRequest
out = {"builtins": [], "xml": [], "expect": [], "trailer": []}
for case in CASES["builtins"]:
    builtins = {"AWS::Region": "us-west-2", "AWS::S3::ForcePathStyle": case["forcePathStyle"], "AWS::S3::UseGlobalEndpoint": False}
    params = {} if case["bucket"] is None else {"Bucket": case["bucket"]}
    context = {"use_global_endpoint": True} if case["globalEndpoint"] else {}
    handlers.customize_endpoint_resolver_builtins(builtins=builtins, model=op_model("s3", case["op"]), params=params, context=context)
    out["builtins"].append(builtins)
for body in CASES["xml"]:
    params = {"body": body.encode()}
    handlers.escape_xml_payload(params=params)
    out["xml"].append(params["body"])
for case in CASES["expect"]:
    if case["noEmptyContinue"]:
        os.environ["BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE"] = "true"
    else:
        os.environ.pop("BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE", None)
    api = {}
    kind = case["body"]
    if kind == "bytes": api["Body"] = b"data"
    elif kind == "empty-bytes": api["Body"] = b""
    elif kind == "file": api["Body"] = io.BytesIO(b"data")
    elif kind == "empty-file": api["Body"] = io.BytesIO(b"")
    if case["op"] in ("PutObject", "UploadPart"):
        handlers.convert_body_to_file_like_object(params=api)
    request_dict = {"headers": {}, "body": api.get("Body", b"")}
    handlers.add_expect_header(model=op_model("s3", case["op"]), params=request_dict)
    out["expect"].append(request_dict["headers"].get("Expect"))
for case in CASES["trailer"]:
    request = AWSRequest(method="PUT", url="https://b.s3.amazonaws.com/k", headers={})
    if case["checksum"] is not None:
        request.context["checksum"] = case["checksum"]
    handlers._set_extra_headers_for_unsigned_request(request=request, signature_version=botocore.UNSIGNED if case["unsigned"] else "s3v4")
    out["trailer"].append(dict(request.headers.items()))
print(json.dumps(to_json(out)))
`, { builtins: BUILTIN_CASES, xml: XML_BODIES, expect: EXPECT_CASES, trailer: TRAILER_CASES.map((c) => ({ ...c, checksum: c.checksum ?? null })) });

function requestDict(body: RequestDict["body"]): RequestDict {
  return { url_path: "/", query_string: {}, method: "POST", headers: {}, body, context: {} };
}

describe("s3 endpoint builtins (vs botocore)", () => {
  test(`${BUILTIN_CASES.length} combinations of operation, bucket, path style and global endpoint`, () => {
    BUILTIN_CASES.forEach((c, i) => {
      const builtins: Params = { "AWS::Region": "us-west-2", "AWS::S3::ForcePathStyle": c.forcePathStyle, "AWS::S3::UseGlobalEndpoint": false };
      customizeEndpointResolverBuiltins({
        builtins,
        model: operationModel("s3", c.op),
        params: c.bucket === null ? {} : { Bucket: c.bucket },
        context: c.globalEndpoint ? { use_global_endpoint: true } : {},
        event_name: "before-endpoint-resolution.s3",
      });
      assert.deepEqual(builtins, botocore.builtins[i], JSON.stringify(c));
    });
    assert.ok(botocore.builtins.some((b) => b["AWS::Region"] === "aws-global"));
  });
});

describe("s3 XML payload escaping (vs botocore)", () => {
  test("line breaks in DeleteObjects and lifecycle documents become character references, bytes or text", () => {
    XML_BODIES.forEach((body, i) => {
      const asBytes = requestDict(new Uint8Array(Buffer.from(body)));
      escapeXmlPayload({ params: asBytes, model: operationModel("s3", "DeleteObjects"), request_signer: null, context: {}, event_name: "x" });
      assert.deepEqual(new Uint8Array(asBytes.body as Uint8Array), botocore.xml[i]);
      const asText = requestDict(body);
      escapeXmlPayload({ params: asText, model: operationModel("s3", "DeleteObjects"), request_signer: null, context: {}, event_name: "x" });
      assert.equal(asText.body, Buffer.from(botocore.xml[i]!).toString());
    });
  });
});

describe("s3 Expect: 100-continue (vs botocore)", () => {
  test(`${EXPECT_CASES.length} combinations of operation, body kind and BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE`, () => {
    const saved = process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE;
    try {
      EXPECT_CASES.forEach((c, i) => {
        if (c.noEmptyContinue) process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE = "true";
        else delete process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE;
        const api: Params = {};
        if (c.body === "bytes") api.Body = new Uint8Array([1, 2]);
        else if (c.body === "empty-bytes") api.Body = new Uint8Array(0);
        else if (c.body === "file") api.Body = Readable.from([Buffer.from("data")]);
        else if (c.body === "empty-file") api.Body = new Blob([]);
        const context: Params = {};
        const model = operationModel("s3", c.op);
        if (c.op === "PutObject" || c.op === "UploadPart") convertBodyToFileLikeObject({ params: api, model, context, event_name: "x" });
        const dict = requestDict((api.Body as RequestDict["body"] | undefined) ?? new Uint8Array(0));
        dict.context = context;
        addExpectHeader({ params: dict, model, request_signer: null, context, event_name: "x" });
        assert.equal(dict.headers.Expect ?? null, botocore.expect[i], JSON.stringify(c));
      });
    } finally {
      if (saved === undefined) delete process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE;
      else process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE = saved;
    }
  });
});

describe("s3 unsigned trailing checksum header (vs botocore)", () => {
  test("X-Amz-Content-SHA256 is set only for unsigned requests with a checksum trailer", () => {
    TRAILER_CASES.forEach((c, i) => {
      const request: AWSPreparedRequest = { method: "PUT", url: "https://b.s3.amazonaws.com/k", headers: {}, body: "", stream_output: false, context: {} };
      if (c.checksum !== undefined) request.context.checksum = c.checksum;
      const signatureVersion = c.unsigned ? (UNSIGNED as unknown as string) : "s3v4";
      setExtraHeadersForUnsignedRequest({ request, signing_name: "s3", region_name: "us-east-1", signature_version: signatureVersion, request_signer: null, operation_name: "PutObject", event_name: "x" });
      assert.deepEqual(request.headers, botocore.trailer[i], JSON.stringify(c));
    });
  });
});
