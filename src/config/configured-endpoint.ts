/**
 * Endpoint URLs configured outside the code: botocore's
 * `ConfiguredEndpointProvider` and `_compute_configured_endpoint_url`.
 *
 * For a client, in order: AWS_ENDPOINT_URL_<SERVICE_ID>, AWS_ENDPOINT_URL,
 * the service's `endpoint_url` in the profile's `[services NAME]` section,
 * the profile's own `endpoint_url`. An `endpoint_url` passed to the client
 * wins over all of them, and `ignore_configured_endpoint_urls` (Config,
 * then the chain) turns them off.
 */
import type { Config } from "./config.js";
import type { SessionConfigStore } from "./config-store.js";
import { InvalidConfigError } from "../exceptions.js";
import { DEBUG, getLogger, INFO } from "../logging/logger.js";

const logger = getLogger("botocore.configprovider");
const argsLogger = getLogger("botocore.args");

// botocore's SERVICE_NAME_ALIASES: client names that are other names of a service.
const SERVICE_NAME_ALIASES: Readonly<Record<string, string>> = { "runtime.sagemaker": "sagemaker-runtime" };

// botocore's CLIENT_NAME_TO_HYPHENIZED_SERVICE_ID_OVERRIDES: client names
// whose service ID, lower-cased and hyphenated, is not the client name.
const SERVICE_ID_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({
  apigateway: "api-gateway",
  "application-autoscaling": "application-auto-scaling",
  appmesh: "app-mesh",
  autoscaling: "auto-scaling",
  "autoscaling-plans": "auto-scaling-plans",
  ce: "cost-explorer",
  cloudhsmv2: "cloudhsm-v2",
  cloudsearchdomain: "cloudsearch-domain",
  "cognito-idp": "cognito-identity-provider",
  config: "config-service",
  cur: "cost-and-usage-report-service",
  datapipeline: "data-pipeline",
  directconnect: "direct-connect",
  devicefarm: "device-farm",
  discovery: "application-discovery-service",
  dms: "database-migration-service",
  ds: "directory-service",
  "ds-data": "directory-service-data",
  dynamodbstreams: "dynamodb-streams",
  elasticbeanstalk: "elastic-beanstalk",
  elb: "elastic-load-balancing",
  elbv2: "elastic-load-balancing-v2",
  es: "elasticsearch-service",
  events: "eventbridge",
  globalaccelerator: "global-accelerator",
  "iot-data": "iot-data-plane",
  "iot-jobs-data": "iot-jobs-data-plane",
  "iotevents-data": "iot-events-data",
  iotevents: "iot-events",
  iotwireless: "iot-wireless",
  kinesisanalytics: "kinesis-analytics",
  kinesisanalyticsv2: "kinesis-analytics-v2",
  kinesisvideo: "kinesis-video",
  "lex-models": "lex-model-building-service",
  "lexv2-models": "lex-models-v2",
  "lex-runtime": "lex-runtime-service",
  "lexv2-runtime": "lex-runtime-v2",
  logs: "cloudwatch-logs",
  machinelearning: "machine-learning",
  marketplacecommerceanalytics: "marketplace-commerce-analytics",
  "marketplace-entitlement": "marketplace-entitlement-service",
  meteringmarketplace: "marketplace-metering",
  mgh: "migration-hub",
  "sms-voice": "pinpoint-sms-voice",
  resourcegroupstaggingapi: "resource-groups-tagging-api",
  route53: "route-53",
  route53domains: "route-53-domains",
  s3control: "s3-control",
  sdb: "simpledb",
  secretsmanager: "secrets-manager",
  serverlessrepo: "serverlessapplicationrepository",
  servicecatalog: "service-catalog",
  "servicecatalog-appregistry": "service-catalog-appregistry",
  stepfunctions: "sfn",
  storagegateway: "storage-gateway",
});

