/**
 * XML parsers normalize line breaks in text, so a key or lifecycle prefix
 * holding `\r` or `\n` would reach S3 changed. The only line breaks in
 * these documents come from user values, so botocore escapes every one as
 * a character reference (`escape_xml_payload`), before checksums are computed.
 */
import type { HandlerKwargs } from "../../events/event-names.js";

const CR = 13;
const LF = 10;
const CR_REF = Buffer.from("&#xD;");
const LF_REF = Buffer.from("&#xA;");

function escapeBytes(body: Uint8Array): Uint8Array {
  if (!body.includes(CR) && !body.includes(LF)) return body;
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte !== CR && byte !== LF) continue;
    parts.push(body.subarray(start, i), byte === CR ? CR_REF : LF_REF);
    start = i + 1;
  }
  parts.push(body.subarray(start));
  return Buffer.concat(parts);
}

/** Replaces `\r` and `\n` in the serialized XML body with `&#xD;` and `&#xA;`. */
export function escapeXmlPayload({ params }: HandlerKwargs<"before-call">): void {
  const body = params.body;
  if (typeof body === "string") params.body = body.replace(/\r/g, "&#xD;").replace(/\n/g, "&#xA;");
  else if (body instanceof Uint8Array) params.body = escapeBytes(body);
}
