/**
 * Inputs for the parser fuzz test: for input number `i` and a seed, one
 * response for one target (a real operation's output or error shape under
 * one protocol), made one of these ways:
 *
 * - random bytes;
 * - a real response (from test/support/response-generator.ts) truncated;
 * - a real response garbled (bytes flipped, inserted, deleted, repeated);
 * - a well-formed document of the protocol's format but the wrong content
 *   for the shape (names from the shape, values of the wrong types, deep
 *   nesting, huge declared lengths, odd tags and references);
 * - a real response with garbage in the headers its shape reads.
 *
 * Every input is a pure function of (seed, i), so a failure replays from
 * its number alone.
 */
import { Loader } from "../../../src/models/loader.js";
import { type OperationModel, type RawServiceModel, ServiceModel } from "../../../src/models/service-model.js";
import type { Shape } from "../../../src/models/shape.js";
import { type GeneratedResponse, ResponseGenerator } from "../../support/response-generator.js";
import { SeededRandom, hashString } from "../../support/seeded-random.js";

/** One operation whose output and errors the fuzzer aims at. */
export interface FuzzTarget {
  protocol: string;
  service: string;
  operation: OperationModel;
  /** Shapes the parser is given: the output shape, and each modeled error shape. */
  shapes: Shape[];
  /** Real responses to truncate and garble. */
  seeds: GeneratedResponse[];
  /** Member names anywhere in the output, to make wrong documents the readers walk into. */
  names: string[];
}

/** One fuzz input. */
export interface FuzzInput {
  target: FuzzTarget;
  kind: string;
  status_code: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The shape passed to parse (undefined: none, as for an operation without output). */
  shape: Shape | undefined;
}

/** Real operations per protocol: varied shapes, payloads, headers, errors. */
const TARGETS: Readonly<Record<string, readonly [string, string][]>> = {
  query: [["sts", "AssumeRole"], ["iam", "GetAccountAuthorizationDetails"], ["cloudformation", "DescribeStacks"], ["sns", "GetTopicAttributes"], ["elbv2", "DescribeLoadBalancers"]],
  ec2: [["ec2", "DescribeInstances"], ["ec2", "DescribeSecurityGroups"], ["ec2", "DescribeImages"]],
  json: [["dynamodb", "Query"], ["kinesis", "GetRecords"], ["logs", "FilterLogEvents"], ["ssm", "GetParameters"], ["sqs", "ReceiveMessage"]],
  "rest-json": [["lambda", "GetFunction"], ["lambda", "Invoke"], ["apigateway", "GetRestApis"], ["iot-data", "GetThingShadow"], ["glacier", "GetJobOutput"]],
  "rest-xml": [["s3", "ListObjectsV2"], ["s3", "GetObject"], ["s3", "GetBucketAcl"], ["route53", "ListResourceRecordSets"], ["cloudfront", "GetDistribution"]],
  "smithy-rpc-v2-cbor": [["cloudwatch", "GetMetricData"], ["cloudwatch", "DescribeAlarms"], ["gamelift", "DescribeFleetAttributes"], ["arc-region-switch", "GetPlan"]],
};

/** The protocols, in the order inputs cycle through them. */
export const FUZZ_PROTOCOLS = Object.keys(TARGETS);

function memberNames(shape: Shape | undefined, out: Set<string>, depth: number): void {
  if (shape === undefined || depth > 6) return;
  if (shape.type_name === "structure") {
    for (const [name, member] of Object.entries(shape.members)) {
      out.add(member.serialization.name ?? name);
      if (member.type_name === "list" && member.member.serialization.name) out.add(member.member.serialization.name);
      memberNames(member, out, depth + 1);
    }
  } else if (shape.type_name === "list") memberNames(shape.member, out, depth + 1);
  else if (shape.type_name === "map") memberNames(shape.value, out, depth + 1);
}

