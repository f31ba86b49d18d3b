/**
 * Compile-time tests of the generated service types (src/services-types/,
 * made by scripts/generate-types.mjs). Nothing here runs: `tsc -p
 * tsconfig.json` (the first step of `npm test`) fails when a positive use
 * stops compiling or a `@ts-expect-error` misuse starts to compile.
 *
 * The repo's own ServiceClientMap is kept empty (REPO_SEES_TYPES in the
 * generator), so the clients here come through `typed()`, which gives what
 * the published wiring gives a user; test/types/published-types.test.ts
 * checks that wiring itself, in a consumer project.
 */
import type { Readable } from "node:stream";
import boto3, { Session } from "../../src/index.js";
import type { BaseClient, ClientOptions, ResponseMetadata, ServiceClient, StreamingBody } from "../../src/index.js";
import { ClientError } from "../../src/exceptions.js";
import type { ErrorInfo } from "../../src/exceptions.js";
import type { JsonValue } from "../../src/client/model-types.js";
import type { ServiceClients } from "../../src/services-types/index.js";
import type { Bucket, GetObjectOutput, ObjectStorageClass, S3Client } from "../../src/services-types/s3.js";
import type { AttributeValue } from "../../src/services-types/dynamodb.js";
import type { InstanceStateName } from "../../src/services-types/ec2.js";

/** A client typed as the published declarations type `boto3.client(name)`. */
function typed<S extends keyof ServiceClients>(name: S, options: ClientOptions = {}): ServiceClients[S] {
  return boto3.client(name, options) as unknown as ServiceClients[S];
}

/** True when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `A` is exactly `B`. */
function exact<A, B>(_proof: Equal<A, B>): void {}

export async function s3Checks(): Promise<void> {
  const s3 = typed("s3");
  const base: BaseClient = s3;
  const named: S3Client = s3;
  void base;
  void named;

  // Results: model member names, all optional, plus ResponseMetadata.
  const listed = await s3.list_buckets();
  exact<typeof listed.Buckets, Bucket[] | undefined>(true);
  exact<(typeof listed.Buckets & {})[number]["Name"], string | undefined>(true);
  exact<typeof listed.ResponseMetadata, ResponseMetadata>(true);
  for (const bucket of listed.Buckets ?? []) exact<typeof bucket.CreationDate, Date | undefined>(true);
  // @ts-expect-error Buckets may be absent: botocore gives only what the service sent
  for (const bucket of listed.Buckets) void bucket;
  // @ts-expect-error not a member of ListBuckets' output
  void listed.Contents;

  // Streaming output, timestamps, longs, enums.
  const object = await s3.get_object({ Bucket: "b", Key: "k", IfModifiedSince: new Date(), Range: "bytes=0-9" });
  exact<typeof object.Body, StreamingBody | undefined>(true);
  exact<typeof object.LastModified, Date | undefined>(true);
  exact<typeof object.ContentLength, number | undefined>(true);
  exact<GetObjectOutput["StorageClass"], ObjectStorageClass | undefined>(true);
  const storage: ObjectStorageClass = "GLACIER";
  const future: ObjectStorageClass = "A_CLASS_ADDED_LATER";
  void storage;
  void future;
  const bytes: Uint8Array | undefined = await object.Body?.read();
  void bytes;
  exact<typeof object.ExpiresString, string | undefined>(true);

  // Inputs: required members, blob and streaming payloads, timestamps, longs.
  await s3.get_object({ Bucket: "b", Key: "k", IfModifiedSince: 1700000000 });
  await s3.get_object({ Bucket: "b", Key: "k", IfModifiedSince: "2024-01-01T00:00:00Z" });
  await s3.put_object({ Bucket: "b", Key: "k", Body: "text" });
  await s3.put_object({ Bucket: "b", Key: "k", Body: new Uint8Array(3), ContentLength: 3 });
  await s3.put_object({ Bucket: "b", Key: "k", Body: {} as Readable, ContentLength: 2n ** 60n, ACL: "private" });
  await s3.put_object({ Bucket: "b", Key: "k", Body: new Blob(["bytes"]), Metadata: { a: "b" }, StorageClass: "STANDARD_IA" });
  await s3.copy_object({ Bucket: "b", Key: "k", CopySource: { Bucket: "src", Key: "k", VersionId: "v" } });
  await s3.copy_object({ Bucket: "b", Key: "k", CopySource: "src/k?versionId=v" });
  // @ts-expect-error Key is required
  await s3.get_object({ Bucket: "b" });
  // @ts-expect-error no such parameter
  await s3.get_object({ Bucket: "b", Key: "k", Bukket: "typo" });
  // @ts-expect-error Bucket is a string
  await s3.get_object({ Bucket: 1, Key: "k" });
  // @ts-expect-error a timestamp is a Date, epoch seconds or text
  await s3.get_object({ Bucket: "b", Key: "k", IfModifiedSince: true });
  // @ts-expect-error a blob is text, bytes, a Blob or a stream
  await s3.put_object({ Bucket: "b", Key: "k", Body: 42 });
  // @ts-expect-error parameters are required when the input has required members
  await s3.get_object();
  // @ts-expect-error boto3's method names are snake_case
  await s3.getObject({ Bucket: "b", Key: "k" });

  // client.exceptions: one class per modeled error; instanceof narrows the response.
  try {
    await s3.get_object({ Bucket: "b", Key: "missing" });
  } catch (err) {
    if (err instanceof s3.exceptions.NoSuchKey) {
      exact<typeof err.response.Error.Code, "NoSuchKey">(true);
      const message: string = err.message;
      const metadata: ResponseMetadata = err.response.ResponseMetadata;
      void message;
      void metadata;
    } else if (err instanceof s3.exceptions.InvalidObjectState) {
      exact<typeof err.response.StorageClass, ObjectStorageClass | undefined>(true);
    } else if (err instanceof ClientError) {
      const error: ErrorInfo = err.response.Error;
      void error;
    }
  }
  const fromCode = s3.exceptions.from_code("NoSuchBucket");
  void fromCode;
  const generic: typeof ClientError = s3.exceptions.ClientError;
  void generic;
}

