// Compile-time checks of the typed event names: tsc fails this file if a
// misspelt name is accepted or a handler's arguments lose their types. The
// runtime part proves the same registrations actually fire.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HierarchicalEmitter } from "../../../src/events/hierarchical-emitter.js";
import { EventAliaser } from "../../../src/events/event-aliaser.js";
import { customEvent, type EventKwargs, type HandlerKwargs } from "../../../src/events/event-names.js";
import type { RequestDict } from "../../../src/http/types.js";
import type { OperationModel } from "../../../src/models/service-model.js";

const fakeModel = { name: "PutObject" } as unknown as OperationModel;
const fakeRequestDict: RequestDict = {
  url_path: "/b/k",
  query_string: {},
  method: "PUT",
  headers: {},
  body: "",
  context: {},
};

// Types a value must have, checked by tsc only.
function expectType<T>(_value: T): void {}

describe("typed event names", () => {
  test("a correct name compiles and the handler gets typed kwargs", async () => {
    const events = new HierarchicalEmitter();
    const seen: string[] = [];
    events.register("before-call.s3.PutObject", (kwargs) => {
      expectType<OperationModel>(kwargs.model);
      expectType<RequestDict>(kwargs.params);
      expectType<string>(kwargs.event_name);
      seen.push(`${kwargs.event_name}:${kwargs.params.method}`);
    });
    events.register("needs-retry.s3", ({ attempts }) => {
      expectType<number>(attempts);
      return attempts > 2 ? 0.5 : false;
    });
    events.register("before-parameter-build.s3.*", (kwargs: HandlerKwargs<"before-parameter-build">) => {
      seen.push(`bpb:${Object.keys(kwargs.params).join(",")}`);
    });
    await events.emit("before-call.s3.PutObject", {
      model: fakeModel,
      params: fakeRequestDict,
      request_signer: null,
      context: {},
    });
    await events.emit("before-parameter-build.s3.PutObject", { params: { Bucket: "b" }, model: fakeModel, context: {} });
    assert.deepEqual(seen, ["before-call.s3.PutObject:PUT", "bpb:Bucket"]);
  });

  test("misspelt names and wrong kwargs do not compile", () => {
    const events = new EventAliaser(new HierarchicalEmitter());
    // @ts-expect-error "before-cal" is not an event family.
    events.register("before-cal.s3", () => undefined);
    // @ts-expect-error "beforecall" is not an event family either.
    events.register_first("beforecall", () => undefined);
    // @ts-expect-error an arbitrary string is not accepted without customEvent().
    events.unregister("my-plugin.loaded" as string);
    // @ts-expect-error before-send handlers receive `request`, not `params`.
    events.register("before-send.s3", (kwargs) => kwargs.params);
    // @ts-expect-error choose-signer handlers must return a signature version name, not a number.
    events.register("choose-signer.s3", () => 4);
    // @ts-expect-error emit checks the kwargs against the family.
    void events.emit("after-call-error.s3.GetObject", { context: {} });
    assert.ok(true);
  });

  test("an emitted template-literal name is typed by its family", async () => {
    const events = new HierarchicalEmitter();
    const serviceId: string = "dynamodb";
    const operation: string = "GetItem";
    const kwargs: EventKwargs<"after-call-error"> = { exception: new Error("x"), context: {} };
    let got: unknown;
    events.register("after-call-error", (k) => {
      got = k.exception;
    });
    await events.emit(`after-call-error.${serviceId}.${operation}`, kwargs);
    assert.equal((got as Error).message, "x");
  });

  test("custom events are opt-in and untyped", async () => {
    const events = new HierarchicalEmitter();
    const name = customEvent("my-plugin.loaded");
    events.register(name, (kwargs) => {
      expectType<unknown>(kwargs["anything"]);
      return kwargs["value"];
    });
    const responses = await events.emit(name, { value: 42 });
    assert.equal(responses.length, 1);
    assert.equal(responses[0]![1], 42);
  });
});
