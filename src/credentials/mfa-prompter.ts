/**
 * Asking for an MFA code when an assumed role has `mfa_serial` (botocore's
 * `mfa_prompter`, `getpass.getpass` by default): the prompt goes to stderr
 * and the code is read from stdin without echo when stdin is a terminal.
 * Pass your own prompter to a Session (`mfa_prompter`) to ask differently.
 */

/** Returns the MFA code for a prompt such as "Enter MFA code for arn:aws:iam::123456789012:mfa/user: ". */
export type MfaPrompter = (prompt: string) => string | Promise<string>;

/** Reads one line from stdin after writing the prompt to stderr; typed characters are not echoed on a terminal. */
export function defaultMfaPrompter(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise<string>((resolve, reject) => {
    let line = "";
    const raw = input.isTTY === true;
    const finish = (error?: Error): void => {
      input.off("data", onData);
      input.off("end", onEnd);
      if (raw) input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(line);
    };
    const onEnd = (): void => finish();
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") return finish(new Error("MFA prompt interrupted"));
        if (ch === "\u007f" || ch === "\b") line = line.slice(0, -1);
        else line += ch;
      }
    };
    if (raw) input.setRawMode(true);
    input.on("data", onData);
    input.once("end", onEnd);
    input.resume();
  });
}