/** Loads the targets and their seed responses (deterministic for a seed). */
export function loadTargets(seed: number): Map<string, FuzzTarget[]> {
  const loader = new Loader();
  const models = new Map<string, ServiceModel>();
  const out = new Map<string, FuzzTarget[]>();
  for (const [protocol, list] of Object.entries(TARGETS)) {
    const targets: FuzzTarget[] = [];
    for (const [service, name] of list) {
      let model = models.get(service);
      if (model === undefined) {
        model = new ServiceModel(loader.load_service_model(service, "service-2") as RawServiceModel, service);
        models.set(service, model);
      }
      const operation = model.operation_model(name);
      const shapes = [operation.output_shape!, ...operation.error_shapes];
      const random = new SeededRandom(seed ^ hashString(`${protocol} ${service}.${name}`));
      const generator = new ResponseGenerator(protocol, operation, random, new Map());
      const seeds: GeneratedResponse[] = [];
      for (let i = 0; i < 6; i++) seeds.push(generator.success());
      for (let i = 0; i < 4; i++) seeds.push(generator.error());
      const names = new Set<string>(["Error", "Errors", "Code", "Message", "message", "__type", "RequestId", "ResponseMetadata", "member", "item", "entry", "key", "value"]);
      for (const shape of shapes) memberNames(shape, names, 0);
      targets.push({ protocol, service, operation, shapes, seeds, names: [...names] });
    }
    out.set(protocol, targets);
  }
  return out;
}

const UTF8 = new TextEncoder();
const SCALARS = ["", "0", "-1", "1e400", "NaN", "true", "false", "null", "x", "é😀", "99999999999999999999999", "2015-01-25T08:00:00Z", "not-a-date", "AAAA", "=", "-0", "1.5.5", "\u0000"];

function pickName(random: SeededRandom, target: FuzzTarget): string {
  return random.chance(0.85) ? random.pick(target.names) : random.pick(["__proto__", "constructor", "toString", "hasOwnProperty", "a:b", "x"]);
}

/** A well-formed XML element tree with the shape's names and wrong content. */
function wrongXml(random: SeededRandom, target: FuzzTarget, depth: number): string {
  const name = pickName(random, target).replace(/[^A-Za-z0-9_:.-]/g, "_").replace(/^[^A-Za-z_]/, "_");
  const attributes = random.chance(0.2) ? ` xsi:type="${random.pick(["CanonicalUser", "Group", "&amp;", ""])}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` : "";
  if (depth > 8 || random.chance(0.35)) {
    const text = random.pick([...SCALARS.filter((s) => s !== "\u0000"), "&#x1F600;", "&lt;&amp;", "<![CDATA[]]>"]);
    return `<${name}${attributes}>${text.replace(/&(?![#a-z])/g, "&amp;").replace(/</g, random.chance(0.9) ? "&lt;" : "<")}</${name}>`;
  }
  const count = random.int(0, 4);
  let inner = "";
  for (let i = 0; i < count; i++) inner += wrongXml(random, target, depth + 1);
  if (random.chance(0.1)) inner += inner; // repeated elements
  return `<${name}${attributes}>${inner}</${name}>`;
}

/** Wrong elements, usually inside the envelope the protocol expects, so that the shape readers walk them. */
function wrapXml(random: SeededRandom, target: FuzzTarget, first: string): string {
  if (random.chance(0.3)) return first;
  let children = first;
  for (let i = random.int(0, 4); i > 0; i--) children += wrongXml(random, target, 1);
  const name = target.operation.name;
  if (target.protocol === "query") {
    const wrapper = target.shapes[0]!.serialization.resultWrapper ?? `${name}Result`;
    return `<${name}Response><${wrapper}>${children}</${wrapper}></${name}Response>`;
  }
  if (target.protocol === "ec2") return `<${name}Response>${children}</${name}Response>`;
  return random.chance(0.5) ? `<Error>${children}</Error>` : `<${name}Output>${children}</${name}Output>`;
}

/** Deeply nested XML, to find recursion without a bound. */
function deepXml(random: SeededRandom, target: FuzzTarget): string {
  const depth = random.pick([100, 1000, 2000]);
  const name = pickName(random, target).replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z_]/, "_");
  return `<${name}>`.repeat(depth) + `</${name}>`.repeat(depth);
}

