/**
 * Rules-engine semantics on small synthetic rule sets, against botocore's
 * EndpointProvider: scoping of `assign`, tree fall-through, templates,
 * parameter processing, and the exact error of every failure.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EndpointResolutionError } from "../../../src/exceptions.js";
import { EndpointProvider } from "../../../src/endpoints/index.js";
import type { PartitionsData, RuleSet } from "../../../src/endpoints/index.js";
import { Loader } from "../../../src/models/loader.js";
import { runPython } from "./python.js";

const region = { Region: { type: "string", required: false } };
const ep = (url: unknown, extra: Record<string, unknown> = {}) => ({ type: "endpoint", conditions: [], endpoint: { url, ...extra } });
const isSet = (ref: string, assign?: string) => ({ fn: "isSet", argv: [{ ref }], ...(assign ? { assign } : {}) });

const RULESETS: Record<string, unknown> = {
  // A sibling's assignment must not be visible to the next sibling.
  siblingScope: {
    parameters: region,
    rules: [
      { type: "tree", conditions: [], rules: [
        { type: "endpoint", conditions: [{ fn: "aws.partition", argv: [{ ref: "Region" }], assign: "p" }, { fn: "booleanEquals", argv: [true, false] }], endpoint: { url: "https://never" } },
        { type: "endpoint", conditions: [], endpoint: { url: { ref: "p" } } },
      ] },
    ],
  },
  // Same name assigned twice on one path.
  collision: {
    parameters: region,
    rules: [{ type: "tree", conditions: [isSet("Region", "x")], rules: [{ type: "endpoint", conditions: [isSet("Region", "x")], endpoint: { url: "https://x" } }] }],
  },
  // An assignment named like an input key collides.
  inputCollision: {
    parameters: region,
    rules: [{ type: "endpoint", conditions: [isSet("Region", "Extra")], endpoint: { url: "https://x" } }],
  },
  // A tree whose children all fail falls through to the next rule.
  treeFallThrough: {
    parameters: region,
    rules: [
      { type: "tree", conditions: [isSet("Region")], rules: [{ type: "endpoint", conditions: [{ fn: "booleanEquals", argv: [true, false] }], endpoint: { url: "https://no" } }] },
      ep("https://fallback.{Region}"),
    ],
  },
  templates: {
    parameters: { ...region, Flag: { type: "boolean", required: false }, Arr: { type: "stringArray", required: false } },
    rules: [
      { type: "endpoint", conditions: [{ fn: "aws.partition", argv: [{ ref: "Region" }], assign: "P" }],
        endpoint: { url: "https://{Region}.{P#dnsSuffix}/{Flag}/{{lit}}", properties: { a: ["{P#name}", 1, true, { b: "{Region}" }], c: "{uri_encoded}" }, headers: { h: ["{Region}", { ref: "Region" }] } } },
    ],
  },
  missingTemplateVar: { parameters: region, rules: [ep("https://{Nope}.example.com")] },
  noneTemplateVar: { parameters: { ...region, Other: { type: "string", required: false } }, rules: [ep("https://{Other}.example.com")] },
  badTemplate: { parameters: region, rules: [ep("https://{Region}}")] },
  required: { parameters: { Region: { type: "string", required: true }, B: { type: "boolean", required: true, default: false } }, rules: [ep("https://{Region}/{B}")] },
  noMatch: { parameters: region, rules: [{ type: "endpoint", conditions: [{ fn: "booleanEquals", argv: [true, false] }], endpoint: { url: "x" } }] },
  errorRule: { parameters: region, rules: [{ type: "error", conditions: [isSet("Region")], error: "Bad region: {Region}" }, { type: "error", conditions: [], error: { ref: "Region" } }] },
  stringEqualsNone: { parameters: region, rules: [{ type: "endpoint", conditions: [{ fn: "stringEquals", argv: [{ ref: "Region" }, "x"] }], endpoint: { url: "x" } }] },
  unknownFn: { parameters: region, rules: [{ type: "endpoint", conditions: [{ fn: "frobnicate", argv: [] }], endpoint: { url: "x" } }] },
  conditionFalsy: {
    parameters: region,
    rules: [
      { type: "endpoint", conditions: [{ fn: "substring", argv: [{ ref: "Region" }, 0, 0, false] }], endpoint: { url: "https://empty-is-none" } },
      { type: "endpoint", conditions: [{ fn: "getAttr", argv: [{ ref: "Arr" }, "[0]"] }], endpoint: { url: "https://empty-string-passes" } },
      ep("https://last"),
    ],
  },
};

const CASES: [string, Record<string, unknown>][] = [
  ["siblingScope", { Region: "us-east-1" }],
  ["collision", { Region: "r" }],
  ["inputCollision", { Region: "r", Extra: "e" }],
  ["inputCollision", { Region: "r" }],
  ["treeFallThrough", { Region: "r" }],
  ["templates", { Region: "cn-north-1", Flag: true, Arr: ["a", "b"] }],
  ["templates", { Region: "us-east-1" }],
  ["missingTemplateVar", { Region: "r" }],
  ["noneTemplateVar", { Region: "r" }],
  ["noneTemplateVar", { Region: "r", Other: null }],
  ["badTemplate", { Region: "r" }],
  ["required", {}],
  ["required", { Region: "r" }],
  ["required", { Region: 5 }],
  ["required", { Region: "r", B: "yes" }],
  ["noMatch", { Region: "r", X: ["a"], Y: null, Z: true }],
  ["noMatch", {}],
  ["errorRule", { Region: "r" }],
  ["errorRule", {}],
  ["stringEqualsNone", {}],
  ["unknownFn", {}],
  ["conditionFalsy", { Region: "abc" }],
];
RULESETS.conditionFalsy = { ...(RULESETS.conditionFalsy as object), parameters: { ...region, Arr: { type: "stringArray", required: false } } };
CASES.push(["conditionFalsy", { Region: "abc", Arr: [""] }]);

const PYTHON = String.raw`
import json, sys
from botocore.endpoint_provider import EndpointProvider
from botocore.loaders import create_loader
data = json.load(sys.stdin)
partitions = create_loader().load_data("partitions")
out = []
for name, params in data["cases"]:
    try:
        provider = EndpointProvider({"version": "1.0", **data["rulesets"][name]}, partitions)
        r = provider.resolve_endpoint(**params)
        out.append({"ok": {"url": r.url, "properties": r.properties, "headers": r.headers}})
    except Exception as e:
        out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

describe("rules engine vs botocore's EndpointProvider", () => {
  const partitions = new Loader().load_data("partitions") as PartitionsData;
  const expected = runPython<unknown[]>(PYTHON, { rulesets: RULESETS, cases: CASES });

  CASES.forEach(([name, params], i) => {
    test(`${name} ${JSON.stringify(params)}`, () => {
      let got: unknown;
      try {
        const r = new EndpointProvider(RULESETS[name] as RuleSet, partitions).resolve_endpoint(params);
        // Python's None serializes as null; ours is undefined.
        got = { ok: JSON.parse(JSON.stringify(r, (_, v: unknown) => (v === undefined ? null : v))) as unknown };
      } catch (err) {
        const e = err as Error;
        got = { error: err instanceof EndpointResolutionError ? "EndpointResolutionError" : e.name, message: e.message };
      }
      assert.deepStrictEqual(got, expected[i]);
    });
  });
});
