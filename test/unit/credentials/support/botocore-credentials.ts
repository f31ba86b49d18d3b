/**
 * botocore's credential providers in one long-lived python3 per test file
 * (see test/support/botocore-worker.ts). Each request carries the
 * environment to run with; `CREDENTIALS_PRELUDE` gives the handler
 * `set_env(env)` and `describe(credentials)`, and each test file adds the
 * operations it needs. Python never runs a provider that would contact
 * 169.254.169.254 or 169.254.170.2: requests set AWS_EC2_METADATA_DISABLED
 * unless they point instance metadata at a fake server.
 */
import { BotocoreWorker } from "../../../support/botocore-worker.js";

/** Python: per-request environment, SSO cache directories under its HOME, and a plain view of credentials. */
export const CREDENTIALS_PRELUDE = String.raw`
import os, time
import botocore.credentials, botocore.tokens, botocore.utils, botocore.exceptions
_BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
def set_env(env):
    os.environ.clear()
    os.environ.update(_BASE_ENV)
    os.environ['AWS_EC2_METADATA_DISABLED'] = 'true'
    os.environ.update(env)
    cache = os.path.join(os.path.expanduser('~'), '.aws', 'sso', 'cache')
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = cache
    botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = cache
def describe(creds):
    if creds is None:
        return None
    f = creds.get_frozen_credentials()
    return {'access_key': f.access_key, 'secret_key': f.secret_key, 'token': f.token,
            'account_id': f.account_id, 'method': creds.method}
def outcome(fn):
    try:
        return {'ok': fn()}
    except Exception as e:
        return {'error': type(e).__name__, 'message': str(e)}
`;

/** An outcome as both sides report it: a value, or an error's class name and message. */
export type Outcome = { ok: unknown } | { error: string; message: string };

/** The plain view of credentials both sides compare. */
export interface CredentialView {
  access_key: string;
  secret_key: string;
  token: string | null;
  account_id: string | null;
  method: string;
}

/** Runs `fn` and reports its value or its error the way the Python side does. */
export async function outcomeOf(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await fn() };
  } catch (err) {
    if (err instanceof Error) return { error: err.name, message: err.message };
    throw err;
  }
}

/** Starts python3 with botocore, the prelude and the file's own `handle`. */
export function startBotocore(script: string): BotocoreWorker {
  return new BotocoreWorker(`${CREDENTIALS_PRELUDE}\n${script}`);
}

/** The plain view of credentials (frozen, so refreshable ones fetch first). */
export async function describe(credentials: { get_frozen_credentials(): Promise<Omit<CredentialView, "method">>; method: string } | null): Promise<CredentialView | null> {
  if (credentials === null) return null;
  const frozen = await credentials.get_frozen_credentials();
  return { access_key: frozen.access_key, secret_key: frozen.secret_key, token: frozen.token, account_id: frozen.account_id, method: credentials.method };
}
