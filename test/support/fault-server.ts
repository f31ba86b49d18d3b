/**
 * The fault-injection server the reliability tests start on 127.0.0.1. It
 * answers the AWS protocols well enough for a few operations (DynamoDB
 * GetItem / ListTables, Lambda Invoke, S3 GetObject / PutObject / ListObjectsV2, STS
 * GetCallerIdentity, SNS GetTopicAttributes), echoing an id from each
 * request, and on command misbehaves: stalls before the head or mid-body,
 * resets or closes the connection, truncates or corrupts a body, answers
 * 500/502/503/504, throttles (400 ThrottlingException in the request's
 * protocol, 429, 503 SlowDown). It records every request with its arrival
 * time.
 *
 * A scenario is addressed by a token in the URL path: a client whose
 * endpoint URL is `<server>/f/<token>` sends every request of that
 * scenario, so botocore and boto3-ts can run the same scenario at once,
 * each with its own token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { crc32 } from "node:zlib";

/** What the server does with one request. */
export type Fault =
  | "ok"
  /** Waits `stallMs` before the response head (then answers ok, if the client is still there). */
  | "stall-headers"
  /** Sends the head and half the body, waits `stallMs`, then the rest. */
  | "stall-body"
  /** Resets the connection (RST) without answering. */
  | "reset"
  /** Sends the head and half the body, then resets the connection. */
  | "reset-body"
  /** Closes the connection (FIN) without answering. */
  | "close"
  /** Sends the head (with the full Content-Length) and half the body, then closes cleanly. */
  | "truncate"
  | "500"
  | "502"
  | "503"
  | "504"
  /** 400 ThrottlingException, as JSON or XML per the request's protocol. */
  | "throttle"
  /** 429 TooManyRequestsException. */
  | "429"
  /** 503 SlowDown (S3's throttling). */
  | "slowdown"
  /** An ok answer with one byte of the body flipped (checksum headers still of the original). */
  | "corrupt";

/** Every fault the server knows. */
export const FAULTS: readonly Fault[] = [
  "stall-headers",
  "stall-body",
  "reset",
  "reset-body",
  "close",
  "truncate",
  "500",
  "502",
  "503",
  "504",
  "throttle",
  "429",
  "slowdown",
  "corrupt",
];

/** One request the server saw. */
export interface RequestRecord {
  /** 0-based index within its scenario. */
  index: number;
  /** Milliseconds (performance.now) when the request head arrived. */
  arrivedAt: number;
  /** When the exchange ended: the server answered, reset or closed, or (after a stall) the client went away. */
  doneAt?: number;
  fault: Fault;
  method: string;
  path: string;
  /** The id the answer echoes (from the request's parameters), if any. */
  id: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  bodyBytes: number;
}

/** How a scenario answers: `faults[i]` for the i-th request, the last one repeated after. */
export interface ScenarioOptions {
  faults: readonly Fault[];
  /** How long stalls last (default 2,000 ms). */
  stallMs?: number;
}

/** A registered scenario. */
export interface Scenario {
  readonly token: string;
  /** The endpoint URL to give a client. */
  readonly endpointUrl: string;
  readonly requests: RequestRecord[];
}

/** A random-fault mode for load: each request fails with probability `rate`, with a kind drawn from `kinds`. */
export interface RandomFaults {
  rate: number;
  kinds: readonly Fault[];
  stallMs: number;
  /** A seed for the draws (a fixed seed gives the same draws in the same order). */
  seed: number;
  /**
   * Throttle as a service does, only above a request rate (requests in the
   * last second): a throttling kind drawn below it is replaced by another
   * kind, so faults stay at `rate`. Without it, throttles come at a fixed
   * share of requests whatever the rate.
   */
  throttleAbove?: number;
}

const THROTTLING_FAULTS: ReadonlySet<Fault> = new Set(["throttle", "429", "slowdown"]);

/** Requests per second over the last second, in 100 ms buckets. */
class RateWindow {
  private readonly buckets = new Array<number>(10).fill(0);
  private current = 0;

  note(now: number): number {
    const slot = Math.floor(now / 100);
    if (slot !== this.current) {
      for (let s = Math.max(this.current + 1, slot - 9); s <= slot; s++) this.buckets[s % 10] = 0;
      this.current = slot;
    }
    this.buckets[slot % 10]! += 1;
    return this.buckets.reduce((a, b) => a + b, 0);
  }
}

