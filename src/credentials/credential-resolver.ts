/**
 * botocore's `CredentialResolver`: an ordered list of providers, the first
 * that returns credentials wins; providers can be inserted and removed by
 * their METHOD name.
 */
import { UnknownCredentialError } from "../exceptions.js";
import type { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";
import { getLogger } from "../logging/logger.js";

const logger = getLogger("botocore.credentials");

/** An ordered list of providers; the first that returns credentials wins (botocore's CredentialResolver). */
export class CredentialResolver {
  /** The providers, in the order they are tried. */
  readonly providers: CredentialProvider[];

  constructor(providers: CredentialProvider[]) {
    this.providers = providers;
  }

  /** Inserts a provider before the one with METHOD `name` (UnknownCredentialError if there is none). */
  insert_before(name: string, provider: CredentialProvider): void {
    this.providers.splice(this.#offset(name), 0, provider);
  }

  /** Inserts a provider after the one with METHOD `name` (UnknownCredentialError if there is none). */
  insert_after(name: string, provider: CredentialProvider): void {
    this.providers.splice(this.#offset(name) + 1, 0, provider);
  }

  /** Removes the provider with METHOD `name`; nothing happens if there is none. */
  remove(name: string): void {
    const index = this.providers.findIndex((p) => p.METHOD === name);
    if (index >= 0) this.providers.splice(index, 1);
  }

  /** The provider with METHOD `name` (UnknownCredentialError if there is none). */
  get_provider(name: string): CredentialProvider {
    return this.providers[this.#offset(name)]!;
  }

  /** The first credentials any provider returns, or null. Provider errors propagate. */
  async load_credentials(): Promise<Credentials | null> {
    for (const provider of this.providers) {
      logger.debug("Looking for credentials via: %s", provider.METHOD);
      const credentials = await provider.load();
      if (credentials !== null) return credentials;
    }
    return null;
  }

  #offset(name: string): number {
    const index = this.providers.findIndex((p) => p.METHOD === name);
    if (index < 0) throw new UnknownCredentialError({ name });
    return index;
  }
}
