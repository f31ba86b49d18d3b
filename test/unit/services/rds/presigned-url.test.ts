/**
 * RDS, Neptune and DocumentDB: SourceRegion becomes a PreSignedUrl for the
 * source region (botocore's inject_presigned_url_rds), compared with
 * botocore byte for byte at a fixed signing time.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const freezeTime = "2024-01-02T03:04:05Z";
const ok = (op: string): CallCase["responses"] => [{ body: `<${op}Response><${op}Result/></${op}Response>` }];

const CALLS: CallCase[] = [
  { service: "rds", region: "us-west-2", freezeTime, method: "copy_db_snapshot", params: { SourceDBSnapshotIdentifier: "arn:aws:rds:us-east-1:123456789012:snapshot:s", TargetDBSnapshotIdentifier: "t", SourceRegion: "us-east-1", KmsKeyId: "k" }, responses: ok("CopyDBSnapshot") },
  { service: "rds", region: "eu-west-1", freezeTime, method: "create_db_instance_read_replica", params: { DBInstanceIdentifier: "r", SourceDBInstanceIdentifier: "arn:aws:rds:us-east-1:123456789012:db:d", SourceRegion: "us-east-1" }, responses: ok("CreateDBInstanceReadReplica") },
  { service: "rds", region: "us-west-2", freezeTime, method: "copy_db_cluster_snapshot", params: { SourceDBClusterSnapshotIdentifier: "s", TargetDBClusterSnapshotIdentifier: "t", SourceRegion: "us-east-1", PreSignedUrl: "https://given" }, responses: ok("CopyDBClusterSnapshot") },
  { service: "rds", region: "us-west-2", freezeTime, method: "copy_db_cluster_snapshot", params: { SourceDBClusterSnapshotIdentifier: "s", TargetDBClusterSnapshotIdentifier: "t" }, responses: ok("CopyDBClusterSnapshot") },
  { service: "rds", region: "us-west-2", freezeTime, method: "start_db_instance_automated_backups_replication", params: { SourceDBInstanceArn: "arn:aws:rds:us-east-1:123456789012:db:d", SourceRegion: "us-east-1" }, responses: ok("StartDBInstanceAutomatedBackupsReplication") },
  { service: "neptune", region: "us-west-2", freezeTime, method: "create_db_cluster", params: { DBClusterIdentifier: "c", Engine: "neptune", SourceRegion: "us-east-1", ReplicationSourceIdentifier: "arn:aws:rds:us-east-1:123456789012:cluster:c" }, responses: ok("CreateDBCluster") },
  { service: "docdb", region: "us-west-2", freezeTime, method: "copy_db_cluster_snapshot", params: { SourceDBClusterSnapshotIdentifier: "s", TargetDBClusterSnapshotIdentifier: "t", SourceRegion: "us-east-1" }, responses: ok("CopyDBClusterSnapshot") },
];

const botocore = runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", CALLS);

describe("rds-family presigned URLs (vs botocore)", () => {
  test(`${CALLS.length} calls: the same form body, presigned URL included, byte for byte`, async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore[i]!), `${c.service} ${c.method} ${JSON.stringify(c.params)}`));
    const first = new URLSearchParams(actual[0]!.sent[0]!.body);
    assert.equal(first.get("SourceRegion"), null);
    assert.match(first.get("PreSignedUrl")!, /^https:\/\/rds\.us-east-1\.amazonaws\.com\/\?Action=CopyDBSnapshot&.*DestinationRegion=us-west-2&.*X-Amz-Signature=/);
    assert.equal(new URLSearchParams(actual[2]!.sent[0]!.body).get("PreSignedUrl"), "https://given");
    assert.equal(new URLSearchParams(actual[3]!.sent[0]!.body).get("PreSignedUrl"), null);
  });
});
