/**
 * S3 uploads from file-like bodies carry `Expect: 100-continue`, so S3 can
 * refuse (a redirect, a bad signature) before the body is sent
 * (botocore's `add_expect_header`). botocore turns PutObject and
 * UploadPart bodies given as text or bytes into file objects first
 * (`convert_body_to_file_like_object`), so those always qualify; that
 * conversion changes nothing else here, so it only leaves a mark in the
 * request context.
 *
 * The header is part of the request events and handlers see; the HTTP
 * transport (undici) has no 100-continue and leaves it off the wire.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { isFileLike } from "../common/bytes.js";

/** Context key: the operation's Body was given, so botocore would have made it a file object. */
const BODY_IS_FILE = "s3_body_is_file_like";

/** Marks a PutObject / UploadPart call whose `Body` botocore would wrap in a file object. */
export function convertBodyToFileLikeObject({ params, context }: HandlerKwargs<"before-parameter-build">): void {
  const body = params.Body;
  if (typeof body === "string" || body instanceof Uint8Array) context[BODY_IS_FILE] = true;
}

function bodyLength(body: unknown): number | undefined {
  if (typeof body === "string") return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  if (body instanceof Blob) return body.size;
  return undefined;
}

/** Adds `Expect: 100-continue` to PUT and POST requests with a file-like body. */
export function addExpectHeader({ model, params, context }: HandlerKwargs<"before-call">): void {
  const method = model.http.method ?? "";
  if (method !== "PUT" && method !== "POST") return;
  const body: unknown = params.body;
  if (!isFileLike(body) && !context[BODY_IS_FILE]) return;
  // An opt-in botocore experiment: no 100-continue for an empty body.
  if (/^true$/i.test(process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE ?? "") && bodyLength(body) === 0) return;
  params.headers.Expect = "100-continue";
}
