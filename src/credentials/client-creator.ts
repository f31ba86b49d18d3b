/**
 * How providers that call AWS (STS, SSO, SSO OIDC, sign-in) get a client:
 * through the session, as a user would (botocore's `create_nested_client`),
 * so the session's configuration (configured endpoints, STS regional
 * endpoints, retries, CA bundle) applies. A client made this way never
 * resolves credentials through the chain again: it is given explicit keys
 * or is unsigned.
 */
import type { ClientOptions } from "../client/create-client.js";
import type { ServiceClient } from "../client/base-client.js";
import { ClientError } from "../exceptions.js";

/** Creates a client of a service (the session's `client()`). */
export type ClientCreator = (serviceName: string, options?: ClientOptions) => ServiceClient | Promise<ServiceClient>;

/** Calls one operation of a nested client by its snake_case name; the result is the parsed output. */
export async function callOperation(
  client: ServiceClient,
  method: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const operation = client[method];
  if (typeof operation !== "function") throw new TypeError(`Client does not have method: ${method}`);
  return (await operation.call(client, params)) as Record<string, unknown>;
}

/** The service error code of a ClientError, or undefined for anything else. */
export function clientErrorCode(error: unknown): string | undefined {
  return error instanceof ClientError ? error.response.Error?.Code : undefined;
}
