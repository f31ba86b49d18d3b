/**
 * What every serializer needs from an operation besides its input shape,
 * worked out once per OperationModel: the host prefix template and its
 * labels, and the members to fill with idempotency tokens.
 */
import { randomUUID } from "node:crypto";
import { ParamValidationError } from "../../exceptions.js";
import type { OperationModel } from "../../models/service-model.js";

const HOST_LABEL_VALUE = /^[A-Za-z0-9.-]+$/;

interface OperationInfo {
  hostPrefix: string | undefined;
  hostLabels: readonly string[];
  idempotencyMembers: readonly string[];
}

const cache = new WeakMap<OperationModel, OperationInfo>();

function infoFor(operation: OperationModel): OperationInfo {
  let info = cache.get(operation);
  if (info === undefined) {
    const input = operation.input_shape;
    const hostLabels: string[] = [];
    const idempotencyMembers: string[] = [];
    if (input !== undefined) {
      const members = input.members;
      for (const name in members) {
        const member = members[name]!;
        if (member.serialization.hostLabel === true) hostLabels.push(name);
        if (member.metadata.idempotencyToken === true) idempotencyMembers.push(name);
      }
    }
    info = { hostPrefix: operation.endpoint?.hostPrefix, hostLabels, idempotencyMembers };
    cache.set(operation, info);
  }
  return info;
}

/**
 * botocore's `_expand_host_prefix`: the operation's `endpoint.hostPrefix`
 * with `{Label}` filled from input, each label checked against
 * `^[A-Za-z0-9.-]+$`.
 */
export function expandHostPrefix(params: Readonly<Record<string, unknown>>, operation: OperationModel): string | undefined {
  const { hostPrefix, hostLabels } = infoFor(operation);
  if (hostPrefix === undefined) return undefined;
  if (operation.input_shape === undefined) return hostPrefix;
  const bad: string[] = [];
  for (const name of hostLabels) {
    const value = params[name];
    if (typeof value !== "string" || !HOST_LABEL_VALUE.test(value)) bad.push(name);
  }
  if (bad.length > 0) {
    throw new ParamValidationError({
      report: `Invalid value for parameter(s): ${bad.join(", ")}. Must contain only alphanumeric characters, hyphen, or period.`,
    });
  }
  return hostPrefix.replace(/\{([^}]*)\}/g, (whole, label: string) => {
    const value = params[label];
    return typeof value === "string" ? value : whole;
  });
}

/**
 * botocore's `generate_idempotent_uuid`: a random UUID for each absent
 * idempotency token member. Returns the caller's object when nothing is
 * missing, else a shallow copy with the tokens (the caller's stays untouched).
 */
export function fillIdempotencyTokens(
  params: Readonly<Record<string, unknown>>,
  operation: OperationModel,
): Readonly<Record<string, unknown>> {
  const { idempotencyMembers } = infoFor(operation);
  let out = params;
  for (const name of idempotencyMembers) {
    if (params[name] === undefined) {
      if (out === params) out = { ...params };
      (out as Record<string, unknown>)[name] = randomUUID();
    }
  }
  return out;
}
