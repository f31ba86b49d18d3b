/** DynamoDB (JSON 1.0) against moto: tables, items, queries. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("dynamodb against moto", { skip: motoSkipReason() }, () => {
  test("create_table, put_item, get_item, query", async () => {
    const ddb = await motoClient("dynamodb");
    const table = uniqueName("table");
    const created = await ddb.create_table({
      TableName: table,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    });
    const description = created.TableDescription as { TableName: string; CreationDateTime: Date; TableStatus: string };
    assert.equal(description.TableName, table);
    assert.ok(description.CreationDateTime instanceof Date);

    for (let i = 1; i <= 3; i++) {
      await ddb.put_item({
        TableName: table,
        Item: { pk: { S: "user#1" }, sk: { N: String(i) }, name: { S: `item ${i}` }, data: { B: new Uint8Array([i, 255]) }, tags: { SS: ["a", "b"] } },
      });
    }
    const got = await ddb.get_item({ TableName: table, Key: { pk: { S: "user#1" }, sk: { N: "2" } } });
    const item = got.Item as Record<string, Record<string, unknown>>;
    assert.deepEqual(item.name, { S: "item 2" });
    assert.deepEqual([...(item.data!.B as Uint8Array)], [2, 255]);
    assert.deepEqual([...(item.tags!.SS as string[])].sort(), ["a", "b"]);

    const queried = await ddb.query({
      TableName: table,
      KeyConditionExpression: "pk = :pk AND sk > :min",
      ExpressionAttributeValues: { ":pk": { S: "user#1" }, ":min": { N: "1" } },
    });
    assert.equal(queried.Count, 2);
    assert.deepEqual((queried.Items as Record<string, { N?: string }>[]).map((i) => i.sk!.N), ["2", "3"]);

    const missing = await ddb.get_item({ TableName: table, Key: { pk: { S: "nobody" }, sk: { N: "1" } } });
    assert.equal(missing.Item, undefined);
    const tables = await ddb.list_tables();
    assert.ok((tables.TableNames as string[]).includes(table));
  });

  test("a missing table is ResourceNotFoundException", async () => {
    const ddb = await motoClient("dynamodb");
    await assert.rejects(ddb.describe_table({ TableName: uniqueName("nope") }), (err: unknown) => {
      assert.ok(err instanceof ddb.exceptions.ResourceNotFoundException);
      assert.equal((err as { response: { Error: { Code: string } } }).response.Error.Code, "ResourceNotFoundException");
      return true;
    });
  });
});
