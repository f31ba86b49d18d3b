/**
 * Logging as boto3 users know it: `boto3.set_stream_logger("botocore",
 * logging.DEBUG)` shows what botocore logs (where each setting came from,
 * which credential provider answered, each retry), with secrets redacted.
 * `logging` mirrors the parts of Python's module a boto3 user touches.
 */
import {
  BOTO3_FORMAT,
  checkLevel,
  CRITICAL,
  DEBUG,
  ERROR,
  Formatter,
  getLevelName,
  getLogger,
  INFO,
  NOTSET,
  NullHandler,
  StreamHandler,
  WARNING,
  type LevelInput,
  type LogDestination,
} from "./logger.js";

export {
  CRITICAL,
  DEBUG,
  ERROR,
  Formatter,
  getLevelName,
  getLogger,
  Handler,
  INFO,
  LogRecord,
  Logger,
  NOTSET,
  NullHandler,
  StreamHandler,
  WARNING,
} from "./logger.js";
export type { LevelInput, LogDestination } from "./logger.js";
export { redactText, REDACTED } from "./redact.js";

/**
 * Adds a stream handler for the given logger name and level (boto3.set_stream_logger).
 * Writes to process.stderr unless `stream` names another stream or a
 * function that receives each formatted line. `name = ""` logs everything.
 * Returns the handler, so that it can be removed again.
 *
 * @see https://boto3.amazonaws.com/v1/documentation/api/latest/reference/core/boto3.html#boto3.set_stream_logger
 */
export function set_stream_logger(
  name = "boto3",
  level: LevelInput = DEBUG,
  format_string: string | null = null,
  stream?: LogDestination,
): StreamHandler {
  const logger = getLogger(name);
  logger.setLevel(level);
  const handler = new StreamHandler(stream);
  handler.setLevel(checkLevel(level));
  handler.setFormatter(new Formatter(format_string ?? BOTO3_FORMAT));
  logger.addHandler(handler);
  return handler;
}

/** The parts of Python's `logging` module a boto3 user needs: levels, getLogger, handlers. */
export const logging = Object.freeze({
  CRITICAL,
  ERROR,
  WARNING,
  INFO,
  DEBUG,
  NOTSET,
  getLogger,
  getLevelName,
  StreamHandler,
  NullHandler,
  Formatter,
});
