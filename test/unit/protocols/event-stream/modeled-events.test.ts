/**
 * Modeled events end to end: a client whose `before-send` handler answers
 * with a body of event-stream frames (split into small chunks), iterated as
 * a user would, and compared with what botocore's parser and EventStream
 * make of the same bytes. S3 SelectObjectContent (rest-xml), Kinesis
 * SubscribeToShard (json, with its initial-response), Bedrock Runtime and
 * Lambda (rest-json); exception events and error frames.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { Session } from "../../../../src/index.js";
import { EventStreamError, ResponseParserError } from "../../../../src/exceptions.js";
import type { HttpResponse } from "../../../../src/http/http-response.js";
import { EventStream } from "../../../../src/protocols/event-stream/index.js";
import { type ParseCase, type ParseOutcome, botocoreParse, comparable, comparableError } from "./botocore-events.js";
import { errorFrame, eventFrame, exceptionFrame, frame, random } from "./frames.js";

/** One API call answered with frames. */
interface ClientCase extends ParseCase {
  service: string;
  method: string;
  params: Record<string, unknown>;
  member: string;
}

/** Splits the frames into chunks of 1 to 40 bytes, the same way on every run. */
function chunked(frames: Buffer[], seed: number): Uint8Array[] {
  const whole = Buffer.concat(frames);
  const next = random(seed);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < whole.length; ) {
    const size = 1 + Math.floor(next() * 40);
    chunks.push(whole.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>${body}`;

const SELECT_PARAMS = {
  Bucket: "bucket",
  Key: "data.csv",
  Expression: "select * from S3Object",
  ExpressionType: "SQL",
  InputSerialization: { CSV: {} },
  OutputSerialization: { CSV: {} },
};
const S3_HEADERS = { "x-amz-request-id": "REQ1", "x-amz-id-2": "HOST1", "content-type": "application/octet-stream" };

const s3Case = (frames: Buffer[], seed: number): ClientCase => ({
  service: "s3",
  operation: "SelectObjectContent",
  method: "select_object_content",
  params: SELECT_PARAMS,
  member: "Payload",
  headers: S3_HEADERS,
  chunks: chunked(frames, seed),
});

const RECORDS = eventFrame("Records", Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x00, 0x0a]), "application/octet-stream");
const STATS = eventFrame(
  "Stats",
  xml("<Stats><BytesScanned>1024</BytesScanned><BytesProcessed>1024</BytesProcessed><BytesReturned>7</BytesReturned></Stats>"),
  "text/xml",
);
const PROGRESS = eventFrame(
  "Progress",
  xml("<Progress><BytesScanned>512</BytesScanned><BytesProcessed>512</BytesProcessed><BytesReturned>0</BytesReturned></Progress>"),
  "text/xml",
);

const SUBSCRIBE_PARAMS = {
  ConsumerARN: "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1700000000",
  ShardId: "shardId-000000000000",
  StartingPosition: { Type: "TRIM_HORIZON" },
};
const shardEvent = (sequence: string, data: string): Buffer =>
  eventFrame(
    "SubscribeToShardEvent",
    JSON.stringify({
      Records: [
        { SequenceNumber: sequence, ApproximateArrivalTimestamp: 1700000000.25, Data: Buffer.from(data).toString("base64"), PartitionKey: "pk", EncryptionType: "NONE" },
      ],
      ContinuationSequenceNumber: sequence,
      MillisBehindLatest: 1500,
      ChildShards: [{ ShardId: "shardId-000000000001", ParentShards: ["shardId-000000000000"], HashKeyRange: { StartingHashKey: "0", EndingHashKey: "9" } }],
    }),
    "application/json",
  );
const kinesisCase = (frames: Buffer[], seed: number): ClientCase => ({
  service: "kinesis",
  operation: "SubscribeToShard",
  method: "subscribe_to_shard",
  params: SUBSCRIBE_PARAMS,
  member: "EventStream",
  headers: { "x-amzn-requestid": "KIN1", "content-type": "application/vnd.amazon.eventstream" },
  chunks: chunked(frames, seed),
});

const chunkEvent = (text: string): Buffer =>
  eventFrame("chunk", JSON.stringify({ bytes: Buffer.from(JSON.stringify({ completion: text })).toString("base64") }), "application/json");
const bedrockCase = (frames: Buffer[], seed: number): ClientCase => ({
  service: "bedrock-runtime",
  operation: "InvokeModelWithResponseStream",
  method: "invoke_model_with_response_stream",
  params: { modelId: "anthropic.claude-v2", body: "{}" },
  member: "body",
  headers: { "x-amzn-requestid": "BR1", "x-amzn-bedrock-content-type": "application/json" },
  chunks: chunked(frames, seed),
});

const converseEvent = (type: string, body: unknown): Buffer => eventFrame(type, JSON.stringify(body), "application/json");
const converseCase = (frames: Buffer[], seed: number): ClientCase => ({
  service: "bedrock-runtime",
  operation: "ConverseStream",
  method: "converse_stream",
  params: { modelId: "anthropic.claude-v2", messages: [{ role: "user", content: [{ text: "hi" }] }] },
  member: "stream",
  headers: { "x-amzn-requestid": "CS1" },
  chunks: chunked(frames, seed),
});

const CASES: Record<string, ClientCase> = {
  "S3 SelectObjectContent: Records, Stats, Progress, Cont, End": s3Case([RECORDS, PROGRESS, eventFrame("Cont"), RECORDS, STATS, eventFrame("End")], 1),
  "S3 SelectObjectContent: an event type the model lacks is skipped": s3Case([RECORDS, eventFrame("Unmodeled", "x"), frame([]), eventFrame("End")], 2),
  "S3 SelectObjectContent: an error frame after a Records event": s3Case([RECORDS, errorFrame("InternalError", "We encountered an internal error. Please try again."), eventFrame("End")], 3),
  "S3 SelectObjectContent: an exception type the model lacks": s3Case(
    [exceptionFrame("SelectFailed", xml("<Error><Message>nope</Message></Error>"), "text/xml")],
    4,
  ),
  "Kinesis SubscribeToShard: the initial-response, then events": kinesisCase([eventFrame("initial-response", "{}"), shardEvent("1", "hello"), shardEvent("2", "world")], 5),
  "Kinesis SubscribeToShard: a modeled exception in the stream": kinesisCase(
    [eventFrame("initial-response", "{}"), shardEvent("1", "x"), exceptionFrame("ResourceNotFoundException", JSON.stringify({ message: "Shard not found" }))],
    6,
  ),
  "Kinesis SubscribeToShard: the first event is not the initial-response": kinesisCase([shardEvent("1", "x")], 7),
  "Kinesis SubscribeToShard: an empty stream": kinesisCase([], 8),
  "Bedrock InvokeModelWithResponseStream: chunks": bedrockCase([chunkEvent("Hello"), chunkEvent(", world"), chunkEvent("!")], 9),
  "Bedrock InvokeModelWithResponseStream: a modeled exception with extra fields": bedrockCase(
    [chunkEvent("Hel"), exceptionFrame("modelStreamErrorException", JSON.stringify({ message: "model failed", originalStatusCode: 500, originalMessage: "boom" }))],
    10,
  ),
  "Bedrock InvokeModelWithResponseStream: an exception body that is not JSON": bedrockCase([exceptionFrame("throttlingException", "Too many requests")], 11),
  "Bedrock ConverseStream: a whole conversation turn": converseCase(
    [
      converseEvent("messageStart", { role: "assistant" }),
      converseEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hello" } }),
      converseEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: " there" } }),
      converseEvent("contentBlockStop", { contentBlockIndex: 0 }),
      converseEvent("messageStop", { stopReason: "end_turn", additionalModelResponseFields: { x: [1, 2] } }),
      converseEvent("metadata", { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 120 } }),
    ],
    12,
  ),
  "Bedrock ConverseStream: a validation exception": converseCase(
    [converseEvent("messageStart", { role: "assistant" }), exceptionFrame("validationException", JSON.stringify({ message: "bad input" }))],
    13,
  ),
  "Lambda InvokeWithResponseStream: header members, payload chunks, InvokeComplete": {
    service: "lambda",
    operation: "InvokeWithResponseStream",
    method: "invoke_with_response_stream",
    params: { FunctionName: "f" },
    member: "EventStream",
    headers: { "x-amzn-requestid": "L1", "x-amz-executed-version": "$LATEST", "content-type": "application/vnd.amazon.eventstream" },
    chunks: chunked(
      [
        eventFrame("PayloadChunk", '{"part":', "application/octet-stream"),
        eventFrame("PayloadChunk", "1}", "application/octet-stream"),
        eventFrame("InvokeComplete", JSON.stringify({ LogResult: "bG9n" }), "application/json"),
      ],
      14,
    ),
  },
};

const NAMES = Object.keys(CASES);
const ORACLE: ParseOutcome[] = botocoreParse(NAMES.map((name) => CASES[name]!));

function session(): Session {
  return new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "secret", region_name: "us-east-1" });
}

type Call = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Runs the case through a client and iterates its stream as a user would. */
async function throughClient(c: ClientCase): Promise<ParseOutcome> {
  const client = session().client(c.service);
  client.meta.events.register(`before-send.${c.service}.${c.operation}`, () => {
    const response: HttpResponse = { status_code: c.status ?? 200, headers: c.headers, body: Readable.from(c.chunks.map((chunk) => Buffer.from(chunk))) };
    return response;
  });
  const outcome: ParseOutcome = { parsed: null, events: [], error: null };
  try {
    const call = (client as unknown as Record<string, Call>)[c.method]!.bind(client);
    const result = await call(c.params);
    assert.ok(result[c.member] instanceof EventStream);
    outcome.parsed = comparable(result) as Record<string, unknown>;
    for await (const event of result[c.member] as EventStream) outcome.events.push(comparable(event));
  } catch (error) {
    outcome.error = comparableError(error);
  }
  return outcome;
}

describe("modeled events through a client, against botocore", () => {
  for (let i = 0; i < NAMES.length; i++) {
    test(NAMES[i]!, async () => {
      const expected = ORACLE[i]!;
      const got = await throughClient(CASES[NAMES[i]!]!);
      if (expected.parsed === null) {
        // botocore fails inside parse (json protocol's initial-response); here the call or the
        // first read fails, with the same error.
        assert.deepEqual(got.error, expected.error);
        assert.deepEqual(got.events, []);
      } else {
        assert.deepEqual(got, expected);
      }
    });
  }

  test("the cases cover what they claim", () => {
    const outcome = (name: string): ParseOutcome => ORACLE[NAMES.indexOf(name)]!;
    const select = outcome("S3 SelectObjectContent: Records, Stats, Progress, Cont, End");
    assert.deepEqual(select.events.map((e) => Object.keys(e as object)[0]), ["Records", "Progress", "Cont", "Records", "Stats", "End"]);
    assert.deepEqual((select.events[0] as { Records: { Payload: Uint8Array } }).Records.Payload, Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x00, 0x0a]));
    assert.deepEqual((select.events[4] as { Stats: unknown }).Stats, { Details: { BytesScanned: 1024, BytesProcessed: 1024, BytesReturned: 7 } });
    assert.deepEqual(outcome("S3 SelectObjectContent: an error frame after a Records event").error?.slice(0, 2), [
      "EventStreamError",
      "An error occurred (InternalError) when calling the SelectObjectContent operation: We encountered an internal error. Please try again.",
    ]);
    assert.deepEqual(outcome("Kinesis SubscribeToShard: a modeled exception in the stream").error, [
      "EventStreamError",
      "An error occurred (ResourceNotFoundException) when calling the SubscribeToShard operation: Shard not found",
      { Error: { Code: "ResourceNotFoundException", Message: "Shard not found" } },
    ]);
    assert.deepEqual(outcome("Kinesis SubscribeToShard: the first event is not the initial-response").error?.slice(0, 2), [
      "ResponseParserError",
      "First event was not of type initial-response",
    ]);
    assert.equal(outcome("Bedrock ConverseStream: a whole conversation turn").events.length, 6);
    assert.equal(outcome("Lambda InvokeWithResponseStream: header members, payload chunks, InvokeComplete").parsed?.ExecutedVersion, "$LATEST");
  });
});

describe("what a user sees", () => {
  test("an EventStreamError is a ClientError with botocore's response, and the next loop goes on", async () => {
    const c = s3Case([RECORDS, errorFrame("Oops", "first"), eventFrame("End")], 30);
    const client = session().client("s3");
    client.meta.events.register("before-send.s3.SelectObjectContent", () => ({ status_code: 200, headers: S3_HEADERS, body: Readable.from(c.chunks.map((x) => Buffer.from(x))) }));
    const result = (await (client as unknown as Record<string, Call>).select_object_content!.call(client, SELECT_PARAMS)) as { Payload: EventStream };
    const seen: string[] = [];
    await assert.rejects(
      async () => {
        for await (const event of result.Payload) seen.push(Object.keys(event)[0]!);
      },
      (error: unknown) => {
        assert.ok(error instanceof EventStreamError);
        assert.equal(error.operation_name, "SelectObjectContent");
        assert.deepEqual(error.response, { Error: { Code: "Oops", Message: "first" } });
        return true;
      },
    );
    // As iterating botocore's EventStream again: the stream goes on after the error message.
    for await (const event of result.Payload) seen.push(Object.keys(event)[0]!);
    assert.deepEqual(seen, ["Records", "End"]);
  });
});

describe("the json protocol's initial-response, read before the call returns", () => {

  test("a first event that is not the initial-response fails the call itself, as botocore's parse does", async () => {
    const c = kinesisCase([shardEvent("1", "x")], 40);
    const client = session().client("kinesis");
    client.meta.events.register("before-send.kinesis.SubscribeToShard", () => ({ status_code: 200, headers: c.headers, body: Readable.from(c.chunks.map((x) => Buffer.from(x))) }));
    const subscribe = (client as unknown as Record<string, Call>).subscribe_to_shard!;
    await assert.rejects(subscribe.call(client, SUBSCRIBE_PARAMS), (error: unknown) => {
      assert.ok(error instanceof ResponseParserError);
      assert.equal((error as Error).message, "First event was not of type initial-response");
      return true;
    });
  });

  test("the call resolves only once the initial-response has arrived", async () => {
    const client = session().client("kinesis");
    const body = new Readable({ read() {} });
    client.meta.events.register("before-send.kinesis.SubscribeToShard", () => ({ status_code: 200, headers: {}, body }));
    const subscribe = (client as unknown as Record<string, Call>).subscribe_to_shard!;
    let resolved = false;
    const call = subscribe.call(client, SUBSCRIBE_PARAMS).then((result) => {
      resolved = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const early = resolved;
    body.push(eventFrame("initial-response", "{}"));
    body.push(null);
    await call;
    assert.equal(early, false, "the call resolved before the initial-response arrived");
  });
});
