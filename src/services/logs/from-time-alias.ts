/**
 * CreateExportTask's `from` is a reserved word in Python, so boto3
 * documents it as `fromTime` (botocore's parameter alias).
 */
import { type Customization, on } from "../customization.js";
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `fromTime` to `from`. */
export const aliasFromTime = parameterAlias("from", "fromTime");

/** Registration for CreateExportTask, ahead of other handlers. */
export const logsFromTimeAlias: Customization = {
  name: "ParameterAlias(from, fromTime)",
  services: ["logs"],
  handlers: [on("before-parameter-build.cloudwatch-logs.CreateExportTask", aliasFromTime, { position: "first" })],
};
