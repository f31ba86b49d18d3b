/**
 * SigV4 signing keys: HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
 * service), "aws4_request"). The key only changes with the day, so it is
 * derived once per (secret, date, region, service) and kept in a small
 * bounded cache; a request then costs one HMAC for its signature.
 */
import { createHmac } from "node:crypto";

const MAX_ENTRIES = 64;
// Insertion-ordered, so the first key is the oldest. The map is module-private:
// the secrets in its keys are never reachable from outside (inspect, logs).
const cache = new Map<string, Buffer>();

/** The derived signing key for a secret on a day (`YYYYMMDD`), in a region, for a service. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  let key = cache.get(id);
  if (key === undefined) {
    const kDate = createHmac("sha256", `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac("sha256", kDate).update(region).digest();
    const kService = createHmac("sha256", kRegion).update(service).digest();
    key = createHmac("sha256", kService).update("aws4_request").digest();
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(id, key);
  }
  return key;
}

/** Empties the cache (tests, or after rotating credentials). */
export function clearSigningKeyCache(): void {
  cache.clear();
}
