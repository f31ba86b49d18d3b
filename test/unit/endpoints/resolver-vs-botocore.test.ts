/**
 * The per-client resolver against real botocore clients (one python3 run):
 * builtins computed from client configuration, then for each call the URL,
 * headers, properties, chosen signer and signing context, or the exact
 * exception class and message (botocore's `_resolve_endpoint_ruleset`).
 *
 * botocore's s3 client also runs a before-endpoint-resolution handler
 * (handlers.py customize_endpoint_resolver_builtins); that belongs to the s3
 * customization, so this test applies the same rule itself (`s3Builtins`).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EndpointResolutionError } from "../../../src/exceptions.js";
import {
  type Builtins,
  type PartitionsData,
  type S3Config,
  createEndpointResolver,
  loadEndpointRuleset,
  normalizeFipsRegion,
} from "../../../src/endpoints/index.js";
import { Loader } from "../../../src/models/loader.js";
import { type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import { runPython } from "./python.js";

interface ClientSpec {
  service: string;
  region?: string | null;
  endpoint_url?: string;
  is_secure?: boolean;
  s3?: S3Config;
  use_fips_endpoint?: boolean;
  use_dualstack_endpoint?: boolean;
  signature_version?: string;
  unsigned?: boolean;
  account_id?: string;
  account_id_endpoint_mode?: string;
  env?: Record<string, string>;
  calls: [string, Record<string, unknown>][];
}

const ACCOUNT = "123456789012";
const AP_ARN = `arn:aws:s3:us-west-2:${ACCOUNT}:accesspoint:myendpoint`;
const CLIENTS: ClientSpec[] = [
  { service: "s3", region: "us-west-2", calls: [
    ["GetObject", { Bucket: "mybucket", Key: "k" }], ["GetObject", { Bucket: "mybucket", Key: "other/key" }],
    ["ListBuckets", {}], ["GetObject", { Bucket: "my.bucket", Key: "k" }], ["GetObject", { Bucket: "My_Bucket", Key: "k" }],
    ["GetObject", { Bucket: AP_ARN, Key: "k" }], ["GetObject", { Bucket: `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/x`, Key: "k" }],
    ["GetBucketLocation", { Bucket: "mybucket" }], ["CreateBucket", { Bucket: "mybucket" }],
    ["DeleteObjects", { Bucket: "mybucket", Delete: { Objects: [{ Key: "a" }, { Key: "b" }] } }],
    ["GetObject", { Bucket: "mybucket--usw2-az1--x-s3", Key: "k" }], ["CreateSession", { Bucket: "mybucket--usw2-az1--x-s3" }],
    ["GetObject", { Bucket: `arn:aws:s3:us-west-2:${ACCOUNT}:bucket_name:mybucket`, Key: "k" }],
    ["GetObject", { Bucket: `arn:aws:s3-outposts:us-west-2:${ACCOUNT}:outpost:op-01234567890123456:accesspoint:ap`, Key: "k" }],
    ["GetObject", { Bucket: `arn:aws:s3:us-we$t-2:${ACCOUNT}:accesspoint:myendpoint`, Key: "k" }],
    ["WriteGetObjectResponse", { RequestRoute: "route", RequestToken: "t" }],
  ] },
  { service: "s3", region: "us-east-1", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }], ["ListBuckets", {}], ["CreateBucket", { Bucket: "b" }]] },
  { service: "s3", region: null, calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-east-1", s3: { us_east_1_regional_endpoint: "regional" }, calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "eu-west-1", s3: { addressing_style: "path", use_arn_region: false }, calls: [
    ["GetObject", { Bucket: "mybucket", Key: "k" }], ["GetObject", { Bucket: AP_ARN, Key: "k" }],
  ] },
  { service: "s3", region: "us-west-2", s3: { use_accelerate_endpoint: true }, calls: [
    ["GetObject", { Bucket: "mybucket", Key: "k" }],
    ["GetObject", { Bucket: `arn:aws:s3-object-lambda:us-west-2:${ACCOUNT}:accesspoint/mybanner`, Key: "k" }],
  ] },
  { service: "s3", region: "us-west-2", use_fips_endpoint: true, s3: { use_accelerate_endpoint: true }, calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-west-2", s3: { use_dualstack_endpoint: true }, calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-east-1", endpoint_url: "http://localhost:5000", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }], ["ListBuckets", {}]] },
  { service: "s3", region: "us-east-1", endpoint_url: "https://s3-accelerate.amazonaws.com", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-west-2", signature_version: "s3v4", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-west-2", signature_version: "s3", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "us-west-2", unsigned: true, calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3", region: "fips-us-gov-west-1", calls: [["GetObject", { Bucket: "mybucket", Key: "k" }]] },
  { service: "s3control", region: "us-west-2", calls: [
    ["GetAccessPoint", { AccountId: ACCOUNT, Name: "ap" }],
    ["GetAccessPoint", { AccountId: ACCOUNT, Name: `arn:aws:s3-outposts:us-west-2:${ACCOUNT}:outpost:op-01234567890123456:accesspoint:ap` }],
    ["GetAccessPoint", { AccountId: ACCOUNT, Name: `arn:aws:s3-outposts:us-east-1:${ACCOUNT}:outpost:op-01234567890123456:accesspoint:ap` }],
    ["GetBucket", { AccountId: ACCOUNT, Bucket: `arn:aws:s3-outposts:us-east-1:${ACCOUNT}:outpost:op-01234567890123456:bucket:b` }],
    ["GetBucket", { AccountId: ACCOUNT, Bucket: `arn:aws:s3-outposts:us-west-2:${ACCOUNT}:outpost:op-01234567890123456:bucket:b` }],
    ["GetBucket", { AccountId: ACCOUNT, Bucket: `arn:aws:s3-outposts:us-w$st-2:${ACCOUNT}:outpost:op-01234567890123456:bucket:b` }],
    ["ListRegionalBuckets", { AccountId: ACCOUNT }],
  ] },
  { service: "s3control", region: "us-west-2", s3: { use_arn_region: true }, calls: [
    ["GetAccessPoint", { AccountId: ACCOUNT, Name: `arn:aws:s3-outposts:us-east-1:${ACCOUNT}:outpost:op-01234567890123456:accesspoint:ap` }],
  ] },
  { service: "sts", region: "us-east-1", calls: [["GetCallerIdentity", {}]] },
  { service: "sts", region: null, calls: [["GetCallerIdentity", {}]] },
  { service: "sts", region: "us-west-2", env: { AWS_STS_REGIONAL_ENDPOINTS: "legacy" }, calls: [["GetCallerIdentity", {}]] },
  { service: "sts", region: "ap-east-1", env: { AWS_STS_REGIONAL_ENDPOINTS: "legacy" }, calls: [["GetCallerIdentity", {}]] },
  { service: "sts", region: "fips-us-east-1", calls: [["GetCallerIdentity", {}]] },
  { service: "dynamodb", region: "us-east-1", calls: [["GetItem", { TableName: "t", Key: {} }], ["ListTables", {}]] },
  { service: "dynamodb", region: "us-east-1", account_id: ACCOUNT, calls: [["GetItem", { TableName: "t", Key: {} }], ["ListTables", {}]] },
  { service: "dynamodb", region: "us-east-1", account_id: ACCOUNT, account_id_endpoint_mode: "disabled", calls: [["GetItem", { TableName: "t", Key: {} }]] },
  { service: "dynamodb", region: "us-east-1", account_id_endpoint_mode: "required", calls: [["GetItem", { TableName: "t", Key: {} }]] },
  { service: "dynamodb", region: "us-east-1", calls: [["GetItem", { TableName: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, Key: {} }]] },
  { service: "dynamodb", region: "fips-us-east-1", calls: [["ListTables", {}]] },
  { service: "dynamodb", region: "us-west-2", is_secure: false, calls: [["ListTables", {}]] },
  { service: "dynamodb", region: "us-west-2", is_secure: false, endpoint_url: "https://localhost:8000", calls: [["ListTables", {}]] },
  { service: "dynamodb", region: "cn-north-1", use_dualstack_endpoint: true, calls: [["ListTables", {}]] },
  { service: "events", region: "us-east-1", calls: [["PutEvents", { Entries: [], EndpointId: "abc.123" }], ["PutEvents", { Entries: [], EndpointId: "bad_id" }]] },
  { service: "events", region: "us-east-1", use_fips_endpoint: true, calls: [["PutEvents", { Entries: [], EndpointId: "abc.123" }]] },
  { service: "iam", region: null, calls: [["ListUsers", {}]] },
  { service: "iam", region: "us-west-2", calls: [["ListUsers", {}]] },
  { service: "route53", region: null, calls: [["ListHostedZones", {}]] },
  { service: "ec2", region: "us-gov-west-1", use_fips_endpoint: true, calls: [["DescribeInstances", {}]] },
  { service: "lambda", region: "eu-central-1", use_dualstack_endpoint: true, calls: [["ListFunctions", {}]] },
];

const PYTHON = String.raw`
import json, os, sys
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
import botocore.regions
FEATURES = []
botocore.regions.register_feature_id = FEATURES.append
specs = json.load(sys.stdin)
out = []
def outcome(client, op, params):
    model = client.meta.service_model.operation_model(op)
    ctx = {"client_config": client.meta.config}
    FEATURES.clear()
    try:
        url, headers, props = client._resolve_endpoint_ruleset(model, params, ctx)
        return {"url": url, "headers": headers, "properties": props, "auth_type": ctx.get("auth_type", "<unset>"), "signing": ctx.get("signing"), "feature_ids": list(FEATURES)}
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}
for spec in specs:
    saved = dict(os.environ)
    os.environ.update(spec.get("env", {}))
    try:
        session = botocore.session.get_session()
        kwargs = {}
        if spec.get("s3") is not None: kwargs["s3"] = spec["s3"]
        for key in ("use_fips_endpoint", "use_dualstack_endpoint", "account_id_endpoint_mode"):
            if spec.get(key) is not None: kwargs[key] = spec[key]
        if spec.get("signature_version"): kwargs["signature_version"] = spec["signature_version"]
        if spec.get("unsigned"): kwargs["signature_version"] = UNSIGNED
        client = session.create_client(spec["service"], region_name=spec.get("region"), endpoint_url=spec.get("endpoint_url"),
            use_ssl=spec.get("is_secure", True), aws_access_key_id="AKID", aws_secret_access_key="SECRET",
            aws_account_id=spec.get("account_id"), config=Config(**kwargs))
        builtins = {k.value if hasattr(k, "value") else k: (None if callable(v) else v) for k, v in client._ruleset_resolver._builtins.items()}
        out.append({"endpoint_region_name": client.meta.region_name, "builtins": builtins,
                    "calls": [outcome(client, op, params) for op, params in spec["calls"]]})
    except Exception as e:
        out.append({"error": type(e).__name__, "message": str(e)})
    finally:
        os.environ.clear(); os.environ.update(saved)
print(json.dumps(out))
`;

interface PyClient {
  endpoint_region_name: string | null;
  builtins: Record<string, unknown>;
  calls: Record<string, unknown>[];
}

const VALID_HOST_LABEL = /^(?!-)[a-zA-Z\d-]{1,63}(?<!-)$/;

/** botocore handlers.py customize_endpoint_resolver_builtins (s3 only), applied to a copy. */
function s3Builtins(builtins: Readonly<Builtins>, op: string, params: Record<string, unknown>): Builtins {
  const out = { ...builtins };
  const bucket = params.Bucket as string | undefined;
  const isArn = typeof bucket === "string" && bucket.startsWith("arn:") && bucket.split(":").length >= 6;
  if (op === "GetBucketLocation") out["AWS::S3::ForcePathStyle"] = true;
  else if (isArn) out["AWS::S3::ForcePathStyle"] = false;
  return out;
}

