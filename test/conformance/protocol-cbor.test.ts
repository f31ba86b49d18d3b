/**
 * botocore's CBOR decoding vectors (tests/unit/cbor), run as its
 * test_cbor_decoding.py runs them: the same ignored cases, every error case
 * must raise ResponseParserError.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { type CborTag, decodeCbor } from "../../src/protocols/cbor/decoder.js";
import { ResponseParserError } from "../../src/protocols/index.js";
import { BOTOCORE_TESTS } from "../support/paths.js";
import { readJson, show } from "./protocol-support.js";

interface SuccessCase {
  description: string;
  input: string;
  expect: Record<string, unknown>;
}

/** botocore's IGNORE_CASES: unsupported tags, and maps whose null values botocore drops. */
const IGNORED = new Set([
  "tag - 0/min", "tag - 1/min", "tag - 2/min", "tag - 4/min", "tag - 8/min",
  "tag - 0/max", "tag - 1/max", "tag - 2/max", "tag - 4/max", "tag - 8/max",
  "map - {_ null}", "map - {null}",
]);

function floatFromBits(kind: string, bits: number | bigint): number {
  const buffer = Buffer.alloc(8);
  if (kind === "float32") {
    buffer.writeUInt32BE(Number(bits));
    return buffer.readFloatBE(0);
  }
  buffer.writeBigUInt64BE(BigInt(bits));
  return buffer.readDoubleBE(0);
}

/** The runner's `_assert_expected_value`. */
function assertExpected(actual: unknown, expected: Record<string, unknown>, path: string): void {
  for (const [kind, value] of Object.entries(expected)) {
    switch (kind) {
      case "null":
      case "undefined":
        assert.equal(actual, null, path);
        break;
      case "bytestring":
        assert.deepEqual(Buffer.from(actual as Uint8Array), Buffer.from(value as number[]), path);
        break;
      case "list": {
        assert.ok(Array.isArray(actual), `${path}: not a list`);
        (value as Record<string, unknown>[]).forEach((item, i) => assertExpected(actual[i], item, `${path}[${i}]`));
        break;
      }
      case "map": {
        assert.ok(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${path}: not a map`);
        for (const [key, item] of Object.entries(value as Record<string, Record<string, unknown>>)) {
          assert.ok(Object.hasOwn(actual, key), `${path}: missing ${key}`);
          assertExpected((actual as Record<string, unknown>)[key], item, `${path}.${key}`);
        }
        break;
      }
      case "tag": {
        const { id, value: inner } = value as { id: number | bigint; value: { uint: number } };
        const tag = actual as CborTag;
        assert.ok(BigInt(tag.tag) === BigInt(id) && tag.value === inner.uint, `${path}: tag`);
        break;
      }
      case "float32":
      case "float64":
        assert.equal(actual, floatFromBits(kind, value as number | bigint), path);
        break;
      default:
        // uint / negint / bool / string: equal as Python's ==.
        // eslint-disable-next-line eqeqeq
        assert.ok(actual == value, `${path}: ${show(actual)} != ${show(value)}`);
    }
  }
}

describe("cbor/decode-success-tests.json", () => {
  const cases = readJson(join(BOTOCORE_TESTS, "unit", "cbor", "decode-success-tests.json")) as SuccessCase[];
  let passed = 0;
  after(() => console.log(`cbor/decode-success-tests.json: ${passed} passed, ${IGNORED.size} skipped (botocore's ignore list)`));
  for (const testCase of cases) {
    if (IGNORED.has(testCase.description)) {
      test(testCase.description, { skip: "botocore's ignore list" }, () => {});
      continue;
    }
    test(testCase.description, () => {
      assertExpected(decodeCbor(Buffer.from(testCase.input, "hex")), testCase.expect, "value");
      passed++;
    });
  }
});

describe("cbor/decode-error-tests.json", () => {
  const cases = readJson(join(BOTOCORE_TESTS, "unit", "cbor", "decode-error-tests.json")) as { description: string; input: string }[];
  let passed = 0;
  after(() => console.log(`cbor/decode-error-tests.json: ${passed} passed`));
  for (const testCase of cases) {
    test(testCase.description, () => {
      assert.throws(() => decodeCbor(Buffer.from(testCase.input, "hex")), ResponseParserError);
      passed++;
    });
  }
});

describe("CBOR tags botocore does not support", () => {
  test("tag 0 raises unless raw tags are asked for; tag 1 is a timestamp", () => {
    assert.throws(() => decodeCbor(Buffer.from("c001", "hex")), /Found CBOR tag not supported by botocore: 0/);
    assert.deepEqual(decodeCbor(Buffer.from("c001", "hex"), { rawTags: true }), { tag: 0, value: 1 });
    assert.deepEqual(decodeCbor(Buffer.from("c11a5c7bd8e0", "hex")), new Date(1551620320 * 1000));
  });

  test("map entries with null values are dropped, as botocore does", () => {
    assert.deepEqual(decodeCbor(Buffer.from("a163666f6ff6", "hex")), {});
    assert.deepEqual(decodeCbor(Buffer.from("a163666f6ff6", "hex"), { keepNulls: true }), { foo: null });
  });
});
