/** SQS (JSON protocol with query compatibility) and SNS (query protocol) against moto. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ClientError } from "../../src/exceptions.js";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("sqs and sns against moto", { skip: motoSkipReason() }, () => {
  test("sqs: create a queue, send, receive, delete", async () => {
    const sqs = await motoClient("sqs");
    const name = uniqueName("queue");
    const { QueueUrl } = await sqs.create_queue({ QueueName: name, Attributes: { VisibilityTimeout: "30" } });
    assert.match(String(QueueUrl), new RegExp(`/123456789012/${name}$`));
    const sent = await sqs.send_message({ QueueUrl, MessageBody: "hello", MessageAttributes: { kind: { DataType: "String", StringValue: "greeting" } } });
    assert.match(String(sent.MessageId), /^[0-9a-f-]{36}$/);
    assert.equal(sent.MD5OfMessageBody, "5d41402abc4b2a76b9719d911017c592");
    const received = await sqs.receive_message({ QueueUrl, MaxNumberOfMessages: 1, MessageAttributeNames: ["All"] });
    const messages = received.Messages as { Body: string; ReceiptHandle: string; MessageAttributes: Record<string, { StringValue: string }> }[];
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.Body, "hello");
    assert.equal(messages[0]!.MessageAttributes.kind!.StringValue, "greeting");
    await sqs.delete_message({ QueueUrl, ReceiptHandle: messages[0]!.ReceiptHandle });
    const attrs = await sqs.get_queue_attributes({ QueueUrl, AttributeNames: ["VisibilityTimeout"] });
    assert.deepEqual(attrs.Attributes, { VisibilityTimeout: "30" });
    const listed = await sqs.list_queues({ QueueNamePrefix: name });
    assert.deepEqual(listed.QueueUrls, [QueueUrl]);
  });

  test("sqs: a missing queue is a modeled error", async () => {
    const sqs = await motoClient("sqs");
    await assert.rejects(sqs.get_queue_url({ QueueName: uniqueName("missing") }), (err: unknown) => {
      assert.ok(err instanceof ClientError);
      assert.ok(err instanceof sqs.exceptions.QueueDoesNotExist);
      assert.equal(err.response.Error.Code, "AWS.SimpleQueueService.NonExistentQueue");
      return true;
    });
  });

  test("sns: topics, subscriptions and publish", async () => {
    const sns = await motoClient("sns");
    const name = uniqueName("topic");
    const { TopicArn } = await sns.create_topic({ Name: name });
    assert.equal(TopicArn, `arn:aws:sns:us-east-1:123456789012:${name}`);
    const topics = (await sns.list_topics()).Topics as { TopicArn: string }[];
    assert.ok(topics.some((t) => t.TopicArn === TopicArn));
    const sub = await sns.subscribe({ TopicArn, Protocol: "email", Endpoint: "someone@example.com" });
    assert.match(String(sub.SubscriptionArn), new RegExp(`^${TopicArn}:`) );
    const published = await sns.publish({ TopicArn, Message: "hi", Subject: "s" });
    assert.match(String(published.MessageId), /^[0-9a-f-]{36}$/);
    const attributes = (await sns.get_topic_attributes({ TopicArn })).Attributes as Record<string, string>;
    assert.equal(attributes.TopicArn, TopicArn);
  });
});
