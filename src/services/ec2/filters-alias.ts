/**
 * EC2 operations whose model member is `Filter` take `Filters`, the name
 * boto3 documents for every EC2 filter list (botocore's parameter alias
 * `ec2.*.Filter` → `Filters`).
 */
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `Filters` to `Filter` where the model says `Filter`. */
export const aliasEc2Filters = parameterAlias("Filter", "Filters");
