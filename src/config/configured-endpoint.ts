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

/**
 * The endpoint URL configured for a client in the environment or the shared
 * config file, or undefined. Throws ProfileNotFound for a missing chosen
 * profile, and InvalidConfigError when the profile names a services section
 * that does not exist (only once the environment has no answer).
 */
export function configuredEndpointUrl(store: SessionConfigStore, clientName: string): string | undefined {
  const full = store.full_config();
  const scoped = store.get_scoped_config();
  const serviceId = snakeCaseServiceId(clientName);
  const fromServiceEnv = store.env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase()}`];
  if (fromServiceEnv) return fromServiceEnv;
  const fromGlobalEnv = store.env["AWS_ENDPOINT_URL"];
  if (fromGlobalEnv) return fromGlobalEnv;
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
    if (typeof url === "string" && url !== "") return url;
  }
  const global = scoped["endpoint_url"];
  return typeof global === "string" && global !== "" ? global : undefined;
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
  if (ignore) return null;
  return configuredEndpointUrl(store, clientName) ?? null;
}
