/**
 * Auto Scaling launch configurations get EC2's user data encoding
 * (botocore's base64_encode_user_data on CreateLaunchConfiguration), end to end.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CallCase, type CallOutcome, comparable, runBotocore } from "../support/botocore.js";
import { runCalls } from "../support/client.js";

const CALLS: CallCase[] = [
  { service: "autoscaling", method: "create_launch_configuration", params: { LaunchConfigurationName: "lc", UserData: "#cloud-config\nruncmd: [echo é]" }, responses: [{ body: "<CreateLaunchConfigurationResponse/>" }] },
  { service: "autoscaling", method: "create_launch_configuration", params: { LaunchConfigurationName: "lc", UserData: new Uint8Array([0, 255, 1]) }, responses: [{ body: "<CreateLaunchConfigurationResponse/>" }] },
  // Only CreateLaunchConfiguration is customized.
  { service: "autoscaling", method: "describe_launch_configurations", params: { LaunchConfigurationNames: ["lc"] }, responses: [{ body: "<DescribeLaunchConfigurationsResponse><DescribeLaunchConfigurationsResult><LaunchConfigurations/></DescribeLaunchConfigurationsResult></DescribeLaunchConfigurationsResponse>" }] },
];

const botocore = runBotocore<CallOutcome[]>("print(json.dumps(to_json(run_calls(CASES))))", CALLS);

describe("autoscaling user data (vs botocore)", () => {
  test("CreateLaunchConfiguration sends UserData base64-encoded", async () => {
    const actual = await runCalls(CALLS);
    CALLS.forEach((c, i) => assert.deepEqual(comparable(actual[i]!), comparable(botocore[i]!), JSON.stringify(c.params)));
    assert.match(actual[0]!.sent[0]!.body, /UserData=I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFtlY2hvIMOpXQ%3D%3D/);
  });
});
