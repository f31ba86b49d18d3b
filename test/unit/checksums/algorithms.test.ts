/**
 * The checksum algorithms: published check values; botocore's own classes
 * (CRC32, SHA1, SHA256, SHA512) on the same random inputs; CRC32C and
 * CRC64NVME (awscrt in botocore, not installed) against bit-by-bit
 * references written in Python from the polynomials; and incremental
 * updates in odd pieces giving the same digest as one update.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { CHECKSUM_ALGORITHMS, checksumOf, createChecksum } from "../../../src/checksums/algorithms.js";
import { runPython } from "../../support/python.js";

const hex = (value: string): string => Buffer.from(value, "hex").toString("base64");

// "123456789" is the CRC catalogue's check input; "Hello world" and "" are AWS's flexible checksum examples.
const VECTORS: Record<string, Record<string, string>> = {
  crc32: { "123456789": hex("cbf43926"), "Hello world": "i9aeUg==", "": "AAAAAA==" },
  crc32c: { "123456789": hex("e3069283"), "Hello world": "crUfeA==", "": "AAAAAA==" },
  crc64nvme: { "123456789": hex("ae8b14860a799888"), "Hello world": "OOJZ0D8xKts=", "": "AAAAAAAAAAA=" },
  sha1: { "Hello world": "e1AsOh9IyGCa4hLN+2Od7jlnP14=", "": "2jmj7l5rSw0yVb/vlWAYkK/YBwk=" },
  sha256: { "Hello world": "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw=", "": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" },
};

describe("checksum algorithms", () => {
  test("check values and AWS's examples", () => {
    for (const [algorithm, cases] of Object.entries(VECTORS)) {
      for (const [input, expected] of Object.entries(cases)) assert.equal(checksumOf(algorithm, input), expected, `${algorithm}(${JSON.stringify(input)})`);
    }
  });

  test("the same digests as botocore's classes and bit-by-bit references, for inputs of every tail length", () => {
    const inputs = [...Array.from({ length: 40 }, (_, n) => randomBytes(n)), randomBytes(1000), randomBytes(65_537), randomBytes(1_048_583)];
    const expected = runPython<Record<string, string>[]>(
      String.raw`
import base64, json, sys
from botocore.httpchecksum import Crc32Checksum, Sha1Checksum, Sha256Checksum, Sha512Checksum
def crc_reflected(data, poly, width):
    mask = (1 << width) - 1
    crc = mask
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ poly if crc & 1 else crc >> 1
    return (crc ^ mask).to_bytes(width // 8, 'big')
out = []
for item in json.load(sys.stdin):
    data = base64.b64decode(item)
    row = {}
    for name, cls in (('crc32', Crc32Checksum), ('sha1', Sha1Checksum), ('sha256', Sha256Checksum), ('sha512', Sha512Checksum)):
        c = cls(); c.update(data); row[name] = c.b64digest()
    if len(data) <= 65537:
        row['crc32c'] = base64.b64encode(crc_reflected(data, 0x82F63B78, 32)).decode()
        row['crc64nvme'] = base64.b64encode(crc_reflected(data, 0x9A6C9329AC4BC9B5, 64)).decode()
    out.append(row)
print(json.dumps(out))
`,
      inputs.map((data) => data.toString("base64")),
    );
    inputs.forEach((data, i) => {
      for (const [algorithm, value] of Object.entries(expected[i]!)) assert.equal(checksumOf(algorithm, data), value, `${algorithm} of ${data.length} bytes`);
    });
  });

  test("updates in any pieces give the digest of the whole", () => {
    const data = randomBytes(200_003);
    for (const algorithm of Object.keys(CHECKSUM_ALGORITHMS)) {
      const checksum = createChecksum(algorithm)!;
      for (let at = 0, step = 1; at < data.length; at += step, step = (step * 7 + 3) % 9973) checksum.update(data.subarray(at, at + step));
      assert.equal(checksum.b64digest(), checksumOf(algorithm, data), algorithm);
      // A digest may be asked for again (botocore's error message does).
      assert.equal(checksum.b64digest(), checksumOf(algorithm, data), algorithm);
    }
  });

  test("unknown algorithms have no checksum", () => {
    assert.equal(createChecksum("md5"), undefined);
    assert.equal(createChecksum("xxhash64"), undefined);
    assert.equal(createChecksum("toString"), undefined);
  });
});
