/**
 * Cognito Identity's calls that trade an identity for credentials go
 * unsigned (botocore's `disable_signing` registrations).
 */
import { type Customization, on } from "../customization.js";
import { disableSigning } from "../common/disable-signing.js";

/** Registration for GetId, GetOpenIdToken, UnlinkIdentity and GetCredentialsForIdentity. */
export const cognitoIdentityUnsigned: Customization = {
  name: "disable_signing",
  services: ["cognito-identity"],
  handlers: [
    on("choose-signer.cognito-identity.GetId", disableSigning),
    on("choose-signer.cognito-identity.GetOpenIdToken", disableSigning),
    on("choose-signer.cognito-identity.UnlinkIdentity", disableSigning),
    on("choose-signer.cognito-identity.GetCredentialsForIdentity", disableSigning),
  ],
};
