// Behaviour of the emitter that botocore's synchronous emitter cannot show:
// async handlers, errors from handlers, the arguments each handler gets.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HandlerTrie } from "../../../src/events/handler-trie.js";
import { HierarchicalEmitter, ValueError } from "../../../src/events/hierarchical-emitter.js";
import { EventAliaser } from "../../../src/events/event-aliaser.js";
import { customEvent, type CustomEventName } from "../../../src/events/event-names.js";

const ev = (name: string): CustomEventName => customEvent(name);
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("HierarchicalEmitter", () => {
  test("async handlers run one after another, in order", async () => {
    const events = new HierarchicalEmitter();
    const log: string[] = [];
    events.register(ev("e.x"), async () => {
      log.push("slow:start");
      await tick(20);
      log.push("slow:end");
      return "slow";
    });
    events.register(ev("e"), () => {
      log.push("sync");
      return "sync";
    });
    const responses = await events.emit(ev("e.x"), {});
    assert.deepEqual(log, ["slow:start", "slow:end", "sync"]);
    assert.deepEqual(responses.map(([, r]) => r), ["slow", "sync"]);
  });

  test("emit_until_response awaits and stops at the first answer", async () => {
    const events = new HierarchicalEmitter();
    let lastCalled = false;
    const answer = async (): Promise<string> => "answer";
    events.register(ev("e"), async () => null);
    events.register(ev("e"), answer);
    events.register(ev("e"), () => {
      lastCalled = true;
    });
    const [handler, response] = await events.emit_until_response(ev("e"), {});
    assert.equal(handler, answer);
    assert.equal(response, "answer");
    assert.equal(lastCalled, false);
  });

  test("a handler's exception rejects the emit, and later handlers do not run", async () => {
    const events = new HierarchicalEmitter();
    let after = false;
    events.register(ev("e"), () => {
      throw new RangeError("boom");
    });
    events.register(ev("e"), () => {
      after = true;
    });
    await assert.rejects(events.emit(ev("e"), {}), { name: "RangeError", message: "boom" });
    assert.equal(after, false);
    const asyncEvents = new HierarchicalEmitter();
    asyncEvents.register(ev("e"), async () => {
      throw new Error("async boom");
    });
    await assert.rejects(asyncEvents.emit_until_response(ev("e"), {}), { message: "async boom" });
  });

  test("each handler gets the kwargs plus event_name in its own object", async () => {
    const events = new HierarchicalEmitter();
    const params = { Bucket: "b" };
    const seen: Record<string, unknown>[] = [];
    events.register(ev("svc"), (kwargs) => {
      seen.push({ ...kwargs });
      kwargs["params"] = "rebound";
      (kwargs["shared"] as { Bucket: string }).Bucket = "mutated";
    });
    events.register(ev("svc.Op"), (kwargs) => {
      seen.push({ ...kwargs });
    });
    await events.emit(ev("svc.Op"), { shared: params, params: 1 });
    assert.deepEqual(seen[0], { shared: params, params: 1, event_name: "svc.Op" });
    // Rebinding a key does not leak to the next handler; mutating a shared value does, as in Python.
    assert.equal(seen[1]!["params"], 1);
    assert.equal(params.Bucket, "mutated");
  });

  test("handlers registered during an emit join the next emit, not the current one", async () => {
    const events = new HierarchicalEmitter();
    const log: string[] = [];
    events.register(ev("e"), () => {
      log.push("first");
      events.register(ev("e"), () => {
        log.push("added");
      });
    });
    await events.emit(ev("e"), {});
    assert.deepEqual(log, ["first"]);
    await events.emit(ev("e"), {});
    assert.deepEqual(log, ["first", "first", "added"]);
  });

  test("a handler that is not a function is refused with botocore's error", () => {
    const events = new HierarchicalEmitter();
    assert.throws(() => events.register(ev("e"), 5 as unknown as () => void), {
      name: "ValueError",
      message: "Event handler 5 must be callable.",
    });
    assert.throws(() => events.register(ev("e"), 5 as unknown as () => void), ValueError);
  });

  test("emitting an event nobody listens to resolves to an empty list", async () => {
    const events = new HierarchicalEmitter();
    events.register(ev("other"), () => "x");
    assert.deepEqual(await events.emit(ev("before-call.s3.PutObject"), {}), []);
    assert.deepEqual(await events.emit_until_response(ev("before-call.s3.PutObject"), {}), [null, null]);
    assert.equal(events.hasHandlers(ev("before-call.s3.PutObject")), false);
    assert.equal(events.hasHandlers(ev("other.thing")), true);
  });

  test("handler lists are cached per name and recomputed only after a change", async () => {
    const events = new HierarchicalEmitter();
    let lookups = 0;
    const original = HandlerTrie.prototype.lookup;
    HandlerTrie.prototype.lookup = function (this: HandlerTrie, name: string) {
      lookups += 1;
      return original.call(this, name);
    };
    try {
      const name = ev("before-call.s3.PutObject");
      for (let i = 0; i < 100; i++) await events.emit(name, {});
      assert.equal(lookups, 1);
      events.register(ev("before-call.s3"), () => "x");
      assert.equal(events.hasHandlers(name), true);
      for (let i = 0; i < 100; i++) await events.emit(name, {});
      assert.equal(lookups, 2);
    } finally {
      HandlerTrie.prototype.lookup = original;
    }
  });
});

describe("EventAliaser", () => {
  test("copies keep the aliasing and are independent", async () => {
    const session = new EventAliaser(new HierarchicalEmitter());
    const log: string[] = [];
    session.register("before-call.apigateway", () => {
      log.push("session");
    });
    const client = session.copy();
    client.register("before-call.apigateway.GetRestApis", () => {
      log.push("client");
    });
    await client.emit("before-call.api-gateway.GetRestApis", {
      model: {} as never,
      params: {} as never,
      request_signer: null,
      context: {},
    });
    assert.deepEqual(log, ["client", "session"]);
    log.length = 0;
    await session.emit(customEvent("before-call.api-gateway.GetRestApis"), {});
    assert.deepEqual(log, ["session"]);
  });
});
