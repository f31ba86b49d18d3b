/**
 * S3 can answer 200 OK and still fail: CopyObject, UploadPartCopy and
 * CompleteMultipartUpload report errors met after the response started in
 * the body (an `<Error>` document), and a dropped connection can leave a
 * truncated body. botocore treats both as a 500, so they are parsed as
 * errors and retried (`_handle_200_error`, then `_update_status_code`
 * carries the status to the HTTP response the retry logic reads).
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import type { OperationModel } from "../../models/service-model.js";
import type { ResponseDict } from "../../http/types.js";
import { parseXml } from "../../protocols/xml/xml-reader.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Whether this response can be inspected: not streamed, not an event stream, and the operation has an output. */
function shouldHandle(operation: OperationModel, response: ResponseDict): boolean {
  const output = operation.output_shape;
  if (operation.has_event_stream_output || output === undefined) return false;
  const payload = output.serialization.payload;
  if (payload !== undefined) {
    // A blob or string payload is the caller's data and may itself look like an error document.
    const type = output.members[payload]?.type_name;
    if (type === "blob" || type === "string") return false;
  }
  return response.body instanceof Uint8Array;
}

/** botocore's `_looks_like_special_case_error`: a 200 whose body is not XML, or whose root is `<Error>`. */
export function looksLikeSpecialCaseError(statusCode: number, body: Uint8Array): boolean {
  if (statusCode !== 200 || body.length === 0) return false;
  try {
    const root = parseXml(UTF8.decode(body));
    // ElementTree names a root in a default namespace `{ns}Error`, which is not an error document.
    const namespace = root.attrs?.xmlns;
    return root.qname === "Error" && (namespace === undefined || namespace === "");
  } catch {
    // Not XML, or cut short by a network failure: treated as a server error.
    return true;
  }
}

/** Turns a 200 carrying an error (or a broken body) into a 500 before the response is parsed. */
export function handle200Error({ operation_model, response_dict }: HandlerKwargs<"before-parse">): void {
  if (!shouldHandle(operation_model, response_dict)) return;
  if (looksLikeSpecialCaseError(response_dict.status_code, response_dict.body as Uint8Array)) response_dict.status_code = 500;
}

/** Copies the parsed status (500 after handle200Error) onto the HTTP response, so the retry decision sees it. */
export function updateStatusCode({ response }: HandlerKwargs<"needs-retry">): void {
  if (response === null || response === undefined) return;
  const [http, parsed] = response;
  const metadata = parsed.ResponseMetadata as { HTTPStatusCode?: number } | undefined;
  const status = metadata?.HTTPStatusCode ?? http.status_code;
  if (http.status_code !== status) http.status_code = status;
}
