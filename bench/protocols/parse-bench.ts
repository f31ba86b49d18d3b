/**
 * Parsing speed against botocore on the same bytes: a 1,000-key S3
 * ListObjectsV2 XML response and a ~1 MiB DynamoDB Query JSON response,
 * parsed repeatedly here and by botocore's parser (python3, timeit over
 * `parser.parse`), both timed in CPU seconds, best of five rounds. Also times the bare XML reader against fast-xml-parser,
 * and request serialization for two hot operations.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/protocols/parse-bench.js
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { XMLParser } from "fast-xml-parser";
import type { ResponseDict } from "../../src/http/types.js";
import { Loader } from "../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import { createParser, createSerializer } from "../../src/protocols/index.js";
import { parseXml } from "../../src/protocols/xml/xml-reader.js";

const loader = new Loader();
const s3 = new ServiceModel(loader.load_service_model("s3", "service-2") as RawServiceModel, "s3");
const dynamodb = new ServiceModel(loader.load_service_model("dynamodb", "service-2") as RawServiceModel, "dynamodb");

function listObjectsXml(keys: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    "<Name>bench-bucket</Name><Prefix></Prefix>",
    `<KeyCount>${keys}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>`,
  ];
  for (let i = 0; i < keys; i++) {
    parts.push(
      `<Contents><Key>logs/2024/05/${String(i).padStart(6, "0")}-object &amp; name.json</Key>` +
        `<LastModified>2024-05-${String((i % 28) + 1).padStart(2, "0")}T12:34:56.000Z</LastModified>` +
        `<ETag>&quot;${(i * 2654435761 >>> 0).toString(16).padStart(32, "0")}&quot;</ETag>` +
        `<ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType>` +
        `<Size>${1000 + i * 37}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
  parts.push("</ListBucketResult>");
  return parts.join("");
}

function queryJson(targetBytes: number): string {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = {
      pk: { S: `customer#${i % 97}` },
      sk: { S: `order#${String(i).padStart(8, "0")}` },
      total: { N: `${(i * 7.31).toFixed(2)}` },
      quantity: { N: `${i % 13}` },
      shipped: { BOOL: i % 2 === 0 },
      tags: { SS: ["priority", `region-${i % 5}`] },
      address: { M: { city: { S: "Seattle" }, zip: { S: "98101" }, lines: { L: [{ S: "1 Main St" }, { S: `Apt ${i}` }] } } },
      note: { S: "Lorem ipsum dolor sit amet, consectetur adipiscing elit." },
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify({ Items: items, Count: items.length, ScannedCount: items.length, LastEvaluatedKey: { pk: { S: "x" }, sk: { S: "y" } } });
}

/** One round: calls `fn` for about `ms` milliseconds; operations per second of CPU time (user + system). */
function round(fn: () => unknown, ms: number): number {
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 5; i++) fn();
    count += 5;
  }
  const used = process.cpuUsage(cpu);
  return (count * 1e6) / (used.user + used.system);
}

/** botocore in one long-lived python3 process that runs a round per request line. */
class BotocoreRounds {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;

