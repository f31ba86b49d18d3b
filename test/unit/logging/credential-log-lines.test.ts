/**
 * What the credential chain logs, against botocore logging the same
 * resolution: every INFO and WARNING line of `botocore.credentials` and
 * `botocore.tokens` ("Found credentials in environment variables.", "Found
 * credentials in shared credentials file: ~/.aws/credentials", "Loading
 * cached SSO token for dev", ...) and the DEBUG lines that trace the chain
 * ("Looking for credentials via: env", "Skipping environment variable
 * credential check ..."), in order, text for text. SSO and instance metadata
 * run against fake servers on 127.0.0.1.
 */
import "../credentials/support/network-guard.js";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Session } from "../../../src/session.js";
import { DEBUG, getLogger, Handler, INFO, type LogRecord } from "../../../src/logging/index.js";
import { describe as view, outcomeOf, startBotocore, type Outcome } from "../credentials/support/botocore-credentials.js";
import { isoIn, startFakeServer, type FakeServer, type RecordedRequest } from "../credentials/support/fake-server.js";

const SECRET = "logSECRETwJalrXUtnFEMI";
const TOKEN = "logTOKENFwoGZXIvYXdz";
const SSO_TOKEN = "logSSOaccessTOKEN";
const home = mkdtempSync(join(tmpdir(), "boto3ts-credlog-"));
after(() => rmSync(home, { recursive: true, force: true }));
const cacheDir = join(home, ".aws", "sso", "cache");
mkdirSync(cacheDir, { recursive: true });
const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");
const file = (name: string, text: string): string => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

const processScript = file("creds.mjs", `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: ${JSON.stringify(SECRET)} }));`);
const config = file(
  "config",
  `[default]
region = us-east-1
[profile cfg]
aws_access_key_id = AKIDCFG
aws_secret_access_key = ${SECRET}
[profile proc]
credential_process = ${process.execPath} ${processScript}
[profile dev]
region = eu-west-1
[sso-session dev]
sso_start_url = https://dev.awsapps.com/start
sso_region = us-west-2
[profile sso]
sso_session = dev
sso_account_id = 111122223333
sso_role_name = Dev
[profile empty]
region = us-west-2
`,
);
const credentials = file(
  "credentials",
  `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = ${SECRET}
`,
);
const botoConfig = file("boto.cfg", `[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = ${SECRET}\n`);
const ec2File = file("ec2-creds", `AWSAccessKeyId=AKIDEC2\nAWSSecretKey=${SECRET}\n`);
const noFile = join(home, "missing");

let server: FakeServer;
let oidcRefuses = false;
before(async () => {
  server = await startFakeServer((req: RecordedRequest) => {
    if (req.url.startsWith("/federation/credentials")) {
      return { body: { roleCredentials: { accessKeyId: "AKIDSSO", secretAccessKey: SECRET, sessionToken: TOKEN, expiration: Date.parse(isoIn(3600)) } } };
    }
    if (req.url === "/token") {
      if (oidcRefuses) return { status: 400, headers: { "x-amzn-errortype": "InvalidGrantException" }, body: { error: "invalid_grant" } };
      return { body: { accessToken: SSO_TOKEN, expiresIn: 28800, tokenType: "Bearer" } };
    }
    if (req.url === "/latest/api/token") return { body: "imds-session-token" };
    if (req.url === "/latest/meta-data/iam/security-credentials/") return { body: "my-role" };
    if (req.url === "/latest/meta-data/iam/security-credentials/my-role") {
      return { body: { Code: "Success", AccessKeyId: "AKIDIMDS", SecretAccessKey: SECRET, Token: TOKEN, Expiration: isoIn(6 * 3600) } };
    }
    return { status: 404, body: {} };
  });
});
after(() => server.close());

const python = startBotocore(String.raw`
import logging
import botocore.session
class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
    def emit(self, record):
        self.records.append([record.name, record.levelname, record.getMessage()])
capture = Capture()
for name in ('botocore.credentials', 'botocore.tokens'):
    logging.getLogger(name).setLevel(logging.DEBUG)
    logging.getLogger(name).addHandler(capture)
def handle(req):
    set_env(req['env'])
    capture.records = []
    kwargs = {'profile': req['profile']} if req.get('profile') else {}
    result = outcome(lambda: describe(botocore.session.Session(**kwargs).get_credentials()))
    return {'outcome': result, 'lines': capture.records}
`);
after(() => python.close());

interface Case {
  name: string;
  env: Record<string, string>;
  profile?: string;
  ssoToken?: Record<string, unknown>;
  oidcRefuses?: boolean;
}

