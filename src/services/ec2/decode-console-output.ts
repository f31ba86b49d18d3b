/**
 * EC2 returns console output base64-encoded; botocore decodes it to text,
 * replacing bytes that are not UTF-8, and leaves output it cannot decode
 * untouched (`decode_console_output`).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { pyB64Decode } from "../common/python-base64.js";

const UTF8_REPLACE = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Python's `bytes(text, "latin-1")`; undefined when a character is outside Latin-1. */
function latin1Bytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return undefined;
    bytes[i] = code;
  }
  return bytes;
}

/** Replaces `Output` with its decoded text. */
export function decodeConsoleOutput({ parsed }: HandlerKwargs<"after-call">): void {
  const output = parsed.Output;
  if (typeof output !== "string") return;
  const bytes = latin1Bytes(output);
  if (bytes === undefined) return;
  try {
    parsed.Output = UTF8_REPLACE.decode(pyB64Decode(bytes));
  } catch {
    // Not base64 (bad padding): botocore keeps the text as received.
  }
}
