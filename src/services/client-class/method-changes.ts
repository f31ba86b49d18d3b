/**
 * Changes botocore makes to some client classes:
 * - operations removed at `creating-client-class` because they need a
 *   bidirectional HTTP/2 stream botocore cannot open (boto3 users never
 *   see these methods, so neither do ours);
 * - method names kept as aliases after botocore fixed how it turns
 *   operation names into snake_case (`getattr` ClientMethodAlias).
 */
import type { Customization } from "../customization.js";

/** Lex Runtime V2's StartConversation. */
export const lexRuntimeV2Removals: Customization = {
  name: "remove_lex_v2_start_conversation",
  services: ["lexv2-runtime"],
  clientClass: { removeMethods: ["start_conversation"] },
};

/** Q Business's Chat. */
export const qbusinessRemovals: Customization = {
  name: "remove_qbusiness_chat",
  services: ["qbusiness"],
  clientClass: { removeMethods: ["chat"] },
};

/** Bedrock Runtime's InvokeModelWithBidirectionalStream. */
export const bedrockRuntimeRemovals: Customization = {
  name: "remove_bedrock_runtime_invoke_model_with_bidirectional_stream",
  services: ["bedrock-runtime"],
  clientClass: { removeMethods: ["invoke_model_with_bidirectional_stream"] },
};

/** Connect Health's StartMedicalScribeListeningSession. */
export const connectHealthRemovals: Customization = {
  name: "remove_connecthealth_start_medical_scribe_listening_session",
  services: ["connecthealth"],
  clientClass: { removeMethods: ["start_medical_scribe_listening_session"] },
};

/** Polly's StartSpeechSynthesisStream. */
export const pollyRemovals: Customization = {
  name: "remove_polly_start_speech_synthesis_stream",
  services: ["polly"],
  clientClass: { removeMethods: ["start_speech_synthesis_stream"] },
};

/** MTurk's old name for ListHITsForQualificationType. */
export const mturkAliases: Customization = {
  name: "ClientMethodAlias",
  services: ["mturk"],
  clientClass: { methodAliases: { list_hi_ts_for_qualification_type: "list_hits_for_qualification_type" } },
};

/** End User Messaging Social's old name for DeleteWhatsAppMessageMedia. */
export const socialMessagingAliases: Customization = {
  name: "ClientMethodAlias",
  services: ["socialmessaging"],
  clientClass: { methodAliases: { delete_whatsapp_media_message: "delete_whatsapp_message_media" } },
};

/** CloudWatch's old names for the OTel enrichment operations. */
export const cloudWatchAliases: Customization = {
  name: "ClientMethodAlias",
  services: ["cloudwatch"],
  clientClass: {
    methodAliases: {
      get_o_tel_enrichment: "get_otel_enrichment",
      start_o_tel_enrichment: "start_otel_enrichment",
      stop_o_tel_enrichment: "stop_otel_enrichment",
    },
  },
};