/** A running fault server. */
export interface FaultServer {
  readonly url: string;
  /** Registers a scripted scenario under a fresh token. */
  scenario(options: ScenarioOptions): Scenario;
  /** Registers a scenario whose faults are drawn at random (for load); records only counts, not every request. */
  randomScenario(options: RandomFaults): RandomScenario;
  close(): Promise<void>;
}

/** Counters of a random scenario. */
export interface RandomScenario {
  readonly token: string;
  readonly endpointUrl: string;
  /** Requests seen, and faults injected by kind. */
  readonly counts: { requests: number; faults: Partial<Record<Fault, number>> };
  /** Requests seen per echoed id (to find lost or doubled calls). */
  readonly perId: Map<string, number>;
}

type Protocol = "json" | "rest-json" | "rest-xml" | "query";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The request's protocol, from its shape (as the services tell theirs apart). */
function protocolOf(req: IncomingMessage, path: string): Protocol {
  if (req.headers["x-amz-target"] !== undefined) return "json";
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/x-www-form-urlencoded")) return "query";
  if (path.includes("/functions/")) return "rest-json";
  return "rest-xml";
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}


/** The id a request carries (echoed in the answer), and the operation it calls. */
function readRequest(protocol: Protocol, req: IncomingMessage, path: string, body: Buffer): { id: string | undefined; operation: string } {
  if (protocol === "json") {
    const operation = String(req.headers["x-amz-target"]).split(".").pop() ?? "";
    try {
      const parsed = JSON.parse(body.toString("utf8") || "{}") as { Key?: { id?: { S?: string } }; ExclusiveStartTableName?: string };
      return { id: parsed.Key?.id?.S ?? parsed.ExclusiveStartTableName, operation };
    } catch {
      return { id: undefined, operation };
    }
  }
  if (protocol === "query") {
    const form = new URLSearchParams(body.toString("utf8"));
    return { id: form.get("TopicArn") ?? undefined, operation: form.get("Action") ?? "" };
  }
  if (protocol === "rest-json") {
    const name = /\/functions\/([^/]+)\/invocations/.exec(path)?.[1];
    return { id: name === undefined ? undefined : decodeURIComponent(name), operation: "Invoke" };
  }
  const [pathname = "", search = ""] = path.split("?");
  const parts = pathname.split("/").filter(Boolean);
  const query = new URLSearchParams(search);
  if (parts.length >= 2) return { id: decodeURIComponent(parts.slice(1).join("/")), operation: req.method === "PUT" ? "PutObject" : "GetObject" };
  return { id: query.get("prefix") ?? undefined, operation: "ListObjectsV2" };
}