describe("client endpoint resolver vs botocore clients", () => {
  const loader = new Loader();
  const env = { ...process.env };
  const expected = runPython<(PyClient | { error: string })[]>(PYTHON, CLIENTS);
  process.env = env;

  test("the cases reach botocore's translated exceptions", () => {
    const seen = new Set<string>();
    for (const client of expected) if (!("error" in client)) for (const call of client.calls) if (call.error) seen.add(call.error as string);
    console.log(`exception classes compared: ${[...seen].sort().join(", ")}`);
    for (const cls of ["InvalidHostLabelError", "UnsupportedS3AccesspointConfigurationError", "UnsupportedS3ConfigurationError", "UnsupportedS3ControlConfigurationError", "InvalidEndpointConfigurationError"]) {
      assert.ok(seen.has(cls), cls);
    }
  });

  CLIENTS.forEach((spec, i) => {
    test(`${spec.service} ${JSON.stringify({ ...spec, calls: undefined, service: undefined })}`, () => {
      const want = expected[i]!;
      assert.ok(!("error" in want), `botocore could not create the client: ${JSON.stringify(want)}`);
      const model = new ServiceModel(loader.load_service_model(spec.service, "service-2") as RawServiceModel, spec.service);
      const { ruleset, partitions } = loadEndpointRuleset(loader, spec.service)!;
      const fips = normalizeFipsRegion(spec.region ?? null);
      const resolver = createEndpointResolver({
        service_model: model,
        ruleset,
        partitions: partitions as PartitionsData,
        region_name: fips.region_name,
        endpoint_region_name: want.endpoint_region_name,
        endpoint_url: spec.endpoint_url ?? null,
        is_secure: spec.is_secure,
        s3: spec.s3 ?? null,
        use_fips_endpoint: spec.use_fips_endpoint ?? (fips.use_fips_endpoint || null),
        use_dualstack_endpoint: (spec.service.startsWith("s3") ? spec.s3?.use_dualstack_endpoint : undefined) ?? spec.use_dualstack_endpoint ?? null,
        sts_regional_endpoints: spec.env?.AWS_STS_REGIONAL_ENDPOINTS ?? null,
        account_id: spec.account_id ? () => spec.account_id : null,
        // botocore's config computation turns account-id routing off for unsigned clients.
        account_id_endpoint_mode: spec.unsigned ? "disabled" : (spec.account_id_endpoint_mode ?? "preferred"),
        s3_disable_express_session_auth: false,
        signature_version: spec.signature_version ?? null,
        unsigned: spec.unsigned,
      });
      const ours: Record<string, unknown> = { ...resolver.builtins };
      if (typeof ours["AWS::Auth::AccountId"] === "function") ours["AWS::Auth::AccountId"] = null;
      assert.deepStrictEqual(ours, want.builtins);

      spec.calls.forEach(([op, params], j) => {
        const builtins = spec.service === "s3" ? s3Builtins(resolver.builtins, op, params) : resolver.builtins;
        let got: Record<string, unknown>;
        try {
          const r = resolver.construct_endpoint(model.operation_model(op), params, builtins);
          got = {
            url: r.url, headers: r.headers, properties: r.properties, auth_type: r.auth ? r.auth.auth_type : "<unset>",
            signing: r.auth ? r.auth.signing : null, feature_ids: r.feature_ids,
          };
        } catch (err) {
          const e = err as Error;
          got = { error: err instanceof EndpointResolutionError ? "EndpointResolutionError" : e.name, message: e.message };
        }
        const w = want.calls[j]!;
        const schemes = (w.properties as { authSchemes?: { name: string }[] } | undefined)?.authSchemes;
        // Installed botocore has no CRT, so it cannot pick SigV4a; this SDK can.
        if (schemes?.[0]?.name === "sigv4a" || w.error === "MissingDependencyException") {
          assert.equal(got.auth_type, "v4a", `${op}: sigv4a chosen`);
          if (w.url !== undefined) assert.equal(got.url, w.url);
          return;
        }
        assert.deepStrictEqual(JSON.parse(JSON.stringify(got)), w, `${op} ${JSON.stringify(params)}`);
      });
    });
  });
});
