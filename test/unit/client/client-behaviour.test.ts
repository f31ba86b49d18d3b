/**
 * What a client does around the wire, against a local server on 127.0.0.1:
 * Config reaching client.meta.config and the transport, retries, before-send
 * short-circuits, validation before any byte is sent, and secrets kept out
 * of what users print.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { Config, Session, type ServiceClient } from "../../../src/index.js";
import { ClientError, NoCredentialsError, ParamValidationError, ReadTimeoutError } from "../../../src/exceptions.js";
import { runPython } from "../../support/python.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let url: string;
let handler: Handler = (_req, res) => res.end("{}");
let requests = 0;

before(async () => {
  server = createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function session(): Session {
  return new Session({ aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", aws_session_token: "TOKEN-SECRET-VALUE", region_name: "us-east-1" });
}

describe("Config on the client and in the transport", () => {
  test("retries, read_timeout and connect_timeout show on client.meta.config as botocore shows them", () => {
    const config = new Config({ retries: { max_attempts: 0 }, read_timeout: 120, connect_timeout: 120 });
    const lambda = session().client("lambda", { config });
    assert.deepEqual({ ...lambda.meta.config.retries }, { total_max_attempts: 1, mode: "legacy" });
    assert.equal(lambda.meta.config.read_timeout, 120);
    assert.equal(lambda.meta.config.connect_timeout, 120);
    const plain = session().client("lambda");
    assert.deepEqual({ ...plain.meta.config.retries }, { mode: "legacy" });
    assert.equal(plain.meta.config.read_timeout, 60);
  });

  test("read_timeout is the transport's: a stalled answer is a ReadTimeoutError, and max_attempts 0 sends once", async () => {
    handler = (_req, res) => setTimeout(() => res.end("{}"), 4000);
    requests = 0;
    const dynamodb = session().client("dynamodb", {
      endpoint_url: url,
      config: new Config({ read_timeout: 0.3, retries: { max_attempts: 0 } }),
    });
    const started = Date.now();
    await assert.rejects(dynamodb.list_tables(), (err: unknown) => {
      assert.ok(err instanceof ReadTimeoutError);
      assert.equal((err as Error).message, `Read timeout on endpoint URL: "${url}/"`);
      return true;
    });
    assert.equal(requests, 1);
    assert.ok(Date.now() - started < 3500, "the timeout fired before the server answered");
  });

  test("legacy retries resend a 500 up to botocore's 5 attempts and report RetryAttempts", async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls < 3) {
        res.statusCode = 500;
        res.end(JSON.stringify({ __type: "InternalServerError", message: "boom" }));
      } else {
        res.setHeader("x-amzn-requestid", "req-3");
        res.end(JSON.stringify({ TableNames: ["t"] }));
      }
    };
    const dynamodb = session().client("dynamodb", { endpoint_url: url });
    const out = await dynamodb.list_tables();
    assert.deepEqual(out.TableNames, ["t"]);
    assert.equal(out.ResponseMetadata.RetryAttempts, 2);
    assert.equal(out.ResponseMetadata.RequestId, "req-3");
    assert.equal(calls, 3);
  });
});

describe("events", () => {
  test("a before-send handler that returns a response short-circuits the network", async () => {
    requests = 0;
    const sqs = session().client("sqs", { endpoint_url: url });
    const seen: string[] = [];
    sqs.meta.events.register("before-send.sqs.ListQueues", ({ request }) => {
      seen.push(request.headers["X-Amz-Target"] ?? "");
      return { status_code: 200, headers: { "x-amzn-requestid": "canned" }, content: JSON.stringify({ QueueUrls: ["https://q/1"] }) };
    });
    const out = await sqs.list_queues();
    assert.deepEqual(out.QueueUrls, ["https://q/1"]);
    assert.equal(out.ResponseMetadata.RequestId, "canned");
    assert.deepEqual(seen, ["AmazonSQS.ListQueues"]);
    assert.equal(requests, 0);
  });

  test("handlers fire in botocore's order: specific before general, first before middle before last, wildcards", async () => {
    const sqs = session().client("sqs", { endpoint_url: url });
    const order: string[] = [];
    sqs.meta.events.register("before-call", () => void order.push("before-call"));
    sqs.meta.events.register_last("before-call.sqs", () => void order.push("sqs last"));
    sqs.meta.events.register("before-call.sqs.ListQueues", () => void order.push("ListQueues"));
    sqs.meta.events.register_first("before-call.*.ListQueues", () => void order.push("*.ListQueues first"));
    const unregistered = (): void => void order.push("never");
    sqs.meta.events.register("before-call.sqs", unregistered);
    sqs.meta.events.unregister("before-call.sqs", unregistered);
    sqs.meta.events.register("before-send", async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push("async before-send");
      return { status_code: 200, headers: {}, content: "{}" };
    });
    await sqs.list_queues();
    assert.deepEqual(order, ["*.ListQueues first", "ListQueues", "sqs last", "before-call", "async before-send"]);
  });

  test("a session's handlers reach the clients created after them, not clients created before", async () => {
    const s = session();
    const early = s.client("sqs", { endpoint_url: url });
    const calls: string[] = [];
    s.events.register("before-send", () => {
      calls.push("session handler");
      return { status_code: 200, headers: {}, content: "{}" };
    });
    const late = s.client("sqs", { endpoint_url: url });
    handler = (_req, res) => res.end("{}");
    await late.list_queues();
    await early.list_queues();
    assert.deepEqual(calls, ["session handler"]);
  });
});

describe("validation and errors", () => {
  test("bad parameters raise ParamValidationError with botocore's report and never reach the network", async () => {
    const botocoreReport = runPython<string>(
      "import json, sys, boto3\nfrom botocore.exceptions import ParamValidationError\n" +
        "c = boto3.client('sqs', region_name='us-east-1', aws_access_key_id='a', aws_secret_access_key='b')\n" +
        "try:\n    c.send_message(DelaySeconds='5', MessageAttributes={'a': {'StringValue': 1}}, Bogus=True)\nexcept ParamValidationError as e:\n    print(json.dumps(str(e)))",
      null,
    );
    requests = 0;
    // Wrong on purpose, through an untyped view: the static types reject these parameters.
    const sqs = session().client("sqs", { endpoint_url: url }) as unknown as ServiceClient;
    await assert.rejects(sqs.send_message!({ DelaySeconds: "5", MessageAttributes: { a: { StringValue: 1 } }, Bogus: true }), (err: unknown) => {
      assert.ok(err instanceof ParamValidationError);
      assert.equal((err as Error).message, botocoreReport);
      return true;
    });
    assert.equal(requests, 0);
  });

  test("a service error is a ClientError with botocore's message, code, modeled fields and metadata", async () => {
    handler = (_req, res) => {
      res.statusCode = 400;
      res.setHeader("x-amzn-requestid", "rid-1");
      res.end(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", message: "Requested resource not found" }));
    };
    const dynamodb = session().client("dynamodb", { endpoint_url: url });
    await assert.rejects(dynamodb.describe_table({ TableName: "nope" }), (err: unknown) => {
      assert.ok(err instanceof dynamodb.exceptions.ResourceNotFoundException);
      assert.ok(err instanceof ClientError);
      assert.equal(err.message, "An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Requested resource not found");
      assert.equal(err.operation_name, "DescribeTable");
      assert.equal(err.response.Error.Code, "ResourceNotFoundException");
      assert.equal(err.response.ResponseMetadata.RequestId, "rid-1");
      assert.equal(err.response.ResponseMetadata.HTTPStatusCode, 400);
      assert.equal(err.response.ResponseMetadata.RetryAttempts, 0);
      return true;
    });
  });

  test("no credentials anywhere is NoCredentialsError at call time, before anything is sent", async () => {
    requests = 0;
    const saved = { ...process.env };
    try {
      for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
      process.env.AWS_CONFIG_FILE = "/nonexistent/config";
      process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
      process.env.AWS_EC2_METADATA_DISABLED = "true";
      const sqs = new Session({ region_name: "us-east-1" }).client("sqs", { endpoint_url: url });
      await assert.rejects(sqs.list_queues(), (err: unknown) => err instanceof NoCredentialsError && (err as Error).message === "Unable to locate credentials");
      assert.equal(requests, 0);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

describe("secrets", () => {
  test("inspect and JSON of sessions, clients and credentials never show the secret key or token", async () => {
    const s = session();
    const client = s.client("s3", { endpoint_url: url, aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "CLIENT-SECRET-KEY", aws_session_token: "CLIENT-TOKEN" });
    const credentials = await s.get_credentials();
    const shown = [
      inspect(s, { depth: 10 }),
      inspect(client, { depth: 10 }),
      inspect(client.meta, { depth: 4 }),
      inspect(credentials, { depth: 10 }),
      JSON.stringify(credentials),
      String(credentials),
      JSON.stringify(client.meta.config),
    ].join("\n");
    for (const secret of ["wJalrXUtnFEMI", "TOKEN-SECRET-VALUE", "CLIENT-SECRET-KEY", "CLIENT-TOKEN"]) {
      assert.ok(!shown.includes(secret), `${secret} leaked`);
    }
  });
});
