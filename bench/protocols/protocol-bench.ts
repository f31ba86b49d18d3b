/**
 * Protocol speed, side by side in one run, as ratios (CPU time, best of
 * interleaved rounds per side):
 *
 * - the conformance corpus (../shared/conformance protocol suites):
 *   serializing every input case and parsing every output case, boto3-ts
 *   against botocore, in all and per protocol;
 * - a 1,000-key ListObjectsV2 response and a ~1 MiB DynamoDB Query
 *   response: the bare parser (ours, botocore's, the AWS SDK for JavaScript
 *   v3's protocol deserializer) and the whole call minus the network (a
 *   boto3-ts client answered by a before-send handler, a botocore client
 *   answered the same way, a v3 client with a request handler returning
 *   the canned response);
 * - two hot serializations, and the bare XML reader against fast-xml-parser.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/protocols/protocol-bench.js [--quick]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { DynamoDBClient, Query$, QueryCommand } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2$, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { XMLParser } from "fast-xml-parser";
import type { ResponseDict } from "../../src/http/types.js";
import { Session } from "../../src/index.js";
import { Loader } from "../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import { createParser, createSerializer } from "../../src/protocols/index.js";
import { parseXml } from "../../src/protocols/xml/xml-reader.js";
import { PROTOCOLS_DIR } from "../../test/conformance/protocol-support.js";
import { PythonRounds, cpuRound, cpuRoundAsync, listObjectsXml, queryJson, rate } from "./bench-support.js";
import { PYTHON_CORPUS, loadCorpus, parseCase, runnable, serializeCase } from "./conformance-corpus.js";

process.env.AWS_EC2_METADATA_DISABLED = "true";
const QUICK = process.argv.includes("--quick");
const ROUNDS = QUICK ? 3 : 9;
const ROUND_MS = QUICK ? 200 : 300;
const WARMUP_MS = QUICK ? 500 : 1500;

const PYTHON_CALLS = String.raw`
import binascii
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
CASES = {}
def _canned(status, headers, body):
    def handler(**kwargs):
        response = AWSResponse('https://example.com/', status, headers, None)
        response._content = body
        return response
    return handler
def setup_calls(payload):
    session = botocore.session.get_session()
    xml_body = open(payload['xml'], 'rb').read()
    json_body = open(payload['json'], 'rb').read()
    s3 = session.get_service_model('s3'); ddb = session.get_service_model('dynamodb')
    list_shape = s3.operation_model('ListObjectsV2').output_shape
    query_shape = ddb.operation_model('Query').output_shape
    xml_parser = create_parser('rest-xml'); json_parser = create_parser('json')
    xml_headers = {'x-amz-request-id': 'R', 'x-amz-id-2': 'H', 'content-type': 'application/xml'}
    json_headers = {'x-amzn-requestid': 'R', 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': str(binascii.crc32(json_body) & 0xffffffff)}
    CASES['bare:list'] = lambda: xml_parser.parse({'status_code': 200, 'headers': xml_headers, 'body': xml_body}, list_shape)
    CASES['bare:query'] = lambda: json_parser.parse({'status_code': 200, 'headers': json_headers, 'body': json_body}, query_shape)
    keys = dict(region_name='us-east-1', aws_access_key_id='AKID', aws_secret_access_key='secret')
    s3c = session.create_client('s3', **keys)
    s3c.meta.events.register('before-send.s3.ListObjectsV2', _canned(200, xml_headers, xml_body))
    ddbc = session.create_client('dynamodb', **keys)
    ddbc.meta.events.register('before-send.dynamodb.Query', _canned(200, json_headers, json_body))
    CASES['call:list'] = lambda: s3c.list_objects_v2(Bucket='bench-bucket')
    CASES['call:query'] = lambda: ddbc.query(TableName='orders')
    json_ser = create_serializer('json', include_validation=False)
    get_item = ddb.operation_model('GetItem')
    get_params = {'TableName': 'orders', 'Key': {'pk': {'S': 'customer#1'}, 'sk': {'S': 'order#00000001'}}, 'ConsistentRead': True}
    xml_ser = create_serializer('rest-xml', include_validation=False)
    put_object = s3.operation_model('PutObject')
    put_params = {'Bucket': 'bench-bucket', 'Key': 'dir/file name.txt', 'Body': b'x' * 16, 'ContentType': 'text/plain', 'Metadata': {'a': 'b'}}
    CASES['serialize:get_item'] = lambda: json_ser.serialize_to_request(get_params, get_item)
    CASES['serialize:put_object'] = lambda: xml_ser.serialize_to_request(put_params, put_object)
    return {'list_keys': len(CASES['bare:list']()['Contents']), 'query_items': len(CASES['bare:query']()['Items'])}
COMMANDS = {'setup': setup, 'select': select, 'setup_calls': setup_calls}
`;

interface Row {
  label: string;
  ours: number;
  botocore?: number;
  v3?: number;
}

const rows: Row[] = [];

/** Interleaved rounds of each side; the best round of each counts. */
async function measure(
  label: string,
  ours: () => unknown,
  python: PythonRounds | undefined,
  pythonCase: string | undefined,
  v3?: () => Promise<unknown>,
  oursAsync?: () => Promise<unknown>,
): Promise<void> {
  const row: Row = { label, ours: 0 };
  // Warm up: let the JIT settle before anything counts (botocore's side calibrates itself).
  if (oursAsync) await cpuRoundAsync(oursAsync, WARMUP_MS);
  else cpuRound(ours, WARMUP_MS);
  if (v3 !== undefined) await cpuRoundAsync(v3, WARMUP_MS);
  for (let i = 0; i < ROUNDS; i++) {
    row.ours = Math.max(row.ours, oursAsync ? await cpuRoundAsync(oursAsync, ROUND_MS) : cpuRound(ours, ROUND_MS));
    if (python !== undefined && pythonCase !== undefined) row.botocore = Math.max(row.botocore ?? 0, await python.round(pythonCase, ROUND_MS / 1000));
    if (v3 !== undefined) row.v3 = Math.max(row.v3 ?? 0, await cpuRoundAsync(v3, ROUND_MS));
  }
  rows.push(row);
  const ratio = (other: number | undefined): string => (other === undefined ? "" : `${(row.ours / other).toFixed(1)}x`);
  console.log(
    `${label.padEnd(46)} ${rate(row.ours).padStart(11)}  ${row.botocore === undefined ? "".padStart(10) : rate(row.botocore).padStart(10)}  ${row.v3 === undefined ? "".padStart(9) : rate(row.v3).padStart(9)}  ${ratio(row.botocore).padStart(8)}  ${ratio(row.v3).padStart(7)}`,
  );
}

