/**
 * Differential test against the installed botocore: every operation of a
 * set of real services, with parameters generated from its input shape,
 * serialized by botocore (one python3 process for the whole batch) and by
 * this package. Method, path, query, headers, host prefix and body must
 * agree (JSON bodies as JSON, since botocore writes `", "` separators).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { Loader } from "../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import { createSerializer } from "../../src/protocols/index.js";
import { percentEncodeSequence } from "../../src/util/uri.js";
import { pyEqual } from "./protocol-support.js";
import { sample } from "./protocol-samples.js";

/** Services per protocol; a service listing several protocols is run with each it names here. */
const SERVICES: Readonly<Record<string, readonly string[]>> = {
  query: ["sts", "sns", "iam", "cloudformation", "elasticache", "rds", "autoscaling", "elb", "ses", "redshift", "cloudwatch"],
  ec2: ["ec2"],
  json: ["dynamodb", "kinesis", "logs", "kms", "ssm", "sqs", "secretsmanager", "cloudwatch"],
  "rest-json": ["lambda", "apigateway", "glacier", "iot", "efs", "eks", "bedrock-runtime"],
  "rest-xml": ["s3", "route53", "cloudfront", "s3control"],
  "smithy-rpc-v2-cbor": ["cloudwatch", "arc-region-switch", "gamelift", "snowball"],
};

interface Case {
  service: string;
  protocol: string;
  operation: string;
  params: Record<string, unknown>;
}

interface WireRequest {
  error?: string;
  method?: string;
  url_path?: string;
  query?: string;
  headers?: Record<string, string>;
  host_prefix?: string | null;
  body?: string;
  body_b64?: string;
}

const PYTHON = String.raw`
import base64, json, sys
from urllib.parse import urlencode
import botocore.session, botocore.serialize
from botocore.utils import percent_encode_sequence
session = botocore.session.get_session()
models = {}
out = []
for case in json.load(sys.stdin):
    try:
        model = models.get(case['service'])
        if model is None:
            model = models[case['service']] = session.get_service_model(case['service'])
        op = model.operation_model(case['operation'])
        serializer = botocore.serialize.create_serializer(case['protocol'], include_validation=False)
        r = serializer.serialize_to_request(case['params'], op)
        body = r['body']
        if isinstance(body, dict):
            pairs = [(k.encode() if isinstance(k, str) else k, v.encode() if isinstance(v, str) else v) for k, v in body.items()]
            body = urlencode(pairs, doseq=True).encode()
        elif isinstance(body, str):
            body = body.encode()
        res = {'method': r['method'], 'url_path': r['url_path'], 'query': percent_encode_sequence(r['query_string']) if r['query_string'] else '',
               'headers': {k: str(v) for k, v in r['headers'].items()}, 'host_prefix': r.get('host_prefix')}
        if case['protocol'] == 'smithy-rpc-v2-cbor':
            res['body_b64'] = base64.b64encode(body).decode()
        else:
            res['body'] = body.decode('utf-8')
        out.append(res)
    except Exception as e:
        out.append({'error': type(e).__name__ + ': ' + str(e)})
json.dump(out, sys.stdout)
`;

function buildCases(): { cases: Case[]; models: Map<string, ServiceModel> } {
  const loader = new Loader();
  const models = new Map<string, ServiceModel>();
  const cases: Case[] = [];
  for (const [protocol, services] of Object.entries(SERVICES)) {
    for (const service of services) {
      let model = models.get(service);
      if (model === undefined) {
        model = new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service);
        models.set(service, model);
      }
      for (const operation of model.operation_names) {
        const op = model.operation_model(operation);
        if (op.has_event_stream_input) continue;
        const input = op.input_shape;
        const params = input === undefined ? {} : (sample(input, 0, 0) as Record<string, unknown>);
        cases.push({ service, protocol, operation, params });
      }
    }
  }
  return { cases, models };
}

function runBotocore(cases: readonly Case[]): WireRequest[] {
  const result = spawnSync("python3", ["-c", PYTHON], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as WireRequest[];
}

function bodyText(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  return String(body);
}

describe("serializers match botocore on real service models", () => {
  const { cases, models } = buildCases();
  const expected = runBotocore(cases);
  const byProtocol = new Map<string, { passed: number; total: number }>();

  for (const [index, testCase] of cases.entries()) {
    const wanted = expected[index]!;
    if (wanted.error !== undefined) {
      test(`${testCase.protocol} ${testCase.service}.${testCase.operation}`, { skip: `botocore itself fails: ${wanted.error}` }, () => {});
      continue;
    }
    test(`${testCase.protocol} ${testCase.service}.${testCase.operation}`, () => {
      const counts = byProtocol.get(testCase.protocol) ?? { passed: 0, total: 0 };
      byProtocol.set(testCase.protocol, counts);
      counts.total++;
      const operation = models.get(testCase.service)!.operation_model(testCase.operation);
      const request = createSerializer(testCase.protocol).serialize_to_request(structuredClone(testCase.params), operation);
      assert.equal(request.method, wanted.method, "method");
      assert.equal(request.url_path, wanted.url_path, "url_path");
      assert.equal(percentEncodeSequence(request.query_string), wanted.query, "query string");
      assert.deepEqual(request.headers, wanted.headers, "headers");
      assert.equal(request.host_prefix ?? null, wanted.host_prefix ?? null, "host prefix");
      if (testCase.protocol === "smithy-rpc-v2-cbor") {
        assert.equal(Buffer.from(request.body as Uint8Array).toString("base64"), wanted.body_b64, "body");
      } else if ((testCase.protocol === "json" || testCase.protocol === "rest-json") && wanted.body!.startsWith("{")) {
        const ours = bodyText(request.body);
        assert.ok(pyEqual(JSON.parse(ours), JSON.parse(wanted.body!)), `body\n${ours}\n!=\n${wanted.body}`);
      } else {
        assert.equal(bodyText(request.body), wanted.body, "body");
      }
      counts.passed++;
    });
  }

  test("summary", () => {
    for (const [protocol, counts] of byProtocol) console.log(`parity ${protocol}: ${counts.passed}/${counts.total} operations identical to botocore`);
    assert.ok(byProtocol.size === Object.keys(SERVICES).length);
  });
});
