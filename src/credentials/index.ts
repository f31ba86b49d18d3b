/**
 * Credentials, the providers of the default chain, and the chain itself.
 */
export { createCredentialResolver, CredentialResolver, DEFAULT_CHAIN, resolveCredentials } from "./chain.js";
export type { ChainContext, ChainEntry, CredentialResolverOptions, ResolveCredentialsOptions } from "./chain.js";
export { AssumeRoleProvider } from "./assume-role-provider.js";
export { AssumeRoleCredentialFetcher, AssumeRoleWithWebIdentityCredentialFetcher } from "./assume-role-fetcher.js";
export { DeferredRefreshableToken, FrozenAuthToken } from "./auth-token.js";
export { BotoProvider } from "./boto-config-provider.js";
export type { ClientCreator } from "./client-creator.js";
export { ConfigProvider } from "./config-file-provider.js";
export { ContainerMetadataFetcher } from "./container-metadata-fetcher.js";
export { ContainerProvider } from "./container-provider.js";
export { JSONFileCache, MemoryCredentialCache } from "./credential-cache.js";
export type { CredentialCache } from "./credential-cache.js";
export { CanonicalNameCredentialSourcer } from "./credential-sourcer.js";
export { Credentials, DeferredRefreshableCredentials, RefreshableCredentials } from "./credentials.js";
export type { CredentialMetadata, ReadOnlyCredentials, RefreshFunction, RefreshableCredentialsOptions } from "./credentials.js";
export { OriginalEC2Provider } from "./ec2-credentials-file-provider.js";
export { EnvProvider } from "./env-provider.js";
export { checkSessionCredentialKeys, ExplicitProvider } from "./explicit-provider.js";
export type { ExplicitCredentialKeys } from "./explicit-provider.js";
export { resolveImdsSettings } from "./imds-settings.js";
export type { ImdsSettings } from "./imds-settings.js";
export { InstanceMetadataFetcher } from "./instance-metadata-fetcher.js";
export { InstanceMetadataProvider } from "./instance-metadata-provider.js";
export { LoginProvider } from "./login-provider.js";
export type { MfaPrompter } from "./mfa-prompter.js";
export { ProcessProvider } from "./process-provider.js";
export { ProfileProviderBuilder } from "./profile-provider-builder.js";
export type { CredentialProvider } from "./provider.js";
export { SharedCredentialProvider } from "./shared-credentials-provider.js";
export { SSOProvider } from "./sso-provider.js";
export { SSOTokenProvider } from "./sso-token-provider.js";
export { AssumeRoleWithWebIdentityProvider } from "./web-identity-provider.js";
