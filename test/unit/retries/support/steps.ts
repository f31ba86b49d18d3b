/** Shorthands for writing retry scenarios as tables. */
import { crc32 } from "node:zlib";
import type { ResponseSpec, Step } from "./differential.js";

/** What one attempt ends with: a response, or a thrown transport error. */
export type Outcome = ResponseSpec | { error: string };

/** A response with a status, an optional error code and extras. */
export function r(status: number, code?: string | null, extra: Partial<ResponseSpec> = {}): ResponseSpec {
  return { status, code: code ?? null, ...extra };
}

/** A thrown transport error, by botocore class name. */
export function e(name: string): Outcome {
  return { error: name };
}

/** A DynamoDB-style body with an `x-amz-crc32` header that matches it, or not. */
export function crcBody(text: string, valid: boolean): Partial<ResponseSpec> {
  const body = Buffer.from(text);
  const sum = crc32(body) >>> 0;
  return { headers: { "x-amz-crc32": String(valid ? sum : (sum + 1) >>> 0) }, body_b64: body.toString("base64") };
}

/** Consecutive attempts (1, 2, ...) of one call, one per outcome. */
export function attempts(op: string, outcomes: readonly Outcome[], call = "c1", first = 1): Step[] {
  return outcomes.map((outcome, i) => {
    const step: Step = { op, attempt: first + i, call };
    if ("error" in outcome) step.error = outcome.error;
    else step.response = outcome;
    return step;
  });
}

/** `n` copies of an outcome. */
export function times(n: number, outcome: Outcome): Outcome[] {
  return Array.from({ length: n }, () => outcome);
}
