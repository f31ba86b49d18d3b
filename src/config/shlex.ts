/**
 * Python's `shlex.split(text)` (POSIX mode, no comments), which botocore uses
 * to split section headers such as `[profile "my profile"]` into words.
 */

import { PythonValueError } from "./python-text.js";

const WHITESPACE = " \t\r\n";

/** Thrown where Python's shlex raises ValueError (an unclosed quote, a trailing backslash). */
export class ShlexError extends PythonValueError {}

/** Splits a string into words with shell quoting rules, exactly as Python's `shlex.split`. */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false; // a word has started, even if it is an empty quoted one
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (ch === "\\") {
      // Outside quotes a backslash keeps the next character, whatever it is.
      if (i + 1 >= text.length) throw new ShlexError("No escaped character");
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (ch === "'" || ch === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new ShlexError("No closing quotation");
        const c = text[i]!;
        if (c === ch) {
          i++;
          break;
        }
        // Inside double quotes only \" and \\ are escapes; other backslashes stay.
        if (ch === '"' && c === "\\") {
          if (i + 1 >= text.length) throw new ShlexError("No escaped character");
          const next = text[i + 1]!;
          word += next === '"' || next === "\\" ? next : `\\${next}`;
          i += 2;
          continue;
        }
        word += c;
        i++;
      }
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
