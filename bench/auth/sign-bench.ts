/**
 * SigV4 signing cost: a typical DynamoDB GetItem request signed N times
 * (default 100,000) by signV4, and the same request by botocore's
 * SigV4Auth.add_auth in python3, in one run. Prints µs/op and the ratio.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/auth/sign-bench.js [iterations]
 *
 * Each TS iteration signs a fresh copy of the headers (as the pipeline does
 * per attempt); both sides read the clock per signature, as in real use.
 */
import { spawnSync } from "node:child_process";
import { signV4 } from "../../src/auth/sigv4.js";

const iterations = Number(process.argv[2] ?? 100_000);
const URL = "https://dynamodb.us-east-1.amazonaws.com/";
const BODY = '{"TableName":"users","Key":{"id":{"S":"user-0001"}},"ConsistentRead":true}';
const HEADERS: Readonly<Record<string, string>> = {
  "X-Amz-Target": "DynamoDB_20120810.GetItem",
  "Content-Type": "application/x-amz-json-1.0",
  "User-Agent": "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux lang/python#3.11.7",
  "Content-Length": String(Buffer.byteLength(BODY)),
};
const CREDENTIALS = {
  access_key: "AKIDEXAMPLE",
  secret_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  token: "FwoGZXIvYXdzEJr//////////wEaDHexampletokenexampletoken",
};
const OPTIONS = { signingName: "dynamodb", region: "us-east-1" } as const;

function signOnce(): string {
  const request = { method: "POST", url: URL, headers: { ...HEADERS }, body: BODY, context: {} };
  signV4(request, CREDENTIALS, OPTIONS);
  return request.headers.Authorization!;
}

function benchTs(): number {
  for (let i = 0; i < Math.min(iterations, 10_000); i++) signOnce(); // warm-up: JIT and key cache
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) signOnce();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const PY_BENCH = `
import sys, time, json
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
n = int(sys.argv[1])
cfg = json.loads(sys.stdin.read())
creds = Credentials(cfg['access_key'], cfg['secret_key'], cfg['token'])
auth = SigV4Auth(creds, 'dynamodb', 'us-east-1')
def once():
    req = AWSRequest(method='POST', url=cfg['url'], data=cfg['body'].encode(), headers=dict(cfg['headers']))
    auth.add_auth(req)
for _ in range(min(n, 2000)):
    once()
start = time.perf_counter()
for _ in range(n):
    once()
print((time.perf_counter() - start) * 1e6 / n)
`;

function benchBotocore(): number {
  const result = spawnSync("python3", ["-c", PY_BENCH, String(iterations)], {
    input: JSON.stringify({ ...CREDENTIALS, url: URL, body: BODY, headers: HEADERS }),
    encoding: "utf8",
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const ts = benchTs();
console.log(`boto3-ts signV4:           ${ts.toFixed(2)} µs/op (${iterations} signatures)`);
const py = benchBotocore();
console.log(`botocore SigV4Auth.add_auth: ${py.toFixed(2)} µs/op (${iterations} signatures)`);
console.log(`ratio: boto3-ts is ${(py / ts).toFixed(1)}x faster (${(ts / py).toFixed(3)} of botocore's time)`);
