/**
 * The generated types against the runtime: for every service, the methods a
 * client really has (operations, after botocore's removals and aliases) are
 * the methods its generated interface declares, and for a few services the
 * classes on `client.exceptions` are the ones its exceptions type names.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { BaseClient, Session } from "../../src/index.js";
import { REPO_ROOT } from "../support/paths.js";

const GENERATED = join(REPO_ROOT, "src", "services-types");

function session(): Session {
  return new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "SECRET", region_name: "us-east-1" });
}

/** The text between the first line starting with `start` and the next line that is only `}` or `};`. */
function block(text: string, start: RegExp): string {
  const match = start.exec(text);
  assert.ok(match !== null, `no ${start}`);
  const rest = text.slice(match.index);
  return rest.slice(0, rest.search(/\n\};?\n/));
}

/** The operation methods the generated client interface of `service` declares. */
function declaredMethods(service: string): string[] {
  const text = readFileSync(join(GENERATED, `${service}.d.ts`), "utf8");
  const body = block(text, /^export interface \w+ extends \$\.BaseClient \{$/m);
  return [...body.matchAll(/^ {2}(\w+)\(params/gm)].map((m) => m[1]!).sort();
}

/** The modeled error classes the generated exceptions type of `service` names. */
function declaredExceptions(service: string): string[] {
  const text = readFileSync(join(GENERATED, `${service}.d.ts`), "utf8");
  const body = block(text, /^export type \w+ = \$\.ModeledExceptions & \{$/m);
  return [...body.matchAll(/^ {2}readonly (\w+): /gm)].map((m) => m[1]!).sort();
}

/** The operation methods a client has: every function between its class and BaseClient. */
function runtimeMethods(client: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(client) as object | null; proto !== null && proto !== BaseClient.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== "constructor" && typeof (proto as Record<string, unknown>)[name] === "function") names.add(name);
    }
  }
  return [...names].sort();
}

test("every service's generated client declares exactly the methods its client has", () => {
  const s = session();
  const services = s.get_available_services();
  const generated = readFileSync(join(GENERATED, "index.d.ts"), "utf8");
  const mapped = [...generated.matchAll(/^ {2}"([^"]+)": import\(/gm)].map((m) => m[1]!);
  assert.deepEqual(mapped.sort(), [...services].sort(), "the generated map has every available service");
  for (const service of services) {
    assert.deepEqual(declaredMethods(service), runtimeMethods(s.client(service)), service);
  }
});

test("the generated exceptions types name the classes on client.exceptions", () => {
  const s = session();
  for (const service of ["s3", "dynamodb", "iam", "sqs", "bedrock-runtime"]) {
    const exceptions = s.client(service).exceptions as object;
    const runtime = Object.keys(exceptions).filter((name) => name !== "ClientError").sort();
    assert.deepEqual(declaredExceptions(service), runtime, service);
  }
});
