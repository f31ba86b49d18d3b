/**
 * A tour of boto3-ts against an embedded moto server (run by `npm start`).
 *
 * It walks through boto3's Quickstart — configuration files, a client, S3
 * buckets and an upload — and the situations a boto3 user meets: regions,
 * errors, Config, events and parameter validation. Everything talks to moto
 * on 127.0.0.1; nothing leaves the machine.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import boto3, { Config, Session, type ServiceClient } from "../src/index.js";
import { ClientError, NoRegionError, NotYetImplementedError, ParamValidationError } from "../src/exceptions.js";
import type { StreamingBody } from "../src/http/streaming-body.js";
import { startMoto, type MotoServer } from "../test/support/moto-server.js";

const step = (title: string): void => console.log(`\n== ${title}`);
const say = (text: string): void => console.log(`   ${text}`);

async function main(): Promise<void> {
  // Never reach instance metadata (169.254.169.254) or the user's own AWS files.
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  for (const key of ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
    delete process.env[key];
  }
  console.log("boto3-ts tour: starting moto on a free loopback port...");
  let moto: MotoServer;
  try {
    moto = await startMoto();
  } catch (err) {
    console.error(`Could not start moto (${(err as Error).message}). Install it with: pip install 'moto[server]'`);
    process.exitCode = 1;
    return;
  }
  say(`moto is listening on ${moto.url}`);
  const home = mkdtempSync(join(tmpdir(), "boto3-ts-tour-"));
  try {
    await tour(moto.url, home);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await moto.stop();
    console.log("\nmoto stopped. Tour done.");
  }
}

async function tour(endpoint: string, home: string): Promise<void> {
  step("Quickstart: configuration files (~/.aws/credentials and ~/.aws/config)");
  const credentialsFile = join(home, "credentials");
  const configFile = join(home, "config");
  writeFileSync(credentialsFile, "[default]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
  writeFileSync(configFile, "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n");
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  process.env.AWS_CONFIG_FILE = configFile;
  say(`wrote a credentials file and a config file under ${home} and pointed AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE at them`);
  const credentials = await new Session().get_credentials();
  say(`session.get_credentials(): access key ${credentials?.access_key}, found by the '${credentials?.method}' provider`);

  step("Quickstart: import boto3 and pick a service");
  // Python: s3 = boto3.resource('s3'). Resources come in a later release; the client does the same work.
  try {
    boto3.resource("s3");
  } catch (err) {
    if (err instanceof NotYetImplementedError) say(`boto3.resource("s3") -> ${err.message}`);
  }
  const s3 = boto3.client("s3", { endpoint_url: endpoint });
  say(`s3 = boto3.client("s3") -> region ${s3.meta.region_name}, endpoint ${s3.meta.endpoint_url}`);

  step("Quickstart: upload a file to a bucket");
  await s3.create_bucket({ Bucket: "amzn-s3-demo-bucket" });
  const file = join(home, "test.jpg");
  writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]));
  const put = await s3.put_object({ Bucket: "amzn-s3-demo-bucket", Key: "test.jpg", Body: createReadStream(file) });
  say(`put_object(Key="test.jpg", Body=<file stream>) -> ETag ${String(put.ETag)}`);

  step("Quickstart: print out bucket names");
  for (const bucket of (await s3.list_buckets()).Buckets as { Name: string }[]) say(bucket.Name);

  step("Download the object again, streamed");
  const got = await s3.get_object({ Bucket: "amzn-s3-demo-bucket", Key: "test.jpg" });
  const bytes = await (got.Body as StreamingBody).read();
  say(`get_object -> ${bytes.length} bytes, ContentLength ${String(got.ContentLength)}, LastModified ${(got.LastModified as Date).toISOString()}`);
  say(`ResponseMetadata: HTTPStatusCode ${got.ResponseMetadata.HTTPStatusCode}, RetryAttempts ${got.ResponseMetadata.RetryAttempts}`);

  step("Errors: a missing key is a ClientError, and a modeled class on client.exceptions");
  try {
    await s3.get_object({ Bucket: "amzn-s3-demo-bucket", Key: "missing.jpg" });
  } catch (err) {
    if (err instanceof s3.exceptions.NoSuchKey) say(`caught s3.exceptions.NoSuchKey: ${err.message}`);
    if (err instanceof ClientError) say(`err.response.Error.Code = ${err.response.Error.Code}`);
  }

  step("Regions: where a client's region comes from");
  say(`config file [default] region -> ${boto3.client("sqs").meta.region_name}`);
  say(`profile "dev" -> ${new Session({ profile_name: "dev" }).client("sqs").meta.region_name}`);
  process.env.AWS_DEFAULT_REGION = "us-west-2";
  say(`AWS_DEFAULT_REGION beats the config file -> ${new Session().client("sqs").meta.region_name}`);
  delete process.env.AWS_DEFAULT_REGION;
  boto3.setup_default_session({ region_name: "us-west-1" });
  say(`setup_default_session({region_name: "us-west-1"}) -> ${boto3.client("sqs").meta.region_name}; a per-client override -> ${boto3.client("sqs", { region_name: "ap-south-1" }).meta.region_name}`);
  const config = new Config({ region_name: "eu-central-1" });
  say(`Config.region_name -> ${boto3.client("sqs", { config }).meta.region_name}; the region_name argument beats it -> ${boto3.client("sqs", { config, region_name: "ca-central-1" }).meta.region_name}`);
  writeFileSync(configFile, "");
  try {
    new Session().client("sqs", { endpoint_url: endpoint });
  } catch (err) {
    if (err instanceof NoRegionError) say(`no region anywhere -> NoRegionError: ${err.message}`);
  }
  writeFileSync(configFile, "[default]\nregion = us-east-1\n");

  step("Config: retries and timeouts, visible on client.meta.config");
  const lambda = new Session().client("lambda", {
    endpoint_url: endpoint,
    config: new Config({ retries: { max_attempts: 0 }, read_timeout: 120, connect_timeout: 120 }),
  });
  say(`client.meta.config.retries = ${JSON.stringify(lambda.meta.config.retries)}, read_timeout = ${lambda.meta.config.read_timeout}, connect_timeout = ${lambda.meta.config.connect_timeout}`);
  const functions = await lambda.list_functions();
  say(`lambda.list_functions() -> ${(functions.Functions as unknown[]).length} functions`);

  step("STS, SQS and DynamoDB round trips");
  const { Account, Arn } = await boto3.client("sts", { endpoint_url: endpoint, region_name: "us-east-1" }).get_caller_identity();
  say(`sts.get_caller_identity() -> Account ${String(Account)}, Arn ${String(Arn)}`);
  const sqs = boto3.client("sqs", { endpoint_url: endpoint, region_name: "us-east-1" });
  const QueueUrl = (await sqs.create_queue({ QueueName: "tour-queue" })).QueueUrl!;
  await sqs.send_message({ QueueUrl, MessageBody: "hello from boto3-ts" });
  const received = await sqs.receive_message({ QueueUrl });
  say(`sqs: sent and received "${received.Messages?.[0]?.Body}"`);
  const ddb = boto3.client("dynamodb", { endpoint_url: endpoint, region_name: "us-east-1" });
  await ddb.create_table({
    TableName: "tour",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });
  await ddb.put_item({ TableName: "tour", Item: { id: { S: "1" }, greeting: { S: "hi" } } });
  const item = await ddb.get_item({ TableName: "tour", Key: { id: { S: "1" } } });
  say(`dynamodb: get_item -> ${JSON.stringify(item.Item)}`);

  step("Events: a before-send handler sees every request (and could answer it)");
  const watched = boto3.client("sqs", { endpoint_url: endpoint, region_name: "us-east-1" });
  watched.meta.events.register("before-send.sqs.ListQueues", ({ request }) => {
    say(`before-send: ${request.method} ${request.url} (X-Amz-Target ${request.headers["X-Amz-Target"]})`);
  });
  await watched.list_queues();

  step("Parameter validation: bad input never reaches the network");
  try {
    // Wrong on purpose: the static types reject this call too, so it goes through an untyped view.
    await (sqs as unknown as ServiceClient).send_message!({ QueueUrl, DelaySeconds: "five", Unknown: true });
  } catch (err) {
    if (!(err instanceof ParamValidationError)) throw err;
    say(err.message.replace(/\n/g, "\n   "));
  }
}

await main();
