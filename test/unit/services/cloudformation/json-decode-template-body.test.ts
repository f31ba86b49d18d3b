/**
 * GetTemplate: a JSON template comes back as an object, in its key order,
 * and YAML stays text, as botocore's json_decode_template_body does.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { jsonDecodeTemplateBody } from "../../../../src/services/cloudformation/json-decode-template-body.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const BODIES = [
  '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}, "A": {"Type": "AWS::SNS::Topic"}}}',
  "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
  "[]", '"text"', "12", "", "{broken", ' {"spaces": [1, 2.5, true, null]} ', '{"a": "\\u00e9"}',
];

const CALLS: CallCase[] = [
  {
    service: "cloudformation", method: "get_template", params: { StackName: "s" },
    responses: [{ body: `<GetTemplateResponse><GetTemplateResult><TemplateBody>${BODIES[0]!.replace(/"/g, "&quot;")}</TemplateBody><StagesAvailable><member>Original</member></StagesAvailable></GetTemplateResult></GetTemplateResponse>` }],
  },
];

const botocore = runBotocore<{ unit: Record<string, unknown>[]; keys: string[]; calls: CallOutcome[] }>(String.raw`
unit = []
for body in CASES["bodies"]:
    parsed = {"TemplateBody": body}
    handlers.json_decode_template_body(parsed=parsed)
    unit.append(parsed)
print(json.dumps(to_json({"unit": unit, "keys": list(unit[0]["TemplateBody"]["Resources"]), "calls": run_calls(CASES["calls"])})))
`, { bodies: BODIES, calls: CALLS });

describe("cloudformation GetTemplate (vs botocore)", () => {
  test("template bodies decode exactly when botocore decodes them, keys in order", () => {
    BODIES.forEach((body, i) => {
      const parsed: Record<string, unknown> = { TemplateBody: body };
      jsonDecodeTemplateBody({ parsed, model: operationModel("cloudformation", "GetTemplate"), http_response: undefined as never, context: {}, event_name: "x" });
      assert.deepEqual(parsed, botocore.unit[i], body);
    });
    const parsed: Record<string, unknown> = { TemplateBody: BODIES[0] };
    jsonDecodeTemplateBody({ parsed, model: operationModel("cloudformation", "GetTemplate"), http_response: undefined as never, context: {}, event_name: "x" });
    assert.deepEqual(Object.keys((parsed.TemplateBody as { Resources: object }).Resources), botocore.keys);
  });

  test("end to end: get_template", async () => {
    const actual = await runCalls(CALLS);
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[0]!));
  });
});