export async function dynamodbChecks(): Promise<void> {
  const ddb = typed("dynamodb", { region_name: "us-east-1" });
  const got = await ddb.get_item({ TableName: "t", Key: { id: { S: "1" } }, ConsistentRead: true });
  exact<typeof got.Item, { [key: string]: AttributeValue } | undefined>(true);
  exact<(AttributeValue)["S"], string | undefined>(true);
  exact<(AttributeValue)["B"], Uint8Array | undefined>(true);
  exact<(AttributeValue)["L"], AttributeValue[] | undefined>(true);
  const name: string | undefined = got.Item?.["name"]?.S;
  const tags: string[] | undefined = got.Item?.["tags"]?.SS;
  void name;
  void tags;
  await ddb.put_item({ TableName: "t", Item: { id: { S: "1" }, blob: { B: "bytes as text" }, list: { L: [{ N: "1" }, { M: { a: { BOOL: true } } }] } } });
  // @ts-expect-error TableName is required
  await ddb.put_item({ Item: {} });
  // @ts-expect-error an AttributeValue's N is the number's text
  await ddb.put_item({ TableName: "t", Item: { n: { N: 1 } } });
  try {
    await ddb.put_item({ TableName: "t", Item: {}, ConditionExpression: "attribute_not_exists(id)" });
  } catch (err) {
    if (err instanceof ddb.exceptions.ConditionalCheckFailedException) {
      exact<typeof err.response.Item, { [key: string]: AttributeValue } | undefined>(true);
    }
  }
}

export async function ec2Checks(): Promise<void> {
  const ec2 = typed("ec2");
  const described = await ec2.describe_instances({ Filters: [{ Name: "instance-state-name", Values: ["running"] }] });
  for (const reservation of described.Reservations ?? []) {
    for (const instance of reservation.Instances ?? []) {
      exact<typeof instance.InstanceId, string | undefined>(true);
      exact<typeof instance.LaunchTime, Date | undefined>(true);
      exact<NonNullable<typeof instance.State>["Name"], InstanceStateName | undefined>(true);
      const tag: string | undefined = instance.Tags?.[0]?.Value;
      void tag;
    }
  }
  await ec2.describe_instances();
  // The documented `Filters` replaces the model's `Filter` (botocore's parameter alias).
  await ec2.describe_flow_logs({ Filters: [{ Name: "resource-id", Values: ["vpc-1"] }] });
  // @ts-expect-error the alias is the documented name
  await ec2.describe_flow_logs({ Filter: [] });
  // Idempotency tokens are filled in when left out, as botocore does.
  await ec2.create_network_insights_access_scope({});
  // @ts-expect-error MinCount is a number
  await ec2.run_instances({ ImageId: "ami-1", MinCount: "1", MaxCount: 1 });
}

