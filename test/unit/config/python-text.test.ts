/**
 * The Python string rules the config format depends on, against Python
 * itself: shlex.split (section headers), os.path.expandvars/expanduser
 * (file paths) and int() (numeric settings).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { expandConfigPath } from "../../../src/config/paths.js";
import { ensureBoolean, normalizeBoolean, pyInt, pySplitlines, pyStrip } from "../../../src/config/python-text.js";
import { shlexSplit } from "../../../src/config/shlex.js";
import { answerOf, askBotocore } from "./support/oracle.js";

const SHLEX = [
  "profile dev", 'profile "my profile"', "profile 'single quoted'", 'profile "a" "b"', 'profile "unterminated',
  "profile 'unterminated", "profile", "", "   ", "profile  spaced   out ", 'profile "" ', "profile a\\ b", 'profile "c\\"d"',
  'profile "e\\f"', 'profile "g\\\\h"', "profile 'i\\j'", "profile k\\", 'profile "l\\', "profile m#n", 'profile o"p q"r',
  "profile\tt", "profile\u00a0nbsp", 'profile "x"y\'z\'', "sso-session my-sso", "services svc", "profile a\\\nb",
];

const ENV = { HOME: "/home/tester/", USER_DIR: "/data", EMPTY: "", X_1: "one" };
const PATHS = [
  "~/.aws/config", "~", "~/", "~root/x", "~nosuchuser12345/x", "$USER_DIR/config", "${USER_DIR}/config", "$NOPE/config",
  "${NOPE}/x", "$EMPTY/x", "${}/x", "$/x", "$X_1$X_1", "a$X_1.b", "~$USER_DIR", "$HOME/x", "/abs/path", "rel/path", "x~/y",
];

const INTS = ["5", " 5 ", "+5", "-5", "1_000", "1__0", "_1", "1_", "5.0", "0x10", "", " ", "abc", "007", "\u00a012\u2003"];

const answers = askBotocore([
  ...SHLEX.map((text) => ({ op: "shlex", text })),
  ...PATHS.map((path) => ({ op: "expand", path, env: ENV })),
  ...INTS.map((value) => ({ op: "int", value })),
]);
const shlexAnswers = answers.slice(0, SHLEX.length);
const pathAnswers = answers.slice(SHLEX.length, SHLEX.length + PATHS.length);
const intAnswers = answers.slice(SHLEX.length + PATHS.length);

let passed = 0;
after(() => console.log(`python text rules: ${passed}/${SHLEX.length + PATHS.length + INTS.length} cases match Python`));

describe("shlex.split", () => {
  SHLEX.forEach((text, i) => {
    test(JSON.stringify(text), () => {
      assert.deepEqual(answerOf(() => shlexSplit(text)), shlexAnswers[i]);
      passed++;
    });
  });
});

describe("expandvars + expanduser", () => {
  PATHS.forEach((path, i) => {
    test(path, () => {
      assert.deepEqual(answerOf(() => expandConfigPath(path, ENV)), pathAnswers[i]);
      passed++;
    });
  });
});

describe("int()", () => {
  INTS.forEach((value, i) => {
    test(JSON.stringify(value), () => {
      assert.deepEqual(answerOf(() => pyInt(value)), intAnswers[i]);
      passed++;
    });
  });
  test("numbers and booleans", () => {
    assert.equal(pyInt(5.9), 5);
    assert.equal(pyInt(-5.9), -5);
    assert.equal(pyInt(true), 1);
    assert.throws(() => pyInt({}), /int\(\) argument must be a string, a bytes-like object or a real number, not 'dict'/);
  });
});

describe("booleans and whitespace", () => {
  test("ensure_boolean", () => {
    assert.deepEqual(["true", "TRUE", "True", "yes", "1", "", " true"].map(ensureBoolean), [true, true, true, false, false, false, false]);
    assert.equal(ensureBoolean(true), true);
    assert.equal(ensureBoolean(1), false);
    assert.equal(ensureBoolean(null), false);
    assert.equal(normalizeBoolean(null), undefined);
    assert.equal(normalizeBoolean("True"), true);
  });
  test("strip uses Python's whitespace, not JavaScript's", () => {
    assert.equal(pyStrip("\x1c a \x1f"), "a");
    assert.equal(pyStrip("\ufeffa"), "\ufeffa");
    assert.deepEqual(pySplitlines("a\x0bb\x0cc\x1cd\u2028e\r\nf\n"), ["a", "b", "c", "d", "e", "f"]);
  });
});