/** A JSON value with the shape's names and values of any type. */
function wrongJsonValue(random: SeededRandom, target: FuzzTarget, depth: number): unknown {
  const roll = depth > 6 ? random.int(0, 5) : random.int(0, 8);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1.5, 1e308, -1e-320, 12345678901234567890]);
    case 2:
      return random.pick(SCALARS);
    case 3:
      return random.chance(0.5);
    case 4:
    case 5:
      return random.pick([[], {}, [null], { "": null }]);
    case 6: {
      const out: unknown[] = [];
      for (let i = random.int(0, 4); i > 0; i--) out.push(wrongJsonValue(random, target, depth + 1));
      return out;
    }
    default: {
      const out: Record<string, unknown> = {};
      for (let i = random.int(0, 5); i > 0; i--) out[pickName(random, target)] = wrongJsonValue(random, target, depth + 1);
      return out;
    }
  }
}

function wrongJson(random: SeededRandom, target: FuzzTarget): string {
  if (random.chance(0.6)) {
    // An object at the top, so that the structure reader walks in.
    const out: Record<string, unknown> = {};
    for (let i = random.int(1, 6); i > 0; i--) out[pickName(random, target)] = wrongJsonValue(random, target, 1);
    return JSON.stringify(out);
  }
  if (random.chance(0.03)) {
    const depth = random.pick([1000, 5000, 10000]);
    const name = JSON.stringify(pickName(random, target));
    return random.chance(0.5) ? `{${name}:`.repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);
  }
  let text = JSON.stringify(wrongJsonValue(random, target, 0), (_key, value: unknown) => value) ?? "null";
  if (random.chance(0.1)) text = text.replace(/\d+(\.\d+)?/, random.pick(["NaN", "Infinity", "-Infinity", "123456789012345678901234567890", "1E999"]));
  return text;
}

/** CBOR items written by hand, including what the format allows but botocore refuses. */
class CborFuzz {
  readonly out: number[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly target: FuzzTarget,
  ) {}

