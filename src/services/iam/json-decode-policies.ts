/**
 * IAM returns policy documents URL-encoded JSON text. botocore decodes
 * every member of the `policyDocumentType` shape into an object, wherever
 * it sits in the output (`json_decode_policies`); text that does not decode
 * is left as it came.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import type { Shape } from "../../models/shape.js";
import { pyUnquote } from "../common/python-quote.js";

const POLICY_SHAPE = "policyDocumentType";

/** botocore's `decode_quoted_jsondoc`: `json.loads(unquote(value))`, or the value unchanged. */
export function decodeQuotedJsonDoc(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(pyUnquote(value)) as unknown;
  } catch {
    return value;
  }
}

function decodePolicies(parsed: unknown, shape: Shape): void {
  if (shape.type_name === "structure" && typeof parsed === "object" && parsed !== null) {
    const out = parsed as Record<string, unknown>;
    const members = shape.members;
    for (const name in members) {
      if (!(name in out)) continue;
      const member = members[name]!;
      if (member.type_name === "string" && member.name === POLICY_SHAPE) out[name] = decodeQuotedJsonDoc(out[name]);
      else decodePolicies(out[name], member);
    }
  } else if (shape.type_name === "list" && Array.isArray(parsed)) {
    for (const item of parsed) decodePolicies(item, shape.member);
  }
}

/** Decodes the policy documents in an IAM result. */
export function jsonDecodePolicies({ parsed, model }: HandlerKwargs<"after-call">): void {
  const output = model.output_shape;
  if (output !== undefined) decodePolicies(parsed, output);
}
