/**
 * botocore's protocol test suites (tests/unit/protocols), run as botocore's
 * runner (tests/unit/test_protocols.py) runs them: one test per case, the
 * same ignore list, the same comparisons per protocol.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import type { ResponseDict } from "../../src/http/types.js";
import { type RawServiceModel, OperationModel, ServiceModel } from "../../src/models/service-model.js";
import { createParser, createSerializer, joinUrl } from "../../src/protocols/index.js";
import { decodeCbor } from "../../src/protocols/cbor/decoder.js";
import { EventStream } from "../../src/protocols/event-stream/index.js";
import { percentEncodeSequence } from "../../src/util/uri.js";
import {
  type CaseGroup, type ProtocolCase, PROTOCOLS_DIR, ignoredByBotocore, pyEqual, readJson, show, xmlEquivalent,
} from "./protocol-support.js";

/**
 * Cases excluded beyond botocore's ignore list, with the reason: none.
 */
const EXCLUDED: Readonly<Record<string, string>> = {};

const SPECIAL_FLOATS: Readonly<Record<string, number>> = { Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN };

function files(direction: "input" | "output"): string[] {
  const out: string[] = [];
  for (const dir of [join(PROTOCOLS_DIR, direction), join(PROTOCOLS_DIR, "legacy", direction)]) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith(".json")) out.push(join(dir, name));
  }
  return out;
}

function label(path: string): string {
  return path.slice(PROTOCOLS_DIR.length + 1);
}

function operationFor(group: CaseGroup, testCase: ProtocolCase): { model: ServiceModel; operation: OperationModel; name: string } {
  const name = testCase.given.name ?? "OperationName";
  const { cases: _cases, ...description } = group;
  const model = new ServiceModel({ ...description, operations: { [name]: testCase.given } } as unknown as RawServiceModel);
  return { model, operation: new OperationModel(testCase.given as never, model), name };
}

function text(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  return String(body);
}

/** Top-level special floats as the strings the cases use (the runner's `_convert_special_floats_to_string`). */
function specialFloatsToStrings(value: Record<string, unknown>): Record<string, unknown> {
  for (const key in value) {
    const item = value[key];
    if (item === Infinity) value[key] = "Infinity";
    else if (item === -Infinity) value[key] = "-Infinity";
    else if (typeof item === "number" && Number.isNaN(item)) value[key] = "NaN";
  }
  return value;
}

function headerLookup(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key in headers) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

function checkInput(protocol: string, group: CaseGroup, testCase: ProtocolCase): void {
  const { operation } = operationFor(group, testCase);
  const params: Record<string, unknown> = { ...testCase.params };
  for (const key in params) {
    const special = typeof params[key] === "string" ? SPECIAL_FLOATS[params[key] as string] : undefined;
    if (special !== undefined) params[key] = special;
  }
  const request = createSerializer(protocol).serialize_to_request(params, operation);
  const expected = testCase.serialized!;

  if (protocol === "smithy-rpc-v2-cbor" && request.body instanceof Uint8Array && request.body.length > 0) {
    const actual = specialFloatsToStrings(decodeCbor(request.body) as Record<string, unknown>);
    const wanted = specialFloatsToStrings(decodeCbor(Buffer.from(expected.body ?? "", "base64")) as Record<string, unknown>);
    assert.ok(pyEqual(actual, wanted), `Body value\n${show(actual)} !=\n${show(wanted)}`);
  } else if (expected.body !== undefined) {
    const actual = text(request.body);
    if (protocol === "json" || protocol === "rest-json") {
      let parsedActual: unknown;
      let parsedExpected: unknown;
      try {
        parsedActual = JSON.parse(actual);
        parsedExpected = JSON.parse(expected.body);
      } catch (error) {
        if (protocol === "json") throw error;
        assert.equal(actual, expected.body, "Body value");
      }
      if (parsedExpected !== undefined) assert.ok(pyEqual(parsedActual, parsedExpected), `Body value\n${actual} !=\n${expected.body}`);
    } else if (protocol === "rest-xml") {
      const same = xmlEquivalent(actual, expected.body);
      if (same === undefined) assert.equal(actual, expected.body, "Body value");
      else assert.ok(same, `Body value\n${actual} !=\n${expected.body}`);
    } else {
      assert.equal(actual, expected.body, "Body value");
    }
  }

  const wantedHeaders: Record<string, string> = { ...expected.headers };
  const actualHeaders: Record<string, string> = { ...request.headers };
  const input = operation.input_shape;
  if (input !== undefined) {
    for (const [, member] of Object.entries(input.members)) {
      const headerName = member.serialization.name;
      if (!headerName || member.serialization.location !== "header" || member.type_name !== "list") continue;
      for (const key in wantedHeaders) if (key.toLowerCase() === headerName.toLowerCase()) wantedHeaders[key] = wantedHeaders[key]!.replace(/, /g, ",");
      if (member.member.type_name === "timestamp") {
        for (const key in actualHeaders) if (key.toLowerCase() === headerName.toLowerCase()) actualHeaders[key] = actualHeaders[key]!.replace(/, /g, ",");
      }
    }
  }
  const contentTypeKey = Object.keys(wantedHeaders).find((k) => k.toLowerCase() === "content-type");
  if (protocol === "query" || protocol === "ec2") {
    const value = contentTypeKey === undefined ? "" : wantedHeaders[contentTypeKey]!;
    if (!value.includes("charset=utf-8")) wantedHeaders[contentTypeKey ?? "Content-Type"] = `${value}; charset=utf-8`;
  } else if (protocol === "rest-xml") {
    if (contentTypeKey !== undefined) delete wantedHeaders[contentTypeKey];
  } else if (protocol === "rest-json") {
    if (contentTypeKey !== undefined && wantedHeaders[contentTypeKey] !== "application/json") delete wantedHeaders[contentTypeKey];
  }
  for (const [name, value] of Object.entries(wantedHeaders)) {
    assert.equal(headerLookup(actualHeaders, name), value, `Header ${name}`);
  }
  for (const name of expected.forbidHeaders ?? []) {
    assert.equal(headerLookup(actualHeaders, name), undefined, `Forbidden header ${name}`);
  }

  let uri = request.url_path;
  const query = percentEncodeSequence(request.query_string);
  if (query !== "") uri += (uri.includes("?") ? "&" : "?") + query;
  assert.equal(uri, expected.uri ?? "", "URI");
  if (expected.method !== undefined) assert.equal(request.method, expected.method, "Method");
  if (expected.host !== undefined) {
    const url = joinUrl(group.clientEndpoint ?? "", request);
    const netloc = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").split(/[/?#]/)[0];
    assert.equal(netloc, expected.host, "Host");
  }
}

