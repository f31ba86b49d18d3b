/**
 * A small model of Python's `logging` module, enough for boto3's and
 * botocore's loggers: named hierarchical loggers (`botocore.credentials` is a
 * child of `botocore`, whose parent is the root logger ""), Python's numeric
 * levels, handlers with their own level, propagation to the parents'
 * handlers, and a Formatter with Python's `%(name)s` fields.
 *
 * Logging costs one cached level comparison when a level is disabled: the
 * message is formatted (and redacted) only when a handler will receive it.
 * Nothing is written anywhere until a handler is added (boto3 and botocore
 * attach a NullHandler, so Python's last-resort handler never fires either).
 */
import { pyFormatPercent } from "./percent-format.js";
import { redactText } from "./redact.js";

/** Python's logging.CRITICAL. */
export const CRITICAL = 50;
/** Python's logging.ERROR. */
export const ERROR = 40;
/** Python's logging.WARNING. */
export const WARNING = 30;
/** Python's logging.INFO. */
export const INFO = 20;
/** Python's logging.DEBUG. */
export const DEBUG = 10;
/** Python's logging.NOTSET: the logger defers to its parent. */
export const NOTSET = 0;

const LEVEL_NAMES: Readonly<Record<number, string>> = { 50: "CRITICAL", 40: "ERROR", 30: "WARNING", 20: "INFO", 10: "DEBUG", 0: "NOTSET" };
const NAMED_LEVELS: Readonly<Record<string, number>> = { CRITICAL, FATAL: CRITICAL, ERROR, WARNING, WARN: WARNING, INFO, DEBUG, NOTSET };

/** A level: a number (Python's values) or a level name such as "DEBUG". */
export type LevelInput = number | "CRITICAL" | "FATAL" | "ERROR" | "WARNING" | "WARN" | "INFO" | "DEBUG" | "NOTSET";

/** The name of a level as Python shows it ("DEBUG", or "Level 15" for others). */
export function getLevelName(level: number): string {
  return LEVEL_NAMES[level] ?? `Level ${level}`;
}

/** A level given by number or name, as a number (an unknown name is a ValueError in Python; a TypeError here). */
export function checkLevel(level: LevelInput): number {
  if (typeof level === "number") return level;
  const value = NAMED_LEVELS[level];
  if (value === undefined) throw new TypeError(`Unknown level: '${String(level)}'`);
  return value;
}

const startedAt = Date.now();

/** One logging event (Python's LogRecord); `getMessage()` gives the text, formatted and with secrets redacted. */
export class LogRecord {
  /** Seconds since the epoch (Python's `created`). */
  readonly created: number;
  /** Milliseconds part of `created`. */
  readonly msecs: number;
  /** Milliseconds since this module was loaded (Python: since logging was imported). */
  readonly relativeCreated: number;
  /** The level's name. */
  readonly levelname: string;
  /** The error logged with the record (Python's exc_info), shown after the message by Formatter. */
  exc_info: unknown = undefined;
  #message: string | undefined;

  constructor(
    /** The logger's name. */
    readonly name: string,
    /** The level number. */
    readonly levelno: number,
    /** The message, with Python %-style placeholders. */
    readonly msg: string,
    /** The values for the placeholders. */
    readonly args: readonly unknown[],
  ) {
    const now = Date.now();
    this.created = now / 1000;
    this.msecs = now % 1000;
    this.relativeCreated = now - startedAt;
    this.levelname = getLevelName(levelno);
  }

