/**
 * The conformance corpus as benchmark work: every input case (serialize
 * its params) and output case (parse its response, then its modeled error
 * as a client does) of ../shared/conformance's protocol suites that
 * botocore's runner does not ignore, with the models built once, the same
 * way on both sides (the Python side is `PYTHON_CORPUS`).
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { ResponseDict } from "../../src/http/types.js";
import { OperationModel, type RawServiceModel, ServiceModel } from "../../src/models/service-model.js";
import type { Shape } from "../../src/models/shape.js";
import { createParser, createSerializer } from "../../src/protocols/index.js";
import type { Parser, Serializer } from "../../src/protocols/types.js";
import { type CaseGroup, type ProtocolCase, PROTOCOLS_DIR, ignoredByBotocore, readJson } from "../../test/conformance/protocol-support.js";

/** Where a case is: file (relative to the protocols folder), suite index, case index. */
export type CaseRef = [string, number, number];

/** A serialization to run. */
export interface InputCase {
  ref: CaseRef;
  protocol: string;
  serializer: Serializer;
  operation: OperationModel;
  params: Record<string, unknown>;
}

/** A parse to run. */
export interface OutputCase {
  ref: CaseRef;
  protocol: string;
  parser: Parser;
  model: ServiceModel;
  shape: Shape | undefined;
  response: ResponseDict;
  error: boolean;
}

const SPECIAL_FLOATS: Readonly<Record<string, number>> = { Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN };

function files(direction: "input" | "output"): string[] {
  const out: string[] = [];
  for (const dir of [join(PROTOCOLS_DIR, direction), join(PROTOCOLS_DIR, "legacy", direction)]) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith(".json")) out.push(join(dir, name));
  }
  return out;
}

function operationFor(group: CaseGroup, testCase: ProtocolCase): { model: ServiceModel; operation: OperationModel; name: string } {
  const name = testCase.given.name ?? "OperationName";
  const { cases: _cases, ...description } = group;
  const model = new ServiceModel({ ...description, operations: { [name]: testCase.given } } as unknown as RawServiceModel);
  return { model, operation: new OperationModel(testCase.given as never, model), name };
}

/** Loads every case both sides can run; `keep` filters by reference (botocore's check). */
export function loadCorpus(): { inputs: InputCase[]; outputs: OutputCase[] } {
  const serializers = new Map<string, Serializer>();
  const parsers = new Map<string, Parser>();
  const inputs: InputCase[] = [];
  const outputs: OutputCase[] = [];
  for (const direction of ["input", "output"] as const) {
    for (const path of files(direction)) {
      const relative = path.slice(PROTOCOLS_DIR.length + 1);
      const fileProtocol = basename(path, ".json");
      (readJson(path) as CaseGroup[]).forEach((group, suite) => {
        group.cases.forEach((testCase, index) => {
          if (ignoredByBotocore(fileProtocol, direction, group.description, testCase.id)) return;
          if (group.description.includes("Event Stream")) return;
          const protocol = String(group.metadata.protocol);
          const ref: CaseRef = [relative, suite, index];
          const { model, operation, name } = operationFor(group, testCase);
          if (direction === "input") {
            if (testCase.params === undefined) return;
            const params: Record<string, unknown> = { ...testCase.params };
            for (const key in params) {
              const special = typeof params[key] === "string" ? SPECIAL_FLOATS[params[key] as string] : undefined;
              if (special !== undefined) params[key] = special;
            }
            let serializer = serializers.get(protocol);
            if (serializer === undefined) serializers.set(protocol, (serializer = createSerializer(protocol)));
            inputs.push({ ref, protocol, serializer, operation, params });
          } else {
            const response = testCase.response!;
            let body: Uint8Array;
            if (response.body !== undefined) body = protocol === "smithy-rpc-v2-cbor" ? Buffer.from(response.body, "base64") : Buffer.from(response.body, "utf8");
            else body = Buffer.from(protocol === "query" ? "<xml/>" : "", "utf8");
            const output = operation.output_shape;
            if (testCase.error === undefined && protocol === "query" && output !== undefined && Object.keys(output.members).length > 0) {
              output.serialization.resultWrapper = `${name}Result`;
            }
            let parser = parsers.get(protocol);
            if (parser === undefined) parsers.set(protocol, (parser = createParser(protocol)));
            outputs.push({
              ref,
              protocol,
              parser,
              model,
              shape: output,
              response: { status_code: response.status_code, headers: response.headers ?? {}, body, context: { operation_name: name } },
              error: testCase.error !== undefined,
            });
          }
        });
      });
    }
  }
  return { inputs, outputs };
}

/** Serializes one input case. */
export function serializeCase(c: InputCase): unknown {
  return c.serializer.serialize_to_request(c.params, c.operation);
}

/** Parses one output case, then its modeled error's fields as a client does. */
export function parseCase(c: OutputCase): unknown {
  const parsed = c.parser.parse(c.response, c.shape);
  if (c.error) {
    const code = (parsed.Error as { Code?: unknown } | undefined)?.Code;
    const errorShape = typeof code === "string" ? c.model.shape_for_error_code(code) : undefined;
    if (errorShape !== undefined) Object.assign(parsed, c.parser.parse(c.response, errorShape));
  }
  return parsed;
}

