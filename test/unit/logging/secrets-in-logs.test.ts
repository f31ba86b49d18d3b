/**
 * No secret in any log line, through whole client lifecycles with every
 * logger at DEBUG (the root logger, so every line any module emits is
 * captured): sessions whose credentials come from the environment, the
 * shared credentials file, credential_process and SSO (with a token
 * refresh through a fake OIDC server); clients with a proxy password and an
 * endpoint URL carrying a password; calls against a local server that
 * fails twice before answering (retries), one of them answered by a
 * before-send handler that itself logs the signed request's headers, as
 * botocore's "Sending http request" line does. Every secret key, session
 * token, SSO access / refresh token, client secret and password must be
 * absent from every line — and the lines must be there (credential,
 * settings and retry lines), so the check is not vacuous.
 */
import "../credentials/support/network-guard.js";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Config } from "../../../src/config/config.js";
import { DEBUG, getLogger, set_stream_logger, WARNING } from "../../../src/logging/index.js";
import { Session } from "../../../src/session.js";
import { isoIn, startFakeServer, type FakeServer, type RecordedRequest } from "../credentials/support/fake-server.js";

const SECRETS = {
  envSecret: "envSECRETwJalrXUtnFEMIK7MDENG",
  envToken: "envTOKENIQoJb3JpZ2luX2VjEXAMPLE",
  fileSecret: "fileSECRETbPxRfiCYEXAMPLEKEY",
  fileToken: "fileTOKENFwoGZXIvYXdzEXAMPLE",
  processSecret: "procSECRETje7MtGbClwBF",
  processToken: "procTOKENAQoDYXdzEJr",
  ssoAccessToken: "ssoACCESStokenLIFECYCLE",
  ssoRefreshedToken: "ssoREFRESHEDtokenLIFECYCLE",
  ssoRefreshToken: "ssoREFRESHtokenLIFECYCLE",
  ssoClientSecret: "ssoCLIENTsecretLIFECYCLE",
  ssoRoleSecret: "ssoROLEsecretLIFECYCLE",
  ssoRoleToken: "ssoROLEtokenLIFECYCLE",
  proxyPassword: "proxyPASSWORDlifecycle",
  endpointPassword: "endpointPASSWORDlifecycle",
} as const;

const home = mkdtempSync(join(tmpdir(), "boto3ts-secrets-"));
after(() => rmSync(home, { recursive: true, force: true }));
const cacheDir = join(home, ".aws", "sso", "cache");
mkdirSync(cacheDir, { recursive: true });
const script = join(home, "creds.mjs");
writeFileSync(
  script,
  `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: ${JSON.stringify(SECRETS.processSecret)}, SessionToken: ${JSON.stringify(SECRETS.processToken)}, Expiration: new Date(Date.now() + 3600e3).toISOString() }));`,
);
const configFile = join(home, "config");
const credentialsFile = join(home, "credentials");
writeFileSync(
  configFile,
  `[default]
region = us-east-1
[profile proc]
region = us-east-1
credential_process = ${process.execPath} ${script}
[profile sso]
region = us-east-1
sso_session = dev
sso_account_id = 111122223333
sso_role_name = Dev
[sso-session dev]
sso_start_url = https://dev.awsapps.com/start
sso_region = us-west-2
`,
);
writeFileSync(credentialsFile, `[files]\naws_access_key_id = AKIDFILE\naws_secret_access_key = ${SECRETS.fileSecret}\naws_session_token = ${SECRETS.fileToken}\nregion = us-east-1\n`);
writeFileSync(
  join(cacheDir, `${createHash("sha1").update("dev").digest("hex")}.json`),
  JSON.stringify({
    startUrl: "https://dev.awsapps.com/start",
    region: "us-west-2",
    accessToken: SECRETS.ssoAccessToken,
    expiresAt: isoIn(60), // inside the refresh window: refreshed through the fake OIDC server
    clientId: "client-id",
    clientSecret: SECRETS.ssoClientSecret,
    registrationExpiresAt: isoIn(30 * 86400),
    refreshToken: SECRETS.ssoRefreshToken,
  }),
);

// DynamoDB ListTables: two 500s, then an answer; SSO role credentials and OIDC token refresh.
let failuresLeft = 0;
let server: FakeServer;
before(async () => {
  server = await startFakeServer((req: RecordedRequest) => {
    if (req.url.startsWith("/federation/credentials")) {
      return {
        body: { roleCredentials: { accessKeyId: "AKIDSSO", secretAccessKey: SECRETS.ssoRoleSecret, sessionToken: SECRETS.ssoRoleToken, expiration: Date.parse(isoIn(3600)) } },
      };
    }
    if (req.url === "/token") {
      return { body: { accessToken: SECRETS.ssoRefreshedToken, expiresIn: 28800, refreshToken: `${SECRETS.ssoRefreshToken}-2`, tokenType: "Bearer" } };
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      return { status: 500, headers: { "x-amzn-errortype": "InternalServerError" }, body: { __type: "InternalServerError", message: "try again" } };
    }
    return { body: { TableNames: ["t"] } };
  });
});
after(() => server.close());

