/**
 * Credentials printed by a command (botocore's `ProcessProvider`, method
 * "custom-process"): the profile's `credential_process` is split as a shell
 * would (no shell runs it), run with stdin inherited, and must print JSON:
 *
 *   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
 *    "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z", "AccountId": "..."}
 *
 * With an Expiration the credentials refresh by running the command again.
 * Errors carry botocore's messages; every error names the profile in
 * `kwargs.profile_name`, and the two failures botocore has no message for
 * (output that is not JSON, credentials already expired) name it in the text.
 * Neither the command's output nor its arguments appear in any message.
 */
import { spawn } from "node:child_process";
import type { FullConfig } from "../config/profiles.js";
import { pyStr } from "../exceptions.js";
import { CredentialRetrievalError } from "../exceptions.js";
import { shlexSplit } from "../config/shlex.js";
import { Credentials, RefreshableCredentials, parseExpiry } from "./credentials.js";
import type { CredentialMetadata } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";

const METHOD = "custom-process";

/** What the command printed, as credential metadata (expiry null when it gave none). */
interface ProcessCredentials {
  access_key: string;
  secret_key: string;
  token: string | null;
  expiry_time: string | null;
  account_id: string | null;
}

interface Completed {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

function run(argv: readonly string[]): Promise<Completed> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["inherit", "pipe", "pipe"], shell: false });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }));
  });
}

/** Runs `credential_process` for a profile. */
export class ProcessProvider implements CredentialProvider {
  readonly METHOD = METHOD;
  readonly CANONICAL_NAME = null;
  readonly #profileName: string;
  readonly #loadConfig: () => FullConfig;
  #profile: Readonly<Record<string, unknown>> | undefined;

  constructor(profileName: string, loadConfig: () => FullConfig) {
    this.#profileName = profileName;
    this.#loadConfig = loadConfig;
  }

  /** Credentials from the command, refreshable when it gave an Expiration; null without credential_process. */
  async load(): Promise<Credentials | null> {
    const command = this.#config("credential_process");
    if (command === undefined || command === null) return null;
    const found = await this.#retrieve(String(command));
    if (found.expiry_time !== null) {
      return RefreshableCredentials.create_from_metadata(found as CredentialMetadata, () => this.#refresh(String(command)), METHOD);
    }
    return new Credentials(found.access_key, found.secret_key, found.token, METHOD, found.account_id);
  }

  // A refresh that brings credentials already expired fails here, naming the profile.
  async #refresh(command: string): Promise<CredentialMetadata> {
    const found = await this.#retrieve(command);
    const expiry = parseExpiry(found.expiry_time ?? "", METHOD);
    if (expiry.getTime() <= Date.now()) {
      throw this.#error(
        `The credential process of profile "${this.#profileName}" returned credentials that expired at ${expiry.toISOString()}`,
      );
    }
    return { ...found, expiry_time: expiry };
  }

  async #retrieve(command: string): Promise<ProcessCredentials> {
    const argv = shlexSplit(command);
    if (argv.length === 0) throw this.#error(`credential_process of profile "${this.#profileName}" is empty`);
    let done: Completed;
    try {
      done = await run(argv);
    } catch (err) {
      // Node's error lists the arguments, which may hold secrets: only its code is kept.
      throw this.#error(`Unable to run ${argv[0]!} for profile "${this.#profileName}": ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    }
    if (done.code !== 0) throw this.#error(done.stderr.toString("utf8"));
    let parsed: unknown;
    try {
      parsed = JSON.parse(done.stdout.toString("utf8"));
    } catch {
      // The parser's message quotes the output, which may hold the secret: it is not kept.
      throw this.#error(`The credential process of profile "${this.#profileName}" did not print valid JSON`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw this.#error(`The credential process of profile "${this.#profileName}" did not print a JSON object`);
    }
    const output = parsed as Record<string, unknown>;
    const version = Object.prototype.hasOwnProperty.call(output, "Version") ? output["Version"] : "<Version key not provided>";
    // Python's `version != 1` lets True through too.
    if (version !== 1 && version !== true) {
      throw this.#error(`Unsupported version '${pyStr(version)}' for credential process provider, supported versions: 1`);
    }
    for (const key of ["AccessKeyId", "SecretAccessKey"]) {
      if (!Object.prototype.hasOwnProperty.call(output, key)) throw this.#error(`Missing required key in response: '${key}'`);
    }
    const optional = (key: string): string | null => {
      const value = output[key];
      return value === undefined || value === null ? null : String(value);
    };
    const account = optional("AccountId") || this.#config("aws_account_id");
    return {
      access_key: String(output["AccessKeyId"]),
      secret_key: String(output["SecretAccessKey"]),
      token: optional("SessionToken"),
      expiry_time: optional("Expiration"),
      account_id: account === undefined || account === null || account === "" ? null : String(account),
    };
  }

  #error(message: string): CredentialRetrievalError {
    return new CredentialRetrievalError({ provider: METHOD, error_msg: message, profile_name: this.#profileName });
  }

  #config(key: string): unknown {
    this.#profile ??= this.#loadConfig().profiles[this.#profileName] ?? {};
    return Object.prototype.hasOwnProperty.call(this.#profile, key) ? this.#profile[key] : undefined;
  }
}
