/** API Gateway (rest-json) and CloudFormation (query) against moto. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { motoClient, motoSkipReason, uniqueName } from "../support/moto.js";

describe("apigateway and cloudformation against moto", { skip: motoSkipReason() }, () => {
  test("apigateway: rest APIs and resources", async () => {
    const apigw = await motoClient("apigateway");
    const name = uniqueName("api");
    const api = await apigw.create_rest_api({ name, description: "test api" });
    assert.equal(api.name, name);
    assert.ok(api.createdDate instanceof Date);
    const resources = await apigw.get_resources({ restApiId: api.id });
    const root = (resources.items as { id: string; path: string }[]).find((r) => r.path === "/");
    assert.ok(root);
    const child = await apigw.create_resource({ restApiId: api.id, parentId: root.id, pathPart: "users" });
    assert.equal(child.path, "/users");
    const apis = await apigw.get_rest_apis();
    assert.ok((apis.items as { id: string }[]).some((a) => a.id === api.id));
  });

  test("cloudformation: create a stack, describe it, read its template", async () => {
    const cfn = await motoClient("cloudformation");
    const name = uniqueName("stack");
    const template = { AWSTemplateFormatVersion: "2010-09-09", Resources: { Queue: { Type: "AWS::SQS::Queue", Properties: { QueueName: name } } } };
    const created = await cfn.create_stack({ StackName: name, TemplateBody: JSON.stringify(template), Tags: [{ Key: "k", Value: "v" }] });
    assert.match(String(created.StackId), new RegExp(`:stack/${name}/`));
    const stacks = (await cfn.describe_stacks({ StackName: name })).Stacks as { StackName: string; StackStatus: string; CreationTime: Date; Tags: unknown }[];
    assert.equal(stacks[0]!.StackName, name);
    assert.equal(stacks[0]!.StackStatus, "CREATE_COMPLETE");
    assert.ok(stacks[0]!.CreationTime instanceof Date);
    assert.deepEqual(stacks[0]!.Tags, [{ Key: "k", Value: "v" }]);
    const got = await cfn.get_template({ StackName: name });
    // botocore decodes a JSON template body into an object.
    assert.deepEqual(got.TemplateBody, template);
  });
});
