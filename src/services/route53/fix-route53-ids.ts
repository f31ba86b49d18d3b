/**
 * Route 53 returns ids with their type in front (`/hostedzone/Z123`,
 * `/change/C456`) but takes bare ids as input. botocore keeps only the last
 * path segment (`fix_route53_ids`), so one call's output feeds the next.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import type { OperationModel } from "../../models/service-model.js";

const ID_SHAPES: ReadonlySet<string> = new Set(["ResourceId", "DelegationSetId", "ChangeId"]);
const idMembersByOperation = new WeakMap<OperationModel, readonly string[]>();

function idMembers(model: OperationModel): readonly string[] {
  let names = idMembersByOperation.get(model);
  if (names === undefined) {
    const members = model.input_shape?.members ?? {};
    names = Object.keys(members).filter((name) => ID_SHAPES.has(members[name]!.name));
    idMembersByOperation.set(model, names);
  }
  return names;
}

/** Replaces each id parameter with the part after its last `/`. */
export function fixRoute53Ids({ params, model }: HandlerKwargs<"before-parameter-build">): void {
  for (const name of idMembers(model)) {
    const value = params[name];
    if (typeof value === "string") params[name] = value.slice(value.lastIndexOf("/") + 1);
  }
}
