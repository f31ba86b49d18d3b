/**
 * botocore's older response-parsing suite (tests/unit/response_parsing):
 * real service responses parsed with the installed models, timestamps kept
 * as text (`timestamp_parser=lambda x: x`), compared with the expected dict
 * including ResponseMetadata, as test_response_parsing.py does.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Loader } from "../../src/models/loader.js";
import { type OperationModel, type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import { createParser } from "../../src/protocols/index.js";
import { xformName } from "../../src/util/naming.js";
import { BOTOCORE_TESTS } from "../support/paths.js";
import { pyEqual, readJson, show } from "./protocol-support.js";

const ROOT = join(BOTOCORE_TESTS, "unit", "response_parsing");

/** botocore's SPECIAL_CASES: results that need handlers run after parsing. */
const SPECIAL_CASES: Readonly<Record<string, string>> = {
  "iam-get-user-policy.xml": "needs the JSON decode from handlers.py",
  "iam-list-roles.xml": "needs the JSON decode from handlers.py for the policy",
  "s3-get-bucket-location.xml": "needs a special handler",
  "cloudformation-get-template.xml": "needs the template body JSON-decoded",
};

const loader = new Loader();
const models = new Map<string, ServiceModel>();

function serviceModel(service: string): ServiceModel {
  let model = models.get(service);
  if (model === undefined) {
    model = new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service);
    models.set(service, model);
  }
  return model;
}

function operationFor(fileName: string): OperationModel {
  const base = fileName.replace(/\.(xml|json)$/, "");
  const dash = base.indexOf("-");
  const service = base.slice(0, dash);
  const operation = base.slice(dash + 1).split("#")[0]!.replace(/-/g, "_");
  const model = serviceModel(service);
  const name = model.operation_names.find((candidate) => xformName(candidate) === operation);
  assert.ok(name !== undefined, `no operation ${operation} in ${service}`);
  return model.operation_model(name);
}

function bytesToText(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (Array.isArray(value)) return value.map(bytesToText);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = bytesToText(item);
    return out;
  }
  return value;
}

function check(rawPath: string, fileName: string, expectedPath: string, statusCode: number): void {
  const operation = operationFor(fileName);
  let body: Uint8Array = readFileSync(rawPath);
  let headers: Record<string, string> = {};
  if (Buffer.from(body).includes("__headers__")) {
    const loaded = JSON.parse(Buffer.from(body).toString("utf8")) as Record<string, unknown>;
    headers = loaded.__headers__ as Record<string, string>;
    delete loaded.__headers__;
    body = Buffer.from(JSON.stringify(loaded), "utf8");
  }
  const parser = createParser(operation.service_model.resolved_protocol, { timestamp_parser: (value) => value });
  const parsed = bytesToText(parser.parse({ status_code: statusCode, headers, body, context: {} }, operation.output_shape));
  const expected = readJson(expectedPath) as { ResponseMetadata: Record<string, unknown> };
  expected.ResponseMetadata.HTTPStatusCode = statusCode;
  expected.ResponseMetadata.HTTPHeaders = headers;
  assert.ok(pyEqual(parsed, expected), `Dicts are not equal:\n${show(parsed)} !=\n${show(expected)}`);
}

for (const kind of ["responses", "errors"] as const) {
  const dir = join(ROOT, "xml", kind);
  describe(`response_parsing/xml/${kind}`, () => {
    let passed = 0;
    let skipped = 0;
    after(() => console.log(`response_parsing/xml/${kind}: ${passed} passed, ${skipped} skipped`));
    for (const fileName of readdirSync(dir).filter((name) => name.endsWith(".xml")).sort()) {
      const reason = SPECIAL_CASES[fileName];
      if (reason !== undefined) {
        skipped++;
        test(fileName, { skip: `botocore skips it: ${reason}` }, () => {});
        continue;
      }
      test(fileName, () => {
        check(join(dir, fileName), fileName, join(dir, fileName.replace(/\.xml$/, ".json")), kind === "errors" ? 400 : 200);
        passed++;
      });
    }
  });
}

describe("response_parsing/json/errors", () => {
  let passed = 0;
  after(() => console.log(`response_parsing/json/errors: ${passed} passed`));
  for (const fileName of readdirSync(join(ROOT, "json", "errors")).sort()) {
    test(fileName, () => {
      check(join(ROOT, "json", "errors", fileName), fileName, join(ROOT, "json", "expected", fileName), 400);
      passed++;
    });
  }
});
