/**
 * Inside AWS Lambda, pass the function's X-Ray trace id on every request
 * (botocore's `add_recursion_detection_header`), so Lambda can detect a
 * function that invokes itself in a loop. A header the request already
 * has is kept.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { pyQuote } from "../common/python-quote.js";

// Characters X-Ray trace ids use that botocore leaves unescaped.
const TRACE_ID_SAFE = "-=;:+&[]{}\"',";

/** Adds `X-Amzn-Trace-Id` from `_X_AMZN_TRACE_ID` when running in Lambda. */
export function addRecursionDetectionHeader({ params }: HandlerKwargs<"before-call">): void {
  const env = process.env;
  if (!("AWS_LAMBDA_FUNCTION_NAME" in env)) return;
  const traceId = env._X_AMZN_TRACE_ID;
  if (!traceId) return;
  const headers = params.headers;
  // botocore's request headers are a plain dict here: the check is case-sensitive.
  if (!("X-Amzn-Trace-Id" in headers)) headers["X-Amzn-Trace-Id"] = pyQuote(traceId, TRACE_ID_SAFE);
}
