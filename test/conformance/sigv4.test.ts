/**
 * The AWS SigV4 test suite (conformance README §2), read in place from
 * ../shared/conformance/botocore/tests/unit/auth/aws4_testsuite.
 *
 * Fixed inputs, as botocore's runner sets them: key AKIDEXAMPLE, the
 * example secret, 2015-08-30T12:36:00Z, us-east-1, service "service"; the
 * session token is the `x-amz-security-token:` line of the .creq, if any.
 * Each case checks the canonical request, the string to sign and the
 * Authorization header.
 *
 * The `.req` files are raw HTTP text, parsed here. Like botocore's runner
 * (which rebuilds the query from `parse_qsl`), the query is decoded and
 * percent-encoded again, because the signer takes the URL as the serializer
 * writes it: already encoded. Repeated header lines are given to the signer
 * as names differing only in case, the one way a header record can hold them.
 *
 * No exclusions: all 34 cases run, including the 4 botocore skips (a path
 * with a space, and repeated query keys), which its HTTP parser cannot read.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { signV4 } from "../../src/auth/sigv4.js";
import { percentEncode } from "../../src/util/uri.js";
import { BOTOCORE_TESTS } from "../support/paths.js";

const SUITE = join(BOTOCORE_TESTS, "unit", "auth", "aws4_testsuite");
const ACCESS_KEY = "AKIDEXAMPLE";
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TIME = new Date("2015-08-30T12:36:00Z");

/** Directories holding a `<name>.req` file, at any depth. */
function findCases(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (readdirSync(path).includes(`${entry}.req`)) out.push(path);
    out.push(...findCases(path));
  }
  return out;
}

function decodeQueryPart(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

/** Varies the case of `name` until it is not yet a key of `headers`. */
function unusedCasing(headers: Record<string, string>, name: string): string {
  for (let variant = 0; variant < 1 << Math.min(name.length, 16); variant++) {
    let candidate = "";
    for (let i = 0; i < name.length; i++) {
      const ch = name[i]!;
      candidate += (variant >> i) & 1 ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
    }
    if (!(candidate in headers)) return candidate;
  }
  throw new Error(`too many repeats of header ${name}`);
}

interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function parseRequest(text: string): RawRequest {
  const blank = text.indexOf("\n\n");
  const head = blank === -1 ? text : text.slice(0, blank);
  const body = blank === -1 ? "" : text.slice(blank + 2);
  const [requestLine, ...lines] = head.split("\n");
  const firstSpace = requestLine!.indexOf(" ");
  const lastSpace = requestLine!.lastIndexOf(" ");
  const method = requestLine!.slice(0, firstSpace);
  const target = requestLine!.slice(firstSpace + 1, lastSpace);

  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines) {
    if (line === "") continue; // some files end with a newline
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers[last] += `\n${line}`; // obsolete line folding: a continuation of the previous value
      continue;
    }
    const colon = line.indexOf(":");
    const name = unusedCasing(headers, line.slice(0, colon));
    headers[name] = line.slice(colon + 1);
    last = name;
  }

  const question = target.indexOf("?");
  const path = question === -1 ? target : target.slice(0, question);
  let query = "";
  if (question !== -1) {
    query = target
      .slice(question + 1)
      .split("&")
      .map((pair) => {
        const eq = pair.indexOf("=");
        const key = eq === -1 ? pair : pair.slice(0, eq);
        const value = eq === -1 ? "" : pair.slice(eq + 1);
        return `${percentEncode(decodeQueryPart(key))}=${percentEncode(decodeQueryPart(value))}`;
      })
      .join("&");
  }
  const host = Object.entries(headers).find(([name]) => name.toLowerCase() === "host")?.[1] ?? "";
  return { method, url: `https://${host}${path}${query === "" ? "" : `?${query}`}`, headers, body };
}

function readExpected(dir: string, ext: string): string {
  return readFileSync(join(dir, `${basename(dir)}.${ext}`), "utf8").replace(/\r/g, "");
}

describe("SigV4 test suite", () => {
  const cases = findCases(SUITE);
  let passed = 0;
  for (const dir of cases) {
    const name = relative(SUITE, dir);
    test(name, () => {
      const raw = parseRequest(readFileSync(join(dir, `${basename(dir)}.req`), "utf8"));
      const creq = readExpected(dir, "creq");
      const token = /^x-amz-security-token:(.*)$/m.exec(creq)?.[1];
      const request = { method: raw.method, url: raw.url, headers: raw.headers, body: raw.body, context: {} };
      const result = signV4(
        request,
        { access_key: ACCESS_KEY, secret_key: SECRET_KEY, token },
        { signingName: "service", region: "us-east-1", time: TIME },
      );
      assert.equal(result.canonicalRequest, creq, "canonical request");
      assert.equal(result.stringToSign, readExpected(dir, "sts"), "string to sign");
      assert.equal(request.headers.Authorization, readExpected(dir, "authz"), "Authorization header");
      passed++;
    });
  }
  test("summary", () => {
    console.log(`SigV4 suite: ${passed}/${cases.length} cases pass`);
    assert.equal(cases.length, 34);
  });
});
