/**
 * The moto server for integration tests: the one the test runner started
 * (BOTO3TS_MOTO_URL), or one started here on a free loopback port when a
 * test file runs alone. Without moto the tests are skipped with a printed
 * reason, except in CI (CI=true), where a missing moto is a failure.
 */
import { after } from "node:test";
import { randomBytes } from "node:crypto";
import { Session } from "../../src/session.js";
import type { ClientOptions } from "../../src/client/create-client.js";
import type { ServiceClient } from "../../src/client/base-client.js";
import { startMoto } from "./moto-server.js";

let started: Promise<string> | undefined;

/** The moto URL, starting a private server for this process when the runner did not provide one. */
export function motoUrl(): Promise<string> {
  const provided = process.env.BOTO3TS_MOTO_URL;
  if (provided) return Promise.resolve(provided);
  started ??= startMoto().then((server) => {
    after(() => server.stop());
    return server.url;
  });
  return started;
}

/** Why integration tests cannot run here, or undefined when they can. */
export function motoSkipReason(): string | undefined {
  const unavailable = process.env.BOTO3TS_MOTO_UNAVAILABLE;
  if (unavailable === undefined) return undefined;
  const reason = `moto is not available (${unavailable}); install moto to run the integration tests`;
  console.warn(`SKIPPED: ${reason}`);
  return reason;
}

/** A client of `service` pointed at moto, with moto's test credentials. */
export async function motoClient(service: string, options: ClientOptions = {}): Promise<ServiceClient> {
  const url = await motoUrl();
  const session = new Session({ aws_access_key_id: "testing", aws_secret_access_key: "testing", region_name: "us-east-1" });
  return session.client(service, { endpoint_url: url, ...options }) as ServiceClient;
}

/** A name no other test uses, so test files can share one moto server. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
