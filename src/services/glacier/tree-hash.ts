/**
 * Glacier's checksums: the SHA-256 tree hash (a binary tree of the SHA-256
 * of each 1 MiB chunk), as botocore's `calculate_tree_hash` computes it.
 */
import { createHash } from "node:crypto";

const ONE_MIB = 1024 * 1024;

function sha256(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

/** The hex SHA-256 of the whole body. */
export function sha256Hex(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/** The hex tree hash: pairs of hashes hashed level by level; an odd one out goes up unchanged. */
export function treeHash(body: Uint8Array): string {
  let level: Buffer[] = [];
  for (let start = 0; start < body.length; start += ONE_MIB) level.push(sha256(body.subarray(start, start + ONE_MIB)));
  // An empty body hashes as a single empty chunk.
  if (level.length === 0) level.push(sha256(new Uint8Array(0)));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? sha256(Buffer.concat([level[i]!, level[i + 1]!])) : level[i]!);
    }
    level = next;
  }
  return level[0]!.toString("hex");
}
