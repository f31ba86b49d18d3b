/** One test per kind of problem botocore's ParamValidator reports, each with its exact text. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { ParamValidationError } from "../../../src/exceptions.js";
import { validateParameters, validationProblems } from "../../../src/validate/validate-parameters.js";
import { fixtureInput } from "./fixture-model.js";

const ok = { Name: "n", Count: 1, Label: "l" };

function reportFor(params: Record<string, unknown>): string {
  try {
    validateParameters(params, fixtureInput());
  } catch (err) {
    assert.ok(err instanceof ParamValidationError, `expected ParamValidationError, got ${String(err)}`);
    assert.ok(err.message.startsWith("Parameter validation failed:\n"));
    return err.message.slice("Parameter validation failed:\n".length);
  }
  assert.fail("no ParamValidationError was thrown");
}

const ALL_MEMBERS =
  "Name, Count, Label, Big, Ratio, Weight, Flag, When, Data, Tags, Names, Counts, Attrs, Nested, Choice, Doc, Meta, Code";

describe("validateParameters: each kind of problem", () => {
  test("missing required field", () => {
    assert.equal(reportFor({ Name: "n", Label: "l" }), 'Missing required parameter in input: "Count"');
  });

  test("unknown field lists every member", () => {
    assert.equal(reportFor({ ...ok, Colour: "red" }), `Unknown parameter in input: "Colour", must be one of: ${ALL_MEMBERS}`);
  });

  test("invalid type", () => {
    assert.equal(
      reportFor({ ...ok, Count: "3" }),
      "Invalid type for parameter Count, value: 3, type: <class 'str'>, valid types: <class 'int'>",
    );
  });

  test("invalid range", () => {
    assert.equal(reportFor({ ...ok, Ratio: 0.25 }), "Invalid value for parameter Ratio, value: 0.25, valid min value: 0.5");
  });

  test("invalid length", () => {
    assert.equal(reportFor({ ...ok, Tags: [] }), "Invalid length for parameter Tags, value: 0, valid min length: 1");
  });

  test("unable to encode to json", () => {
    assert.equal(
      reportFor({ ...ok, Meta: { at: new Date(0) } }),
      "Invalid parameter Meta must be json serializable: Object of type datetime is not JSON serializable",
    );
  });

  test("invalid type for document", () => {
    assert.equal(
      reportFor({ ...ok, Doc: { k: new Uint8Array([104, 105]) } }),
      "Invalid type for document parameter k, value: b'hi', type: <class 'bytes'>, valid types: " +
        "<class 'str'>, <class 'int'>, <class 'bool'>, <class 'float'>, <class 'list'>, <class 'dict'>",
    );
  });

  test("more than one input (tagged union)", () => {
    assert.equal(
      reportFor({ ...ok, Choice: { A: "a", B: 2 } }),
      "Invalid number of parameters set for tagged union structure Choice. Can only set one of the following keys: A, B, C.",
    );
  });

  test("empty input (tagged union), with botocore's missing space", () => {
    assert.equal(reportFor({ ...ok, Choice: {} }), "Must set one of the following keys for tagged unionstructure Choice: A, B, C.");
  });
});

describe("validateParameters: paths, order and TS values", () => {
  test("nested paths: members, list indexes, map keys and values", () => {
    assert.deepEqual(validationProblems({ ...ok, Nested: { Id: "i", Items: [{}, { Key: "" }] }, Attrs: { "": { N: 0 } } }, fixtureInput()), [
      // In the order the caller's object lists its keys, as botocore walks a dict.
      "Invalid length for parameter Nested.Items[1].Key, value: 0, valid min length: 1",
      "Invalid length for parameter Attrs (key: ), value: 0, valid min length: 1",
      "Invalid value for parameter Attrs..N, value: 0, valid min value: 1",
    ]);
  });

  test("problems come in botocore's order: union, required, unknown, then members", () => {
    assert.deepEqual(validationProblems({ Zed: 1, Name: "" }, fixtureInput()), [
      'Missing required parameter in input: "Count"',
      'Missing required parameter in input: "Label"',
      `Unknown parameter in input: "Zed", must be one of: ${ALL_MEMBERS}`,
      "Invalid length for parameter Name, value: 0, valid min length: 1",
    ]);
  });

  test("undefined is absent; null is None", () => {
    assert.doesNotThrow(() => validateParameters({ ...ok, Flag: undefined, Unknown: undefined }, fixtureInput()));
    assert.equal(
      reportFor({ ...ok, Flag: null }),
      "Invalid type for parameter Flag, value: None, type: <class 'NoneType'>, valid types: <class 'bool'>",
    );
  });

  test("blob accepts string, bytes, ArrayBuffer, Blob and Readable", () => {
    for (const Data of ["s", new Uint8Array(1), Buffer.from("x"), new ArrayBuffer(1), new Blob(["x"]), Readable.from(["x"])]) {
      assert.deepEqual(validationProblems({ ...ok, Data }, fixtureInput()), []);
    }
    assert.equal(
      reportFor({ ...ok, Data: 12 }),
      "Invalid type for parameter Data, value: 12, type: <class 'int'>, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object",
    );
  });

  test("timestamps: Date, epoch number, bigint, ISO and RFC strings pass; others fail", () => {
    for (const When of [new Date(0), 1700000000, 1700000000n, "2020-01-01", "Wed, 21 Oct 2015 07:28:00 GMT", "1700000000.5"]) {
      assert.deepEqual(validationProblems({ ...ok, When }, fixtureInput()), [], String(When));
    }
    assert.equal(
      reportFor({ ...ok, When: "yesterday" }),
      "Invalid type for parameter When, value: yesterday, type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string",
    );
    assert.equal(
      reportFor({ ...ok, When: new Date(Number.NaN) }),
      "Invalid type for parameter When, value: Invalid Date, type: <class 'datetime.datetime'>, valid types: <class 'datetime.datetime'>, timestamp-string",
    );
  });

  test("a value of no Python type is shown by its class", () => {
    assert.equal(
      reportFor({ ...ok, Name: new Map() }),
      "Invalid type for parameter Name, value: <Map object>, type: <class 'Map'>, valid types: <class 'str'>",
    );
  });

  test("no input shape: nothing to check", () => {
    assert.doesNotThrow(() => validateParameters({ Anything: 1 }, undefined));
  });
});
