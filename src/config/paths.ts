/**
 * Config file paths as botocore expands them: `os.path.expandvars` and then
 * `os.path.expanduser`, both reading the session's environment.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";

/** An environment: names to values; a missing name is `undefined`. */
export type Env = Readonly<Record<string, string | undefined>>;

// posixpath.expandvars: "$name" or "${name}", with ASCII word characters only.
const VARIABLE = /\$(\w+|\{[^}]*\})/g;

/** Python's `os.path.expandvars`: known variables are replaced, unknown ones left as written. */
export function expandVars(path: string, env: Env): string {
  if (!path.includes("$")) return path;
  return path.replace(VARIABLE, (whole, name: string) => {
    const key = name.startsWith("{") && name.endsWith("}") ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
}

/** Python's `os.path.expanduser` on POSIX: `~` is $HOME (or the account's home), `~name` that user's home. */
export function expandUser(path: string, env: Env): string {
  if (!path.startsWith("~")) return path;
  let end = path.indexOf("/", 1);
  if (end < 0) end = path.length;
  let home: string | undefined;
  if (end === 1) {
    home = env["HOME"] ?? currentUserHome();
  } else {
    home = homeOf(path.slice(1, end));
  }
  if (home === undefined) return path;
  return home.replace(/\/+$/, "") + path.slice(end) || "/";
}

/** Both expansions, in botocore's order. */
export function expandConfigPath(path: string, env: Env): string {
  return expandUser(expandVars(path, env), env);
}

function currentUserHome(): string | undefined {
  try {
    return userInfo().homedir;
  } catch {
    return undefined;
  }
}

// `~name` is rare enough that reading the password database on demand is fine.
function homeOf(name: string): string | undefined {
  try {
    const me = userInfo();
    if (me.username === name) return me.homedir;
  } catch {
    // fall through to the password file
  }
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const fields = line.split(":");
      if (fields.length >= 7 && fields[0] === name) return fields[5];
    }
  } catch {
    // no password file: Python leaves the path unexpanded too
  }
  return undefined;
}
