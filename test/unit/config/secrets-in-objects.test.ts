/**
 * Secrets (secret keys, session tokens, proxy passwords) never appear when a
 * session, its configuration chain, a client, a Config, credentials or an
 * error is printed: util.inspect (deep, with hidden members), console.log's
 * `%o`, JSON.stringify, String() — for sessions whose credentials come from
 * arguments, the environment, a profile and credential_process, and for
 * errors raised by credential resolution and by a call that the service
 * refuses. (Log lines: test/unit/logging/secrets-in-logs.test.ts.)
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, inspect } from "node:util";
import { after, describe, test } from "node:test";
import { Config } from "../../../src/config/config.js";
import { Session } from "../../../src/session.js";

const SECRETS = ["argSECRETkey1", "argSESSIONtoken1", "envSECRETkey2", "envSESSIONtoken2", "fileSECRETkey3", "fileSESSIONtoken3", "procSECRETkey4", "procSESSIONtoken4", "clientSECRETkey5", "clientTOKEN5", "proxyPASSWORD6"];

const dir = mkdtempSync(join(tmpdir(), "boto3ts-secret-objects-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, "creds.mjs");
writeFileSync(script, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: "procSECRETkey4", SessionToken: "procSESSIONtoken4", Expiration: new Date(Date.now() + 3600e3).toISOString() }));`);
const configFile = join(dir, "config");
writeFileSync(configFile, `[default]\nregion = us-east-1\n[profile proc]\nregion = us-east-1\ncredential_process = ${process.execPath} ${script}\n[profile partial]\naws_access_key_id = AKIDPARTIAL\n`);
const credentialsFile = join(dir, "credentials");
writeFileSync(credentialsFile, "[files]\naws_access_key_id = AKIDFILE\naws_secret_access_key = fileSECRETkey3\naws_session_token = fileSESSIONtoken3\n");

const saved = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, saved);
});
for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
Object.assign(process.env, {
  AWS_CONFIG_FILE: configFile,
  AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ACCESS_KEY_ID: "AKIDENV",
  AWS_SECRET_ACCESS_KEY: "envSECRETkey2",
  AWS_SESSION_TOKEN: "envSESSIONtoken2",
});

/** Every way a value is commonly printed. */
function printed(value: unknown): string[] {
  const forms = [
    inspect(value, { depth: 12 }),
    inspect(value, { depth: 12, showHidden: true }),
    format("%o", value),
    format("%s", value),
    String(value),
  ];
  try {
    forms.push(JSON.stringify(value) ?? "");
  } catch (err) {
    forms.push(String(err));
  }
  return forms;
}

function assertNoSecret(label: string, value: unknown): void {
  for (const [i, text] of printed(value).entries()) {
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `${label}, form ${i}: ${secret} shown`);
  }
}

const sessions: [string, () => Session][] = [
  ["keys given to the Session", () => new Session({ aws_access_key_id: "AKIDARG", aws_secret_access_key: "argSECRETkey1", aws_session_token: "argSESSIONtoken1", region_name: "us-east-1" })],
  ["keys in the environment", () => new Session({ region_name: "us-east-1" })],
  ["keys in the shared credentials file", () => new Session({ profile_name: "files", region_name: "us-east-1" })],
  ["credential_process", () => new Session({ profile_name: "proc" })],
];

describe("printing never shows a secret", () => {
  for (const [label, make] of sessions) {
    test(`${label}: the session, its configuration chain, a client, its meta and Config, the credentials`, async () => {
      const session = make();
      const client = session.client("sts", { region_name: "us-east-1" });
      const credentials = await session.get_credentials();
      assert.notEqual(credentials, null);
      const frozen = await credentials!.get_frozen_credentials();
      assert.ok(SECRETS.includes(frozen.secret_key), "the credentials were really found");
      // The frozen snapshot is the one object meant to hand out the raw values (botocore's ReadOnlyCredentials tuple); it is not checked.
      for (const [what, value] of Object.entries({ session, store: session._config, client, meta: client.meta, config: client.meta.config, credentials })) {
        assertNoSecret(`${label}: ${what}`, value);
      }
    });
  }

  test("keys given to a client, and a proxy password in its Config", () => {
    const client = new Session({ region_name: "us-east-1" }).client("s3", {
      aws_access_key_id: "AKIDCLIENT",
      aws_secret_access_key: "clientSECRETkey5",
      aws_session_token: "clientTOKEN5",
      config: new Config({ proxies: { https: "http://user:proxyPASSWORD6@127.0.0.1:3128" } }),
    });
    for (const [what, value] of Object.entries({ client, meta: client.meta, config: client.meta.config })) assertNoSecret(what, value);
  });
});

describe("errors never show a secret", () => {
  test("a partial profile: PartialCredentialsError", async () => {
    const session = new Session({ profile_name: "partial" });
    await assert.rejects(session.get_credentials(), (err: Error) => {
      assert.equal(err.name, "PartialCredentialsError");
      assertNoSecret("PartialCredentialsError", err);
      return true;
    });
  });

  test("a call the service refuses: ClientError, with the signed request behind it", async () => {
    const session = new Session({ aws_access_key_id: "AKIDARG", aws_secret_access_key: "argSECRETkey1", aws_session_token: "argSESSIONtoken1", region_name: "us-east-1" });
    const client = session.client("sts");
    let sentToken = "";
    client.meta.events.register("before-send", ({ request }) => {
      sentToken = String(request.headers["X-Amz-Security-Token"]);
      return {
        status_code: 403,
        headers: { "content-type": "text/xml" },
        content: "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>",
      };
    });
    await assert.rejects(client.get_caller_identity(), (err: Error) => {
      assert.equal(err.name, "ClientError");
      assertNoSecret("ClientError", err);
      assertNoSecret("ClientError stack", err.stack);
      return true;
    });
    assert.equal(sentToken, "argSESSIONtoken1", "the token was really sent");
  });
});