  head(major: number, value: number): void {
    if (value < 24) this.out.push((major << 5) | value);
    else if (value < 0x100) this.out.push((major << 5) | 24, value);
    else if (value < 0x10000) this.out.push((major << 5) | 25, value >> 8, value & 0xff);
    else this.out.push((major << 5) | 26, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }

  text(value: string): void {
    const data = UTF8.encode(value);
    this.head(3, data.length);
    this.out.push(...data);
  }

  item(depth: number): void {
    const random = this.random;
    const roll = depth > 6 ? random.int(0, 7) : random.int(0, 12);
    switch (roll) {
      case 0:
        return this.head(0, random.pick([0, 23, 24, 255, 65536, 4294967295]));
      case 1:
        return this.head(1, random.int(0, 1000));
      case 2:
        this.out.push(...random.pick([[0xf4], [0xf5], [0xf6], [0xf7], [0xf9, 0x7c, 0x00], [0xfa, 0x7f, 0xc0, 0, 0], [0xfb, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18]]));
        return;
      case 3:
        return this.text(random.pick(SCALARS));
      case 4: {
        const bytes = random.bytes(random.int(0, 8));
        this.head(2, bytes.length);
        this.out.push(...bytes);
        return;
      }
      case 5:
        // Tags: epoch over a number or a string, bignums, self-describe, unknown.
        this.head(6, random.pick([1, 1, 1, 0, 2, 3, 4, 55799, 1000]));
        return this.item(depth + 1);
      case 6:
        // A declared length far past the end, or a reserved additional info.
        this.out.push(...random.pick([[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x7a, 0x7f, 0xff, 0xff, 0xff], [0x9b, 0, 0, 0, 1, 0, 0, 0, 0], [0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x1c], [0x3e], [0xff], [0xfc]]));
        return;
      case 7:
        return this.text(pickName(random, this.target));
      case 8:
      case 9: {
        const count = random.int(0, 4);
        const indefinite = random.chance(0.2);
        if (indefinite) this.out.push(0x9f);
        else this.head(4, count);
        for (let i = 0; i < count; i++) this.item(depth + 1);
        if (indefinite && random.chance(0.9)) this.out.push(0xff);
        return;
      }
      default: {
        const count = random.int(0, 5);
        const indefinite = random.chance(0.2);
        if (indefinite) this.out.push(0xbf);
        else this.head(5, count);
        for (let i = 0; i < count; i++) {
          if (random.chance(0.9)) this.text(pickName(random, this.target));
          else this.item(depth + 1);
          this.item(depth + 1);
        }
        if (indefinite && random.chance(0.9)) this.out.push(0xff);
      }
    }
  }
}

function wrongCbor(random: SeededRandom, target: FuzzTarget): Uint8Array {
  if (random.chance(0.05)) {
    const depth = random.pick([1000, 20000]);
    return Uint8Array.from([...new Array<number>(depth).fill(random.chance(0.5) ? 0x81 : 0x9f), 0x01]);
  }
  const writer = new CborFuzz(random, target);
  if (random.chance(0.6)) {
    // A map at the top, so that the structure reader walks in.
    const count = random.int(1, 6);
    writer.head(5, count);
    for (let i = 0; i < count; i++) {
      writer.text(pickName(random, target));
      writer.item(1);
    }
  } else {
    writer.item(0);
  }
  return Uint8Array.from(writer.out);
}

function garble(random: SeededRandom, body: Uint8Array): Uint8Array {
  const bytes = Array.from(body);
  const edits = random.int(1, 6);
  for (let e = 0; e < edits; e++) {
    const at = random.int(0, bytes.length);
    switch (random.int(0, 4)) {
      case 0:
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = random.int(0, 255);
        break;
      case 1:
        bytes.splice(at, 0, ...random.bytes(random.int(1, 4)));
        break;
      case 2:
        bytes.splice(at, random.int(1, 8));
        break;
      case 3: {
        const from = random.int(0, bytes.length);
        bytes.splice(at, 0, ...bytes.slice(from, from + random.int(1, 32)));
        break;
      }
      default:
        // A character that matters to the format.
        bytes.splice(at, 0, ...UTF8.encode(random.pick(["<", ">", "&", "]]>", "\"", "{", "}", "[", "]", ",", ":", "\\u", "\\", "<!--", "<?", "&#0;", "&#xD800;", "\u00ff"])));
    }
  }
  return Uint8Array.from(bytes);
}

/** Header values that make header-bound members fail to parse. */
function garbleHeaders(random: SeededRandom, target: FuzzTarget, headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  const output = target.shapes[0]!;
  for (const [key, member] of Object.entries(output.members)) {
    const location = member.serialization.location;
    if (location !== "header" && location !== "headers") continue;
    if (!random.chance(0.5)) continue;
    const name = (member.serialization.name ?? key).toLowerCase();
    out[location === "headers" ? `${name}${random.pick(["", "x", "__proto__"])}` : name] = random.pick([...SCALARS.filter((s) => s !== "\u0000"), "e30=", "W10=", "bm90IGpzb24=", "a,b,,c", "Sun, 99 Foo 2015 99:99:99 GMT"]);
  }
  return out;
}

/** Input number `i` for `seed`. */
export function fuzzInput(targets: ReadonlyMap<string, FuzzTarget[]>, seed: number, i: number): FuzzInput {
  const random = new SeededRandom(hashString(`${seed}:${i}`));
  const protocol = FUZZ_PROTOCOLS[i % FUZZ_PROTOCOLS.length]!;
  const target = random.pick(targets.get(protocol)!);
  const status = random.pick([200, 200, 200, 206, 301, 400, 404, 500, 503]);
  const shape = random.chance(0.02) ? undefined : status < 301 || random.chance(0.5) ? target.shapes[0] : random.pick(target.shapes);
  const base = random.pick(target.seeds);
  const headers: Record<string, string> = { ...base.headers };
  let kind: string;
  let body: Uint8Array;
  const roll = random.next();
  if (roll < 0.15) {
    kind = "random bytes";
    body = random.bytes(random.pick([0, 1, 2, 8, 64, 300]));
  } else if (roll < 0.35) {
    kind = "truncated";
    body = base.body.subarray(0, random.int(0, base.body.length));
  } else if (roll < 0.6) {
    kind = "garbled";
    body = garble(random, base.body);
  } else if (roll < 0.9) {
    kind = "wrong document";
    if (protocol === "smithy-rpc-v2-cbor") body = wrongCbor(random, target);
    else if (protocol === "json" || protocol === "rest-json") body = UTF8.encode(wrongJson(random, target));
    else body = UTF8.encode(random.chance(0.03) ? deepXml(random, target) : wrapXml(random, target, wrongXml(random, target, 0)));
  } else {
    kind = "bad headers";
    body = base.body;
    Object.assign(headers, garbleHeaders(random, target, headers));
  }
  return { target, kind, status_code: status, headers, body, shape };
}