const lines: string[] = [];
let handler: ReturnType<typeof set_stream_logger>;
before(() => {
  handler = set_stream_logger("", DEBUG, null, (line) => lines.push(line));
});
after(() => {
  getLogger("").removeHandler(handler);
  getLogger("").setLevel(WARNING);
});

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, saved);
});

function setEnv(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_SSO: server.url,
    AWS_ENDPOINT_URL_SSO_OIDC: server.url,
    ...env,
  });
}

/** A DynamoDB client against the local server; ListTables fails twice, then answers. */
async function lifecycle(session: Session, viaBeforeSend: boolean): Promise<void> {
  const client = session.client("dynamodb", { endpoint_url: server.url, config: new Config({ retries: { mode: "legacy", max_attempts: 4 } }) });
  if (viaBeforeSend) {
    const log = getLogger("botocore.endpoint");
    client.meta.events.register("before-send", ({ request }) => {
      // What botocore's endpoint logs before each send: the signed request, headers included.
      log.debug("Sending http request: %s %s headers=%s", request.method, request.url, request.headers);
      return undefined;
    });
  }
  failuresLeft = 2;
  const out = await client.list_tables();
  assert.deepEqual(out.TableNames, ["t"]);
}

describe("no secret reaches a log line", () => {
  test("credentials from the environment, with a session token", async () => {
    setEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRETS.envSecret, AWS_SESSION_TOKEN: SECRETS.envToken, AWS_DEFAULT_REGION: "us-east-1" });
    await lifecycle(new Session(), true);
  });

  test("credentials from the shared credentials file", async () => {
    setEnv({});
    await lifecycle(new Session({ profile_name: "files" }), true);
  });

  test("credential_process", async () => {
    setEnv({});
    await lifecycle(new Session({ profile_name: "proc" }), false);
  });

  test("SSO, with a token refresh", async () => {
    setEnv({});
    await lifecycle(new Session({ profile_name: "sso" }), true);
  });

  test("a proxy password and an endpoint URL password in the client's settings", () => {
    setEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRETS.envSecret, AWS_ENDPOINT_URL_SQS: `http://user:${SECRETS.endpointPassword}@127.0.0.1:1` });
    new Session({ region_name: "us-east-1" }).client("sqs", {
      config: new Config({ proxies: { https: `http://user:${SECRETS.proxyPassword}@127.0.0.1:3128` } }),
    });
  });

  test("every captured line is free of every secret", () => {
    const leaks: string[] = [];
    for (const line of lines) {
      for (const [name, secret] of Object.entries(SECRETS)) if (line.includes(secret)) leaks.push(`${name}: ${line}`);
    }
    assert.deepEqual(leaks, []);
    const has = (re: RegExp): boolean => lines.some((line) => re.test(line));
    assert.ok(has(/botocore\.credentials \[INFO\] Found credentials in environment variables\./), "env credentials line");
    assert.ok(has(/Found credentials in shared credentials file: /), "shared file line");
    assert.ok(has(/botocore\.tokens \[INFO\] SSO Token refresh succeeded/), "SSO refresh line");
    assert.ok(has(/botocore\.retryhandler \[DEBUG\] Retry needed for ListTables \(attempt 1: /), "retry line, attempt 1");
    assert.ok(has(/Retry needed for ListTables \(attempt 2: /), "retry line, attempt 2");
    assert.ok(has(/dynamodb: retries\.mode = 'legacy' \(Config\)/), "settings line");
    assert.ok(has(/Sending http request: POST .*'X-Amz-Security-Token': '<redacted>'/), "the before-send line, its token redacted");
    assert.ok(has(/'Authorization': '<redacted>'/), "the before-send line, its signature redacted");
    assert.ok(has(/sqs: endpoint_url = 'http:\/\/<redacted>@127\.0\.0\.1:1'/), "endpoint URL password redacted");
    assert.ok(has(/sqs: proxies = \{'https': 'http:\/\/<redacted>@127\.0\.0\.1:3128'\}/), "proxy password redacted");
    if (process.env.BOTO3TS_SHOW_LOG_LINES) console.log(lines.join("\n"));
    console.log(`secrets in logs: ${lines.length} lines captured at DEBUG from every logger, ${Object.keys(SECRETS).length} secrets, none found`);
  });
});