  /** The message with its arguments filled in and secrets redacted. */
  getMessage(): string {
    return (this.#message ??= redactText(this.args.length === 0 ? this.msg : pyFormatPercent(this.msg, this.args)));
  }

  /** The logged error as the last line of Python's traceback ("Name: message"), redacted; undefined without one. */
  get exc_text(): string | undefined {
    if (this.exc_info === undefined) return undefined;
    const err = this.exc_info;
    return redactText(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
}

/** Python's default log line format for boto3's set_stream_logger. */
export const BOTO3_FORMAT = "%(asctime)s %(name)s [%(levelname)s] %(message)s";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Turns records into text with Python's `%(field)s` format strings (Python's logging.Formatter). */
export class Formatter {
  /** The format string, with Python's `%(field)s` placeholders. */
  readonly fmt: string;

  constructor(fmt: string | null = null) {
    this.fmt = fmt ?? "%(message)s";
  }

  /** The record's time as Python's default `asctime`: local time, "2024-05-01 12:30:00,123". */
  formatTime(record: LogRecord): string {
    const d = new Date(record.created * 1000);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(record.msecs, 3)}`;
  }

  /** The record as one line of text. */
  format(record: LogRecord): string {
    const fields: Record<string, unknown> = {
      name: record.name,
      levelno: record.levelno,
      levelname: record.levelname,
      message: record.getMessage(),
      msg: record.msg,
      created: record.created,
      msecs: record.msecs,
      relativeCreated: record.relativeCreated,
      process: process.pid,
    };
    if (this.fmt.includes("%(asctime)")) fields.asctime = this.formatTime(record);
    const text = pyFormatPercent(this.fmt, [fields]);
    const error = record.exc_text;
    return error === undefined ? text : `${text}\n${error}`;
  }
}

/** Receives records at or above its level (Python's logging.Handler). */
export abstract class Handler {
  /** The lowest level this handler emits. */
  level = NOTSET;
  /** How records become text (null: the message alone). */
  formatter: Formatter | null = null;

  /** Sets the lowest level this handler emits. */
  setLevel(level: LevelInput): void {
    this.level = checkLevel(level);
  }

  /** Sets how records are turned into text. */
  setFormatter(formatter: Formatter | null): void {
    this.formatter = formatter;
  }

  /** The record as text, by this handler's formatter (or the message alone). */
  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }

  /** Emits the record if its level is high enough; a failing handler never fails the caller. */
  handle(record: LogRecord): void {
    if (record.levelno < this.level) return;
    try {
      this.emit(record);
    } catch {
      // Python prints "--- Logging error ---" and carries on; a log line must never break a call.
    }
  }

  /** Writes one record. */
  abstract emit(record: LogRecord): void;
}

const defaultFormatter = new Formatter();

/** Where a StreamHandler writes: a writable stream, or a function that receives each line. */
export type LogDestination = { write(text: string): unknown } | ((line: string, record: LogRecord) => void);

/** Writes each record as a line to a stream (process.stderr by default, as Python's StreamHandler) or to a callback. */
export class StreamHandler extends Handler {
  /** Where lines go. */
  readonly stream: LogDestination;
  /** Appended to each line written to a stream (not passed to a callback). */
  terminator = "\n";

  constructor(stream?: LogDestination) {
    super();
    this.stream = stream ?? process.stderr;
  }

  emit(record: LogRecord): void {
    const line = this.format(record);
    if (typeof this.stream === "function") this.stream(line, record);
    else this.stream.write(line + this.terminator);
  }
}

/** Discards every record (Python's NullHandler). */
export class NullHandler extends Handler {
  emit(_record: LogRecord): void {}
}

// Bumped whenever a level, handler or propagation flag changes anywhere:
// each logger recomputes its effective level and whether anything listens.
let generation = 0;

/** A named logger (Python's logging.Logger); get one with `getLogger(name)`. */
export class Logger {
  /** This logger's own level (NOTSET: the nearest ancestor's applies). */
  level = NOTSET;
  /** Handlers attached to this logger. */
  readonly handlers: Handler[] = [];
  #propagate = true;
  #seen = -1;
  #threshold = Infinity; // lowest level that reaches a handler; Infinity when none would

  constructor(
    /** The dotted name ("botocore.credentials"; "" for the root). */
    readonly name: string,
    /** The parent logger; null for the root. */
    public parent: Logger | null,
  ) {}

  /** Whether records go on to the parent's handlers (default true). */
  get propagate(): boolean {
    return this.#propagate;
  }

  set propagate(value: boolean) {
    this.#propagate = value;
    generation++;
  }

  /** Sets the lowest level this logger passes on. */
  setLevel(level: LevelInput): void {
    this.level = checkLevel(level);
    generation++;
  }

  /** Adds a handler (once). */
  addHandler(handler: Handler): void {
    if (!this.handlers.includes(handler)) this.handlers.push(handler);
    generation++;
  }

  /** Removes a handler. */
  removeHandler(handler: Handler): void {
    const i = this.handlers.indexOf(handler);
    if (i >= 0) this.handlers.splice(i, 1);
    generation++;
  }

  /** The level that applies: this logger's, or the nearest ancestor's that is set. */
  getEffectiveLevel(): number {
    for (let logger: Logger | null = this; logger !== null; logger = logger.parent) {
      if (logger.level !== NOTSET) return logger.level;
    }
    return NOTSET;
  }

  /** Whether a record at this level would reach a handler; one comparison once cached. */
  isEnabledFor(level: number): boolean {
    if (this.#seen !== generation) this.#refresh();
    return level >= this.#threshold;
  }

  /** Logs at DEBUG; `args` fill the message's %s placeholders, only if the record is emitted. */
  debug(msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(DEBUG)) this.#emit(DEBUG, msg, args);
  }

  /** Logs at INFO. */
  info(msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(INFO)) this.#emit(INFO, msg, args);
  }

  /** Logs at WARNING. */
  warning(msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(WARNING)) this.#emit(WARNING, msg, args);
  }

  /** Logs at ERROR. */
  error(msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(ERROR)) this.#emit(ERROR, msg, args);
  }

  /** Logs at CRITICAL. */
  critical(msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(CRITICAL)) this.#emit(CRITICAL, msg, args);
  }

  /** Logs at any level. */
  log(level: LevelInput, msg: string, ...args: unknown[]): void {
    const value = checkLevel(level);
    if (this.isEnabledFor(value)) this.#emit(value, msg, args);
  }

  /** Logs with an error attached (Python's `exc_info=True`): handlers show it after the message. */
  logWithError(level: number, error: unknown, msg: string, ...args: unknown[]): void {
    if (this.isEnabledFor(level)) this.#emit(level, msg, args, error);
  }

  #emit(level: number, msg: string, args: readonly unknown[], error?: unknown): void {
    const record = new LogRecord(this.name, level, msg, args);
    if (error !== undefined) record.exc_info = error;
    for (let logger: Logger | null = this; logger !== null; logger = logger.#propagate ? logger.parent : null) {
      for (const handler of logger.handlers) handler.handle(record);
    }
  }

  // The threshold is the effective level, raised to the lowest handler level
  // on the propagation path; with no handler at all, nothing is enabled.
  #refresh(): void {
    let lowestHandler = Infinity;
    for (let logger: Logger | null = this; logger !== null; logger = logger.#propagate ? logger.parent : null) {
      for (const handler of logger.handlers) {
        if (!(handler instanceof NullHandler)) lowestHandler = Math.min(lowestHandler, handler.level);
      }
    }
    this.#threshold = lowestHandler === Infinity ? Infinity : Math.max(this.getEffectiveLevel(), lowestHandler);
    this.#seen = generation;
  }
}

const root = new Logger("", null);
root.level = WARNING;
const loggers = new Map<string, Logger>([["", root]]);

/**
 * The logger of a dotted name, made on first use (Python's logging.getLogger).
 * A logger made before its ancestors is re-parented when they appear.
 */
export function getLogger(name = ""): Logger {
  let logger = loggers.get(name);
  if (logger !== undefined) return logger;
  logger = new Logger(name, nearestAncestor(name));
  loggers.set(name, logger);
  // Existing descendants whose nearest ancestor is now this logger.
  const prefix = `${name}.`;
  for (const [other, existing] of loggers) {
    if (other.startsWith(prefix) && existing.parent !== null && !existing.parent.name.startsWith(prefix) && existing.parent.name.length < name.length) {
      existing.parent = logger;
    }
  }
  generation++;
  return logger;
}

function nearestAncestor(name: string): Logger {
  for (let i = name.lastIndexOf("."); i > 0; i = name.lastIndexOf(".", i - 1)) {
    const found = loggers.get(name.slice(0, i));
    if (found !== undefined) return found;
  }
  return root;
}

// boto3 and botocore give their top loggers a NullHandler, as Python's do.
getLogger("boto3").addHandler(new NullHandler());
getLogger("botocore").addHandler(new NullHandler());
