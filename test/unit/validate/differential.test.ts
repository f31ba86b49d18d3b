/**
 * The same invalid (and some valid) parameters through botocore's
 * `validate_parameters` (one python3 process for the whole file) and through
 * ours; the reports must be identical, byte for byte.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Loader } from "../../../src/models/loader.js";
import { ServiceModel } from "../../../src/models/service-model.js";
import type { RawServiceModel } from "../../../src/models/service-model.js";
import type { Shape } from "../../../src/models/shape.js";
import { validationProblems } from "../../../src/validate/validate-parameters.js";
import { FIXTURE_MODEL, fixtureInput } from "./fixture-model.js";
import { PY_DECODE, runPythonBatch, toTagged } from "./python-values.js";

interface Case {
  title: string;
  /** "fixture", or "<service>.<Operation>" of an installed model. */
  target: string;
  params: unknown;
}

const base = { Name: "n", Count: 1, Label: "l" };
const at = (title: string, params: unknown, target = "fixture"): Case => ({ title, target, params });
const withBase = (title: string, extra: Record<string, unknown>): Case => at(title, { ...base, ...extra });
const utc = (...args: [number, number, number, number?, number?, number?, number?]): Date =>
  new Date(Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0, args[6] ?? 0));

const CASES: Case[] = [
  at("empty input: every required member", {}),
  at("top level not a dict", [1, 2]),
  at("top level null", null),
  withBase("unknown parameter", { Nope: 1 }),
  withBase("undefined counts as absent", { Nope: undefined, Flag: undefined }),
  at("required member undefined", { Name: undefined, Count: 1, Label: "l" }),
  withBase("string given an int", { Name: 1 }),
  withBase("string given null", { Name: null }),
  withBase("string too short", { Name: "" }),
  withBase("code points, not UTF-16 units", { Code: "😀😀" }),
  withBase("astral string long enough", { Code: "😀😀😀" }),
  withBase("host label implicit min", { Label: "" }),
  withBase("integer below min", { Count: 0 }),
  withBase("integer given a float", { Count: 1.5 }),
  withBase("integer given a string", { Count: "1" }),
  withBase("integer given True passes (bool is int)", { Count: true }),
  withBase("integer given False is below min", { Count: false }),
  withBase("long below min (bigint)", { Big: -1n }),
  withBase("long huge bigint passes", { Big: 12345678901234567890n }),
  withBase("long given a huge number renders as int", { Big: -(2 ** 70) }),
  withBase("double below min", { Ratio: 0.25 }),
  withBase("double given int below min", { Ratio: 0 }),
  withBase("double given string", { Ratio: "0.7" }),
  withBase("double NaN passes", { Ratio: NaN }),
  withBase("float tiny renders in Python repr", { Ratio: 1e-7 }),
  withBase("float given list", { Weight: [1.5, 2e-5, 1e22 + 0.5] }),
  withBase("boolean given string", { Flag: "true" }),
  withBase("boolean given int", { Flag: 1 }),
  withBase("timestamp garbage", { When: "not a date" }),
  withBase("timestamp dict", { When: {} }),
  withBase("timestamp out of range", { When: 1e12 }),
  withBase("timestamp valid forms", { Nested: { Id: "x", Items: [{ When: "2020-01-01T00:00:00Z" }, { When: utc(2021, 5, 6) }, { When: 0 }] } }),
  withBase("timestamp day out of range", { When: "2020-02-30" }),
  withBase("blob given int", { Data: 123 }),
  withBase("blob given list", { Data: [1, 2] }),
  withBase("blob bytes pass (no min check)", { Data: new Uint8Array([1]) }),
  withBase("blob ArrayBuffer passes", { Data: new ArrayBuffer(1) }),
  withBase("list too short", { Tags: [] }),
  withBase("list given a string", { Tags: "abc" }),
  withBase("list members with constraints", { Tags: ["", "x", 5] }),
  withBase("list fast path of plain strings", { Names: ["a", 1, null, ["x"]] }),
  withBase("list fast path of floats", { Counts: [1, 2.5, "3", true, null] }),
  withBase("map given a list", { Attrs: [] }),
  withBase("map key too short, no min check on the map", { Attrs: { "": { S: "x" } } }),
  withBase("map empty passes (no map min)", { Attrs: {} }),
  withBase("union empty", { Attrs: { k: {} } }),
  withBase("union more than one", { Attrs: { k: { S: "x", N: 1 } } }),
  withBase("union member invalid and nested list", { Attrs: { k: { L: [{ N: 0 }, {}, { S: 1 }] } } }),
  withBase("union with null counts as set", { Choice: { A: null } }),
  withBase("top-level union empty", { Choice: {} }),
  withBase("top-level union two plus unknown", { Choice: { A: "a", B: 0, Z: 1 } }),
  withBase("recursive structure paths", { Nested: { Child: { Child: { Id: 5 } } } }),
  withBase("unknown inside list of structures", { Nested: { Id: "x", Items: [{ Bad: 1 }, { Key: "" }, "s"] } }),
  withBase("document with a datetime (bare key name)", { Doc: { a: { b: utc(2020, 1, 1) } } }),
  withBase("document list with bytes", { Doc: [1, "x", new Uint8Array([104, 105]), null, { k: [true, 2.5] }] }),
  withBase("document top-level bytes", { Doc: new Uint8Array([0, 39, 255]) }),
  withBase("document scalar passes", { Doc: "just a string" }),
  withBase("jsonvalue header with datetime", { Meta: { a: [1, utc(2020, 1, 1)] } }),
  withBase("jsonvalue header with bytes", { Meta: new Uint8Array([1]) }),
  withBase("jsonvalue header with dict passes", { Meta: { a: [1, "b", null, 2.5] } }),
  withBase("value rendering: dict", { Name: { a: [1, 2.5, "x'y", null, true], "b'": { c: 'say "hi"' } } }),
  withBase("value rendering: quotes and escapes", { Name: ["it's", 'say "hi"', "both'\"", "tab\there\\", "\u0000\u007f\u0085\u00a0\u200b\u00e9\u{1f600}"] }),
  withBase("value rendering: numbers", { Name: [1e-5, 0.0001, 123456789.125, 1e16 + 2, 2 ** 64, -0.5, 1e300] }),
  withBase("value rendering: datetimes", { Name: [utc(2020, 1, 1), utc(2020, 1, 1, 0, 0, 5), utc(2020, 1, 1, 0, 0, 5, 1)] }),
  withBase("value rendering: datetime str", { Name: utc(2020, 1, 1, 0, 0, 5, 1) }),
  withBase("value rendering: bytes", { Name: new Uint8Array([0, 65, 39, 10, 200, 92]) }),
  withBase("value rendering: bytearray", { Name: new Uint8Array([120, 34]).buffer }),
  at("order: union, required, unknown, then members", { Choice: { A: "", B: 0 }, Count: -5, Extra: 1, Name: "", Zed: 2 }),
  at("dynamodb GetItem bad types", { TableName: "", Key: { id: { S: 1 }, n: { N: "1", S: "2" } }, Bogus: true }, "dynamodb.GetItem"),
  at("dynamodb PutItem missing", { Item: { a: {} } }, "dynamodb.PutItem"),
  at("s3 PutObject bad body and missing key", { Bucket: "b", Body: 5, Metadata: { k: 1 } }, "s3.PutObject"),
  at("s3 ListObjectsV2 bad max keys", { Bucket: "", MaxKeys: "10" }, "s3.ListObjectsV2"),
  at("sqs SendMessage attributes", { QueueUrl: "u", MessageBody: "b", MessageAttributes: { a: { DataType: 1 } } }, "sqs.SendMessage"),
];

