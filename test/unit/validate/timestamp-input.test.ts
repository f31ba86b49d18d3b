/** Timestamp inputs: the instants they stand for, checked against botocore's parse_to_aware_datetime. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTimestampInput } from "../../../src/validate/timestamp-input.js";
import { runPythonBatch } from "./python-values.js";

const STRINGS = [
  "2020-01-01", "2020-01-01T10:00:00Z", "2020-01-01 10:00", "2020-01-01T10:00:00.123456+02:00", "2020-01-01T10Z",
  "2020-01-01T10:00:00 UTC", "2020-01-01T10:00:00-0530", "2020-01-01T10:00:00+02", "20200101T100000Z",
  "Wed, 21 Oct 2015 07:28:00 GMT", "21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
  "2020/01/02", "01/02/2020", "1_000", "  12.5  ", "1e3", "-1", "1700000000",
  "nan", "2020-02-30", "tomorrow", "", "abc", "2020-13-01", "2020-01-01T25:00:00", "1e12", "0x10",
];

const PY = `
import sys, json
from botocore.utils import parse_to_aware_datetime
for line in sys.stdin:
    try:
        d = parse_to_aware_datetime(json.loads(line))
        print(json.dumps(round(d.timestamp() * 1000)))
    except Exception:
        print(json.dumps(None))
`;

describe("parseTimestampInput", () => {
  test("strings: the same instant as botocore, or rejected as botocore rejects them", () => {
    const expected = runPythonBatch(PY, STRINGS) as (number | null)[];
    STRINGS.forEach((text, i) => {
      const got = parseTimestampInput(text);
      assert.equal(got === undefined ? null : got.getTime(), expected[i], JSON.stringify(text));
    });
  });

  test("numbers are epoch seconds within Python's year range", () => {
    assert.equal(parseTimestampInput(1.5)?.getTime(), 1500);
    assert.equal(parseTimestampInput(-62135596800)?.toISOString(), "0001-01-01T00:00:00.000Z");
    assert.equal(parseTimestampInput(-62135596801), undefined);
    assert.equal(parseTimestampInput(253402300800), undefined);
    assert.equal(parseTimestampInput(Number.NaN), undefined);
    assert.equal(parseTimestampInput(true)?.getTime(), 1000);
    assert.equal(parseTimestampInput(10n)?.getTime(), 10000);
  });

  test("Dates pass through; invalid Dates and other objects are rejected", () => {
    const now = new Date();
    assert.equal(parseTimestampInput(now), now);
    assert.equal(parseTimestampInput(new Date(Number.NaN)), undefined);
    assert.equal(parseTimestampInput({}), undefined);
    assert.equal(parseTimestampInput(null), undefined);
  });
});