  constructor(xmlPath: string, jsonPath: string) {
    this.child = spawn("python3", ["-c", PYTHON, xmlPath, jsonPath], { env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    this.child.stderr.pipe(process.stderr);
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ready(): Promise<void> {
    const line = await this.lines.next();
    if (line.done || line.value !== "ready") throw new Error("python3 did not start");
  }

  async round(name: string, seconds: number): Promise<number> {
    this.child.stdin.write(`${name} ${seconds}\n`);
    const line = await this.lines.next();
    if (line.done) throw new Error("python3 exited");
    return Number(line.value);
  }

  close(): void {
    this.child.stdin.end();
  }
}

const PYTHON = String.raw`
import sys, time, timeit
import botocore.session
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
xml_path, json_path = sys.argv[1], sys.argv[2]
session = botocore.session.get_session()
s3 = session.get_service_model('s3'); ddb = session.get_service_model('dynamodb')
xml_body = open(xml_path, 'rb').read(); json_body = open(json_path, 'rb').read()
list_shape = s3.operation_model('ListObjectsV2').output_shape
query_shape = ddb.operation_model('Query').output_shape
xml_parser = create_parser('rest-xml'); json_parser = create_parser('json')
headers = {'x-amz-request-id': 'R', 'x-amz-id-2': 'H', 'content-type': 'application/xml'}
json_ser = create_serializer('json', include_validation=False)
get_item = ddb.operation_model('GetItem')
get_params = {'TableName': 'orders', 'Key': {'pk': {'S': 'customer#1'}, 'sk': {'S': 'order#00000001'}}, 'ConsistentRead': True}
xml_ser = create_serializer('rest-xml', include_validation=False)
put_object = s3.operation_model('PutObject')
put_params = {'Bucket': 'bench-bucket', 'Key': 'dir/file name.txt', 'Body': b'x' * 16, 'ContentType': 'text/plain', 'Metadata': {'a': 'b'}}
cases = {
    'list': lambda: xml_parser.parse({'status_code': 200, 'headers': headers, 'body': xml_body}, list_shape),
    'query': lambda: json_parser.parse({'status_code': 200, 'headers': {'x-amzn-requestid': 'R'}, 'body': json_body}, query_shape),
    'get_item': lambda: json_ser.serialize_to_request(get_params, get_item),
    'put_object': lambda: xml_ser.serialize_to_request(put_params, put_object),
}
numbers = {}
for name, fn in cases.items():
    fn()
    number = 1
    while timeit.timeit(fn, number=number, timer=time.process_time) < 0.05:
        number *= 2
    numbers[name] = number
print('ready', flush=True)
# One round per request line, so rounds interleave with the TypeScript side's.
for line in sys.stdin:
    name, seconds = line.split()
    fn, number = cases[name], numbers[name]
    count, spent = 0, 0.0
    while spent < float(seconds):
        spent += timeit.timeit(fn, number=number, timer=time.process_time)
        count += number
    print(count / spent, flush=True)
`;

async function main(): Promise<void> {
  const xml = listObjectsXml(1000);
  const json = queryJson(1024 * 1024);
  const xmlBytes = Buffer.from(xml, "utf8");
  const jsonBytes = Buffer.from(json, "utf8");
  console.log(`ListObjectsV2 body: ${(xmlBytes.length / 1024).toFixed(0)} KiB, 1,000 keys; DynamoDB Query body: ${(jsonBytes.length / 1024).toFixed(0)} KiB`);

  const restXml = createParser("rest-xml");
  const json10 = createParser("json");
  const listShape = s3.operation_model("ListObjectsV2").output_shape;
  const queryShape = dynamodb.operation_model("Query").output_shape;
  const listResponse = (): ResponseDict => ({
    status_code: 200,
    headers: { "x-amz-request-id": "R", "x-amz-id-2": "H", "content-type": "application/xml" },
    body: xmlBytes,
    context: {},
  });
  const queryResponse = (): ResponseDict => ({ status_code: 200, headers: { "x-amzn-requestid": "R" }, body: jsonBytes, context: {} });

  // Sanity: both parse to what they should before timing them.
  const listed = restXml.parse(listResponse(), listShape) as { Contents: unknown[]; KeyCount: number };
  const queried = json10.parse(queryResponse(), queryShape) as { Items: unknown[] };
  if (listed.Contents.length !== 1000 || listed.KeyCount !== 1000) throw new Error("ListObjectsV2 parse is wrong");
  if (queried.Items.length < 1000) throw new Error("Query parse is wrong");

  const getItem = dynamodb.operation_model("GetItem");
  const putObject = s3.operation_model("PutObject");
  const jsonSerializer = createSerializer("json");
  const xmlSerializer = createSerializer("rest-xml");
  const getParams = { TableName: "orders", Key: { pk: { S: "customer#1" }, sk: { S: "order#00000001" } }, ConsistentRead: true };
  const body = Buffer.alloc(16, "x");
  const putParams = { Bucket: "bench-bucket", Key: "dir/file name.txt", Body: body, ContentType: "text/plain", Metadata: { a: "b" } };
  const cases: [string, string, () => unknown][] = [
    ["list", "parse ListObjectsV2 (1,000 keys)", () => restXml.parse(listResponse(), listShape)],
    ["query", "parse DynamoDB Query (~1 MiB)", () => json10.parse(queryResponse(), queryShape)],
    ["get_item", "serialize DynamoDB GetItem", () => jsonSerializer.serialize_to_request(getParams, getItem)],
    ["put_object", "serialize S3 PutObject", () => xmlSerializer.serialize_to_request(putParams, putObject)],
  ];

  const dir = mkdtempSync(join(tmpdir(), "parse-bench-"));
  writeFileSync(join(dir, "list.xml"), xmlBytes);
  writeFileSync(join(dir, "query.json"), jsonBytes);
  const botocore = new BotocoreRounds(join(dir, "list.xml"), join(dir, "query.json"));
  try {
    await botocore.ready();
    for (const [, , fn] of cases) round(fn, 300);
    // Rounds alternate between the two sides so that both meet the same load; the best round of each counts.
    const ROUNDS = 7;
    const row = (label: string, mine: number, theirs: number): string =>
      `${label.padEnd(34)} ${mine.toFixed(1).padStart(10)} ops/s   botocore ${theirs.toFixed(1).padStart(9)} ops/s   ${(mine / theirs).toFixed(1).padStart(6)}x`;
    console.log(`CPU time, best of ${ROUNDS} interleaved rounds per side:`);
    for (const [name, label, fn] of cases) {
      let mine = 0;
      let theirs = 0;
      for (let i = 0; i < ROUNDS; i++) {
        mine = Math.max(mine, round(fn, 400));
        theirs = Math.max(theirs, await botocore.round(name, 0.4));
      }
      console.log(row(label, mine, theirs));
    }
  } finally {
    botocore.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const text = xmlBytes.toString("utf8");
  let own = 0;
  let fast = 0;
  for (let i = 0; i < 5; i++) {
    own = Math.max(own, round(() => parseXml(text), 300));
    fast = Math.max(fast, round(() => new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(text), 300));
  }
  console.log(`XML reader alone on the ListObjectsV2 body: own ${own.toFixed(0)} ops/s, fast-xml-parser ${fast.toFixed(0)} ops/s (${(own / fast).toFixed(1)}x)`);
}

await main();
