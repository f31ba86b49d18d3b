/**
 * Glacier: the API version header, `accountId: "-"` by default, and the
 * SHA-256 and tree-hash headers of uploads, against botocore's handlers
 * (add_glacier_version, inject_account_id, add_glacier_checksums with
 * calculate_tree_hash) and end to end.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import type { RequestDict } from "../../../../src/http/types.js";
import { injectAccountId } from "../../../../src/services/glacier/account-id.js";
import { addGlacierVersion } from "../../../../src/services/glacier/api-version-header.js";
import { addGlacierChecksums } from "../../../../src/services/glacier/checksums.js";
import { type CallCase, type CallOutcome, comparable, operationModel, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const MIB = 1024 * 1024;
function pattern(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 0xff;
  return out;
}
const SIZES = [0, 1, 1000, MIB - 1, MIB, MIB + 1, 2 * MIB, 3 * MIB + 5, 5 * MIB];
const HEADER_CASES: Record<string, string>[] = [{}, { "x-amz-content-sha256": "given" }, { "x-amz-sha256-tree-hash": "given" }, { "x-amz-content-sha256": "a", "x-amz-sha256-tree-hash": "b" }];

const CALLS: CallCase[] = [
  { service: "glacier", method: "list_vaults", params: {}, responses: [{ body: '{"VaultList": []}' }] },
  { service: "glacier", method: "upload_archive", params: { vaultName: "v", body: "archive data", archiveDescription: "d" }, responses: [{ status_code: 201, headers: { "x-amz-archive-id": "a1", location: "/l" } }] },
  { service: "glacier", method: "upload_archive", params: { accountId: "123456789012", vaultName: "v", body: "x", checksum: "c0ffee" }, responses: [{ status_code: 201 }] },
];

const botocore = runBotocore<{ checksums: Record<string, string>[]; version: Record<string, string>; account: Record<string, unknown>[]; calls: CallOutcome[] }>(String.raw`
checksums = []
period = bytes(((i * 31 + 7) & 0xff) for i in range(256))
for size in CASES["sizes"]:
    body = (period * (size // 256 + 1))[:size]
    for headers in CASES["headers"]:
        params = {"headers": dict(headers), "body": body}
        handlers.add_glacier_checksums(params=params)
        checksums.append(params["headers"])
version = {"headers": {}}
handlers.add_glacier_version(model=op_model("glacier", "ListVaults"), params=version)
account = []
for params in [{}, {"accountId": None}, {"accountId": "123"}, {"accountId": ""}]:
    handlers.inject_account_id(params=params)
    account.append(params)
print(json.dumps(to_json({"checksums": checksums, "version": version["headers"], "account": account, "calls": run_calls(CASES["calls"])})))
`, { sizes: SIZES, headers: HEADER_CASES, calls: CALLS });

function requestDict(headers: Record<string, string>, body: RequestDict["body"]): RequestDict {
  return { url_path: "/", query_string: {}, method: "POST", headers: { ...headers }, body, context: {} };
}

describe("glacier (vs botocore)", () => {
  test(`checksums of ${SIZES.length} body sizes around the 1 MiB chunk, with and without given headers`, async () => {
    let i = 0;
    for (const size of SIZES) {
      for (const headers of HEADER_CASES) {
        const params = requestDict(headers, pattern(size));
        await addGlacierChecksums({ params, model: operationModel("glacier", "UploadArchive"), request_signer: null, context: {}, event_name: "x" });
        assert.deepEqual(params.headers, botocore.checksums[i], `${size} ${JSON.stringify(headers)}`);
        i++;
      }
    }
  });

  test("a stream body is read once, hashed, and kept as bytes for sending", async () => {
    const data = pattern(MIB + 3);
    const params = requestDict({}, Readable.from([data.subarray(0, 10), data.subarray(10)]));
    await addGlacierChecksums({ params, model: operationModel("glacier", "UploadArchive"), request_signer: null, context: {}, event_name: "x" });
    assert.deepEqual(new Uint8Array(params.body as Uint8Array), data);
    const fromBytes = requestDict({}, data);
    await addGlacierChecksums({ params: fromBytes, model: operationModel("glacier", "UploadArchive"), request_signer: null, context: {}, event_name: "x" });
    assert.deepEqual(params.headers, fromBytes.headers);
  });

  test("the API version header and the default account id", () => {
    const params = requestDict({}, "");
    addGlacierVersion({ params, model: operationModel("glacier", "ListVaults"), request_signer: null, context: {}, event_name: "x" });
    assert.deepEqual(params.headers, botocore.version);
    [{}, { accountId: null }, { accountId: "123" }, { accountId: "" }].forEach((input, i) => {
      const p: Record<string, unknown> = { ...input };
      injectAccountId({ params: p, model: operationModel("glacier", "ListVaults"), context: {}, event_name: "x" });
      assert.deepEqual(p, botocore.account[i]);
    });
  });

  test("end to end", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore.calls[i]!), `${c.method} ${JSON.stringify(c.params)}`));
    assert.equal(actual[0]!.sent[0]!.url, "https://glacier.us-east-1.amazonaws.com/-/vaults");
  });
});