/** Runs `fn` on each case once; the references of those that succeed. */
export function runnable<T extends { ref: CaseRef }>(cases: readonly T[], fn: (c: T) => unknown): Set<string> {
  const out = new Set<string>();
  for (const c of cases) {
    try {
      fn(c);
      out.add(c.ref.join("#"));
    } catch {
      // not part of the timed corpus
    }
  }
  return out;
}

/** botocore's side: the same cases, models built the same way, one callable per corpus and protocol. */
export const PYTHON_CORPUS = String.raw`
import base64, json, os
from urllib.parse import urlencode
from botocore.model import ServiceModel, OperationModel
from botocore.serialize import create_serializer
from botocore.parsers import create_parser
_SPECIAL = {'Infinity': float('inf'), '-Infinity': float('-inf'), 'NaN': float('nan')}
_files = {}
_inputs, _outputs = [], []
def _group(root, ref):
    path = os.path.join(root, ref[0])
    if path not in _files:
        with open(path) as f:
            _files[path] = json.load(f)
    group = _files[path][ref[1]]
    return group, group['cases'][ref[2]]
def _operation(group, case):
    name = case['given'].get('name', 'OperationName')
    desc = {k: v for k, v in group.items() if k != 'cases'}
    desc['operations'] = {name: case['given']}
    model = ServiceModel(desc)
    return model, OperationModel(case['given'], model, name), name
def _serialize(c):
    request = c[0].serialize_to_request(c[1], c[2])
    body = request['body']
    if isinstance(body, dict):
        # A query body leaves botocore's serializer as a dict; AWSRequest encodes it (ours is encoded already).
        request['body'] = urlencode([(k.encode() if isinstance(k, str) else k, v.encode() if isinstance(v, str) else v) for k, v in body.items()], doseq=True)
    return request
def _parse(c):
    parser, response, shape, model, error = c
    parsed = parser.parse(response, shape)
    if error:
        code = parsed.get('Error', {}).get('Code')
        error_shape = model.shape_for_error_code(code) if isinstance(code, str) else None
        if error_shape is not None:
            parsed.update(parser.parse(response, error_shape))
    return parsed
def _corpus_case(items, fn):
    def run():
        for item in items:
            fn(item)
    return run
def setup(payload):
    root = payload['root']
    serializers, parsers = {}, {}
    by_protocol = {}
    for ref in payload['inputs']:
        group, case = _group(root, ref)
        model, op, name = _operation(group, case)
        protocol = group['metadata']['protocol']
        params = dict(case['params'])
        for k, v in params.items():
            if isinstance(v, str) and v in _SPECIAL:
                params[k] = _SPECIAL[v]
        ser = serializers.get(protocol) or serializers.setdefault(protocol, create_serializer(protocol, include_validation=False))
        item = (ser, params, op)
        _inputs.append(item)
        by_protocol.setdefault('serialize:' + protocol, []).append(item)
    for ref in payload['outputs']:
        group, case = _group(root, ref)
        model, op, name = _operation(group, case)
        protocol = group['metadata']['protocol']
        r = case['response']
        if 'body' in r:
            body = base64.b64decode(r['body']) if protocol == 'smithy-rpc-v2-cbor' else r['body'].encode('utf-8')
        else:
            body = b'<xml/>' if protocol == 'query' else b''
        shape = op.output_shape
        error = 'error' in case
        if not error and protocol == 'query' and shape is not None and shape.members:
            shape.serialization['resultWrapper'] = name + 'Result'
        parser = parsers.get(protocol) or parsers.setdefault(protocol, create_parser(protocol))
        response = {'status_code': r['status_code'], 'headers': r.get('headers', {}), 'body': body, 'context': {'operation_name': name}}
        item = (parser, response, shape, model, error)
        _outputs.append(item)
        by_protocol.setdefault('parse:' + protocol, []).append(item)
    ok_inputs, ok_outputs = [], []
    for ref, item in zip(payload['inputs'], _inputs):
        try:
            _serialize(item); ok_inputs.append(ref)
        except Exception:
            pass
    for ref, item in zip(payload['outputs'], _outputs):
        try:
            _parse(item); ok_outputs.append(ref)
        except Exception:
            pass
    return {'inputs': ok_inputs, 'outputs': ok_outputs}
def select(payload):
    keep_in = set(tuple(r) for r in payload['inputs'])
    keep_out = set(tuple(r) for r in payload['outputs'])
    refs_in = [tuple(r) for r in payload['all_inputs']]
    refs_out = [tuple(r) for r in payload['all_outputs']]
    ins = [item for ref, item in zip(refs_in, _inputs) if ref in keep_in]
    outs = [item for ref, item in zip(refs_out, _outputs) if ref in keep_out]
    CASES['serialize:corpus'] = _corpus_case(ins, _serialize)
    CASES['parse:corpus'] = _corpus_case(outs, _parse)
    for protocol in payload['protocols']:
        CASES['serialize:' + protocol] = _corpus_case([item for ref, item in zip(refs_in, _inputs) if ref in keep_in and item[2].service_model.protocol == protocol], _serialize)
        CASES['parse:' + protocol] = _corpus_case([item for ref, item in zip(refs_out, _outputs) if ref in keep_out and item[3].protocol == protocol], _parse)
    return {'inputs': len(ins), 'outputs': len(outs)}
`;
