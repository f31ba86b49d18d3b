/**
 * The rules engine's standard library, keyed by the names botocore looks
 * functions up by (the rule's `fn`, snake-cased, `.` → `_`, `not` → `_not`).
 */
import { awsIsVirtualHostableS3Bucket } from "./aws-is-virtual-hostable-s3-bucket.js";
import { awsParseArn } from "./aws-parse-arn.js";
import { type CompiledPartitions, awsPartition } from "./aws-partition.js";
import { booleanEquals } from "./boolean-equals.js";
import { getAttr } from "./get-attr.js";
import { isSet } from "./is-set.js";
import { isValidHostLabel } from "./is-valid-host-label.js";
import { not } from "./not.js";
import { parseURL } from "./parse-url.js";
import { stringEquals } from "./string-equals.js";
import { substring } from "./substring.js";
import { uriEncode } from "./uri-encode.js";

/** What a library function may read besides its arguments. */
export interface FunctionEnv {
  partitions: CompiledPartitions;
}

/** A library function: the environment, then up to four positional arguments. */
export type LibraryFunction = (env: FunctionEnv, a: unknown, b: unknown, c: unknown, d: unknown) => unknown;

/** Every standard-library function, by botocore's method name. */
export const LIBRARY: Readonly<Record<string, LibraryFunction>> = {
  is_set: (_, a) => isSet(a),
  _not: (_, a) => not(a),
  get_attr: (_, a, b) => getAttr(a, b),
  substring: (_, a, b, c, d) => substring(a, b, c, d),
  string_equals: (_, a, b) => stringEquals(a, b),
  boolean_equals: (_, a, b) => booleanEquals(a, b),
  uri_encode: (_, a) => uriEncode(a),
  parse_url: (_, a) => parseURL(a),
  is_valid_host_label: (_, a, b) => isValidHostLabel(a, b),
  aws_partition: (env, a) => awsPartition(env.partitions, a),
  aws_parse_arn: (_, a) => awsParseArn(a),
  aws_is_virtual_hostable_s3_bucket: (_, a, b) => awsIsVirtualHostableS3Bucket(a, b),
};

export type { CompiledPartitions } from "./aws-partition.js";
export { compilePartitions } from "./aws-partition.js";
export { compileAttrPath } from "./get-attr.js";