export async function otherServiceChecks(): Promise<void> {
  // Tagged unions: exactly one member; results may carry SDK_UNKNOWN_MEMBER.
  const bedrock = typed("bedrock-runtime");
  const answer = await bedrock.converse({ modelId: "m", messages: [{ role: "user", content: [{ text: "hello" }] }] });
  const first = answer.output?.message?.content?.[0];
  exact<NonNullable<typeof first>["text"], string | undefined>(true);
  const unknownMember: string | undefined = first?.SDK_UNKNOWN_MEMBER?.name;
  void unknownMember;
  // @ts-expect-error a union takes exactly one member
  await bedrock.converse({ modelId: "m", messages: [{ role: "user", content: [{ text: "a", image: { format: "png", source: { bytes: "x" } } }] }] });
  // @ts-expect-error a union takes exactly one member, not none
  await bedrock.converse({ modelId: "m", messages: [{ role: "user", content: [{}] }] });
  // @ts-expect-error removed from the client class, as botocore does
  void bedrock.invoke_model_with_bidirectional_stream;

  // Event streams: an async iterable of { EventName: fields }.
  const selected = await typed("s3").select_object_content({
    Bucket: "b", Key: "k", Expression: "select * from s3object", ExpressionType: "SQL",
    InputSerialization: { CSV: {} }, OutputSerialization: { JSON: {} },
  });
  for await (const event of selected.Payload ?? []) {
    exact<typeof event.Records, { Payload?: Uint8Array } | undefined>(true);
  }

  // Documents are JSON values; IAM's policy documents arrive decoded.
  const role = await typed("iam").get_role_policy({ RoleName: "r", PolicyName: "p" });
  exact<typeof role.PolicyDocument, JsonValue | undefined>(true);
  const template = await typed("cloudformation").get_template({ StackName: "s" });
  exact<typeof template.TemplateBody, JsonValue | undefined>(true);

  // Members botocore fills in, method aliases, operations without input.
  await typed("glacier").list_vaults();
  await typed("glacier").upload_archive({ vaultName: "v", body: "data" });
  await typed("cloudwatch").get_o_tel_enrichment();
  const identity = await typed("sts").get_caller_identity();
  exact<typeof identity.Account, string | undefined>(true);
  // @ts-expect-error an operation without input members takes no parameters
  await typed("sts").get_caller_identity({ Extra: 1 });

  // A blob inside the request is text or bytes; Blobs and streams are taken only as a payload.
  await typed("kms").encrypt({ KeyId: "k", Plaintext: new Uint8Array(4) });
  await typed("kms").encrypt({ KeyId: "k", Plaintext: "text" });
  // @ts-expect-error the serializer base64-encodes bytes it has at hand: no Blob here
  await typed("kms").encrypt({ KeyId: "k", Plaintext: new Blob(["x"]) });
  const decrypted = await typed("kms").decrypt({ CiphertextBlob: new Uint8Array(4) });
  exact<typeof decrypted.Plaintext, Uint8Array | undefined>(true);

  // A query-compatible service's errors carry their query-era code, not the shape's.
  const sqs = typed("sqs");
  try {
    await sqs.get_queue_url({ QueueName: "q" });
  } catch (err) {
    if (err instanceof sqs.exceptions.QueueDoesNotExist) exact<typeof err.response.Error.Code, string>(true);
  }

  // Lambda's Payload is a streaming body both ways.
  const invoked = await typed("lambda").invoke({ FunctionName: "f", Payload: JSON.stringify({ a: 1 }), InvocationType: "RequestResponse" });
  exact<typeof invoked.Payload, StreamingBody | undefined>(true);
}

export function wiringChecks(): void {
  // Names the generated map does not know stay untyped clients.
  const unknown = boto3.client("not-a-service");
  exact<typeof unknown, ServiceClient>(true);
  const fromSession = new Session().client("my-own-model");
  exact<typeof fromSession, ServiceClient>(true);
  // Every service of the installed botocore has an entry.
  const count: keyof ServiceClients = "xray";
  void count;
}