/** The service ID in snake_case, as the environment variable and the services section name it (`elbv2` -> `elastic_load_balancing_v2`). */
export function snakeCaseServiceId(clientName: string): string {
  const name = Object.hasOwn(SERVICE_NAME_ALIASES, clientName) ? SERVICE_NAME_ALIASES[clientName]! : clientName;
  const hyphenized = Object.hasOwn(SERVICE_ID_OVERRIDES, name) ? SERVICE_ID_OVERRIDES[name]! : name;
  return hyphenized.replace(/-/g, "_");
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** botocore's lookup locations, in its order (its log lines name them). */
export type EndpointLocation = "environment_service" | "environment_global" | "config_service" | "config_global";

/** A configured endpoint URL and where it was found. */
export interface ConfiguredEndpoint {
  readonly url: string;
  readonly location: EndpointLocation;
  /** The environment variable, or the profile key / services section that held it. */
  readonly detail: string;
}

/**
 * The endpoint URL configured for a client in the environment or the shared
 * config file, or undefined. Throws ProfileNotFound for a missing chosen
 * profile, and InvalidConfigError when the profile names a services section
 * that does not exist (only once the environment has no answer).
 */
export function configuredEndpointUrl(store: SessionConfigStore, clientName: string): string | undefined {
  return findConfiguredEndpoint(store, clientName)?.url;
}

/** configuredEndpointUrl, with where the URL was found; logs botocore's lines on the way. */
export function findConfiguredEndpoint(store: SessionConfigStore, clientName: string): ConfiguredEndpoint | undefined {
  const found = lookUp(store, clientName);
  if (!logger.isEnabledFor(INFO)) return found;
  if (found !== undefined) logger.info("Found endpoint for %s via: %s.", clientName, found.location);
  else logger.debug("No configured endpoint found.");
  return found;
}

/** Where a client's configured endpoint URL would be found, without logging (for the settings report). */
export function lookUpConfiguredEndpoint(store: SessionConfigStore, clientName: string): ConfiguredEndpoint | undefined {
  return lookUp(store, clientName, false);
}

function lookUp(store: SessionConfigStore, clientName: string, log = true): ConfiguredEndpoint | undefined {
  const full = store.full_config();
  const scoped = store.get_scoped_config();
  const serviceId = snakeCaseServiceId(clientName);
  const looking = (location: EndpointLocation): void => {
    if (log && logger.isEnabledFor(DEBUG)) logger.debug("Looking for endpoint for %s via: %s", clientName, location);
  };
  looking("environment_service");
  const serviceVar = `AWS_ENDPOINT_URL_${serviceId.toUpperCase()}`;
  const fromServiceEnv = store.env[serviceVar];
  if (fromServiceEnv) return { url: fromServiceEnv, location: "environment_service", detail: `environment variable ${serviceVar}` };
  looking("environment_global");
  const fromGlobalEnv = store.env["AWS_ENDPOINT_URL"];
  if (fromGlobalEnv) return { url: fromGlobalEnv, location: "environment_global", detail: "environment variable AWS_ENDPOINT_URL" };
  looking("config_service");
  if (Object.hasOwn(scoped, "services")) {
    const sectionName = scoped["services"];
    const section = typeof sectionName === "string" ? full.services?.[sectionName] : undefined;
    if (section === undefined || Object.keys(section).length === 0) {
      throw new InvalidConfigError({
        error_msg: `The profile is configured to use the services section but the "${String(sectionName)}" services configuration does not exist.`,
      });
    }
    const service = section[serviceId.toLowerCase()];
    const url = isMap(service) ? service["endpoint_url"] : undefined;
    if (typeof url === "string" && url !== "") {
      return { url, location: "config_service", detail: `config file, [services ${String(sectionName)}] ${serviceId.toLowerCase()}.endpoint_url` };
    }
  }
  looking("config_global");
  const global = scoped["endpoint_url"];
  if (typeof global === "string" && global !== "") return { url: global, location: "config_global", detail: "config file, profile key endpoint_url" };
  return undefined;
}

/**
 * The endpoint URL a client uses before endpoint resolution: the one passed
 * to the client, else (unless ignored) the configured one, else null
 * (botocore's `ClientArgsCreator._compute_configured_endpoint_url`).
 */
export function computeConfiguredEndpointUrl(
  store: SessionConfigStore,
  clientName: string,
  endpointUrl: string | null | undefined,
  config: Config | null | undefined,
): string | null {
  if (endpointUrl !== null && endpointUrl !== undefined) return endpointUrl;
  const fromConfig = config?.ignore_configured_endpoint_urls;
  const ignore = fromConfig !== null && fromConfig !== undefined ? fromConfig : store.get_config_variable("ignore_configured_endpoint_urls");
  if (ignore) {
    argsLogger.debug("Ignoring configured endpoint URLs.");
    return null;
  }
  return configuredEndpointUrl(store, clientName) ?? null;
}
