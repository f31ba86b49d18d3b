// Differential test: the same registration / emit scripts run through
// botocore's HierarchicalEmitter and EventAliaser (one python3 process for
// the whole file) and through ours; the handler order, responses and errors
// must be identical.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { HierarchicalEmitter, type EventHooks } from "../../../src/events/hierarchical-emitter.js";
import { EventAliaser } from "../../../src/events/event-aliaser.js";
import { customEvent, type CustomEventName, type EventHandler } from "../../../src/events/event-names.js";

type Section = "first" | "mid" | "last";
type Op =
  | ["reg", Section, string, string, string | null, boolean]
  | ["unreg", string, string | null, string | null, boolean]
  | ["emit", string]
  | ["until", string]
  | ["copy"]
  | ["emit_prev", string];

interface Scenario {
  name: string;
  aliased?: boolean;
  returns?: Record<string, unknown>;
  ops: Op[];
}

const reg = (event: string, id: string, section: Section = "mid", uid: string | null = null, count = false): Op =>
  ["reg", section, event, id, uid, count];
const unreg = (event: string, id: string | null, uid: string | null = null, count = false): Op =>
  ["unreg", event, id, uid, count];
const emit = (event: string): Op => ["emit", event];
const until = (event: string): Op => ["until", event];

const SCENARIOS: Scenario[] = [
  {
    name: "more specific names run first",
    ops: [reg("foo", "h1"), reg("foo.bar", "h2"), reg("foo.bar.baz", "h3"),
      emit("foo.bar.baz"), emit("foo.bar"), emit("foo"), emit("foo.qux"), emit("bar")],
  },
  {
    name: "first, middle and last sections at one name",
    ops: [reg("ev", "a", "last"), reg("ev", "b"), reg("ev", "c", "first"), reg("ev", "d"),
      reg("ev", "e", "first"), reg("ev", "f", "last"), emit("ev"), emit("ev.more")],
  },
  {
    name: "specificity outranks sections",
    ops: [reg("foo", "f1", "first"), reg("foo.bar", "l1", "last"), reg("foo.bar", "m1"), emit("foo.bar")],
  },
  {
    name: "wildcards in the middle and at the end",
    ops: [reg("foo.*.baz", "h1"), reg("foo.bar.baz", "h2"), reg("foo.*", "h3"), reg("foo", "h4"),
      emit("foo.bar.baz"), emit("foo.x.baz"), emit("foo.bar"), emit("foo.x.y")],
  },
  {
    name: "service and operation wildcards",
    ops: [reg("before-call.s3.*", "w1"), reg("before-call.s3", "s"), reg("before-call.*.PutObject", "w2"),
      reg("before-call", "all"), reg("before-call.s3.PutObject", "exact"),
      emit("before-call.s3.PutObject"), emit("before-call.s3.GetObject"), emit("before-call.ec2.PutObject")],
  },
  {
    name: "a top-level wildcard",
    ops: [reg("*", "any"), reg("a", "a"), emit("anything"), emit("a.b"), emit("a")],
  },
  {
    name: "the same handler twice, unregistered once",
    ops: [reg("e.x", "h"), reg("e.x", "h"), emit("e.x"), unreg("e.x", "h"), emit("e.x"), unreg("e.x", "h"), emit("e.x")],
  },
  {
    name: "unregistering unknown names and handlers is a no-op",
    ops: [reg("a.b", "h"), unreg("nope.x", "h"), unreg("a.b", "other"), unreg("a.b.c", "h"), unreg("a.b", null), emit("a.b")],
  },
  {
    name: "unregister removes from the first section that holds the handler",
    ops: [reg("e", "h", "last"), reg("e", "g"), reg("e", "h", "first"), unreg("e", "h"), emit("e"), unreg("e", "h"), emit("e")],
  },
  {
    name: "a unique id registers once",
    ops: [reg("e", "h1", "mid", "uid"), reg("e", "h2", "mid", "uid"), reg("other", "h3", "first", "uid"),
      emit("e"), emit("other"), unreg("e", null, "uid"), emit("e"), reg("e", "h2", "mid", "uid"), emit("e")],
  },
  {
    name: "unique ids with a counter",
    ops: [reg("e", "h1", "mid", "c", true), reg("e", "h1", "mid", "c", true), reg("e", "h1", "mid", "c", true),
      unreg("e", null, "c", true), emit("e"), unreg("e", null, "c", true), emit("e"), unreg("e", null, "c", true),
      emit("e"), unreg("e", null, "c", true), emit("e")],
  },
  {
    name: "counter asked for after a plain registration",
    ops: [reg("e", "h1", "mid", "u"), reg("e", "h1", "mid", "u", true), emit("e")],
  },
  {
    name: "no counter after a counted registration",
    ops: [reg("e", "h1", "mid", "u", true), reg("e", "h1", "last", "u", false), emit("e")],
  },
  {
    name: "unregister with a counter after a plain registration",
    ops: [reg("e", "h1", "mid", "u"), unreg("e", null, "u", true), emit("e")],
  },
  {
    name: "unregister without a counter after a counted registration",
    ops: [reg("e", "h1", "mid", "u", true), unreg("e", null, "u", false), emit("e")],
  },
  {
    name: "unregistering an unknown unique id",
    ops: [reg("e", "h1"), unreg("e", "h1", "missing"), emit("e"), unreg("e", "h1", "missing", true), emit("e")],
  },
  {
    name: "a unique id unregistered under another name is consumed but the handler stays",
    ops: [reg("e.one", "h1", "mid", "u"), unreg("e.two", null, "u"), emit("e.one"), unreg("e.one", null, "u"), emit("e.one")],
  },
  {
    name: "emit_until_response stops at the first answer",
    returns: { h2: "x", h3: "y" },
    ops: [reg("e", "h1"), reg("e", "h2"), reg("e", "h3"), until("e"), emit("e")],
  },
  {
    name: "emit_until_response with no answer returns the last pair",
    ops: [reg("e", "h1"), reg("e.f", "h2"), until("e.f"), until("e"), until("nothing")],
  },
  {
    name: "falsy answers count as answers",
    returns: { zero: 0, no: false, empty: "" },
    ops: [reg("z", "zero"), reg("z", "after"), reg("n", "no"), reg("n", "after"), reg("s", "empty"), reg("s", "after"),
      until("z"), until("n"), until("s")],
  },
  {
    name: "a copy is independent of its original",
    ops: [reg("e", "h1"), ["copy"], reg("e", "h2"), emit("e"), ["emit_prev", "e"], unreg("e", "h1"), emit("e"), ["emit_prev", "e"]],
  },
  {
    name: "unique ids are copied",
    ops: [reg("e", "h1", "mid", "u", true), ["copy"], reg("e", "h1", "mid", "u", true), unreg("e", null, "u", true),
      emit("e"), ["emit_prev", "e"]],
  },
  {
    name: "the lookup cache follows registrations",
    ops: [emit("a.b.c"), reg("a.b", "h1"), emit("a.b.c"), reg("a.*.c", "h2"), emit("a.b.c"), unreg("a.b", "h1"),
      emit("a.b.c"), unreg("a.*.c", "h2"), emit("a.b.c")],
  },
  {
    name: "mixed wildcards and sections across depths",
    ops: [reg("a.*.c.*", "w1", "last"), reg("a.b.*.d", "w2", "first"), reg("a.*", "w3"), reg("a.b.c.d", "x", "last"),
      reg("a.b.c.d", "y", "first"), reg("*.b", "w4"), reg("a", "root", "first"), emit("a.b.c.d"), emit("a.z.c.q"), emit("a.b")],
  },
  {
    name: "one function under a name and a wildcard runs twice",
    ops: [reg("a.b", "h"), reg("a.*", "h"), emit("a.b"), unreg("a.*", "h"), emit("a.b")],
  },
  {
    name: "aliased service names register under the new name",
    aliased: true,
    ops: [reg("before-call.apigateway", "old"), reg("before-call.api-gateway", "new"),
      emit("before-call.api-gateway.GetRestApis"), emit("before-call.apigateway.GetRestApis")],
  },
  {
    name: "dotted aliases",
    aliased: true,
    ops: [reg("before-call.data.iot", "h1"), reg("needs-retry.runtime.sagemaker.InvokeEndpoint", "h2"),
      emit("before-call.iot-data-plane.Publish"), emit("needs-retry.sagemaker-runtime.InvokeEndpoint")],
  },
  {
    name: "aliases in client-creation events",
    aliased: true,
    ops: [reg("creating-client-class.elb", "h1"), reg("creating-client-class.monitoring", "h2"),
      emit("creating-client-class.elastic-load-balancing"), emit("creating-client-class.cloudwatch"),
      unreg("creating-client-class.elb", "h1"), emit("creating-client-class.elastic-load-balancing")],
  },
  {
    name: "an alias part only changes whole parts",
    aliased: true,
    ops: [reg("before-call.es", "es"), reg("before-call.ess", "ess"), emit("before-call.elasticsearch-service.X"),
      emit("before-call.ess.X"), emit("before-call.es.X")],
  },
  {
    name: "aliased unique ids and sections",
    aliased: true,
    ops: [reg("after-call.states", "h1", "last", "u"), reg("after-call.sfn", "h2", "first"), reg("after-call.stepfunctions", "h3"),
      emit("after-call.sfn.StartExecution"), unreg("after-call.stepfunctions", null, "u"), emit("after-call.sfn.StartExecution")],
  },
];

