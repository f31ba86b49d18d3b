/**
 * Launch configuration user data is base64-encoded for the caller, as EC2
 * RunInstances' is (botocore registers `base64_encode_user_data` here too).
 */
import { base64EncodeUserData } from "../ec2/base64-user-data.js";
import { type Customization, on } from "../customization.js";

/** Registration for CreateLaunchConfiguration. */
export const autoScalingUserData: Customization = {
  name: "base64_encode_user_data",
  services: ["autoscaling"],
  handlers: [on("before-parameter-build.auto-scaling.CreateLaunchConfiguration", base64EncodeUserData)],
};
