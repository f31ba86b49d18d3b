/**
 * EC2 operations whose model member is `Filter` take `Filters`, the name
 * boto3 documents for every EC2 filter list (botocore's parameter alias
 * `ec2.*.Filter` → `Filters`).
 */
import { type Customization, on } from "../customization.js";
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `Filters` to `Filter` where the model says `Filter`. */
export const aliasEc2Filters = parameterAlias("Filter", "Filters");

/** Registration for every EC2 operation, ahead of other handlers. */
export const ec2FiltersAlias: Customization = {
  name: "ParameterAlias(Filter, Filters)",
  services: ["ec2"],
  handlers: [on("before-parameter-build.ec2.*", aliasEc2Filters, { position: "first" })],
};
