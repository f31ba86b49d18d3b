/**
 * The INI reader against botocore's configloader, snippet by snippet: each
 * snippet is written to a temporary file and parsed by both (raw sections,
 * raw without sub-sections, and the profile map). Errors must match by
 * class and message.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { rawConfigParse } from "../../../src/config/ini.js";
import { loadConfig } from "../../../src/config/profiles.js";
import { answerOf, askBotocore } from "./support/oracle.js";

const SNIPPETS: Readonly<Record<string, string | Uint8Array>> = {
  "equals and colon": "[default]\nregion = us-west-2\noutput: json\n",
  "no spaces": "[default]\nregion=us-west-2\n",
  "first delimiter splits": "[default]\na:b = c\nd = e:f=g\n",
  "keys are lower-cased, values are not": "[default]\nRegion = US-West-2\nAWS_Access_Key_ID = AbC\n",
  "section names keep their case": "[Default]\nregion = a\n[PROFILE Dev]\nregion = b\n[profile Dev]\nregion = c\n",
  "full-line comments": "# top\n[default]\n; semi\n  # indented comment\nregion = a\n",
  "no inline comments": "[default]\nregion = us-west-2 # not a comment\nx = 1 ; nor this\n",
  "empty value": "[default]\nregion =\nother = \n",
  "continuation lines": "[default]\ndescription = first\n  second\n\tthird\nregion = a\n",
  "blank line inside a value is kept": "[default]\nvalue = one\n\n  two\nregion = a\n",
  "trailing blank lines are dropped": "[default]\nvalue = one\n  two\n\n\n",
  "comment does not break a continuation": "[default]\nvalue = one\n# comment\n  two\n",
  "nested sub-section": "[default]\ns3 =\n    signature_version = s3v4\n    addressing_style = path\nregion=us-west-2\n",
  "nested keys keep case and last wins": "[default]\ns3 =\n  Addressing_Style = path\n  a = 1\n  a = 2\n",
  "nested value with equals": "[default]\ns3 =\n  k = a=b\n",
  "nested with blank lines": "[default]\ns3 =\n  a = 1\n\n  b = 2\n",
  "nested line without equals": "[default]\ns3 =\n    bad_syntax @ s3v4\n",
  "nested colon is not a delimiter": "[default]\ns3 =\n  a: b\n",
  "value starting with text is not nested": "[default]\ns3 = x\n  a = b\n",
  "indented section header is a continuation": "[default]\nregion = a\n  [profile x]\n",
  "indented first lines": "  [default]\n  region = a\n  other = b\n",
  "deeper option after indented option": "[default]\n  a = 1\n    b = 2\n",
  "duplicate section": "[default]\na = 1\n[default]\nb = 2\n",
  "duplicate key": "[default]\na = 1\na = 2\n",
  "duplicate key differing in case": "[default]\nA = 1\na = 2\n",
  "same key in two sections": "[default]\na = 1\n[profile x]\na = 2\n",
  "option before any section": "region = us-west-2\n[default]\n",
  "line without delimiter": "[default]\njust some words\n",
  "empty key": "[default]\n= value\n",
  "empty brackets": "[]\na = 1\n",
  "header with trailing text": "[default] trailing\nregion = a\n",
  "header with nested brackets": "[profile [x]]\nregion = a\n[a] b]\nc = d\n",
  "spaces inside brackets": "[ default ]\nregion = a\n[profile  spaced  ]\nregion = b\n",
  "DEFAULT section is inherited": "[DEFAULT]\nregion = base\nx = 1\n[default]\nregion = own\n[profile dev]\ny = 2\n",
  "DEFAULT twice": "[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[default]\nc = 3\n",
  "DEFAULT duplicate key": "[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n",
  "DEFAULT nested": "[DEFAULT]\ns3 =\n  a = 1\n[default]\nregion = x\n",
  "CRLF line endings": "[default]\r\nregion = a\r\ns3 =\r\n  a = 1\r\n",
  "CR line endings": "[default]\rregion = a\rother = b\r",
  "no trailing newline": "[default]\nregion = a",
  "byte-order mark": "\ufeff[default]\nregion = a\n",
  "unicode values": "[default]\nregion = ünïcödé ✓\n[profile ДЕВ]\nkey = 値\n",
  "unicode whitespace": "[default]\nregion =\u00a0a\u00a0\nother\u2003=\u2003b\n",
  "python-only whitespace": "[default]\nregion = a\x1c\n\x1cother = b\n",
  "vertical tab and form feed": "[default]\ns3 =\n  a = 1\x0bb = 2\n  c = 3\x0cd = 4\n",
  "tabs": "[default]\n\tregion\t=\ta\t\n",
  "profile quoted": '[profile "personal"]\na = 1\n[profile \'single\']\nb = 2\n',
  "profile with spaces": '[profile "my profile"]\na = 1\n',
  "bad profile headers": '[profile "a" "b"]\na = 1\n[profile "unterminated]\nb = 2\n[profile]\nc = 3\n[profiles]\nd = 4\n',
  "profile prefix glued": "[profilex y]\na = 1\n[profile\tz]\nb = 2\n",
  "profile escapes": '[profile a\\ b]\nx = 1\n[profile "c\\"d"]\ny = 2\n[profile "e\\f"]\nz = 3\n[profile g\\]\nw = 4\n',
  "profile empty quoted name": '[profile ""]\na = 1\n',
  "profile default and default, later wins": "[profile default]\nregion = a\n[default]\nregion = b\n",
  "default then profile default": "[default]\nregion = b\n[profile default]\nregion = a\n",
  "sso-session and services": "[default]\nsso_session = s\nservices = svc\n[sso-session s]\nsso_region = us-east-1\n[services svc]\ns3 =\n  endpoint_url = http://x\n",
  "other sections stay top level": "[preview]\ncloudfront = true\n[plugins]\nx = y\n[default]\nregion = a\n",
  "numeric profile names keep order": "[profile 2]\na = 1\n[profile b]\na = 2\n[profile 1]\na = 3\n",
  "proto-looking names": "[profile __proto__]\na = 1\n[constructor]\nb = 2\n[default]\n__proto__ = 3\n",
  "sso_sessions section is overwritten": "[sso_sessions]\na = 1\n[default]\nb = 2\n",
  "empty file": "",
  "only comments": "# nothing\n; here\n",
  "invalid UTF-8": new Uint8Array([0x5b, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6c, 0x74, 0x5d, 0x0a, 0x61, 0x3d, 0xff, 0xfe, 0x0a]),
  "NUL byte": "[default]\nregion = a\u0000b\n",
  "long continuation": `[default]\nlist =\n${Array.from({ length: 50 }, (_, i) => `  k${i} = v${i}`).join("\n")}\n`,
};

const dir = mkdtempSync(join(tmpdir(), "boto3ts-ini-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { HOME: dir };

const names = Object.keys(SNIPPETS);
const paths = names.map((name, i) => {
  const path = join(dir, `snippet-${i}`);
  writeFileSync(path, SNIPPETS[name]!);
  return path;
});

const requests = paths.flatMap((path) => [
  { op: "raw", path, env },
  { op: "raw", path, env, subsections: false },
  { op: "load", path, env },
]);
const expected = askBotocore(requests);

// Paths rather than contents: missing files, directories, expansion.
writeFileSync(join(dir, "home-file"), "[default]\nregion = from-home\n");
const PATH_CASES: Readonly<Record<string, string>> = {
  "missing file": join(dir, "does-not-exist"),
  "a directory": dir,
  "~ expands to HOME": "~/home-file",
  "$HOME expands": "$HOME/home-file",
  "${HOME} expands": "${HOME}/home-file",
  "unknown variable stays": "$NO_SUCH_VAR/home-file",
  "empty path": "",
};
const pathAnswers = askBotocore(Object.values(PATH_CASES).map((path) => ({ op: "raw", path, env })));

describe("config file paths resolve as in botocore", () => {
  Object.entries(PATH_CASES).forEach(([name, path], i) => {
    test(name, () => {
      assert.deepEqual(answerOf(() => rawConfigParse(path, env)), pathAnswers[i]);
    });
  });
});

describe("INI files parse as botocore parses them", () => {
  let passed = 0;
  names.forEach((name, i) => {
    test(name, () => {
      const path = paths[i]!;
      const [raw, flat, loaded] = expected.slice(i * 3, i * 3 + 3);
      assert.deepEqual(answerOf(() => rawConfigParse(path, env)), raw, "raw_config_parse");
      assert.deepEqual(answerOf(() => rawConfigParse(path, env, false)), flat, "raw_config_parse without sub-sections");
      assert.deepEqual(answerOf(() => loadConfig(path, env)), loaded, "load_config");
      passed++;
    });
  });
  after(() => console.log(`INI differential: ${passed}/${names.length} snippets match botocore`));
});
