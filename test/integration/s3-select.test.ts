/**
 * S3 SelectObjectContent against moto: a CSV object queried with SQL, the
 * event stream iterated as boto3's documentation shows (Records, Stats,
 * End), and the same query through boto3 on the same moto for comparison.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EventStream } from "../../src/protocols/event-stream/index.js";
import { motoClient, motoSkipReason, motoUrl, uniqueName } from "../support/moto.js";
import { runPython } from "../support/python.js";

const CSV = "name,city,age\nalice,paris,31\nbob,oslo,45\ncarol,lima,28\ndave,oslo,52\n";

type SelectEvent = {
  Records?: { Payload: Uint8Array };
  Stats?: { Details: Record<string, number> };
  Progress?: { Details: Record<string, number> };
  Cont?: Record<string, never>;
  End?: Record<string, never>;
};

interface Summary {
  order: string[];
  records: string;
  stats: Record<string, number> | null;
}

async function summarize(stream: EventStream<SelectEvent>): Promise<Summary> {
  const summary: Summary = { order: [], records: "", stats: null };
  for await (const event of stream) {
    const name = Object.keys(event)[0]!;
    if (summary.order.at(-1) !== name) summary.order.push(name);
    if (event.Records) summary.records += Buffer.from(event.Records.Payload).toString();
    if (event.Stats) summary.stats = event.Stats.Details;
  }
  return summary;
}

/** The same select through boto3 on the same moto. */
function boto3Select(url: string, bucket: string, key: string, expression: string, output: Record<string, unknown>): Summary {
  return runPython<Summary>(
    `
import sys, json, boto3
a = json.load(sys.stdin)
s3 = boto3.client('s3', endpoint_url=a['url'], region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing')
out = s3.select_object_content(Bucket=a['bucket'], Key=a['key'], Expression=a['expression'], ExpressionType='SQL',
    InputSerialization={'CSV': {'FileHeaderInfo': 'USE'}}, OutputSerialization=a['output'])
summary = {'order': [], 'records': '', 'stats': None}
for event in out['Payload']:
    name = list(event)[0]
    if not summary['order'] or summary['order'][-1] != name: summary['order'].append(name)
    if 'Records' in event: summary['records'] += event['Records']['Payload'].decode()
    if 'Stats' in event: summary['stats'] = event['Stats']['Details']
print(json.dumps(summary))
`,
    { url, bucket, key, expression, output },
  );
}

describe("s3 select_object_content against moto", { skip: motoSkipReason() }, () => {
  test("a CSV object selected with SQL: Records, Stats and End, as boto3 gets them", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("select");
    await s3.create_bucket({ Bucket: bucket });
    await s3.put_object({ Bucket: bucket, Key: "people.csv", Body: CSV });

    // moto's SQL engine wants the lower-case table name when an alias is used.
    const expression = "SELECT * FROM s3object s WHERE s.city = 'oslo'";
    const result = await s3.select_object_content({
      Bucket: bucket,
      Key: "people.csv",
      Expression: expression,
      ExpressionType: "SQL",
      InputSerialization: { CSV: { FileHeaderInfo: "USE" } },
      OutputSerialization: { CSV: {} },
    });
    assert.equal(result.ResponseMetadata.HTTPStatusCode, 200);
    const summary = await summarize(result.Payload as unknown as EventStream<SelectEvent>);
    assert.deepEqual(summary.order, ["Records", "Stats", "End"]);
    assert.equal(summary.records, "bob,oslo,45\ndave,oslo,52\n");
    assert.equal(typeof summary.stats?.BytesScanned, "number");
    assert.deepEqual(summary, boto3Select(await motoUrl(), bucket, "people.csv", expression, { CSV: {} }));
  });

  test("JSON output, and a loop left early releases the stream", async () => {
    const s3 = await motoClient("s3");
    const bucket = uniqueName("select");
    await s3.create_bucket({ Bucket: bucket });
    await s3.put_object({ Bucket: bucket, Key: "people.csv", Body: CSV });
    const params = {
      Bucket: bucket,
      Key: "people.csv",
      Expression: "SELECT * FROM s3object s WHERE s.city = 'oslo'",
      ExpressionType: "SQL",
      InputSerialization: { CSV: { FileHeaderInfo: "USE" } },
      OutputSerialization: { JSON: {} },
    };
    const whole = await summarize((await s3.select_object_content(params)).Payload as unknown as EventStream<SelectEvent>);
    const rows = whole.records.trim().split("\n").map((line) => JSON.parse(line) as Record<string, string>);
    assert.deepEqual(rows, [
      { name: "bob", city: "oslo", age: "45" },
      { name: "dave", city: "oslo", age: "52" },
    ]);
    assert.deepEqual(whole, boto3Select(await motoUrl(), bucket, "people.csv", params.Expression, { JSON: {} }));

    const stream = (await s3.select_object_content(params)).Payload as unknown as EventStream<SelectEvent>;
    for await (const event of stream) {
      assert.ok(event.Records);
      break;
    }
    assert.deepEqual(await summarize(stream), { order: [], records: "", stats: null });
    // The client goes on working after the stream it left.
    const listed = await s3.list_objects_v2({ Bucket: bucket });
    assert.equal(listed.KeyCount, 1);
  });
});