const BASE: Record<string, string> = {
  HOME: home,
  AWS_CONFIG_FILE: config,
  AWS_SHARED_CREDENTIALS_FILE: noFile,
  BOTO_CONFIG: noFile,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ENDPOINT_URL_SSO: "%SERVER%",
  AWS_ENDPOINT_URL_SSO_OIDC: "%SERVER%",
};
const ENV_KEYS = { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
const ssoToken = (expiresIn: number): Record<string, unknown> => ({
  startUrl: "https://dev.awsapps.com/start",
  region: "us-west-2",
  accessToken: SSO_TOKEN,
  expiresAt: isoIn(expiresIn),
  clientId: "client-id",
  clientSecret: "client-secret-value",
  registrationExpiresAt: isoIn(30 * 86400),
  refreshToken: "refresh-token-value",
});

const CASES: Case[] = [
  { name: "environment variables", env: ENV_KEYS },
  { name: "partial environment credentials", env: { AWS_ACCESS_KEY_ID: "AKIDENV" } },
  { name: "shared credentials file, default profile", env: { AWS_SHARED_CREDENTIALS_FILE: credentials } },
  { name: "AWS_PROFILE with keys in the environment: the environment wins", env: { ...ENV_KEYS, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: "dev" } },
  { name: "profile chosen on the session skips the environment", env: { ...ENV_KEYS, AWS_SHARED_CREDENTIALS_FILE: credentials }, profile: "dev" },
  { name: "keys in the config file", env: {}, profile: "cfg" },
  { name: "credential_process", env: {}, profile: "proc" },
  { name: "AWS_CREDENTIAL_FILE", env: { AWS_CREDENTIAL_FILE: ec2File } },
  { name: "boto config file", env: { BOTO_CONFIG: botoConfig } },
  { name: "nothing found", env: {}, profile: "empty" },
  { name: "SSO with a cached token", env: {}, profile: "sso", ssoToken: ssoToken(3600) },
  { name: "SSO token refreshed", env: {}, profile: "sso", ssoToken: ssoToken(60) },
  { name: "SSO token refresh refused", env: {}, profile: "sso", ssoToken: ssoToken(120), oidcRefuses: true },
  { name: "SSO token without a registration", env: {}, profile: "sso", ssoToken: { ...ssoToken(60), clientId: undefined, refreshToken: undefined } },
  {
    name: "instance metadata",
    env: { AWS_EC2_METADATA_DISABLED: "false", AWS_EC2_METADATA_SERVICE_ENDPOINT: "%SERVER%/" },
    profile: "empty",
  },
];

// botocore's DEBUG lines this SDK reproduces; its others trace internals this SDK does not have.
const TRACED = [/^Looking for credentials via: /, /^Skipping environment variable credential check/];
const keep = ([, level, message]: readonly unknown[]): boolean => level !== "DEBUG" || TRACED.some((re) => re.test(String(message)));

class Capture extends Handler {
  lines: unknown[][] = [];
  emit(record: LogRecord): void {
    this.lines.push([record.name, record.levelname, record.getMessage()]);
  }
}
const capture = new Capture();
for (const name of ["botocore.credentials", "botocore.tokens"]) {
  getLogger(name).setLevel(DEBUG);
  getLogger(name).addHandler(capture);
}
after(() => {
  for (const name of ["botocore.credentials", "botocore.tokens"]) {
    getLogger(name).removeHandler(capture);
    getLogger(name).setLevel(0);
  }
});

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, saved);
});

function envOf(c: Case): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...BASE, ...c.env })) env[key] = value.replace("%SERVER%", server.url);
  return env;
}

function prepare(c: Case): void {
  const tokenFile = join(cacheDir, `${sha1("dev")}.json`);
  rmSync(tokenFile, { force: true });
  if (c.ssoToken !== undefined) writeFileSync(tokenFile, JSON.stringify(c.ssoToken));
  oidcRefuses = c.oidcRefuses === true;
}

async function ours(c: Case): Promise<{ outcome: Outcome; lines: unknown[][] }> {
  for (const key of Object.keys(process.env)) if (/^(AWS_|BOTO_)/.test(key)) delete process.env[key];
  Object.assign(process.env, envOf(c));
  capture.lines = [];
  const outcome = await outcomeOf(async () => view(await new Session(c.profile === undefined ? {} : { profile_name: c.profile }).get_credentials()));
  return { outcome, lines: capture.lines };
}

describe("the credential chain logs what botocore logs", () => {
  let infoLines = 0;
  for (const c of CASES) {
    test(c.name, async () => {
      prepare(c);
      const theirs = await python.request<{ outcome: Outcome; lines: unknown[][] }>({ env: envOf(c), profile: c.profile ?? null });
      prepare(c);
      const mine = await ours(c);
      assert.deepEqual(mine.outcome, theirs.outcome, "same credentials or error");
      const expected = theirs.lines.filter(keep);
      assert.deepEqual(mine.lines.filter(keep), expected);
      infoLines += expected.filter(([, level]) => level !== "DEBUG").length;
    });
  }
  after(() => console.log(`credential log lines: ${CASES.length} setups, ${infoLines} INFO/WARNING lines identical to botocore's`));
});

test("an INFO-level handler sees the INFO line alone", async () => {
  getLogger("botocore.credentials").setLevel(INFO);
  const c = CASES[0]!;
  const { lines } = await ours(c);
  getLogger("botocore.credentials").setLevel(DEBUG);
  assert.deepEqual(lines, [["botocore.credentials", "INFO", "Found credentials in environment variables."]]);
});
