import { pythonError } from "../python-values.js";

/** An ARN as the rules engine exposes it. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resourceId: string[];
}

/**
 * `aws.parseArn(value)`: the six colon-separated fields of an ARN, with the
 * resource split on `:` and `/`; unset when the value is not an ARN or its
 * partition, service or resource is empty.
 */
export function awsParseArn(value: unknown): ParsedArn | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw pythonError("AttributeError", `'${typeof value}' object has no attribute 'startswith'`);
  if (!value.startsWith("arn:")) return undefined;
  const fields: string[] = [];
  let from = 0;
  // str.split(":", 5): at most six fields, the last keeps any further colons.
  while (fields.length < 5) {
    const at = value.indexOf(":", from);
    if (at < 0) break;
    fields.push(value.slice(from, at));
    from = at + 1;
  }
  fields.push(value.slice(from));
  if (fields.length < 6) return undefined;
  const [, partition, service, region, accountId, resource] = fields as [string, string, string, string, string, string];
  if (partition === "" || service === "" || resource === "") return undefined;
  return { partition, service, region, accountId, resourceId: resource.replaceAll(":", "/").split("/") };
}