const ALIAS_NAMES = [
  "before-call.apigateway.GetRestApis", "before-call.s3.PutObject", "creating-client-class.autoscaling",
  "creating-client-class.autoscaling-plans", "before-call.data.jobs.iot.X", "before-call.jobs.iot.X",
  "before-call.xdata.iot.X", "before-call.data.iotx.X", "service-data-loaded.config", "needs-retry.logs.PutLogEvents",
  "before-parameter-build.events.PutEvents", "after-call.cloudwatch-events", "a.models.lex.b", "models.lex",
  "before-call.runtime.lex.PostText", "before-call.streams.dynamodb.GetRecords", "x.es.es", "metering.marketplace",
  "before-send.email.SendEmail", "before-call.ds", "before-call.ds-data.X", "*.tagging.*", "entitlement.marketplace.q",
];

const PYTHON = String.raw`
import json, sys
from botocore.hooks import HierarchicalEmitter, EventAliaser

def run(scn):
    returns = scn.get("returns", {})
    handlers, ids, out = {}, {}, []
    def handler(hid):
        if hid is None:
            return None
        if hid not in handlers:
            def h(**kwargs):
                return returns.get(hid)
            handlers[hid] = h
            ids[id(h)] = hid
        return handlers[hid]
    emitter = EventAliaser(HierarchicalEmitter()) if scn.get("aliased") else HierarchicalEmitter()
    prev = None
    for op in scn["ops"]:
        try:
            kind = op[0]
            if kind == "reg":
                _, section, ev, hid, uid, count = op
                method = {"first": emitter.register_first, "mid": emitter.register, "last": emitter.register_last}[section]
                method(ev, handler(hid), uid, count)
                out.append(None)
            elif kind == "unreg":
                _, ev, hid, uid, count = op
                emitter.unregister(ev, handler(hid), uid, count)
                out.append(None)
            elif kind in ("emit", "emit_prev"):
                target = prev if kind == "emit_prev" else emitter
                out.append([[ids[id(h)], r] for h, r in target.emit(op[1])])
            elif kind == "until":
                h, r = emitter.emit_until_response(op[1])
                out.append([None if h is None else ids[id(h)], r])
            elif kind == "copy":
                import copy
                prev, emitter = emitter, copy.copy(emitter)
                out.append(None)
        except Exception as e:
            out.append({"error": f"{type(e).__name__}: {e}"})
    return out

data = json.load(sys.stdin)
aliaser = EventAliaser(HierarchicalEmitter())
json.dump({
    "scenarios": [run(s) for s in data["scenarios"]],
    "aliases": [aliaser._alias_event_name(n) for n in data["alias_names"]],
}, sys.stdout)
`;