/** A successful answer for the operation, echoing `id`. */
function okAnswer(protocol: Protocol, operation: string, id: string | undefined, rid: string): Answer {
  if (protocol === "json") {
    const body = Buffer.from(
      operation === "GetItem" ? JSON.stringify({ Item: { id: { S: id ?? "" } } }) : JSON.stringify({ TableNames: [`t-${id ?? ""}`] }),
    );
    return {
      status: 200,
      headers: { "Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": rid, "x-amz-crc32": String(crc32(body)) },
      body,
    };
  }
  if (protocol === "rest-json") {
    const body = Buffer.from(JSON.stringify({ echo: id ?? "" }));
    return { status: 200, headers: { "Content-Type": "application/json", "x-amzn-RequestId": rid, "X-Amz-Executed-Version": "$LATEST" }, body };
  }
  if (protocol === "query") {
    const xml =
      operation === "GetTopicAttributes"
        ? `<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult><Attributes><entry><key>TopicArn</key><value>${xmlEscape(id ?? "")}</value></entry></Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></GetTopicAttributesResponse>`
        : `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/fault-server</Arn><UserId>AIDAFAULTSERVER</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return { status: 200, headers: { "Content-Type": "text/xml", "x-amzn-RequestId": rid }, body: Buffer.from(xml) };
  }
  if (operation === "PutObject") {
    return { status: 200, headers: { "x-amz-request-id": rid, ETag: '"0123456789abcdef0123456789abcdef"' }, body: Buffer.alloc(0) };
  }
  if (operation === "GetObject") {
    const body = Buffer.from(`object ${id ?? ""}\n`.repeat(4));
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(body));
    return {
      status: 200,
      headers: {
        "Content-Type": "application/octet-stream",
        "x-amz-request-id": rid,
        ETag: '"0123456789abcdef0123456789abcdef"',
        "x-amz-checksum-crc32": checksum.toString("base64"),
      },
      body,
    };
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>${xmlEscape(id ?? "")}</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>${xmlEscape(id ?? "")}/k</Key><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>`;
  return { status: 200, headers: { "Content-Type": "application/xml", "x-amz-request-id": rid }, body: Buffer.from(xml) };
}

/** An error answer in the request's protocol. */
function errorAnswer(protocol: Protocol, status: number, code: string, message: string, rid: string): Answer {
  if (protocol === "json" || protocol === "rest-json") {
    const body = Buffer.from(JSON.stringify({ __type: code, message }));
    const headers: Record<string, string> = {
      "Content-Type": protocol === "json" ? "application/x-amz-json-1.0" : "application/json",
      "x-amzn-RequestId": rid,
    };
    if (protocol === "rest-json") headers["X-Amzn-ErrorType"] = code;
    if (protocol === "json") headers["x-amz-crc32"] = String(crc32(body));
    return { status, headers, body };
  }
  if (protocol === "query") {
    const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${rid}</RequestId></ErrorResponse>`;
    return { status, headers: { "Content-Type": "text/xml", "x-amzn-RequestId": rid }, body: Buffer.from(xml) };
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>${rid}</RequestId><HostId>host-${rid}</HostId></Error>`;
  return { status, headers: { "Content-Type": "application/xml", "x-amz-request-id": rid }, body: Buffer.from(xml) };
}

/** A gateway's answer: HTML, not the service's protocol (as a load balancer sends 502 / 504). */
function gatewayAnswer(status: number, text: string): Answer {
  return { status, headers: { "Content-Type": "text/html" }, body: Buffer.from(`<html><body><h1>${status} ${text}</h1></body></html>`) };
}

function faultAnswer(fault: Fault, protocol: Protocol, rid: string): Answer | undefined {
  switch (fault) {
    case "500":
      return errorAnswer(protocol, 500, "InternalError", "We encountered an internal error. Please try again.", rid);
    case "502":
      return gatewayAnswer(502, "Bad Gateway");
    case "503":
      return errorAnswer(protocol, 503, "ServiceUnavailable", "Service is unable to handle request.", rid);
    case "504":
      return gatewayAnswer(504, "Gateway Timeout");
    case "throttle":
      return errorAnswer(protocol, 400, "ThrottlingException", "Rate exceeded", rid);
    case "429":
      return errorAnswer(protocol, 429, "TooManyRequestsException", "Too many requests", rid);
    case "slowdown":
      return errorAnswer(protocol, 503, "SlowDown", "Please reduce your request rate.", rid);
    default:
      return undefined;
  }
}

function writeHead(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(answer.body.length) });
}

function wait(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve(false);
      return;
    }
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once("close", onClose);
  });
}

function resetSocket(socket: Socket): void {
  if (!socket.destroyed) socket.resetAndDestroy();
}

/**
 * Carries out `fault` for one request. `done` is called the moment the
 * server ends its part (answer flushed, connection reset or closed); a
 * stalled exchange is ended by the client instead (the response's close).
 */
async function perform(fault: Fault, answer: Answer, res: ServerResponse, stallMs: number, done: () => void = () => undefined): Promise<void> {
  const socket = res.socket as Socket;
  // A body can only be cut in two if it has two bytes: an empty one (PutObject's) gets two spaces,
  // so that "half a body" is never a whole response whose connection then dies in the client's pool.
  if (answer.body.length < 2 && (fault === "stall-body" || fault === "reset-body" || fault === "truncate")) {
    answer = { ...answer, body: Buffer.concat([answer.body, Buffer.from("  ")]).subarray(0, 2) };
  }
  const half = answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2)));
  switch (fault) {
    case "stall-headers":
      if (!(await wait(stallMs, res))) return;
      writeHead(res, answer);
      res.end(answer.body, done);
      return;
    case "stall-body":
      writeHead(res, answer);
      res.write(half);
      if (!(await wait(stallMs, res))) return;
      res.end(answer.body.subarray(half.length), done);
      return;
    case "reset":
      done();
      resetSocket(socket);
      return;
    case "close":
      done();
      socket.end();
      return;
    case "reset-body":
      writeHead(res, answer);
      res.write(half, () =>
        setTimeout(() => {
          done();
          resetSocket(socket);
        }, 20),
      );
      return;
    case "truncate":
      writeHead(res, answer);
      res.write(half, () => {
        done();
        socket.end();
      });
      return;
    case "corrupt": {
      const body = Buffer.from(answer.body);
      const at = Math.floor(body.length / 2);
      body[at] = body[at]! ^ 0x01;
      writeHead(res, answer);
      res.end(body, done);
      return;
    }
    default:
      writeHead(res, answer);
      res.end(answer.body, done);
  }
}

