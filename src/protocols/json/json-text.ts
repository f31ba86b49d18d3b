/**
 * JSON text to values, keeping integers past 2^53 exact (as bigint), as
 * Python's `json.loads` does. JSON.parse does the work unless the text has a
 * run of 16 or more digits after `:`, `[` or `,`; only then does the slower
 * reader here run. It also takes Python's `NaN` and `Infinity` literals.
 *
 * Response bodies skip even that scan (`parseJsonQuick`): the shape reader
 * notices an integer JSON.parse could not hold and asks for `parseJsonExact`.
 */
import { setKey } from "../common/parser-base.js";

const LONG_NUMBER = /[:[,]\s*-?\d{16}/;

/** JSON.parse, falling back to the careful reader for Python's NaN / Infinity literals. */
export function parseJsonQuick(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return new CarefulReader(text).document();
  }
}

/** Parses JSON text with every integer exact (bigint past 2^53). */
export function parseJsonExact(text: string): unknown {
  return new CarefulReader(text).document();
}

/** Parses JSON text; throws SyntaxError when Python's `json.loads` would fail too. */
export function parseJsonText(text: string): unknown {
  if (!LONG_NUMBER.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      // Python also reads NaN / Infinity; let the careful reader decide.
      if (!/NaN|Infinity/.test(text)) throw error;
    }
  }
  return new CarefulReader(text).document();
}

class CarefulReader {
  private i = 0;

  constructor(private readonly s: string) {}

  document(): unknown {
    const value = this.value();
    this.space();
    if (this.i !== this.s.length) throw this.fail("Extra data");
    return value;
  }

  private fail(what: string): SyntaxError {
    return new SyntaxError(`${what} at position ${this.i}`);
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      this.i++;
    }
  }

  private value(): unknown {
    this.space();
    const s = this.s;
    const c = s[this.i];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      case "N":
        return this.literal("NaN", NaN);
      case "I":
        return this.literal("Infinity", Infinity);
      default:
        if (c === "-" && s.startsWith("-Infinity", this.i)) return this.literal("-Infinity", -Infinity);
        return this.number();
    }
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.s.startsWith(word, this.i)) throw this.fail("Expecting value");
    this.i += word.length;
    return value;
  }

  private number(): number | bigint {
    const s = this.s;
    const start = this.i;
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(s.slice(start, start + 400));
    if (match === null) throw this.fail("Expecting value");
    this.i += match[0].length;
    const text = match[0];
    if (match[1] === undefined && match[2] === undefined) {
      const value = Number(text);
      return Number.isSafeInteger(value) ? value : BigInt(text);
    }
    return Number(text);
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    let end = start + 1;
    // Find the closing quote, skipping escaped characters.
    for (;;) {
      const quote = s.indexOf('"', end);
      if (quote < 0) throw this.fail("Unterminated string starting");
      let backslashes = 0;
      for (let k = quote - 1; k > start && s.charCodeAt(k) === 92; k--) backslashes++;
      if (backslashes % 2 === 0) {
        end = quote;
        break;
      }
      end = quote + 1;
    }
    this.i = end + 1;
    return JSON.parse(s.slice(start, end + 1)) as string;
  }

  private array(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.space();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") throw this.fail("Expecting ',' delimiter");
    }
  }

  private object(): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    this.space();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') throw this.fail("Expecting property name enclosed in double quotes");
      const key = this.string();
      this.space();
      if (this.s[this.i++] !== ":") throw this.fail("Expecting ':' delimiter");
      setKey(out, key, this.value());
      this.space();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") throw this.fail("Expecting ',' delimiter");
    }
  }
}
