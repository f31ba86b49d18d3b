/**
 * The standard-library functions and template parsing against botocore's
 * RuleSetStandardLibrary on edge inputs (run once, batched, in python3):
 * results, and the class and message of every error.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EndpointResolutionError } from "../../../src/exceptions.js";
import { LIBRARY, compilePartitions } from "../../../src/endpoints/functions/index.js";
import { parseTemplate } from "../../../src/endpoints/template.js";
import type { PartitionsData } from "../../../src/endpoints/types.js";
import { Loader } from "../../../src/models/loader.js";
import { xformName } from "../../../src/util/naming.js";
import { runPython } from "./python.js";

type Outcome = { ok: unknown } | { error: string; message: string };

const CALLS: [string, unknown[]][] = [];
const add = (fn: string, ...rows: unknown[][]): void => {
  for (const args of rows) CALLS.push([fn, args]);
};

add("parseURL",
  ["https://example.com"], ["http://a:80/b/../c"], ["https://[::1]:8080/x"], ["https://[fe80::1%25en0]/"],
  ["https://1.2.3.4"], ["https://1.2.3.4:99999"], ["https://a:b/"], ["https://a/b;c"], ["https://a?x=1"],
  ["https://"], ["ftp://x"], ["https://a/%7e/a b"], ["HTTPS://Example.COM/A"], ["https://[abc"], ["https://[1.2.3.4]/"],
  [" https://a.com"], ["https://a.com/x\n"], ["https://a.com/./b/../../c/"], ["https://user@host:1/"],
  ["http://99_ab.com"], ["https://example.com:8443/path//to/"], ["https://[::FFFF:1.2.3.4]"], ["https:example.com"],
  ["https://a.com#frag"], ["https://A.com:0"], ["http://[v1.x]/"], ["https://[::1%]/"], [null],
);
add("isValidHostLabel",
  ["abc", false], ["a-b", false], ["-ab", false], ["ab-", false], ["a".repeat(63), false], ["a".repeat(64), false],
  ["abc\n", false], ["a.b", false], ["a.b", true], ["a.b", null], ["", false], ["a..b", true], ["\u0661\u0662", false],
  [null, true], ["a_b", false], ["abc-\n", false],
);
add("aws.isVirtualHostableS3Bucket",
  ["ab", false], ["abc", false], ["ABC", false], ["1.2.3.4", false], ["a.b.c", true], ["a.b.c", false], ["a..bc", true],
  ["bucket-", false], ["\u{1F642}ab", false], [null, false], ["1.2.3.4\n", true], ["my-bucket.1.2", true],
);
add("aws.parseArn",
  ["arn:aws:s3:us-east-1:123:accesspoint/my"], ["arn:aws:s3:::bucket"], ["arn:aws::r:a:res"], ["arn:::::"],
  ["arn:a:b:c:d"], ["arn:a:b:c:d:e:f:g"], ["notarn"], ["arn:aws:s3:us-west-2:123:accesspoint:my:thing/x"], [null],
  ["arn:aws:s3:us-west-2:123:"],
);
add("substring",
  ["abcdef", 0, 3, false], ["abcdef", 0, 3, true], ["abc", 2, 1, false], ["abc", 0, 4, false], ["ab\u00a9", 0, 1, false],
  [null, 0, 1, false], ["abc", 0, 0, false], ["abcdef", 1, 6, true],
);
add("uriEncode", ["a b/c?d=e&f"], ["\u00fcn\u00ef"], ["~-._"], ["!'()*"], [null], ["%2F"]);
add("stringEquals", ["a", "a"], ["a", "b"], [null, "a"], [true, "a"]);
add("booleanEquals", [true, true], [true, false], ["a", true], [null, false]);
add("not", [""], [[]], ["x"], [null], [false], [true], [{}]);
add("isSet", [null], [""], [false], [[]]);
add("getAttr",
  [{ a: { b: "x" } }, "a.b"], [{ a: ["p", "q"] }, "a[1]"], [{ a: ["p", "q"] }, "a[5]"], [["x", "y", "z"], "[2]"],
  [{ a: null }, "a[0]"], [{ x: "1" }, "y"], [{ a: ["p"] }, "a[0].zzz"], [null, "a"],
);
add("aws.partition",
  ["us-east-1"], ["cn-north-1"], ["us-gov-west-1"], ["foo"], ["us-east-1\n"], ["us-east-\u0661"], [null], ["aws-global"],
  ["eu-isoe-west-1"], ["us-isob-east-1"], ["aws-cn-global"], ["ap-southeast-7"], ["xx-yy-1"],
);

const TEMPLATES = [
  "a{b}c", "{{x}}", "{a:b}", "{a!r}", "{a!r:x}", "{a[}]}", "{a{b}c}", "x}y", "{a", "a{{b}}{c}", "{}", "{a.b#c}",
  "{a!}", "{a!rr}", "a{b:{c}}d", "}}", "{{", "https://{Region}.{PartitionResult#dnsSuffix}", "{a}}", "{a}{",
];

const PYTHON = String.raw`
import json, sys
from string import Formatter
from botocore.endpoint_provider import RuleSetStandardLibrary
from botocore.loaders import create_loader
data = json.load(sys.stdin)
lib = RuleSetStandardLibrary(create_loader().load_data("partitions"))
def outcome(thunk):
    try:
        return {"ok": thunk()}
    except Exception as e:
        msg = e.kwargs.get("msg") if hasattr(e, "kwargs") else str(e)
        return {"error": type(e).__name__, "message": msg}
out = {"calls": [], "templates": []}
for fn, args in data["calls"]:
    method = getattr(lib, lib.convert_func_name(fn))
    out["calls"].append(outcome(lambda: method(*args)))
def parts(text):
    res = []
    for literal, field, _, _ in Formatter().parse(text):
        if literal: res.append({"literal": literal})
        if field is not None: res.append({"field": field.split("#")})
    return res
for text in data["templates"]:
    out["templates"].append(outcome(lambda: parts(text)))
print(json.dumps(out))
`;

const PY_ERROR_CLASSES: Record<string, string> = { EndpointResolutionError: "EndpointResolutionError" };

function ours(thunk: () => unknown): Outcome {
  try {
    return { ok: JSON.parse(JSON.stringify(thunk() ?? null)) as unknown };
  } catch (err) {
    const e = err as Error;
    const name = err instanceof EndpointResolutionError ? "EndpointResolutionError" : e.name;
    return { error: PY_ERROR_CLASSES[name] ?? name, message: e.message };
  }
}

describe("standard library vs botocore", () => {
  const partitions = compilePartitions(new Loader().load_data("partitions") as PartitionsData);
  const expected = runPython<{ calls: Outcome[]; templates: Outcome[] }>(PYTHON, { calls: CALLS, templates: TEMPLATES });

  test(`${CALLS.length} function calls give botocore's results and errors`, () => {
    const failures: string[] = [];
    CALLS.forEach(([fn, args], i) => {
      let name = xformName(fn).replace(/\./g, "_");
      if (name === "not") name = "_not";
      const impl = LIBRARY[name]!;
      const [a, b, c, d] = args.map((x) => (x === null ? undefined : x));
      const got = ours(() => impl({ partitions }, a, b, c, d));
      try {
        assert.deepStrictEqual(got, expected.calls[i]);
      } catch {
        failures.push(`${fn}(${JSON.stringify(args)}): got ${JSON.stringify(got)}, botocore ${JSON.stringify(expected.calls[i])}`);
      }
    });
    assert.deepEqual(failures, []);
  });

  test(`${TEMPLATES.length} templates split as string.Formatter does`, () => {
    const failures: string[] = [];
    TEMPLATES.forEach((text, i) => {
      const parts = parseTemplate(text);
      const last = parts[parts.length - 1];
      const got: Outcome = last !== undefined && "error" in last
        ? { error: last.error.name, message: last.error.message }
        : { ok: parts };
      try {
        assert.deepStrictEqual(got, expected.templates[i]);
      } catch {
        failures.push(`${JSON.stringify(text)}: got ${JSON.stringify(got)}, botocore ${JSON.stringify(expected.templates[i])}`);
      }
    });
    assert.deepEqual(failures, []);
  });
});
