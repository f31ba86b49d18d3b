/**
 * Imported first by every credential test file: no socket of this process
 * may connect to the instance metadata or ECS credential addresses. A
 * connection attempt to one of them throws at once (before any packet is
 * sent) and is recorded, so a test can also assert that none was tried.
 */
import { Socket } from "node:net";

/** The link-local metadata addresses no test may contact. */
export const FORBIDDEN_HOSTS: readonly string[] = Object.freeze([
  "169.254.169.254",
  "169.254.170.2",
  "169.254.170.23",
  "fd00:ec2::254",
  "fd00:ec2::23",
  "[fd00:ec2::254]",
  "[fd00:ec2::23]",
]);

/** Every refused connection attempt, host first. */
export const refusedConnections: string[] = [];

const GUARD = Symbol.for("boto3-ts.test.metadata-guard");
const proto = Socket.prototype as unknown as Record<PropertyKey, unknown> & { connect: (...args: unknown[]) => unknown };
if (proto[GUARD] === undefined) {
  const original = proto.connect;
  proto[GUARD] = original;
  proto.connect = function guardedConnect(this: Socket, ...args: unknown[]): unknown {
    const first = args[0];
    let host: unknown;
    if (Array.isArray(first)) host = (first[0] as { host?: unknown } | undefined)?.host;
    else if (first !== null && typeof first === "object") host = (first as { host?: unknown }).host;
    else if (typeof args[1] === "string") host = args[1];
    if (typeof host === "string" && FORBIDDEN_HOSTS.includes(host.toLowerCase())) {
      refusedConnections.push(host);
      throw new Error(`test network guard: refused a connection to ${host}`);
    }
    return original.apply(this, args);
  };
}
