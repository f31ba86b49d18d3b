/** EC2 (the ec2 protocol) against moto: instances, status, tags. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

interface Instance {
  InstanceId: string;
  ImageId: string;
  InstanceType: string;
  LaunchTime: Date;
  State: { Name: string; Code: number };
  Tags?: { Key: string; Value: string }[];
}

describe("ec2 against moto", { skip: motoSkipReason() }, () => {
  test("run_instances, describe_instances, describe_instance_status, create_tags", async () => {
    const ec2 = await motoClient("ec2");
    const images = (await ec2.describe_images({ Owners: ["amazon"] })).Images as { ImageId: string }[];
    assert.ok(images.length > 0);
    const imageId = images[0]!.ImageId;
    const run = await ec2.run_instances({ ImageId: imageId, MinCount: 2, MaxCount: 2, InstanceType: "t3.micro", UserData: "#!/bin/sh\necho hi" });
    const instances = run.Instances as Instance[];
    assert.equal(instances.length, 2);
    assert.ok(instances[0]!.LaunchTime instanceof Date);
    assert.equal(instances[0]!.InstanceType, "t3.micro");
    const ids = instances.map((i) => i.InstanceId);

    const tag = uniqueName("web");
    await ec2.create_tags({ Resources: ids, Tags: [{ Key: "Name", Value: tag }] });
    const described = await ec2.describe_instances({ Filters: [{ Name: "tag:Name", Values: [tag] }] });
    const found = (described.Reservations as { Instances: Instance[] }[]).flatMap((r) => r.Instances);
    assert.deepEqual(found.map((i) => i.InstanceId).sort(), [...ids].sort());
    assert.deepEqual(found[0]!.Tags, [{ Key: "Name", Value: tag }]);
    assert.equal(found[0]!.ImageId, imageId);

    const status = await ec2.describe_instance_status({ InstanceIds: ids });
    const statuses = status.InstanceStatuses as { InstanceId: string; InstanceState: { Name: string } }[];
    assert.deepEqual(statuses.map((s) => s.InstanceId).sort(), [...ids].sort());
    assert.equal(statuses[0]!.InstanceState.Name, "running");

    const userData = await ec2.describe_instance_attribute({ InstanceId: ids[0], Attribute: "userData" });
    // botocore base64-encodes UserData for RunInstances; the service returns it encoded.
    assert.equal(Buffer.from(String((userData.UserData as { Value: string }).Value), "base64").toString(), "#!/bin/sh\necho hi");
  });
});
