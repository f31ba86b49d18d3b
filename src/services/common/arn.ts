/**
 * botocore's ArnParser: an ARN is `arn:partition:service:region:account:resource`,
 * split on the first five colons only, so the resource keeps its own colons.
 */

/** The parts of an ARN, named as botocore names them. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN; undefined when it has fewer than six colon-separated parts (botocore's InvalidArnException). */
export function parseArn(arn: string): ArnParts | undefined {
  const parts: string[] = [];
  let rest = arn;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(":");
    if (colon < 0) return undefined;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: rest };
}

/** botocore's `ArnParser.is_arn`: a string starting with `arn:` that splits into six parts. */
export function isArn(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("arn:") && parseArn(value) !== undefined;
}
