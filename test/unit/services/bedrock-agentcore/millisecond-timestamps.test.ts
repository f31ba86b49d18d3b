/**
 * Bedrock AgentCore's serializer keeps milliseconds (botocore's
 * enable_millisecond_timestamp_precision at creating-serializer): the
 * registry hands the option to whoever builds the serializer.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { serializerOptionsFor } from "../../../../src/services/index.js";
import { runBotocore } from "../support/botocore.js";

const botocore = runBotocore<Record<string, unknown>>(String.raw`
out = {}
for service in CASES:
    kwargs = {}
    _session.get_component("event_emitter").emit("creating-serializer." + service, protocol_name="rest-json",
        service_model=service_model(service), serializer_kwargs=kwargs)
    out[service] = kwargs
print(json.dumps(out))
`, ["bedrock-agentcore", "s3", "dynamodb"]);

describe("serializer options (vs botocore)", () => {
  test("millisecond timestamps for bedrock-agentcore only", () => {
    assert.deepEqual(botocore["bedrock-agentcore"], { timestamp_precision: "millisecond" });
    assert.deepEqual(serializerOptionsFor("bedrock-agentcore"), botocore["bedrock-agentcore"]);
    assert.deepEqual(serializerOptionsFor("s3"), botocore.s3);
    assert.deepEqual(serializerOptionsFor("dynamodb"), botocore.dynamodb);
  });
});
