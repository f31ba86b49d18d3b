/**
 * Glacier uploads must carry the body's SHA-256 and its SHA-256 tree hash;
 * botocore computes whichever of the two headers the caller did not give
 * (`add_glacier_checksums`). A stream body is read into memory first, as
 * both hashes need every byte before the request starts.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { isFileLike, readAll, utf8Bytes } from "../common/bytes.js";
import { sha256Hex, treeHash } from "./tree-hash.js";

/** Sets `x-amz-content-sha256` and `x-amz-sha256-tree-hash` from the body when absent. */
export async function addGlacierChecksums({ params }: HandlerKwargs<"before-call">): Promise<void> {
  const headers = params.headers;
  const needsContentHash = !("x-amz-content-sha256" in headers);
  const needsTreeHash = !("x-amz-sha256-tree-hash" in headers);
  if (!needsContentHash && !needsTreeHash) return;
  let body: Uint8Array;
  const raw: unknown = params.body;
  if (isFileLike(raw)) params.body = body = await readAll(raw);
  else if (typeof raw === "string" || raw instanceof Uint8Array) body = utf8Bytes(raw);
  else body = new Uint8Array(0);
  if (needsContentHash) headers["x-amz-content-sha256"] = sha256Hex(body);
  if (needsTreeHash) headers["x-amz-sha256-tree-hash"] = treeHash(body);
}