const PY_SCRIPT = `
import sys, json
import botocore.session
from botocore.model import ServiceModel
from botocore.validate import validate_parameters
from botocore.exceptions import ParamValidationError
${PY_DECODE}
loader = botocore.session.get_session().get_component('data_loader')
models = {}
for line in sys.stdin:
    req = json.loads(line)
    target = req['target']
    if target == 'fixture':
        if 'fixture' not in models:
            models['fixture'] = ServiceModel(req['model'], 'fixture')
        shape = models['fixture'].operation_model('Check').input_shape
    else:
        service, op = target.split('.')
        if service not in models:
            models[service] = ServiceModel(loader.load_service_model(service, 'service-2'), service)
        shape = models[service].operation_model(op).input_shape
    try:
        validate_parameters(decode(req['params']), shape)
        print(json.dumps(None))
    except ParamValidationError as e:
        print(json.dumps(e.kwargs['report']))
    sys.stdout.flush()
`;

const services = new Map<string, ServiceModel>();
function shapeFor(target: string): Shape {
  if (target === "fixture") return fixtureInput();
  const [service, operation] = target.split(".") as [string, string];
  let model = services.get(service);
  if (model === undefined) {
    model = new ServiceModel(new Loader().load_service_model(service, "service-2") as RawServiceModel, service);
    services.set(service, model);
  }
  return model.operation_model(operation).input_shape!;
}

describe("validation reports match botocore's", () => {
  const requests = CASES.map((c) => ({
    target: c.target,
    params: toTagged(c.params),
    model: c.target === "fixture" ? FIXTURE_MODEL : undefined,
  }));
  const expected = runPythonBatch(PY_SCRIPT, requests) as (string | null)[];
  let invalid = 0;
  let same = 0;
  CASES.forEach((c, i) => {
    const want = expected[i]!;
    if (want !== null) invalid++;
    const problems = validationProblems(c.params, shapeFor(c.target));
    const got = problems.length === 0 ? null : problems.join("\n");
    if (got === want) same++;
    test(c.title, () => {
      assert.equal(got, want);
    });
  });
  test("summary", () => {
    console.log(`validation differential: ${same}/${CASES.length} identical (${invalid} invalid inputs per botocore)`);
    assert.ok(invalid >= 40, `expected at least 40 invalid inputs, got ${invalid}`);
  });
});
