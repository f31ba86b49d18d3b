/**
 * Operations sent through botocore and boto3-ts for the wire-parity test:
 * at least 50 across the query, ec2, json, rest-json and rest-xml protocols,
 * with nested structures, lists, maps, blobs, timestamps, header and query
 * members, and characters that need encoding. Idempotency tokens are given
 * explicitly (both SDKs would otherwise fill in different random UUIDs).
 */

/** One call: the service, boto3's method name and its parameters (bytes and dates tagged, see test/support/python.ts). */
export interface WireCase {
  service: string;
  method: string;
  params: Record<string, unknown>;
  /** A custom endpoint for the client (never contacted: the request stops in before-send). */
  endpoint_url?: string;
}

const bytes = (text: string): { __bytes__: string } => ({ __bytes__: Buffer.from(text).toString("base64") });
const date = (iso: string): { __datetime__: string } => ({ __datetime__: iso });

/** The cases, grouped by protocol. */
export const WIRE_CASES: readonly WireCase[] = [
  // query
  { service: "sns", method: "create_topic", params: { Name: "my-topic", Attributes: { DisplayName: "A & B" }, Tags: [{ Key: "k", Value: "v w" }] } },
  { service: "sns", method: "publish", params: { TopicArn: "arn:aws:sns:us-west-2:123456789012:t", Message: "héllo wörld +/=", MessageAttributes: { n: { DataType: "Number", StringValue: "42" }, b: { DataType: "Binary", BinaryValue: bytes("\u0001\u0002") } } } },
  { service: "sns", method: "subscribe", params: { TopicArn: "arn:aws:sns:us-west-2:123456789012:t", Protocol: "sqs", Endpoint: "arn:aws:sqs:us-west-2:123456789012:q", ReturnSubscriptionArn: true } },
  { service: "sns", method: "list_topics", params: { NextToken: "abc~def" } },
  { service: "iam", method: "create_user", params: { UserName: "alice", Path: "/eng/", Tags: [{ Key: "team", Value: "core" }, { Key: "cost", Value: "1" }] } },
  { service: "iam", method: "create_role", params: { RoleName: "r", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }), MaxSessionDuration: 3600 } },
  { service: "iam", method: "put_role_policy", params: { RoleName: "r", PolicyName: "p", PolicyDocument: '{"a": [1, 2]}' } },
  { service: "iam", method: "list_users", params: { PathPrefix: "/", MaxItems: 10 } },
  { service: "sts", method: "get_caller_identity", params: {} },
  { service: "sts", method: "assume_role", params: { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "s", DurationSeconds: 900, Tags: [{ Key: "a", Value: "b" }], PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }] } },
  { service: "cloudformation", method: "create_stack", params: { StackName: "s", TemplateBody: "{}", Parameters: [{ ParameterKey: "Env", ParameterValue: "prod" }], Capabilities: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"], Tags: [{ Key: "k", Value: "v" }], TimeoutInMinutes: 5, ClientRequestToken: "tok-1" } },
  { service: "cloudformation", method: "describe_stacks", params: { StackName: "s" } },
  { service: "cloudwatch", method: "put_metric_data", params: { Namespace: "App", MetricData: [{ MetricName: "Latency", Dimensions: [{ Name: "Op", Value: "Get" }], Timestamp: date("2024-01-02T03:04:05Z"), Value: 12.5, Unit: "Milliseconds" }] } },
  { service: "autoscaling", method: "create_auto_scaling_group", params: { AutoScalingGroupName: "g", MinSize: 1, MaxSize: 3, LaunchTemplate: { LaunchTemplateName: "lt", Version: "$Latest" }, AvailabilityZones: ["us-west-2a", "us-west-2b"] } },
  { service: "elbv2", method: "create_load_balancer", params: { Name: "lb", Subnets: ["subnet-1", "subnet-2"], Scheme: "internal", Tags: [{ Key: "k", Value: "v" }] } },
  { service: "rds", method: "describe_db_instances", params: { Filters: [{ Name: "engine", Values: ["postgres", "mysql"] }], MaxRecords: 20 } },
  { service: "ses", method: "send_email", params: { Source: "a@example.com", Destination: { ToAddresses: ["b@example.com"] }, Message: { Subject: { Data: "Hi" }, Body: { Text: { Data: "Body text" } } } } },

  // ec2
  { service: "ec2", method: "run_instances", params: { ImageId: "ami-12345678", MinCount: 1, MaxCount: 2, InstanceType: "t3.micro", UserData: "#!/bin/sh\necho hi", BlockDeviceMappings: [{ DeviceName: "/dev/sda1", Ebs: { VolumeSize: 20, DeleteOnTermination: true } }], TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "Name", Value: "web" }] }], ClientToken: "ct-1" } },
  { service: "ec2", method: "describe_instances", params: { Filters: [{ Name: "tag:Name", Values: ["web", "db"] }], MaxResults: 5 } },
  { service: "ec2", method: "describe_instance_status", params: { InstanceIds: ["i-1", "i-2"], IncludeAllInstances: true } },
  { service: "ec2", method: "create_tags", params: { Resources: ["i-1"], Tags: [{ Key: "a b", Value: "c=d" }] } },
  { service: "ec2", method: "create_security_group", params: { GroupName: "g", Description: "desc", VpcId: "vpc-1" } },
  { service: "ec2", method: "authorize_security_group_ingress", params: { GroupId: "sg-1", IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8", Description: "ssh" }] }] } },
  { service: "ec2", method: "create_vpc", params: { CidrBlock: "10.0.0.0/16", AmazonProvidedIpv6CidrBlock: false } },
  { service: "ec2", method: "describe_images", params: { Owners: ["amazon"], ImageIds: ["ami-1"] } },
  { service: "ec2", method: "create_volume", params: { AvailabilityZone: "us-west-2a", Size: 10, VolumeType: "gp3", Encrypted: true, ClientToken: "vol-token" } },
  { service: "ec2", method: "describe_spot_price_history", params: { StartTime: date("2024-01-01T00:00:00Z"), InstanceTypes: ["t3.micro"] } },

  // json
  { service: "dynamodb", method: "create_table", params: { TableName: "t", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" } },
  { service: "dynamodb", method: "put_item", params: { TableName: "t", Item: { pk: { S: "1" }, n: { N: "1.5" }, b: { B: bytes("blob") }, l: { L: [{ S: "x" }, { BOOL: true }, { NULL: true }] }, m: { M: { a: { SS: ["1", "2"] } } } } } },
  { service: "dynamodb", method: "get_item", params: { TableName: "t", Key: { pk: { S: "1" } }, ConsistentRead: true, ProjectionExpression: "#n", ExpressionAttributeNames: { "#n": "name" } } },
  { service: "dynamodb", method: "query", params: { TableName: "t", KeyConditionExpression: "pk = :v", ExpressionAttributeValues: { ":v": { S: "1" } }, Limit: 10, ScanIndexForward: false } },
  { service: "dynamodb", method: "update_item", params: { TableName: "t", Key: { pk: { S: "1" } }, UpdateExpression: "SET c = c + :one", ExpressionAttributeValues: { ":one": { N: "1" } }, ReturnValues: "UPDATED_NEW" } },
  { service: "dynamodb", method: "batch_write_item", params: { RequestItems: { t: [{ PutRequest: { Item: { pk: { S: "2" } } } }, { DeleteRequest: { Key: { pk: { S: "3" } } } }] } } },
  { service: "kms", method: "create_key", params: { Description: "k", KeyUsage: "ENCRYPT_DECRYPT", Tags: [{ TagKey: "a", TagValue: "b" }] } },
  { service: "kms", method: "encrypt", params: { KeyId: "alias/k", Plaintext: bytes("secret \u00ff"), EncryptionContext: { purpose: "test" } } },
  { service: "kms", method: "decrypt", params: { CiphertextBlob: bytes("cipher") } },
  { service: "secretsmanager", method: "create_secret", params: { Name: "s", SecretString: "v", ClientRequestToken: "11111111-1111-1111-1111-111111111111" } },
  { service: "secretsmanager", method: "get_secret_value", params: { SecretId: "s", VersionStage: "AWSCURRENT" } },
  { service: "ssm", method: "put_parameter", params: { Name: "/a/b", Value: "v", Type: "SecureString", Overwrite: true } },
  { service: "ssm", method: "get_parameters_by_path", params: { Path: "/a", Recursive: true, WithDecryption: true } },
  { service: "logs", method: "put_log_events", params: { logGroupName: "g", logStreamName: "s", logEvents: [{ timestamp: 1700000000000, message: "m1" }, { timestamp: 1700000000001, message: "m2" }] } },
  { service: "logs", method: "filter_log_events", params: { logGroupName: "g", startTime: 1700000000000, filterPattern: "ERROR" } },
  { service: "sqs", method: "create_queue", params: { QueueName: "q", Attributes: { VisibilityTimeout: "30" }, tags: { team: "core" } } },
  { service: "sqs", method: "send_message", params: { QueueUrl: "https://sqs.us-west-2.amazonaws.com/123456789012/q", MessageBody: "body", DelaySeconds: 1, MessageAttributes: { a: { DataType: "String", StringValue: "v" } } } },
  { service: "kinesis", method: "put_record", params: { StreamName: "s", Data: bytes("record data"), PartitionKey: "pk" } },
  { service: "events", method: "put_events", params: { Entries: [{ Source: "app", DetailType: "t", Detail: "{}", Time: date("2024-05-06T07:08:09Z") }] } },
  { service: "stepfunctions", method: "start_execution", params: { stateMachineArn: "arn:aws:states:us-west-2:123456789012:stateMachine:m", input: "{}", name: "run-1" } },

  // rest-json
  { service: "lambda", method: "list_functions", params: { MaxItems: 10, Marker: "m/1" } },
  { service: "lambda", method: "create_function", params: { FunctionName: "f", Runtime: "python3.12", Role: "arn:aws:iam::123456789012:role/r", Handler: "index.h", Code: { ZipFile: bytes("PK\u0003\u0004zip") }, Timeout: 30, Environment: { Variables: { A: "1" } } } },
  { service: "lambda", method: "invoke", params: { FunctionName: "f", InvocationType: "RequestResponse", Payload: bytes('{"x": 1}'), Qualifier: "live" } },
  { service: "lambda", method: "get_function", params: { FunctionName: "my function", Qualifier: "1" } },
  { service: "lambda", method: "tag_resource", params: { Resource: "arn:aws:lambda:us-west-2:123456789012:function:f", Tags: { a: "b" } } },
  { service: "apigateway", method: "create_rest_api", params: { name: "api", description: "d", endpointConfiguration: { types: ["REGIONAL"] } } },
  { service: "apigateway", method: "get_resources", params: { restApiId: "abc", embed: ["methods"], limit: 100 } },
  { service: "apigateway", method: "create_resource", params: { restApiId: "abc", parentId: "root", pathPart: "{proxy+}" } },
  { service: "apigateway", method: "put_method", params: { restApiId: "abc", resourceId: "r1", httpMethod: "GET", authorizationType: "NONE", requestParameters: { "method.request.path.id": true } } },
  { service: "efs", method: "create_file_system", params: { CreationToken: "tok", PerformanceMode: "generalPurpose", Tags: [{ Key: "Name", Value: "fs" }] } },
  { service: "eks", method: "create_cluster", params: { name: "c", roleArn: "arn:aws:iam::123456789012:role/r", resourcesVpcConfig: { subnetIds: ["s1"] }, clientRequestToken: "t-1" } },
  { service: "glacier", method: "list_vaults", params: { accountId: "-", limit: "5" } },

  // rest-xml
  { service: "s3", method: "create_bucket", params: { Bucket: "my-bucket", CreateBucketConfiguration: { LocationConstraint: "us-west-2" } } },
  // Over http (as against moto) the checksum is a header and the payload is signed; over https the upload is
  // aws-chunked with the checksum in a trailer and STREAMING-UNSIGNED-PAYLOAD-TRAILER signed.
  { service: "s3", method: "put_object", endpoint_url: "http://127.0.0.1:9", params: { Bucket: "my-bucket", Key: "dir/a b+c.txt", Body: bytes("hello"), ContentType: "text/plain", Metadata: { "x-k": "v" }, CacheControl: "no-cache" } },
  { service: "s3", method: "put_object", params: { Bucket: "my-bucket", Key: "dir/a b+c.txt", Body: bytes("hello"), ContentType: "text/plain", Metadata: { "x-k": "v" }, CacheControl: "no-cache" } },
  { service: "s3", method: "put_object", params: { Bucket: "my-bucket", Key: "k", Body: bytes("héllo wörld"), ChecksumAlgorithm: "SHA256", ContentEncoding: "gzip" } },
  { service: "s3", method: "put_object", params: { Bucket: "my-bucket", Key: "empty", Body: bytes("") } },
  { service: "s3", method: "upload_part", params: { Bucket: "my-bucket", Key: "k", PartNumber: 3, UploadId: "upload-1", Body: bytes("part three"), ChecksumAlgorithm: "SHA1" } },
  { service: "s3", method: "put_object", endpoint_url: "https://127.0.0.1:9", params: { Bucket: "my-bucket", Key: "k", Body: bytes("over https to an IP"), ContentLength: 19 } },
  { service: "s3", method: "list_objects_v2", endpoint_url: "http://127.0.0.1:9", params: { Bucket: "my-bucket", StartAfter: "a/b" } },
  { service: "s3", method: "get_object", params: { Bucket: "my-bucket", Key: "k~é", Range: "bytes=0-9", VersionId: "v1" } },
  { service: "s3", method: "head_object", params: { Bucket: "my-bucket", Key: "k", IfModifiedSince: date("2024-01-01T00:00:00Z") } },
  { service: "s3", method: "list_objects_v2", params: { Bucket: "my-bucket", Prefix: "dir/", MaxKeys: 100, Delimiter: "/" } },
  { service: "s3", method: "delete_objects", params: { Bucket: "my-bucket", Delete: { Objects: [{ Key: "a" }, { Key: "b", VersionId: "1" }], Quiet: true } } },
  { service: "s3", method: "put_bucket_tagging", params: { Bucket: "my-bucket", Tagging: { TagSet: [{ Key: "k", Value: "v" }] } } },
  { service: "s3", method: "copy_object", params: { Bucket: "my-bucket", Key: "dst", CopySource: "src-bucket/src key", MetadataDirective: "REPLACE" } },
  { service: "s3", method: "delete_object", params: { Bucket: "my-bucket", Key: "a/b" } },
  { service: "route53", method: "create_hosted_zone", params: { Name: "example.com.", CallerReference: "ref-1", HostedZoneConfig: { Comment: "c", PrivateZone: false } } },
  { service: "route53", method: "change_resource_record_sets", params: { HostedZoneId: "Z123", ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: { Name: "www.example.com.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "1.2.3.4" }] } }] } } },
  { service: "route53", method: "list_resource_record_sets", params: { HostedZoneId: "Z123", StartRecordName: "a", MaxItems: "10" } },
  { service: "cloudfront", method: "list_distributions", params: { MaxItems: "5" } },
];
