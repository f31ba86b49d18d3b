/**
 * Search's `return` is a reserved word in Python, so boto3 documents it as
 * `returnFields` (botocore's parameter alias).
 */
import { type Customization, on } from "../customization.js";
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `returnFields` to `return`. */
export const aliasReturnFields = parameterAlias("return", "returnFields");

/** Registration for Search, ahead of other handlers. */
export const returnFieldsAlias: Customization = {
  name: "ParameterAlias(return, returnFields)",
  services: ["cloudsearchdomain"],
  handlers: [on("before-parameter-build.cloudsearch-domain.Search", aliasReturnFields, { position: "first" })],
};
