/**
 * S3 list operations: EncodingType=url is requested unless the caller chose
 * one, and the keys S3 encodes are decoded only then, exactly as botocore's
 * set_list_objects_encoding_type_url and decode_list_object(_v2/_versions).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeListObject, decodeListObjectV2, decodeListObjectVersions } from "../../../../src/services/s3/decode-list-objects.js";
import { setListObjectsEncodingTypeUrl } from "../../../../src/services/s3/list-objects-encoding-type.js";
import type { HandlerKwargs } from "../../../../src/events/event-names.js";
import { operationModel, runBotocore } from "../support/botocore.js";

type Params = Record<string, unknown>;

const ENCODED_VALUES = [
  "plain", "a%20b", "a+b", "%2B", "caf%C3%A9", "%E2%82%AC100", "bad%zz", "trailing%", "%2", "%FF%FE", "%C3", "%e2%82%ac",
  "already decoded é", "é%20x", "%F0%9F%98%80", "%00", "a%2Fb%2Fc", "%25",
];

const PARAM_CASES: Params[] = [{}, { Bucket: "b" }, { Bucket: "b", EncodingType: "url" }, { Bucket: "b", EncodingType: "other" }];

function parsedListing(op: string, value: string, encodingType: string | undefined): Params {
  const out: Params = {};
  if (encodingType !== undefined) out.EncodingType = encodingType;
  if (op === "ListObjectVersions") {
    Object.assign(out, { KeyMarker: value, NextKeyMarker: value, Prefix: value, Delimiter: value, Versions: [{ Key: value }], DeleteMarkers: [{ Key: value }, { Key: "x%41" }], CommonPrefixes: [{ Prefix: value }] });
  } else if (op === "ListObjects") {
    Object.assign(out, { Delimiter: value, Marker: value, NextMarker: value, Prefix: value, Contents: [{ Key: value, Size: 1 }], CommonPrefixes: [{ Prefix: value }] });
  } else {
    Object.assign(out, { Delimiter: value, Prefix: value, StartAfter: value, ContinuationToken: value, Contents: [{ Key: value }], CommonPrefixes: [{ Prefix: value }] });
  }
  return out;
}

interface DecodeCase {
  op: string;
  parsed: Params;
  context: Params;
}

const DECODE_CASES: DecodeCase[] = [];
for (const op of ["ListObjects", "ListObjectsV2", "ListObjectVersions"]) {
  for (const value of ENCODED_VALUES) {
    DECODE_CASES.push({ op, parsed: parsedListing(op, value, "url"), context: { encoding_type_auto_set: true } });
  }
  DECODE_CASES.push({ op, parsed: parsedListing(op, "a%20b", "url"), context: {} });
  DECODE_CASES.push({ op, parsed: parsedListing(op, "a%20b", undefined), context: { encoding_type_auto_set: true } });
  DECODE_CASES.push({ op, parsed: { EncodingType: "url", Name: "b" }, context: { encoding_type_auto_set: true } });
}

const botocore = runBotocore<{ params: { params: Params; context: Params }[]; decoded: Params[] }>(String.raw`
params_out = []
for params in CASES["params"]:
    context = {}
    handlers.set_list_objects_encoding_type_url(params=params, context=context)
    params_out.append({"params": params, "context": context})
decoders = {"ListObjects": handlers.decode_list_object, "ListObjectsV2": handlers.decode_list_object_v2,
            "ListObjectVersions": handlers.decode_list_object_versions}
decoded = []
for case in CASES["decode"]:
    decoders[case["op"]](parsed=case["parsed"], context=case["context"])
    decoded.append(case["parsed"])
print(json.dumps(to_json({"params": params_out, "decoded": decoded})))
`, { params: PARAM_CASES, decode: DECODE_CASES });

const DECODERS = { ListObjects: decodeListObject, ListObjectsV2: decodeListObjectV2, ListObjectVersions: decodeListObjectVersions } as const;

describe("s3 list operations: encoding type (vs botocore)", () => {
  test("EncodingType is set to url, and the context marked, only when the caller set none", () => {
    PARAM_CASES.forEach((input, i) => {
      const params = structuredClone(input);
      const context: Params = {};
      setListObjectsEncodingTypeUrl({ params, context, model: operationModel("s3", "ListObjectsV2"), event_name: "before-parameter-build.s3.ListObjectsV2" });
      assert.deepEqual({ params, context }, botocore.params[i], JSON.stringify(input));
    });
  });

  test("an explicit EncodingType is never replaced", () => {
    const params: Params = { Bucket: "b", EncodingType: "none" };
    const context: Params = {};
    setListObjectsEncodingTypeUrl({ params, context, model: operationModel("s3", "ListObjects"), event_name: "x" });
    assert.equal(params.EncodingType, "none");
    assert.equal(context.encoding_type_auto_set, undefined);
  });
});

describe("s3 list operations: decoding (vs botocore)", () => {
  test(`${DECODE_CASES.length} listings decode exactly as botocore decodes them`, () => {
    DECODE_CASES.forEach((input, i) => {
      const parsed = structuredClone(input.parsed);
      const kwargs = { parsed, context: input.context, model: operationModel("s3", input.op) } as unknown as HandlerKwargs<"after-call">;
      DECODERS[input.op as keyof typeof DECODERS](kwargs);
      assert.deepEqual(parsed, botocore.decoded[i], `${input.op} ${JSON.stringify(input.parsed.Prefix)}`);
    });
  });

  test("keys are URL-decoded with Python's unquote_plus: '+' is a space, bad escapes stay, bad UTF-8 becomes U+FFFD", () => {
    const parsed: Params = { EncodingType: "url", Contents: [{ Key: "a%20b+c%2B" }, { Key: "50%" }, { Key: "%FFx" }] };
    decodeListObjectV2({ parsed, context: { encoding_type_auto_set: true } } as unknown as HandlerKwargs<"after-call">);
    assert.deepEqual(parsed.Contents, [{ Key: "a b c+" }, { Key: "50%" }, { Key: "\ufffdx" }]);
  });
});
