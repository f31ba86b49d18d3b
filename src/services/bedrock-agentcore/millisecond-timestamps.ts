/**
 * Bedrock AgentCore expects timestamps with milliseconds; botocore's
 * serializer for it keeps them (`enable_millisecond_timestamp_precision`
 * at `creating-serializer`).
 */
import type { Customization } from "../customization.js";

/** Serializer option for bedrock-agentcore. */
export const millisecondTimestamps: Customization = {
  name: "enable_millisecond_timestamp_precision",
  services: ["bedrock-agentcore"],
  serializerOptions: { timestamp_precision: "millisecond" },
};
