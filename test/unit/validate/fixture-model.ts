/** A small service model with one input shape that uses every shape type and validated trait. */
import { ServiceModel } from "../../../src/models/service-model.js";
import type { RawServiceModel } from "../../../src/models/service-model.js";
import type { Shape } from "../../../src/models/shape.js";

/** The raw model (botocore's service-2.json layout), also handed to botocore in differential tests. */
export const FIXTURE_MODEL = {
  metadata: {
    apiVersion: "2024-01-01",
    endpointPrefix: "fixture",
    protocol: "rest-json",
    serviceId: "Fixture",
    signatureVersion: "v4",
  },
  operations: {
    Check: {
      name: "Check",
      http: { method: "POST", requestUri: "/{Label}" },
      input: { shape: "Input" },
    },
  },
  shapes: {
    Input: {
      type: "structure",
      required: ["Name", "Count", "Label"],
      members: {
        Name: { shape: "String1" },
        Count: { shape: "Int1" },
        Label: { shape: "PlainString", location: "uri", locationName: "Label", hostLabel: true },
        Big: { shape: "Long0" },
        Ratio: { shape: "DoubleHalf" },
        Weight: { shape: "Float" },
        Flag: { shape: "Bool" },
        When: { shape: "Stamp" },
        Data: { shape: "Data" },
        Tags: { shape: "TagList" },
        Names: { shape: "NameList" },
        Counts: { shape: "CountList" },
        Attrs: { shape: "AttrMap" },
        Nested: { shape: "Nested" },
        Choice: { shape: "Choice" },
        Doc: { shape: "Doc" },
        Meta: { shape: "JsonHeader", location: "header", locationName: "x-meta", jsonvalue: true },
        Code: { shape: "String3" },
      },
    },
    PlainString: { type: "string" },
    String1: { type: "string", min: 1 },
    String3: { type: "string", min: 3, max: 5, pattern: "^[a-z]+$", enum: ["abc", "abcd"] },
    Int1: { type: "integer", min: 1, max: 10 },
    Long0: { type: "long", min: 0 },
    DoubleHalf: { type: "double", min: 0.5 },
    Float: { type: "float" },
    Bool: { type: "boolean" },
    Stamp: { type: "timestamp" },
    Data: { type: "blob", min: 2 },
    TagList: { type: "list", member: { shape: "String1" }, min: 1 },
    NameList: { type: "list", member: { shape: "PlainString" } },
    CountList: { type: "list", member: { shape: "Float" } },
    AttrMap: { type: "map", key: { shape: "String1" }, value: { shape: "Value" }, min: 1 },
    Value: {
      type: "structure",
      union: true,
      members: { S: { shape: "PlainString" }, N: { shape: "Int1" }, L: { shape: "ValueList" } },
    },
    ValueList: { type: "list", member: { shape: "Value" } },
    Nested: {
      type: "structure",
      required: ["Id"],
      members: { Id: { shape: "PlainString" }, Child: { shape: "Nested" }, Items: { shape: "ItemList" } },
    },
    ItemList: { type: "list", member: { shape: "Item" } },
    Item: { type: "structure", members: { Key: { shape: "String1" }, When: { shape: "Stamp" } } },
    Choice: {
      type: "structure",
      union: true,
      members: { A: { shape: "PlainString" }, B: { shape: "Int1" }, C: { shape: "Nested" } },
    },
    Doc: { type: "structure", members: {}, document: true },
    JsonHeader: { type: "string" },
  },
} as const;

let model: ServiceModel | undefined;

/** The fixture's input shape. */
export function fixtureInput(): Shape {
  model ??= new ServiceModel(FIXTURE_MODEL as unknown as RawServiceModel, "fixture");
  return model.shape_for("Input");
}
