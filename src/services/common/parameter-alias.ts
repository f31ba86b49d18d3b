/**
 * botocore's ParameterAlias: a few model members have names boto3
 * documents differently (EC2's `Filter` is documented as `Filters`, Logs'
 * `from` as `fromTime`, CloudSearch Domain's `return` as `returnFields`).
 * Calls may use the documented name; it is renamed to the model's before
 * validation. Giving both is an error.
 */
import type { HandlerKwargs } from "../../events/event-names.js";
import { AliasConflictParameterError } from "../../exceptions.js";

/** A `before-parameter-build` handler that accepts `alias` for the model member `original`. */
export function parameterAlias(original: string, alias: string): (kwargs: HandlerKwargs<"before-parameter-build">) => void {
  return ({ params, model }) => {
    const input = model.input_shape;
    // Only operations that model the original member accept the alias.
    if (input === undefined || !(original in input.members) || !(alias in params)) return;
    if (original in params) throw new AliasConflictParameterError({ original, alias, operation: model.name });
    params[original] = params[alias];
    delete params[alias];
  };
}
