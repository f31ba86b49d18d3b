/**
 * The two legacy file providers against botocore, through the whole chain
 * with the same files and environment: AWS_CREDENTIAL_FILE (the EC2 tools'
 * key=value file) and boto2's config (BOTO_CONFIG, ~/.boto; /etc/boto.cfg
 * is not present on test machines). Also where they sit in the chain:
 * after the profile's own providers, before the container and instance
 * metadata, and web identity's variables against its profile keys.
 */
import "./support/network-guard.js";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { SessionConfigStore } from "../../../src/config/config-store.js";
import { createCredentialResolver } from "../../../src/credentials/chain.js";
import { describe as view, outcomeOf, startBotocore } from "./support/botocore-credentials.js";
import type { Outcome } from "./support/botocore-credentials.js";

const dir = mkdtempSync(join(tmpdir(), "boto3ts-legacy-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const FILES = {
  ec2: write("ec2-creds", "AWSAccessKeyId=AKIDEC2FILE\nAWSSecretKey = ec2secret\nnot a pair\n# comment = kept as a key\n"),
  ec2NoKey: write("ec2-nokey", "SomethingElse=1\n"),
  ec2NoSecret: write("ec2-nosecret", "AWSAccessKeyId=AKIDEC2ONLY\n"),
  boto: write("boto.cfg", "[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = botosecret\n"),
  botoPartial: write("boto-partial.cfg", "[Credentials]\naws_access_key_id = AKIDBOTOPART\n"),
  botoOther: write("boto-other.cfg", "[Boto]\ndebug = 1\n"),
  botoBroken: write("boto-broken.cfg", "[Credentials]\naws_access_key_id = a\naws_access_key_id = b\n"),
  home: mkdtempSync(join(dir, "home-")),
  config: write("config", "[default]\nregion = us-east-1\n[profile keys]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n"),
};
const homeBoto = join(FILES.home, ".boto");
writeFileSync(homeBoto, "[Credentials]\naws_access_key_id = AKIDHOMEBOTO\naws_secret_access_key = homebotosecret\n");
const BASE = { HOME: dir, AWS_CONFIG_FILE: FILES.config, AWS_SHARED_CREDENTIALS_FILE: join(dir, "none") };

interface Case {
  name: string;
  env: Record<string, string>;
  profile?: string;
}

const CASES: Case[] = [
  { name: "AWS_CREDENTIAL_FILE", env: { ...BASE, AWS_CREDENTIAL_FILE: FILES.ec2 } },
  { name: "AWS_CREDENTIAL_FILE with ~", env: { ...BASE, HOME: dir, AWS_CREDENTIAL_FILE: "~/ec2-creds" } },
  { name: "AWS_CREDENTIAL_FILE without the access key falls through", env: { ...BASE, AWS_CREDENTIAL_FILE: FILES.ec2NoKey } },
  { name: "AWS_CREDENTIAL_FILE that does not exist", env: { ...BASE, AWS_CREDENTIAL_FILE: join(dir, "missing") } },
  { name: "AWS_CREDENTIAL_FILE empty", env: { ...BASE, AWS_CREDENTIAL_FILE: "" } },
  { name: "a profile's keys win over AWS_CREDENTIAL_FILE", env: { ...BASE, AWS_CREDENTIAL_FILE: FILES.ec2 }, profile: "keys" },
  { name: "AWS_CREDENTIAL_FILE wins over BOTO_CONFIG", env: { ...BASE, AWS_CREDENTIAL_FILE: FILES.ec2, BOTO_CONFIG: FILES.boto } },
  { name: "BOTO_CONFIG", env: { ...BASE, BOTO_CONFIG: FILES.boto } },
  { name: "BOTO_CONFIG with only the access key", env: { ...BASE, BOTO_CONFIG: FILES.botoPartial } },
  { name: "BOTO_CONFIG without [Credentials]", env: { ...BASE, BOTO_CONFIG: FILES.botoOther } },
  { name: "BOTO_CONFIG that does not exist (no fallback to ~/.boto)", env: { ...BASE, HOME: FILES.home, BOTO_CONFIG: join(dir, "missing") } },
  { name: "BOTO_CONFIG that cannot be parsed", env: { ...BASE, BOTO_CONFIG: FILES.botoBroken } },
  { name: "~/.boto", env: { ...BASE, HOME: FILES.home } },
  { name: "boto config comes before the container provider", env: { ...BASE, HOME: FILES.home, AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/never" } },
  { name: "web identity file from the environment without a role", env: { ...BASE, AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, "token") } },
  { name: "web identity: empty AWS_WEB_IDENTITY_TOKEN_FILE disables it", env: { ...BASE, AWS_WEB_IDENTITY_TOKEN_FILE: "", AWS_ROLE_ARN: "arn:aws:iam::1:role/x", BOTO_CONFIG: FILES.boto } },
  { name: "nothing at all", env: { ...BASE, HOME: join(dir, "nohome") } },
];

const python = startBotocore(String.raw`
import botocore.session
def handle(req):
    set_env(req['env'])
    return outcome(lambda: describe(botocore.session.Session(profile=req.get('profile')).get_credentials()))
`);
after(() => python.close());

describe("legacy files match botocore", () => {
  assert.equal(existsSync("/etc/boto.cfg"), false, "these cases assume no /etc/boto.cfg");
  for (const c of CASES) {
    test(c.name, async () => {
      const env = { ...c.env, AWS_EC2_METADATA_DISABLED: "true" };
      const theirs = await python.request<Outcome>({ env, profile: c.profile });
      const mine = await outcomeOf(async () => {
        const store = new SessionConfigStore({ env, instanceVariables: c.profile === undefined ? {} : { profile: c.profile } });
        return view(await createCredentialResolver(store).load_credentials());
      });
      assert.deepEqual(mine, theirs);
    });
  }
  test("AWS_CREDENTIAL_FILE without the secret: a PartialCredentialsError (botocore: a bare KeyError)", async () => {
    const env = { ...BASE, AWS_CREDENTIAL_FILE: FILES.ec2NoSecret, AWS_EC2_METADATA_DISABLED: "true" };
    const theirs = await python.request<Outcome>({ env });
    assert.equal((theirs as { error: string }).error, "KeyError");
    const mine = await outcomeOf(async () => view(await createCredentialResolver(new SessionConfigStore({ env })).load_credentials()));
    assert.deepEqual(mine, { error: "PartialCredentialsError", message: "Partial credentials found in ec2-credentials-file, missing: AWSSecretKey" });
  });
});
