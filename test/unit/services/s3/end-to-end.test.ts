/**
 * S3 calls end to end, through a boto3-ts client and a botocore client
 * answered with the same canned responses: the requests sent (method, URL,
 * body, headers other than time- and SDK-specific ones) and the results
 * must be the same.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CallCase, botocoreCalls, comparable } from "../support/botocore.js";
import { recordingClient, runCalls } from "../support/client.js";

const LISTING_V2 = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>mybucket</Name><Prefix>dir%2Fa%20b</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>%2F</Delimiter><IsTruncated>false</IsTruncated><EncodingType>url</EncodingType>
<Contents><Key>dir/a+b%2Bc%C3%A9</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"e"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>
<CommonPrefixes><Prefix>dir/sub%20dir/</Prefix></CommonPrefixes></ListBucketResult>`;

// Flexible checksums are not what these tests are about (botocore sends them in an aws-chunked trailer).
const WHEN_REQUIRED = { request_checksum_calculation: "when_required" };

const CASES: CallCase[] = [
  { service: "s3", region: "us-west-2", method: "list_objects_v2", params: { Bucket: "mybucket", Prefix: "dir/a b", Delimiter: "/" }, responses: [{ body: LISTING_V2 }] },
  { service: "s3", region: "us-west-2", method: "list_objects_v2", params: { Bucket: "mybucket", EncodingType: "url" }, responses: [{ body: LISTING_V2 }] },
  {
    service: "s3", method: "list_objects", params: { Bucket: "my.dotted.bucket", Marker: "m" },
    responses: [{ body: "<ListBucketResult><Name>b</Name><Marker>m%20x</Marker><EncodingType>url</EncodingType><Contents><Key>k%20x</Key></Contents></ListBucketResult>" }],
  },
  {
    service: "s3", method: "list_object_versions", params: { Bucket: "mybucket" },
    responses: [{ body: "<ListVersionsResult><EncodingType>url</EncodingType><KeyMarker>a%2Bb</KeyMarker><Version><Key>v%20k</Key><VersionId>1</VersionId></Version><DeleteMarker><Key>d%20k</Key></DeleteMarker></ListVersionsResult>" }],
  },
  { service: "s3", region: "eu-west-1", method: "get_bucket_location", params: { Bucket: "mybucket" }, responses: [{ body: '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>' }] },
  { service: "s3", method: "get_bucket_location", params: { Bucket: "mybucket" }, responses: [{ body: '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>' }] },
  { service: "s3", method: "copy_object", params: { Bucket: "dest", Key: "new key", CopySource: { Bucket: "src", Key: "a b/é", VersionId: "v1" } }, responses: [{ body: "<CopyObjectResult><ETag>e</ETag></CopyObjectResult>" }] },
  { service: "s3", method: "copy_object", params: { Bucket: "dest", Key: "k", CopySource: "src/x y?versionId=abc" }, responses: [{ body: "<CopyObjectResult><ETag>e</ETag></CopyObjectResult>" }] },
  {
    service: "s3", method: "copy_object", params: { Bucket: "dest", Key: "k", CopySource: "src/k" },
    responses: [{ body: "<Error><Code>InternalError</Code><Message>boom</Message></Error>" }, { body: "<CopyObjectResult><ETag>ok</ETag></CopyObjectResult>" }],
  },
  { service: "s3", method: "put_object", config: WHEN_REQUIRED, params: { Bucket: "mybucket", Key: "k", Body: "data", SSECustomerAlgorithm: "AES256", SSECustomerKey: "0123456789abcdef0123456789abcdef", Metadata: { a: "b" } }, responses: [{}] },
  { service: "s3", method: "put_object", params: { Bucket: "mybucket", Key: "k", Metadata: { a: "ü" } }, responses: [{}] },
  { service: "s3", method: "get_object", params: { Bucket: "bad/bucket", Key: "k" }, responses: [{}] },
  { service: "s3", method: "delete_objects", params: { Bucket: "mybucket", Delete: { Objects: [{ Key: "line\nbreak" }, { Key: "cr\rx" }] } }, responses: [{ body: "<DeleteResult/>" }] },
  { service: "s3", method: "get_object", params: { Bucket: "arn:aws:s3:us-west-2:123456789012:accesspoint/myap", Key: "k" }, region: "us-west-2", responses: [{ body: "x" }] },
];

// The pipeline must merge before-parse's customized_response_dict into the result (botocore's parsed.update).
const EXPIRES_CASES: CallCase[] = [
  { service: "s3", method: "head_object", params: { Bucket: "mybucket", Key: "k" }, responses: [{ headers: { expires: "not a date", "content-length": "0" } }] },
  { service: "s3", method: "head_object", params: { Bucket: "mybucket", Key: "k" }, responses: [{ headers: { expires: "Thu, 01 Dec 1994 16:00:00 GMT", "content-length": "0" } }] },
];

describe("s3 end to end (vs botocore)", () => {
  test(`${CASES.length} calls send the same requests and return the same results`, async () => {
    const expected = botocoreCalls(CASES);
    const actual = await runCalls(CASES);
    CASES.forEach((c, i) => {
      assert.deepEqual(comparable(actual[i]!), comparable(expected[i]!), `${c.method} ${JSON.stringify(c.params)}`);
    });
  });

  test("a params object used for two calls is left as the caller wrote it", async () => {
    const body = "<ListBucketResult><Name>b</Name><EncodingType>url</EncodingType><Contents><Key>a%20b</Key></Contents></ListBucketResult>";
    const { client } = recordingClient("s3", { region_name: "us-west-2" }, [{ body }]);
    const params = { Bucket: "mybucket" };
    const first = await client.list_objects_v2(params);
    const second = await client.list_objects_v2(params);
    assert.deepEqual(params, { Bucket: "mybucket" });
    assert.deepEqual(second.Contents, first.Contents);
  });

  test("ExpiresString reaches the result", async () => {
    const expected = botocoreCalls(EXPIRES_CASES);
    const actual = await runCalls(EXPIRES_CASES);
    assert.equal(expected[0]!.result!.ExpiresString, "not a date");
    assert.equal("Expires" in expected[0]!.result!, false);
    EXPIRES_CASES.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(expected[i]!), JSON.stringify(c.responses)));
  });
});
