/**
 * Translates a Python `re` pattern (as found in partitions.json) into a
 * JavaScript RegExp with the same meaning for `re.match`: `\d` and `\w` are
 * Unicode-aware in Python, and `$` also matches before a final newline.
 */

const SYNTAX = "^$\\.*+?()[]{}|/";

/** A RegExp that matches where Python's `re.match(pattern, s)` does. */
export function pythonMatchRegex(pattern: string): RegExp {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += translateEscape(next, inClass);
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
      // A leading `]` (or `^]`) is literal in Python; JavaScript needs it escaped.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
    } else if (ch === "$") {
      out += "(?=\\n?$)";
    } else {
      out += ch;
    }
  }
  return new RegExp(`^(?:${out})`, "u");
}

function translateEscape(ch: string, inClass: boolean): string {
  switch (ch) {
    case "d":
      return "\\p{Nd}";
    case "D":
      return "\\P{Nd}";
    case "w":
      return inClass ? "\\p{L}\\p{N}_" : "[\\p{L}\\p{N}_]";
    case "W":
      return inClass ? "\\W" : "[^\\p{L}\\p{N}_]";
    case "Z":
      return "$";
    case "A":
      return "^";
    default:
      if (/[a-zA-Z0-9]/.test(ch)) return `\\${ch}`;
      if (SYNTAX.includes(ch) || (inClass && ch === "-")) return `\\${ch}`;
      return ch;
  }
}