function runOurs(scn: Scenario): Promise<unknown[]> {
  return (async () => {
    const returns = scn.returns ?? {};
    const handlers = new Map<string, EventHandler<CustomEventName>>();
    const ids = new Map<unknown, string>();
    const handler = (hid: string | null): EventHandler<CustomEventName> | null => {
      if (hid === null) return null;
      let h = handlers.get(hid);
      if (h === undefined) {
        h = () => (hid in returns ? returns[hid] : null);
        handlers.set(hid, h);
        ids.set(h, hid);
      }
      return h;
    };
    let emitter: EventHooks = scn.aliased ? new EventAliaser(new HierarchicalEmitter()) : new HierarchicalEmitter();
    let prev: EventHooks | null = null;
    const out: unknown[] = [];
    for (const op of scn.ops) {
      try {
        switch (op[0]) {
          case "reg": {
            const [, section, ev, hid, uid, count] = op;
            const method = section === "first" ? "register_first" : section === "mid" ? "register" : "register_last";
            emitter[method](customEvent(ev), handler(hid)!, uid, count);
            out.push(null);
            break;
          }
          case "unreg": {
            const [, ev, hid, uid, count] = op;
            emitter.unregister(customEvent(ev), handler(hid), uid, count);
            out.push(null);
            break;
          }
          case "emit":
          case "emit_prev": {
            const target = op[0] === "emit_prev" ? prev! : emitter;
            const responses = await target.emit(customEvent(op[1]), {});
            out.push(responses.map(([h, r]) => [ids.get(h), r ?? null]));
            break;
          }
          case "until": {
            const [h, r] = await emitter.emit_until_response(customEvent(op[1]), {});
            out.push([h === null ? null : ids.get(h), r ?? null]);
            break;
          }
          case "copy":
            prev = emitter;
            emitter = emitter.copy();
            out.push(null);
            break;
        }
      } catch (err) {
        out.push({ error: `${(err as Error).name}: ${(err as Error).message}` });
      }
    }
    return out;
  })();
}

describe("HierarchicalEmitter and EventAliaser match botocore", () => {
  let expected: { scenarios: unknown[][]; aliases: string[] };

  before(() => {
    const result = spawnSync("python3", ["-c", PYTHON], {
      input: JSON.stringify({ scenarios: SCENARIOS, alias_names: ALIAS_NAMES }),
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    expected = JSON.parse(result.stdout) as typeof expected;
  });

  test("the scenarios cover botocore's ordering and unique-id rules", () => {
    assert.ok(SCENARIOS.length >= 30);
    // Errors are part of what is compared: make sure some scenarios produce them.
    const errors = expected.scenarios.flat().filter((r) => r !== null && typeof r === "object" && "error" in r);
    assert.equal(errors.length, 4);
  });

  for (const [index, scn] of SCENARIOS.entries()) {
    test(scn.name, async () => {
      assert.deepEqual(await runOurs(scn), expected.scenarios[index]);
    });
  }

  test("alias translation of event names", () => {
    const aliaser = new EventAliaser(new HierarchicalEmitter());
    assert.deepEqual(ALIAS_NAMES.map((n) => aliaser.alias_event_name(n)), expected.aliases);
  });
});
