/**
 * STS's federation calls authenticate with the SAML assertion or web
 * identity token they carry, not a signature (botocore's `disable_signing`
 * registrations).
 */
import { type Customization, on } from "../customization.js";
import { disableSigning } from "../common/disable-signing.js";

/** Registration for AssumeRoleWithSAML and AssumeRoleWithWebIdentity. */
export const stsUnsigned: Customization = {
  name: "disable_signing",
  services: ["sts"],
  handlers: [
    on("choose-signer.sts.AssumeRoleWithSAML", disableSigning),
    on("choose-signer.sts.AssumeRoleWithWebIdentity", disableSigning),
  ],
};
