// The framing headers botocore's request preparer adds, compared with
// botocore's AWSRequest.prepare() for the same method and body.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { once } from "node:events";
import { addFramingHeaders, determineContentLength } from "../../../src/http/content-length.js";
import type { Headers } from "../../../src/http/types.js";

const CASES: { method: string; body: string | null; headers?: Headers }[] = [
  { method: "GET", body: null },
  { method: "GET", body: "abc" },
  { method: "HEAD", body: null },
  { method: "OPTIONS", body: "x" },
  { method: "POST", body: null },
  { method: "POST", body: "" },
  { method: "PUT", body: "Action=ListQueues&Version=2012-11-05" },
  { method: "DELETE", body: null },
  { method: "PUT", body: "abc", headers: { "content-length": "3" } },
  { method: "PUT", body: "abc", headers: { "Transfer-Encoding": "chunked" } },
  { method: "post", body: "abc" },
];

const PYTHON = String.raw`
import json, sys
from botocore.awsrequest import AWSRequest
out = []
for c in json.load(sys.stdin):
    body = None if c["body"] is None else c["body"].encode()
    prepared = AWSRequest(method=c["method"], url="https://example.com/", data=body, headers=c.get("headers") or {}).prepare()
    out.append({k: v for k, v in prepared.headers.items()})
json.dump(out, sys.stdout)
`;

describe("addFramingHeaders", () => {
  let expected: Record<string, string>[];
  before(() => {
    const result = spawnSync("python3", ["-c", PYTHON], { input: JSON.stringify(CASES), encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    expected = JSON.parse(result.stdout) as Record<string, string>[];
  });

  test("matches botocore's prepared headers", () => {
    for (const [i, c] of CASES.entries()) {
      const headers: Headers = { ...(c.headers ?? {}) };
      addFramingHeaders(c.method, headers, c.body ?? undefined);
      assert.deepEqual(headers, expected[i], JSON.stringify(c));
    }
  });

  test("strings count UTF-8 bytes; byte arrays their length", () => {
    assert.equal(determineContentLength("café"), 5);
    assert.equal(determineContentLength(new Uint8Array(7)), 7);
    assert.equal(determineContentLength(undefined), 0);
  });

  test("a file stream knows its size; other streams go chunked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "boto3ts-len-"));
    try {
      const file = join(dir, "data.bin");
      writeFileSync(file, Buffer.alloc(1000));
      const whole = createReadStream(file);
      const ranged = createReadStream(file, { start: 100, end: 199 });
      assert.equal(determineContentLength(whole), 1000);
      assert.equal(determineContentLength(ranged), 100);
      for (const stream of [whole, ranged]) {
        const closed = once(stream, "close");
        stream.destroy();
        await closed;
      }
      const headers: Headers = {};
      addFramingHeaders("PUT", headers, Readable.from([Buffer.from("x")]));
      assert.deepEqual(headers, { "Transfer-Encoding": "chunked" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
