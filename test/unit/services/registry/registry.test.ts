/**
 * The registry: handlers load their module on first use and are then
 * called directly; shared registrations are built once per service;
 * per-client ones are idempotent; class changes apply once per class.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ServiceRuntime } from "../../../../src/client/runtime.js";
import { HierarchicalEmitter } from "../../../../src/events/hierarchical-emitter.js";
import { CUSTOMIZATIONS, applyClientCustomizations, applyCustomizations, customizationsFor } from "../../../../src/services/index.js";
import { lazy, lazyInstance } from "../../../../src/services/lazy-handler.js";
import { serviceModel } from "../support/botocore.js";
import { recordingClient } from "../support/client.js";

function runtime(name: string): ServiceRuntime {
  const model = serviceModel(name);
  return { model, serviceId: model.service_id.replace(/ /g, "-").toLowerCase() } as unknown as ServiceRuntime;
}

describe("lazy handlers", () => {
  test("the first call imports and awaits; later calls are direct", async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return { double: (kwargs: { n: number }) => kwargs.n * 2 };
    };
    const handler = lazy(load, "double");
    const first: unknown = handler({ n: 2 });
    assert.ok(first instanceof Promise);
    assert.equal(await first, 4);
    assert.equal(handler({ n: 5 }), 10);
    assert.equal(loads, 1);
    assert.equal(handler.name, "double");
  });

  test("one instance per lazyInstance, made once", async () => {
    let made = 0;
    const use = lazyInstance(async () => ({ Counter: class { n = ++made; } }), (m) => new m.Counter());
    assert.equal(await use((c) => c.n), 1);
    assert.equal(use((c) => c.n), 1);
    assert.equal(made, 1);
  });
});

describe("registry", () => {
  test("every customization names botocore's behaviour and a real service", () => {
    const services = new Set(CUSTOMIZATIONS.flatMap((c) => (c.services === "*" ? [] : c.services)));
    for (const service of services) assert.ok(serviceModel(service), service);
    for (const c of CUSTOMIZATIONS) assert.match(c.name, /^[A-Za-z_][\w(), ]*$/);
  });

  test("a service without customizations gets only the handlers every service gets", () => {
    const events = new HierarchicalEmitter();
    applyCustomizations(events, runtime("dynamodb"));
    assert.equal(events.hasHandlers("before-call.dynamodb.GetItem"), true);
    assert.equal(events.hasHandlers("before-parameter-build.dynamodb.GetItem"), false);
    assert.equal(events.hasHandlers("after-call.dynamodb.GetItem"), false);
    assert.equal(events.hasHandlers("before-call.dynamodb.DescribeEndpoints"), true);
    assert.deepEqual(customizationsFor("dynamodb").map((c) => c.name), [
      "add_recursion_detection_header", "_handle_request_validation_mode_member", "inject_api_version_header_if_needed",
    ]);
  });

  test("S3's shared handlers are on S3's events only", () => {
    const events = new HierarchicalEmitter();
    applyCustomizations(events, runtime("s3"));
    assert.equal(events.hasHandlers("after-call.s3.ListObjectsV2"), true);
    assert.equal(events.hasHandlers("before-parse.s3.GetObject"), true);
    assert.equal(events.hasHandlers("after-call.s3.PutObject"), false);
    const other = new HierarchicalEmitter();
    applyCustomizations(other, runtime("sqs"));
    assert.equal(other.hasHandlers("before-parse.s3.GetObject"), false);
  });

  test("per-client handlers are registered once however often they are applied", async () => {
    const { client, sent } = recordingClient("s3", { region_name: "us-west-2" }, [
      { status_code: 301, headers: { "x-amz-bucket-region": "eu-west-1" }, body: "<Error><Code>PermanentRedirect</Code></Error>" },
      { status_code: 200 },
    ]);
    applyClientCustomizations(client);
    applyClientCustomizations(client);
    await client.head_bucket({ Bucket: "mybucket" });
    // One redirect, not one per registration.
    assert.deepEqual(sent.map((r) => r.url), ["https://mybucket.s3.us-west-2.amazonaws.com/", "https://mybucket.s3.eu-west-1.amazonaws.com/"]);
  });
});
