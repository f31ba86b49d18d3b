/**
 * Credentials and the default credential chain.
 */
export { createCredentialResolver, CredentialResolver, DEFAULT_CHAIN, resolveCredentials } from "./chain.js";
export type { ChainContext, ChainEntry, ResolveCredentialsOptions } from "./chain.js";
export { ConfigProvider } from "./config-file-provider.js";
export { Credentials, RefreshableCredentials } from "./credentials.js";
export type { CredentialMetadata, ReadOnlyCredentials, RefreshFunction, RefreshableCredentialsOptions } from "./credentials.js";
export { EnvProvider } from "./env-provider.js";
export { checkSessionCredentialKeys, ExplicitProvider } from "./explicit-provider.js";
export type { ExplicitCredentialKeys } from "./explicit-provider.js";
export { resolveImdsSettings } from "./imds-settings.js";
export type { ImdsSettings } from "./imds-settings.js";
export type { CredentialProvider } from "./provider.js";
export { SharedCredentialProvider } from "./shared-credentials-provider.js";