/** xorshift32: the random-fault draws, reproducible from a seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

/** Starts the fault server on a free loopback port. */
export async function startFaultServer(): Promise<FaultServer> {
  const scenarios = new Map<string, { options: ScenarioOptions; record: Scenario }>();
  const randoms = new Map<string, { options: RandomFaults; record: RandomScenario; random: () => number; window: RateWindow }>();
  const sockets = new Set<Socket>();
  let nextToken = 1;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const arrivedAt = performance.now();
    const url = req.url ?? "/";
    const match = /^\/f\/([^/?]+)(.*)$/.exec(url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (match === null) {
      res.writeHead(404).end("unknown scenario");
      return;
    }
    const token = match[1]!;
    const path = match[2] || "/";
    const protocol = protocolOf(req, path);
    const { id, operation } = readRequest(protocol, req, path, body);
    const random = randoms.get(token);
    if (random !== undefined) {
      const counts = random.record.counts;
      counts.requests += 1;
      if (id !== undefined) random.record.perId.set(id, (random.record.perId.get(id) ?? 0) + 1);
      const rate = random.window.note(arrivedAt);
      let fault: Fault = "ok";
      if (random.random() < random.options.rate) {
        const { kinds, throttleAbove } = random.options;
        fault = kinds[Math.floor(random.random() * kinds.length)]!;
        if (throttleAbove !== undefined && rate <= throttleAbove && THROTTLING_FAULTS.has(fault)) {
          const others = kinds.filter((kind) => !THROTTLING_FAULTS.has(kind));
          fault = others[Math.floor(random.random() * others.length)] ?? "ok";
        }
        counts.faults[fault] = (counts.faults[fault] ?? 0) + 1;
      }
      const rid = `rid-${token}-${counts.requests}`;
      const answer = faultAnswer(fault, protocol, rid) ?? okAnswer(protocol, operation, id, rid);
      await perform(fault, answer, res, random.options.stallMs);
      return;
    }
    const scenario = scenarios.get(token);
    if (scenario === undefined) {
      res.writeHead(404).end("unknown scenario");
      return;
    }
    const requests = scenario.record.requests;
    const faults = scenario.options.faults;
    const fault = faults[Math.min(requests.length, faults.length - 1)] ?? "ok";
    const record: RequestRecord = {
      index: requests.length,
      arrivedAt,
      fault,
      method: req.method ?? "",
      path,
      id,
      headers: { ...req.headers },
      bodyBytes: body.length,
    };
    requests.push(record);
    const rid = `rid-${token}-${record.index}`;
    const answer = faultAnswer(fault, protocol, rid) ?? okAnswer(protocol, operation, id, rid);
    const markDone = (): void => {
      record.doneAt ??= performance.now();
    };
    res.once("close", markDone);
    await perform(fault, answer, res, scenario.options.stallMs ?? 2000, markDone);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", 1024, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    scenario(options) {
      const token = `s${nextToken++}`;
      const record: Scenario = { token, endpointUrl: `${url}/f/${token}`, requests: [] };
      scenarios.set(token, { options, record });
      return record;
    },
    randomScenario(options) {
      const token = `r${nextToken++}`;
      const record: RandomScenario = { token, endpointUrl: `${url}/f/${token}`, counts: { requests: 0, faults: {} }, perId: new Map() };
      randoms.set(token, { options, record, random: seededRandom(options.seed), window: new RateWindow() });
      return record;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
