/**
 * Client class changes: the operations botocore removes at
 * creating-client-class are absent, and the old method names botocore
 * serves through getattr aliases call the same methods.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runBotocore } from "../support/botocore.js";
import { recordingClient } from "../support/client.js";

const REMOVED: [string, string, string][] = [
  ["lexv2-runtime", "start_conversation", "StartConversation"],
  ["qbusiness", "chat", "Chat"],
  ["bedrock-runtime", "invoke_model_with_bidirectional_stream", "InvokeModelWithBidirectionalStream"],
  ["connecthealth", "start_medical_scribe_listening_session", "StartMedicalScribeListeningSession"],
  ["polly", "start_speech_synthesis_stream", "StartSpeechSynthesisStream"],
];
const ALIASES: [string, string, string][] = [
  ["mturk", "list_hi_ts_for_qualification_type", "list_hits_for_qualification_type"],
  ["socialmessaging", "delete_whatsapp_media_message", "delete_whatsapp_message_media"],
  ["cloudwatch", "get_o_tel_enrichment", "get_otel_enrichment"],
  ["cloudwatch", "start_o_tel_enrichment", "start_otel_enrichment"],
  ["cloudwatch", "stop_o_tel_enrichment", "stop_otel_enrichment"],
];

interface Botocore {
  removed: { has: boolean; inModel: boolean; mapped: boolean }[];
  aliases: { alias: string | null; target: boolean }[];
}

const botocore = runBotocore<Botocore>(String.raw`
removed = []
for service, method, op in CASES["removed"]:
    client = _session.create_client(service, region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    removed.append({"has": hasattr(client, method), "inModel": op in client.meta.service_model.operation_names,
                    "mapped": method in client.meta.method_to_api_mapping})
aliases = []
for service, alias, target in CASES["aliases"]:
    client = _session.create_client(service, region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    fn = getattr(client, alias, None)
    aliases.append({"alias": fn.__name__ if fn is not None else None, "target": hasattr(client, target)})
print(json.dumps({"removed": removed, "aliases": aliases}))
`, { removed: REMOVED, aliases: ALIASES });

describe("client class changes (vs botocore)", () => {
  test("operations botocore removes are not methods, though the model and method mapping keep them", () => {
    REMOVED.forEach(([service, method, op], i) => {
      const { client } = recordingClient(service);
      const actual = {
        has: typeof (client as unknown as Record<string, unknown>)[method] === "function",
        inModel: client.meta.service_model.operation_names.includes(op),
        mapped: method in client.meta.method_to_api_mapping,
      };
      assert.deepEqual(actual, botocore.removed[i], `${service}.${method}`);
    });
    assert.ok(botocore.removed.every((r) => r.inModel && !r.has));
  });

  test("old method names call the renamed methods", () => {
    ALIASES.forEach(([service, alias, target], i) => {
      const { client } = recordingClient(service);
      const record = client as unknown as Record<string, { name: string } | undefined>;
      assert.deepEqual({ alias: record[alias]?.name ?? null, target: typeof record[target] === "function" }, botocore.aliases[i], `${service}.${alias}`);
      assert.equal(record[alias], record[target]);
    });
  });

  test("an alias never hides a method and other services are untouched", () => {
    const { client } = recordingClient("sqs");
    assert.equal((client as unknown as Record<string, unknown>).get_o_tel_enrichment, undefined);
  });
});
