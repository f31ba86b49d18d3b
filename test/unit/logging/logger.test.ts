/**
 * The logging module against Python's `logging` (one python3 run): the
 * same scripts of setLevel / addHandler / propagate / log calls deliver the
 * same records to the same handlers; `%` formatting renders as Python's;
 * boto3.set_stream_logger's format; levels by name; disabled levels format
 * nothing; secrets are redacted from every message.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import boto3, { logging, set_stream_logger } from "../../../src/index.js";
import { Formatter, Handler, LogRecord, getLogger, NullHandler, StreamHandler } from "../../../src/logging/index.js";
import { pyFormatPercent } from "../../../src/logging/percent-format.js";
import { redactText } from "../../../src/logging/redact.js";
import { runPython } from "../../support/python.js";

type Step =
  | { op: "level"; name: string; level: number }
  | { op: "handler"; name: string; id: string; level: number }
  | { op: "propagate"; name: string; value: boolean }
  | { op: "log"; name: string; level: number; msg: string; args: unknown[] };

// Each scenario uses its own logger names, so scenarios do not see each other's handlers.
const SCENARIOS: Step[][] = [
  [
    { op: "handler", name: "s1", id: "h1", level: 0 },
    { op: "log", name: "s1.child", level: 10, msg: "debug below the root's WARNING", args: [] },
    { op: "log", name: "s1.child", level: 30, msg: "warning %s", args: ["passes"] },
    { op: "level", name: "s1", level: 10 },
    { op: "log", name: "s1.child.grandchild", level: 10, msg: "now debug %d", args: [3] },
  ],
  [
    { op: "level", name: "s2", level: 20 },
    { op: "handler", name: "s2", id: "info+", level: 20 },
    { op: "handler", name: "s2.a", id: "error+", level: 40 },
    { op: "log", name: "s2.a", level: 20, msg: "info to the parent only", args: [] },
    { op: "log", name: "s2.a", level: 40, msg: "error to both", args: [] },
    { op: "propagate", name: "s2.a", value: false },
    { op: "log", name: "s2.a", level: 50, msg: "critical, not propagated", args: [] },
    { op: "level", name: "s2.a", level: 10 },
    { op: "handler", name: "s2.a", id: "all", level: 0 },
    { op: "log", name: "s2.a.b", level: 10, msg: "debug via a's own level %r", args: ["x"] },
  ],
  [
    { op: "log", name: "s3.late.child", level: 40, msg: "made before its parent", args: [] },
    { op: "handler", name: "s3.late", id: "late", level: 0 },
    { op: "level", name: "s3.late", level: 10 },
    { op: "log", name: "s3.late.child", level: 10, msg: "re-parented: %s %s", args: [true, null] },
    { op: "level", name: "s3.late.child", level: 30 },
    { op: "log", name: "s3.late.child", level: 20, msg: "own level wins", args: [] },
    { op: "log", name: "s3.late.child", level: 25, msg: "level %d", args: [25] },
  ],
];

const PERCENT_CASES: [string, unknown[]][] = [
  ["plain", []],
  ["%s and %s", ["a", 1]],
  ["%r", ["quote's"]],
  ["%r %r %r", [true, null, 1.5]],
  ["%d%%", [7.9]],
  ["%5s|%-5s|%05d|%+d", ["ab", "cd", 42, 3]],
  ["%.2f %.3s %x %X %o", [3.14159, "abcdef", 255, 255, 8]],
  ["%s", [[1, "two", null]]],
  ["%s", [{ a: 1, b: [true] }]],
  ["%(name)s-%(n)05.1f", [{ name: "n", n: 2.25 }]],
  ["%e %g", [12345.678, 0.0001234]],
  ["%.1f %.1f %.0f %.0f %.2f", [2.25, -2.25, 0.5, -0.5, 1.005]],
  ["%s %s", [1.0, 100000000000000000000]],
];

const PYTHON = String.raw`
import json, logging, sys
logging.lastResort = None  # this SDK has no last-resort handler (botocore's NullHandler hides it anyway)
logging.raiseExceptions = False
data = json.load(sys.stdin)
out = {"scenarios": [], "percent": [], "levels": []}
class Rec(logging.Handler):
    def __init__(self, ident, sink):
        super().__init__()
        self.ident = ident
        self.sink = sink
    def emit(self, record):
        self.sink.append([self.ident, record.name, record.levelname, record.getMessage()])
for steps in data["scenarios"]:
    sink = []
    for s in steps:
        lg = logging.getLogger(s["name"])
        if s["op"] == "level": lg.setLevel(s["level"])
        elif s["op"] == "handler":
            h = Rec(s["id"], sink); h.setLevel(s["level"]); lg.addHandler(h)
        elif s["op"] == "propagate": lg.propagate = s["value"]
        else: lg.log(s["level"], s["msg"], *s["args"])
    out["scenarios"].append(sink)
for fmt, args in data["percent"]:
    if len(args) == 1 and isinstance(args[0], dict) and "%(" in fmt:
        out["percent"].append(fmt % args[0])
    else:
        out["percent"].append(fmt % tuple(args))
out["levels"] = [logging.getLevelName(n) for n in (0, 10, 20, 25, 30, 40, 50)]
print(json.dumps(out))
`;

class Recorder extends Handler {
  constructor(
    readonly id: string,
    readonly sink: unknown[][],
  ) {
    super();
  }

  emit(record: LogRecord): void {
    this.sink.push([this.id, record.name, record.levelname, record.getMessage()]);
  }
}

describe("logging matches Python's logging module", () => {
  const python = runPython<{ scenarios: unknown[][][]; percent: string[]; levels: string[] }>(PYTHON, {
    scenarios: SCENARIOS,
    percent: PERCENT_CASES,
  });

  SCENARIOS.forEach((steps, i) => {
    test(`scenario ${i + 1}: levels, handler levels, propagation, late parents`, () => {
      const sink: unknown[][] = [];
      for (const step of steps) {
        const logger = getLogger(step.name);
        if (step.op === "level") logger.setLevel(step.level);
        else if (step.op === "handler") {
          const handler = new Recorder(step.id, sink);
          handler.setLevel(step.level);
          logger.addHandler(handler);
        } else if (step.op === "propagate") logger.propagate = step.value;
        else logger.log(step.level, step.msg, ...step.args);
      }
      assert.deepEqual(sink, python.scenarios[i]);
    });
  });

  test(`${PERCENT_CASES.length} %-format cases render as Python's`, () => {
    assert.deepEqual(
      PERCENT_CASES.map(([fmt, args]) => pyFormatPercent(fmt, args)),
      python.percent,
    );
  });

  test("level names and numbers", () => {
    assert.deepEqual([0, 10, 20, 25, 30, 40, 50].map((n) => logging.getLevelName(n)), python.levels);
    assert.deepEqual([logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL], [10, 20, 30, 40, 50]);
    const logger = getLogger("names.test");
    logger.setLevel("INFO");
    assert.equal(logger.level, 20);
    assert.throws(() => logger.setLevel("LOUD" as "INFO"), TypeError);
  });
});

describe("set_stream_logger", () => {
  test("boto3's default format, on the named logger and its children, at the level given", () => {
    const lines: string[] = [];
    const handler = set_stream_logger("sl1", logging.INFO, null, (line) => lines.push(line));
    getLogger("sl1.child").debug("hidden");
    getLogger("sl1.child").info("shown %s", "here");
    getLogger("sl1").removeHandler(handler);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} sl1\.child \[INFO\] shown here$/);
  });

  test("a custom format string and a writable stream get a newline per record", () => {
    let written = "";
    const handler = set_stream_logger("sl2", "DEBUG", "%(levelname)s:%(name)s:%(message)s", { write: (text: string) => (written += text) });
    getLogger("sl2").debug("one");
    getLogger("sl2").warning("two");
    getLogger("sl2").removeHandler(handler);
    assert.equal(written, "DEBUG:sl2:one\nWARNING:sl2:two\n");
  });

  test("the default stream is process.stderr; boto3.set_stream_logger is the same function", () => {
    assert.equal(boto3.set_stream_logger, set_stream_logger);
    assert.equal(new StreamHandler().stream, process.stderr);
  });

  test("'' logs everything, botocore's loggers included", () => {
    const lines: string[] = [];
    const handler = set_stream_logger("", logging.DEBUG, "%(name)s %(message)s", (line) => lines.push(line));
    getLogger("botocore.credentials").info("Found credentials in environment variables.");
    getLogger("").removeHandler(handler);
    getLogger("").setLevel(logging.WARNING);
    assert.deepEqual(lines, ["botocore.credentials Found credentials in environment variables."]);
  });

  test("a handler that throws never fails the caller", () => {
    const handler = set_stream_logger("sl3", logging.DEBUG, null, () => {
      throw new Error("disk full");
    });
    assert.doesNotThrow(() => getLogger("sl3").error("x"));
    getLogger("sl3").removeHandler(handler);
  });
});

describe("cheap when disabled", () => {
  test("nothing is formatted below the level, nor with no handler at all", () => {
    let reads = 0;
    const watched = {
      get value(): string {
        reads++;
        return "v";
      },
    };
    const logger = getLogger("cheap.test");
    logger.debug("%s", watched); // botocore's NullHandler only: nothing listens
    const lines: string[] = [];
    const handler = set_stream_logger("cheap", logging.INFO, null, (line) => lines.push(line));
    logger.debug("%s", watched);
    assert.equal(reads, 0);
    assert.equal(lines.length, 0);
    logger.info("%s", watched);
    assert.ok(reads > 0);
    getLogger("cheap").removeHandler(handler);
    assert.equal(logger.isEnabledFor(logging.CRITICAL), false, "no handler left: nothing is enabled");
  });

  test("boto3 and botocore carry a NullHandler, as in Python", () => {
    assert.ok(getLogger("boto3").handlers.some((h) => h instanceof NullHandler));
    assert.ok(getLogger("botocore").handlers.some((h) => h instanceof NullHandler));
  });

  test("Formatter fields", () => {
    const record = new LogRecord("a.b", 30, "m %s", [1]);
    assert.equal(new Formatter("%(name)s|%(levelno)d|%(levelname)-8s|%(message)s").format(record), "a.b|30|WARNING |m 1");
  });
});

describe("redaction", () => {
  const cases: [string, string][] = [
    ["proxy http://user:hunter2@proxy:3128/x", "proxy http://<redacted>@proxy:3128/x"],
    ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key = <redacted>"],
    ["{'aws_session_token': 'FQoGZXIvYXdzEXAMPLE', 'region': 'x'}", "{'aws_session_token': '<redacted>', 'region': 'x'}"],
    ['{"SecretAccessKey":"abc/def","AccessKeyId":"AKID"}', '{"SecretAccessKey":"<redacted>","AccessKeyId":"AKID"}'],
    ["X-Amz-Security-Token: IQoJb3JpZ2luX2VjEXAMPLE", "X-Amz-Security-Token: <redacted>"],
    ["Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, Signature=abc", "Authorization: <redacted>"],
    ["?X-Amz-Signature=deadbeef&X-Amz-Security-Token=tok&x=1", "?X-Amz-Signature=<redacted>&X-Amz-Security-Token=<redacted>&x=1"],
    ['"accessToken": "sso-token", "refreshToken": "r", "clientSecret": "c"', '"accessToken": "<redacted>", "refreshToken": "<redacted>", "clientSecret": "<redacted>"'],
    ["Found credentials in environment variables.", "Found credentials in environment variables."],
    ["Unable to refresh SSO token: missing keys: ['refreshToken']", "Unable to refresh SSO token: missing keys: ['refreshToken']"],
    ["sts: retries.mode = 'standard' (retry_mode, environment variable AWS_RETRY_MODE)", "sts: retries.mode = 'standard' (retry_mode, environment variable AWS_RETRY_MODE)"],
    ["s3: signature_version = 's3v4'", "s3: signature_version = 's3v4'"],
  ];
  for (const [input, output] of cases) {
    test(input, () => assert.equal(redactText(input), output));
  }

  test("every emitted message is redacted, whatever the caller passed", () => {
    const lines: string[] = [];
    const handler = set_stream_logger("redact", logging.DEBUG, "%(message)s", (line) => lines.push(line));
    getLogger("redact.x").debug("endpoint %s, password=%s", "https://me:pa55@127.0.0.1", "pa55");
    getLogger("redact").removeHandler(handler);
    assert.deepEqual(lines, ["endpoint https://<redacted>@127.0.0.1, password=<redacted>"]);
  });
});
