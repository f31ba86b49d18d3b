/** Python str()/repr() of JS values, checked against python3 itself. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { pyFloat, pyRepr, pyStr, pyTypeString } from "../../../src/validate/py-format.js";
import { PY_DECODE, runPythonBatch, toTagged } from "./python-values.js";

const VALUES: unknown[] = [
  "plain", "it's", 'say "hi"', "both'\"", "\\\t\n\r\u0001\u007f\u0085\u00ad\u00a0\u2028\u3000\u{1f600}\u{e0001}é",
  0, -7, 2 ** 53 + 2, 1e21, 12345678901234567890n, 0.5, -1.25e-7, 1e-4, 1.5e16 + 0.5, 123.456, Number.NaN, Infinity, -Infinity,
  true, false, null, [], [1, [2, "x"]], {}, { a: 1, "b'": [null] },
  new Uint8Array([0, 9, 10, 13, 34, 39, 92, 127, 128, 255]), new Uint8Array([39]), new Uint8Array([39, 34]),
  new Uint8Array([1, 2]).buffer, new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)), new Date(Date.UTC(2000, 0, 1)),
  [new Date(Date.UTC(2000, 0, 1, 0, 0, 1))],
];

const PY = `
import sys, json
${PY_DECODE}
for line in sys.stdin:
    v = decode(json.loads(line))
    print(json.dumps([str(v), repr(v), str(type(v))]))
`;

describe("py-format", () => {
  test("str, repr and type match Python's for the mapped values", () => {
    const expected = runPythonBatch(PY, VALUES.map(toTagged)) as [string, string, string][];
    VALUES.forEach((value, i) => {
      const [str, repr, type] = expected[i]!;
      assert.equal(pyStr(value), str, `str of #${i}`);
      assert.equal(pyRepr(value), repr, `repr of #${i}`);
      assert.equal(pyTypeString(value), type, `type of #${i}`);
    });
  });

  test("float repr switches to exponent form where Python does", () => {
    assert.equal(pyFloat(0.0001), "0.0001");
    assert.equal(pyFloat(0.00001), "1e-05");
    assert.equal(pyFloat(1e16), "1e+16");
    assert.equal(pyFloat(1234567890123456.7), "1234567890123456.8");
  });

  test("cycles render as Python's [...] and {...}", () => {
    const list: unknown[] = [1];
    list.push(list);
    const dict: Record<string, unknown> = {};
    dict.self = dict;
    assert.equal(pyStr(list), "[1, [...]]");
    assert.equal(pyStr(dict), "{'self': {...}}");
  });
});
