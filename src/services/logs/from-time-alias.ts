/**
 * CreateExportTask's `from` is a reserved word in Python, so boto3
 * documents it as `fromTime` (botocore's parameter alias).
 */
import { parameterAlias } from "../common/parameter-alias.js";

/** Renames `fromTime` to `from`. */
export const aliasFromTime = parameterAlias("from", "fromTime");
