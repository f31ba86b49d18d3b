/**
 * `credential_source` for assumed roles (botocore's
 * `CanonicalNameCredentialSourcer`): the source credentials come from one
 * provider of the chain named by its canonical name — in the default chain
 * "Environment", "EcsContainer" or "Ec2InstanceMetadata".
 */
import { UnknownCredentialError } from "../exceptions.js";
import { CredentialResolver } from "./credential-resolver.js";
import type { Credentials } from "./credentials.js";
import type { CredentialProvider } from "./provider.js";

/** Finds source credentials by a provider's canonical name. */
export class CanonicalNameCredentialSourcer {
  readonly #providers: readonly CredentialProvider[];

  constructor(providers: readonly CredentialProvider[]) {
    this.#providers = providers;
  }

  /** Whether a provider has exactly this canonical name (botocore compares case-sensitively here). */
  is_supported(sourceName: string): boolean {
    return this.#providers.some((p) => p.CANONICAL_NAME === sourceName);
  }

  /** The named provider's credentials, or null when it has none. */
  async source_credentials(sourceName: string): Promise<Credentials | null> {
    const source = this.#providerFor(sourceName);
    return source instanceof CredentialResolver ? source.load_credentials() : source.load();
  }

  // Names match in any case here. SharedConfig and SharedCredentials bring
  // the assume-role provider along, which reads the same files.
  #providerFor(name: string): CredentialProvider | CredentialResolver {
    const lower = name.toLowerCase();
    const provider = this.#providers.find((p) => p.CANONICAL_NAME !== null && p.CANONICAL_NAME.toLowerCase() === lower);
    if (lower === "sharedconfig" || lower === "sharedcredentials") {
      const assumeRole = this.#providers.find((p) => p.METHOD === "assume-role");
      if (assumeRole !== undefined) return provider === undefined ? assumeRole : new CredentialResolver([assumeRole, provider]);
    }
    if (provider === undefined) throw new UnknownCredentialError({ name });
    return provider;
  }
}