async function main(): Promise<void> {
  const python = new PythonRounds(`${PYTHON_CORPUS}\n${PYTHON_CALLS}`);
  const dir = mkdtempSync(join(tmpdir(), "protocol-bench-"));
  try {
    // The conformance corpus: the cases both sides run without error.
    const corpus = loadCorpus();
    const refs = { inputs: corpus.inputs.map((c) => c.ref), outputs: corpus.outputs.map((c) => c.ref) };
    const pythonOk = await python.command<{ inputs: string[][]; outputs: string[][] }>("setup", { root: PROTOCOLS_DIR, ...refs });
    const botocoreIn = new Set(pythonOk.inputs.map((r) => r.join("#")));
    const botocoreOut = new Set(pythonOk.outputs.map((r) => r.join("#")));
    const oursIn = runnable(corpus.inputs, serializeCase);
    const oursOut = runnable(corpus.outputs, parseCase);
    const inputs = corpus.inputs.filter((c) => botocoreIn.has(c.ref.join("#")) && oursIn.has(c.ref.join("#")));
    const outputs = corpus.outputs.filter((c) => botocoreOut.has(c.ref.join("#")) && oursOut.has(c.ref.join("#")));
    const protocols = [...new Set([...inputs, ...outputs].map((c) => c.protocol))].sort();
    const selected = await python.command<{ inputs: number; outputs: number }>("select", {
      all_inputs: refs.inputs,
      all_outputs: refs.outputs,
      inputs: inputs.map((c) => c.ref),
      outputs: outputs.map((c) => c.ref),
      protocols,
    });
    if (selected.inputs !== inputs.length || selected.outputs !== outputs.length) throw new Error("the two sides selected different cases");

    const xml = Buffer.from(listObjectsXml(1000), "utf8");
    const json = Buffer.from(queryJson(1024 * 1024), "utf8");
    writeFileSync(join(dir, "list.xml"), xml);
    writeFileSync(join(dir, "query.json"), json);
    const sizes = await python.command<{ list_keys: number; query_items: number }>("setup_calls", { xml: join(dir, "list.xml"), json: join(dir, "query.json") });

    console.log(`conformance corpus: ${inputs.length} input cases, ${outputs.length} output cases (both sides run them); ListObjectsV2 body ${(xml.length / 1024).toFixed(0)} KiB, ${sizes.list_keys} keys; DynamoDB Query body ${(json.length / 1024).toFixed(0)} KiB, ${sizes.query_items} items`);
    console.log(`CPU time, best of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per side (calls/s; a corpus row is one pass over all its cases)`);
    console.log(`${"case".padEnd(46)} ${"boto3-ts".padStart(11)}  ${"botocore".padStart(10)}  ${"AWS v3".padStart(9)}  ${"vs boto".padStart(8)}  ${"vs v3".padStart(7)}`);

    const pass = <T>(cases: readonly T[], fn: (c: T) => unknown) => () => {
      for (const c of cases) fn(c);
    };
    await measure(`serialize corpus (${inputs.length} cases)`, pass(inputs, serializeCase), python, "serialize:corpus");
    for (const protocol of protocols) {
      const subset = inputs.filter((c) => c.protocol === protocol);
      if (subset.length > 0) await measure(`  serialize ${protocol} (${subset.length})`, pass(subset, serializeCase), python, `serialize:${protocol}`);
    }
    await measure(`parse corpus (${outputs.length} cases)`, pass(outputs, parseCase), python, "parse:corpus");
    for (const protocol of protocols) {
      const subset = outputs.filter((c) => c.protocol === protocol);
      if (subset.length > 0) await measure(`  parse ${protocol} (${subset.length})`, pass(subset, parseCase), python, `parse:${protocol}`);
    }

    // The two large responses: bare parsers.
    const loader = new Loader();
    const s3Model = new ServiceModel(loader.load_service_model("s3", "service-2") as RawServiceModel, "s3");
    const ddbModel = new ServiceModel(loader.load_service_model("dynamodb", "service-2") as RawServiceModel, "dynamodb");
    const xmlHeaders = { "x-amz-request-id": "R", "x-amz-id-2": "H", "content-type": "application/xml" };
    const jsonHeaders = { "x-amzn-requestid": "R", "content-type": "application/x-amz-json-1.0", "x-amz-crc32": String(crc32(json)) };
    const restXml = createParser("rest-xml");
    const jsonParser = createParser("json");
    const listShape = s3Model.operation_model("ListObjectsV2").output_shape;
    const queryShape = ddbModel.operation_model("Query").output_shape;
    const listResponse = (): ResponseDict => ({ status_code: 200, headers: xmlHeaders, body: xml, context: {} });
    const queryResponse = (): ResponseDict => ({ status_code: 200, headers: jsonHeaders, body: json, context: {} });
    if ((restXml.parse(listResponse(), listShape).Contents as unknown[]).length !== 1000) throw new Error("ListObjectsV2 parse is wrong");

    const credentials = { accessKeyId: "AKID", secretAccessKey: "secret" };
    const canned = (body: Uint8Array, headers: Record<string, string>) => ({
      handle: async () => ({ response: { statusCode: 200, reason: "OK", headers: { ...headers }, body: new Uint8Array(body) } }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    });
    const v3s3 = new S3Client({ region: "us-east-1", credentials, requestHandler: canned(xml, xmlHeaders) as never });
    const v3ddb = new DynamoDBClient({ region: "us-east-1", credentials, requestHandler: canned(json, jsonHeaders) as never });
    type V3Protocol = { deserializeResponse(op: unknown, context: unknown, response: unknown): Promise<unknown> };
    const v3Operation = (schema: readonly unknown[]) => ({ namespace: schema[1], name: schema[2], traits: schema[3], input: schema[4], output: schema[5] });
    const s3Protocol = (v3s3.config as unknown as { protocol: V3Protocol }).protocol;
    const ddbProtocol = (v3ddb.config as unknown as { protocol: V3Protocol }).protocol;
    const listOp = v3Operation(ListObjectsV2$ as unknown as unknown[]);
    const queryOp = v3Operation(Query$ as unknown as unknown[]);
    const s3Context = { ...v3s3.config };
    const ddbContext = { ...v3ddb.config };
    const v3BareList = () => s3Protocol.deserializeResponse(listOp, s3Context, { statusCode: 200, headers: { ...xmlHeaders }, body: new Uint8Array(xml) });
    const v3BareQuery = () => ddbProtocol.deserializeResponse(queryOp, ddbContext, { statusCode: 200, headers: { ...jsonHeaders }, body: new Uint8Array(json) });
    if (((await v3BareList()) as { Contents: unknown[] }).Contents.length !== 1000) throw new Error("v3 ListObjectsV2 parse is wrong");

    await measure("parse ListObjectsV2, 1,000 keys (bare)", () => restXml.parse(listResponse(), listShape), python, "bare:list", v3BareList);
    await measure("parse DynamoDB Query, 1 MiB (bare)", () => jsonParser.parse(queryResponse(), queryShape), python, "bare:query", v3BareQuery);

    // Whole calls minus the network.
    const session = new Session({ region_name: "us-east-1", aws_access_key_id: "AKID", aws_secret_access_key: "secret" });
    const s3 = session.client("s3");
    const ddb = session.client("dynamodb");
    s3.meta.events.register("before-send.s3.ListObjectsV2", () => ({ status_code: 200, headers: xmlHeaders, content: xml }));
    ddb.meta.events.register("before-send.dynamodb.Query", () => ({ status_code: 200, headers: jsonHeaders, content: json }));
    const listed = await s3.list_objects_v2({ Bucket: "bench-bucket" });
    if (listed.Contents?.length !== 1000) throw new Error("ListObjectsV2 call is wrong");
    await measure(
      "ListObjectsV2 call minus network",
      () => undefined,
      python,
      "call:list",
      () => v3s3.send(new ListObjectsV2Command({ Bucket: "bench-bucket" })),
      () => s3.list_objects_v2({ Bucket: "bench-bucket" }),
    );
    await measure(
      "DynamoDB Query call minus network",
      () => undefined,
      python,
      "call:query",
      () => v3ddb.send(new QueryCommand({ TableName: "orders" })),
      () => ddb.query({ TableName: "orders" }),
    );

    // Hot serializations.
    const getItem = ddbModel.operation_model("GetItem");
    const putObject = s3Model.operation_model("PutObject");
    const jsonSerializer = createSerializer("json");
    const xmlSerializer = createSerializer("rest-xml");
    const getParams = { TableName: "orders", Key: { pk: { S: "customer#1" }, sk: { S: "order#00000001" } }, ConsistentRead: true };
    const putParams = { Bucket: "bench-bucket", Key: "dir/file name.txt", Body: Buffer.alloc(16, "x"), ContentType: "text/plain", Metadata: { a: "b" } };
    await measure("serialize DynamoDB GetItem", () => jsonSerializer.serialize_to_request(getParams, getItem), python, "serialize:get_item");
    await measure("serialize S3 PutObject", () => xmlSerializer.serialize_to_request(putParams, putObject), python, "serialize:put_object");

    const text = xml.toString("utf8");
    let own = 0;
    let fast = 0;
    for (let i = 0; i < ROUNDS; i++) {
      own = Math.max(own, cpuRound(() => parseXml(text), ROUND_MS));
      fast = Math.max(fast, cpuRound(() => new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(text), ROUND_MS));
    }
    console.log(`XML reader alone on the ListObjectsV2 body: own ${rate(own)}/s, fast-xml-parser ${rate(fast)}/s (${(own / fast).toFixed(1)}x)`);
    v3s3.destroy();
    v3ddb.destroy();
  } finally {
    python.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
