/**
 * Search's `return` is a reserved word in Python, so boto3 documents it as
 * `returnFields` (botocore's parameter alias).
 */
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `returnFields` to `return`. */
export const aliasReturnFields = parameterAlias("return", "returnFields");
