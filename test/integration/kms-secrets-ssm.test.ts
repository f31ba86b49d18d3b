/** KMS, Secrets Manager and SSM (JSON 1.1) against moto. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("kms, secretsmanager and ssm against moto", { skip: motoSkipReason() }, () => {
  test("kms: create a key, encrypt and decrypt bytes", async () => {
    const kms = await motoClient("kms");
    const key = (await kms.create_key({ Description: "test key" })).KeyMetadata as { KeyId: string; Arn: string; CreationDate: Date; Enabled: boolean };
    assert.ok(key.CreationDate instanceof Date);
    assert.equal(key.Enabled, true);
    const plaintext = new Uint8Array([1, 2, 3, 4, 250]);
    const encrypted = await kms.encrypt({ KeyId: key.KeyId, Plaintext: plaintext });
    assert.ok(encrypted.CiphertextBlob instanceof Uint8Array);
    const decrypted = await kms.decrypt({ CiphertextBlob: encrypted.CiphertextBlob });
    assert.deepEqual([...(decrypted.Plaintext as Uint8Array)], [...plaintext]);
    assert.equal(decrypted.KeyId, key.Arn);
  });

  test("secretsmanager: create, get, list", async () => {
    const sm = await motoClient("secretsmanager");
    const name = uniqueName("secret");
    const created = await sm.create_secret({ Name: name, SecretString: "s3cr3t" });
    assert.match(String(created.ARN), new RegExp(`:secret:${name}-`));
    const value = await sm.get_secret_value({ SecretId: name });
    assert.equal(value.SecretString, "s3cr3t");
    assert.ok(value.CreatedDate instanceof Date);
    await assert.rejects(sm.get_secret_value({ SecretId: uniqueName("missing") }), (err: unknown) => {
      assert.ok(err instanceof sm.exceptions.ResourceNotFoundException);
      return true;
    });
  });

  test("ssm: put and get parameters", async () => {
    const ssm = await motoClient("ssm");
    const name = `/${uniqueName("app")}/db/host`;
    const put = await ssm.put_parameter({ Name: name, Value: "db.local", Type: "String" });
    assert.equal(put.Version, 1);
    const got = (await ssm.get_parameter({ Name: name })).Parameter as { Name: string; Value: string; Version: number; LastModifiedDate: Date };
    assert.equal(got.Value, "db.local");
    assert.ok(got.LastModifiedDate instanceof Date);
    const byPath = await ssm.get_parameters_by_path({ Path: name.slice(0, name.lastIndexOf("/")) });
    assert.deepEqual((byPath.Parameters as { Name: string }[]).map((p) => p.Name), [name]);
  });
});
