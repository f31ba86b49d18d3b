/**
 * Service name → client type, so that `boto3.client("s3")` returns the S3
 * client type. The entries come from the models at build time:
 * scripts/generate-types.mjs writes src/services-types/ (never committed)
 * and, for the published package, dist/src/services-types/, whose
 * `wiring.d.ts` maps every service. The interface stays open to
 * declaration merging, for models of one's own.
 */
import type { GeneratedServiceClientMap } from "../services-types/wiring.js";

/** The typed client of each service, by the name `client()` takes. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServiceClientMap extends GeneratedServiceClientMap {}