/** The runner's `_fixup_parsed_result`, with timestamps as epoch seconds (its timestamp parser). */
function fixup(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(fixup);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fixup(item);
    return out;
  }
  return value;
}

/** The runner reads event streams into their list of events before comparing. */
async function drainEventStreams(value: Record<string, unknown>): Promise<void> {
  for (const [key, member] of Object.entries(value)) {
    if (member instanceof EventStream) {
      const events: unknown[] = [];
      for await (const event of member) events.push(event);
      value[key] = events;
    }
  }
}

async function checkOutput(protocol: string, group: CaseGroup, testCase: ProtocolCase): Promise<void> {
  const { model, operation, name } = operationFor(group, testCase);
  const parser = createParser(protocol);
  const response = testCase.response!;
  let body: Uint8Array;
  const streamed = operation.has_event_stream_output && testCase.error === undefined;
  if (response.body !== undefined) {
    // CBOR bodies and event-stream frames are binary: the files carry them base64-encoded.
    body = protocol === "smithy-rpc-v2-cbor" || streamed ? Buffer.from(response.body, "base64") : Buffer.from(response.body, "utf8");
  } else {
    body = Buffer.from(protocol === "query" ? "<xml/>" : "", "utf8");
  }
  const dict: ResponseDict = {
    status_code: response.status_code,
    headers: response.headers ?? {},
    body: streamed ? Readable.from([body]) : body,
    context: { operation_name: name },
  };
  const output = operation.output_shape;
  let parsed: Record<string, unknown>;
  if (testCase.error !== undefined) {
    parsed = parser.parse(dict, output);
    const code = (parsed.Error as { Code?: unknown } | undefined)?.Code;
    const errorShape = typeof code === "string" ? model.shape_for_error_code(code) : undefined;
    if (errorShape !== undefined) Object.assign(parsed, parser.parse(dict, errorShape));
  } else {
    if (protocol === "query" && output !== undefined && Object.keys(output.members).length > 0) {
      output.serialization.resultWrapper = `${name}Result`;
    }
    parsed = parser.parse(dict, output);
  }
  delete parsed.ResponseMetadata;
  await drainEventStreams(parsed);
  const fixed = fixup(parsed) as Record<string, unknown>;
  const error = fixed.Error as Record<string, unknown> | undefined;
  if (error !== undefined) for (const key of Object.keys(error)) if (key !== "Code" && key !== "Message") delete error[key];
  specialFloatsToStrings(fixed);

  const expected =
    testCase.error !== undefined
      ? { Error: { Code: testCase.errorCode ?? "", Message: testCase.errorMessage ?? "" }, ...testCase.error }
      : testCase.result;
  assert.ok(pyEqual(fixed, expected), `Body (actual != expected)\n${show(fixed)} !=\n${show(expected)}`);
}

for (const direction of ["input", "output"] as const) {
  for (const path of files(direction)) {
    const protocol = basename(path, ".json");
    const groups = readJson(path) as CaseGroup[];
    const name = label(path);
    describe(name, () => {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      after(() => {
        console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      });
      groups.forEach((group, suiteId) => {
        group.cases.forEach((testCase, caseId) => {
          const title = `${group.description} (${suiteId}:${caseId})${testCase.id ? ` ${testCase.id}` : ""}`;
          const excluded = EXCLUDED[`${name}#${group.description}`];
          const ignored = ignoredByBotocore(protocol, direction, group.description, testCase.id);
          const noParams = direction === "input" && testCase.params === undefined;
          if (excluded !== undefined || ignored || noParams) {
            counts.skipped++;
            test(title, { skip: excluded ?? (ignored ? "botocore's ignore list" : "no params: botocore's runner skips it") }, () => {});
            return;
          }
          const metadataProtocol = String(group.metadata.protocol);
          test(title, async () => {
            try {
              if (direction === "input") checkInput(metadataProtocol, group, testCase);
              else await checkOutput(metadataProtocol, group, testCase);
              counts.passed++;
            } catch (error) {
              counts.failed++;
              throw error;
            }
          });
        });
      });
    });
  }
}
