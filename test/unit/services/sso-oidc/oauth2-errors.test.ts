/**
 * SSO OIDC's OAuth 2.0 errors get a Message from error_description
 * (botocore's _map_oauth2_errors), unit and end to end.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ResponseDict } from "../../../../src/http/types.js";
import { mapOauth2Errors } from "../../../../src/services/sso-oidc/oauth2-errors.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const BODIES = [
  '{"error": "invalid_grant", "error_description": "The grant is invalid"}',
  '{"error": "x", "error_description": "d", "Message": "kept"}',
  '{"error": "x", "error_description": "d", "message": "kept lower"}',
  '{"error": "x", "error_description": "d", "Message": "", "message": "lower"}',
  '{"error": "x", "error_description": ""}',
  '{"error": "x", "error_description": {}}',
  '{"error": "x", "error_description": ["a"]}',
  '{"error": "x"}', "[]", "not json", "", '"text"',
];
const STATUSES = [400, 399, 200, 500];

const CALLS: CallCase[] = [
  {
    service: "sso-oidc", method: "create_token", params: { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" },
    responses: [{ status_code: 400, headers: { "content-type": "application/json", "x-amzn-errortype": "InvalidGrantException" }, body: '{"error": "invalid_grant", "error_description": "Refresh token has expired"}' }],
  },
];

const botocore = runBotocore<{ unit: { status: number; body: unknown }[]; calls: CallOutcome[] }>(String.raw`
unit = []
for status in CASES["statuses"]:
    for body in CASES["bodies"]:
        rd = {"status_code": status, "body": body.encode(), "headers": {}}
        handlers._map_oauth2_errors(response_dict=rd)
        try:
            parsed_body = json.loads(rd["body"])
        except ValueError:
            parsed_body = rd["body"].decode()
        unit.append({"status": rd["status_code"], "body": parsed_body})
print(json.dumps(to_json({"unit": unit, "calls": run_calls(CASES["calls"])})))
`, { statuses: STATUSES, bodies: BODIES, calls: CALLS });

describe("sso-oidc OAuth 2.0 errors (vs botocore)", () => {
  test(`${STATUSES.length * BODIES.length} error bodies: Message filled exactly when botocore fills it`, () => {
    let i = 0;
    for (const status of STATUSES) {
      for (const text of BODIES) {
        const responseDict: ResponseDict = { status_code: status, body: new Uint8Array(Buffer.from(text)), headers: {}, context: {} };
        mapOauth2Errors({ operation_model: operationModel("sso-oidc", "CreateToken"), response_dict: responseDict, customized_response_dict: {}, event_name: "x" });
        const out = Buffer.from(responseDict.body as Uint8Array).toString();
        let body: unknown;
        try {
          body = JSON.parse(out);
        } catch {
          body = out;
        }
        assert.deepEqual({ status: responseDict.status_code, body }, botocore.unit[i], `${status} ${text}`);
        i++;
      }
    }
  });

  test("end to end: the raised error's message", async () => {
    const actual = await runCalls(CALLS);
    assert.deepEqual(comparable(actual[0]!), comparable(botocore.calls[0]!));
    assert.match(actual[0]!.error!.message, /Refresh token has expired/);
  });
});
