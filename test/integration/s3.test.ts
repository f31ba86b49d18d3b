/** S3 round trips against moto: buckets, objects with string/bytes/stream bodies, streamed reads, errors. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { ClientError } from "../../src/exceptions.js";
import { StreamingBody } from "../../src/http/streaming-body.js";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("s3 against moto", { skip: motoSkipReason() }, () => {
  test("create_bucket, put_object (string, bytes, stream), get_object streamed, head, list, delete", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("bucket");
    const created = await s3.create_bucket({ Bucket: bucket });
    assert.equal(created.Location, `/${bucket}`);
    assert.equal(created.ResponseMetadata.HTTPStatusCode, 200);

    const fromString = await s3.put_object({ Bucket: bucket, Key: "text.txt", Body: "hello world" });
    assert.match(String(fromString.ETag), /^"[0-9a-f]{32}"$/);
    await s3.put_object({ Bucket: bucket, Key: "bytes.bin", Body: new Uint8Array([0, 1, 2, 253, 254, 255]) });
    await s3.put_object({ Bucket: bucket, Key: "dir/stream.txt", Body: Readable.from([Buffer.from("line 1\n"), Buffer.from("line 2\n")]) });

    const got = await s3.get_object({ Bucket: bucket, Key: "text.txt" });
    assert.ok(got.Body instanceof StreamingBody);
    assert.equal(got.ContentLength, 11);
    assert.ok(got.LastModified instanceof Date);
    assert.equal(new TextDecoder().decode(await (got.Body as StreamingBody).read()), "hello world");

    const bytes = await s3.get_object({ Bucket: bucket, Key: "bytes.bin" });
    assert.deepEqual([...(await (bytes.Body as StreamingBody).read())], [0, 1, 2, 253, 254, 255]);

    const streamed = await s3.get_object({ Bucket: bucket, Key: "dir/stream.txt" });
    const lines: string[] = [];
    for await (const line of (streamed.Body as StreamingBody).iter_lines()) lines.push(new TextDecoder().decode(line));
    assert.deepEqual(lines, ["line 1", "line 2"]);

    const head = await s3.head_object({ Bucket: bucket, Key: "bytes.bin" });
    assert.equal(head.ContentLength, 6);
    assert.equal(head.ResponseMetadata.HTTPStatusCode, 200);

    const listed = await s3.list_objects_v2({ Bucket: bucket });
    assert.equal(listed.KeyCount, 3);
    const keys = (listed.Contents as { Key: string; Size: number }[]).map((o) => [o.Key, o.Size]);
    assert.deepEqual(keys, [["bytes.bin", 6], ["dir/stream.txt", 14], ["text.txt", 11]]);

    const deleted = await s3.delete_object({ Bucket: bucket, Key: "text.txt" });
    assert.equal(deleted.ResponseMetadata.HTTPStatusCode, 204);
    const after = await s3.list_objects_v2({ Bucket: bucket, Prefix: "text" });
    assert.equal(after.KeyCount, 0);
  });

  test("a missing key is NoSuchKey with botocore's message; HEAD 404 has code 404", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("bucket");
    await s3.create_bucket({ Bucket: bucket });
    await assert.rejects(s3.get_object({ Bucket: bucket, Key: "missing" }), (err: unknown) => {
      assert.ok(err instanceof s3.exceptions.NoSuchKey);
      assert.ok(err instanceof ClientError);
      assert.equal(err.response.Error.Code, "NoSuchKey");
      assert.equal(err.operation_name, "GetObject");
      assert.equal(err.message, "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.");
      assert.equal(err.response.ResponseMetadata.HTTPStatusCode, 404);
      return true;
    });
    await assert.rejects(s3.head_object({ Bucket: bucket, Key: "missing" }), (err: unknown) => {
      assert.ok(err instanceof ClientError);
      assert.equal(err.response.Error.Code, "404");
      assert.equal(err.response.Error.Message, "Not Found");
      assert.equal(err.message, "An error occurred (404) when calling the HeadObject operation: Not Found");
      return true;
    });
  });

  test("list_buckets includes a created bucket with a Date", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("bucket");
    await s3.create_bucket({ Bucket: bucket });
    const out = await s3.list_buckets();
    const found = (out.Buckets as { Name: string; CreationDate: Date }[]).find((b) => b.Name === bucket);
    assert.ok(found);
    assert.ok(found.CreationDate instanceof Date);
  });
});
