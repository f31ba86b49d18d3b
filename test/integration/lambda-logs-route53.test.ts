/** Lambda, CloudWatch Logs and Route 53 (rest-json, json, rest-xml) against moto. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("lambda, logs and route53 against moto", { skip: motoSkipReason() }, () => {
  test("lambda list_functions", async () => {
    const lambda = await motoClient("lambda");
    const out = await lambda.list_functions();
    assert.ok(Array.isArray(out.Functions));
    assert.equal(out.ResponseMetadata.HTTPStatusCode, 200);
  });

  test("logs: groups, streams and events", async () => {
    const logs = await motoClient("logs");
    const group = uniqueName("/app/group");
    await logs.create_log_group({ logGroupName: group });
    await logs.create_log_stream({ logGroupName: group, logStreamName: "s1" });
    const now = Date.now();
    await logs.put_log_events({
      logGroupName: group,
      logStreamName: "s1",
      logEvents: [
        { timestamp: now, message: "first" },
        { timestamp: now + 1, message: "second" },
      ],
    });
    const events = await logs.get_log_events({ logGroupName: group, logStreamName: "s1", startFromHead: true });
    assert.deepEqual((events.events as { message: string }[]).map((e) => e.message), ["first", "second"]);
    const groups = await logs.describe_log_groups({ logGroupNamePrefix: group });
    assert.deepEqual((groups.logGroups as { logGroupName: string }[]).map((g) => g.logGroupName), [group]);
  });

  test("route53: hosted zones and record sets (ids with the /hostedzone/ prefix)", async () => {
    const route53 = await motoClient("route53");
    const domain = `${uniqueName("zone")}.example.com.`;
    const created = await route53.create_hosted_zone({ Name: domain, CallerReference: uniqueName("ref") });
    const zone = created.HostedZone as { Id: string; Name: string };
    assert.match(zone.Id, /^\/hostedzone\//);
    assert.equal(zone.Name, domain);
    const got = await route53.get_hosted_zone({ Id: zone.Id });
    assert.equal((got.HostedZone as { Name: string }).Name, domain);
    await route53.change_resource_record_sets({
      HostedZoneId: zone.Id,
      ChangeBatch: {
        Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: `www.${domain}`, Type: "A", TTL: 60, ResourceRecords: [{ Value: "10.0.0.1" }] } }],
      },
    });
    const records = await route53.list_resource_record_sets({ HostedZoneId: zone.Id });
    const www = (records.ResourceRecordSets as { Name: string; Type: string; TTL: number; ResourceRecords: { Value: string }[] }[]).find((r) => r.Type === "A");
    assert.equal(www?.Name, `www.${domain}`);
    assert.equal(www?.TTL, 60);
    assert.deepEqual(www?.ResourceRecords, [{ Value: "10.0.0.1" }]);
  });
});
