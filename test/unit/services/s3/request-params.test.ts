/**
 * S3 parameter customizations against botocore's handlers on the same
 * input: validate_bucket_name, handle_copy_source_param,
 * validate_ascii_metadata, sse_md5 / copy_source_sse_md5,
 * remove_bucket_from_url_paths_from_model (every operation) and the S3
 * client's _inject_s3_input_parameters.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ParamValidationError } from "../../../../src/exceptions.js";
import type { HandlerKwargs } from "../../../../src/events/event-names.js";
import { handleCopySourceParam } from "../../../../src/services/s3/copy-source.js";
import { injectS3InputParameters } from "../../../../src/services/s3/input-parameters.js";
import { removeBucketFromUrlPaths } from "../../../../src/services/s3/remove-bucket-from-url-paths.js";
import { copySourceSseMd5, sseMd5 } from "../../../../src/services/s3/sse-customer-key-md5.js";
import { validateAsciiMetadata } from "../../../../src/services/s3/validate-ascii-metadata.js";
import { validateBucketName } from "../../../../src/services/s3/validate-bucket-name.js";
import { errorOf, freshServiceModel, operationModel, runBotocore } from "../support/botocore.js";

type Params = Record<string, unknown>;
type Outcome = { params: Params } | { error: string; message: string };

const BUCKETS = [
  "mybucket", "my.bucket-name_1", "a", "x".repeat(255), "x".repeat(256), "", "bad/bucket", "bad bucket", "trailing\n", "two\n\n",
  "ünïcode", "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint", "arn:aws:s3:us-west-2:123456789012:accesspoint:my.ap",
  "arn:aws-cn:s3-object-lambda:cn-north-1:123456789012:accesspoint/x", "arn:aws:s3:us-west-2:12345678901:accesspoint/x",
  "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/myaccesspoint",
  "arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-1:accesspoint:ap", "arn:aws:s3:us-west-2:123456789012:bucket/x",
  "arn:aws\r:s3:us-west-2:123456789012:accesspoint/x", "arn:aws:s3:us-west-2:123456789012:accesspoint/x\n",
];

const COPY_SOURCES: unknown[] = [
  "bucket/key", "bucket/key with spaces", "bucket/ke~y+plus=eq&amp", "bucket/dir/sub dir/é€😀", "bucket/key?versionId=abc",
  "bucket/key with space?versionId=a b", "bucket/key?versionId=", "bucket/key?versionId=abc\n", "bucket/%2F already%20encoded",
  "bucket/key?versionId=a?versionId=b", "bucket/k?x=1",
  { Bucket: "bucket", Key: "key" }, { Bucket: "bucket", Key: "key with spaces/é", VersionId: "v 1" },
  { Bucket: "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint", Key: "a b" },
  { Bucket: "arn:aws:s3:us-west-2:123456789012:accesspoint:myendpoint", Key: "k", VersionId: "v" },
  { Bucket: "bucket" }, { Key: "key" }, { Bucket: "b", Key: "k", VersionId: null },
];

const METADATA: unknown[] = [
  undefined, {}, { a: "b" }, { "x-key": "value with spaces" }, { ké: "v" }, { k: "välue" }, { k: "€" }, { k: "\u007f" },
];

const SSE_KEYS: Params[] = [
  {}, { SSECustomerKey: "0123456789abcdef0123456789abcdef" }, { SSECustomerKey: "ключ" },
  { SSECustomerKey: new Uint8Array([0, 1, 2, 255, 254]) }, { SSECustomerKey: "k", SSECustomerKeyMD5: "given" },
  { SSECustomerKey: null }, { CopySourceSSECustomerKey: "source-key" }, { CopySourceSSECustomerKey: "s", CopySourceSSECustomerKeyMD5: "m" },
  { SSECustomerKey: "a", CopySourceSSECustomerKey: "b" },
];

const INPUT_PARAMS: Params[] = [
  {}, { Bucket: "b" }, { Bucket: "b", Key: "k", Prefix: "p", Delete: { Objects: [{ Key: "x" }] }, Other: 1 }, { Key: "k" },
];

interface Botocore {
  buckets: Outcome[];
  copy: Outcome[];
  metadata: Outcome[];
  sse: Params[];
  uris: Record<string, { requestUri: string; authPath?: string }>;
  input: Params[];
}

const botocore = runBotocore<Botocore>(String.raw`
from botocore.exceptions import ParamValidationError
def run(fn, params, **kw):
    try:
        fn(params=params, **kw)
        return {"params": params}
    except ParamValidationError as e:
        return error_of(e)
out = {}
out["buckets"] = [run(handlers.validate_bucket_name, {"Bucket": b}) for b in CASES["buckets"]]
out["copy"] = [run(handlers.handle_copy_source_param, {"CopySource": s}) for s in CASES["copy"]]
out["metadata"] = [run(handlers.validate_ascii_metadata, {} if m is None else {"Metadata": m}) for m in CASES["metadata"]]
sse = []
for p in CASES["sse"]:
    handlers.sse_md5(params=p)
    handlers.copy_source_sse_md5(params=p)
    sse.append(p)
out["sse"] = sse
m = service_model("s3")
uris = {}
for name in m.operation_names:
    op = m.operation_model(name)
    handlers.remove_bucket_from_url_paths_from_model(params={}, model=op, context={})
    uris[name] = {k: v for k, v in op.http.items() if k in ("requestUri", "authPath")}
out["uris"] = uris
class FakeCreator:
    pass
from botocore.client import ClientCreator
inputs = []
for p in CASES["input"]:
    ctx = {}
    ClientCreator._inject_s3_input_parameters(None, params=p, context=ctx)
    inputs.append(ctx)
out["input"] = inputs
print(json.dumps(to_json(out)))
`, { buckets: BUCKETS, copy: COPY_SOURCES, metadata: METADATA.map((m) => m ?? null), sse: SSE_KEYS, input: INPUT_PARAMS });

function outcome(handler: (kwargs: HandlerKwargs<"before-parameter-build">) => void, params: Params, op = "PutObject"): Outcome {
  const error = errorOf(() => handler({ params, model: operationModel("s3", op), context: {}, event_name: `before-parameter-build.s3.${op}` }));
  return error ?? { params };
}

describe("s3 request parameters (vs botocore)", () => {
  test(`validate_bucket_name on ${BUCKETS.length} names, messages included`, () => {
    BUCKETS.forEach((bucket, i) => assert.deepEqual(outcome(validateBucketName, { Bucket: bucket }), botocore.buckets[i], JSON.stringify(bucket)));
    assert.ok(botocore.buckets.some((o) => "error" in o) && botocore.buckets.some((o) => "params" in o));
    assert.throws(() => validateBucketName({ params: { Bucket: "a/b" }, model: operationModel("s3", "GetObject"), context: {}, event_name: "x" }), ParamValidationError);
  });

  test(`CopySource as text or dict, ${COPY_SOURCES.length} forms`, () => {
    COPY_SOURCES.forEach((source, i) => {
      assert.deepEqual(outcome(handleCopySourceParam, { CopySource: structuredClone(source) }, "CopyObject"), botocore.copy[i], JSON.stringify(source));
    });
  });

  test("metadata must be ASCII", () => {
    METADATA.forEach((metadata, i) => {
      const params: Params = metadata === undefined ? {} : { Metadata: metadata };
      assert.deepEqual(outcome(validateAsciiMetadata, params), botocore.metadata[i], JSON.stringify(metadata));
    });
  });

  test("SSE-C keys are base64-encoded with their MD5, unless the MD5 was given", () => {
    SSE_KEYS.forEach((input, i) => {
      const params = structuredClone(input);
      const kwargs = { params, model: operationModel("s3", "CopyObject"), context: {}, event_name: "x" };
      sseMd5(kwargs);
      copySourceSseMd5(kwargs);
      assert.deepEqual(params, botocore.sse[i], JSON.stringify(input));
    });
  });

  test("the /{Bucket} prefix leaves every S3 operation's request URI, kept as authPath", () => {
    const model = freshServiceModel("s3");
    const actual: Record<string, { requestUri: string; authPath?: string }> = {};
    for (const name of model.operation_names) {
      const op = model.operation_model(name);
      removeBucketFromUrlPaths({ params: {}, model: op, context: {}, event_name: "x" });
      // Twice, as every later call of the operation does: the second call changes nothing.
      removeBucketFromUrlPaths({ params: {}, model: op, context: {}, event_name: "x" });
      const http = op.http as { requestUri: string; authPath?: string };
      actual[name] = { requestUri: http.requestUri, ...(http.authPath !== undefined ? { authPath: http.authPath } : {}) };
    }
    assert.deepEqual(actual, botocore.uris);
    assert.equal(actual.GetObject!.requestUri, "/{Key+}");
    assert.equal(actual.ListObjectsV2!.authPath, "/{Bucket}/");
  });

  test("input parameters are copied to the request context", () => {
    INPUT_PARAMS.forEach((params, i) => {
      const context: Params = {};
      injectS3InputParameters({ params, model: operationModel("s3", "GetObject"), context, event_name: "x" });
      assert.deepEqual(context, botocore.input[i]);
    });
  });
});
