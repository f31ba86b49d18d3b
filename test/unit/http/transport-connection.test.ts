// Connection set-up: connect timeouts (on loopback only), TLS verification
// and client certificates, and that idle pooled connections let a process end.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { errors as undiciErrors } from "undici";
import { ConnectTimeoutError, SSLError, EndpointConnectionError, HTTPClientError, ReadTimeoutError } from "../../../src/exceptions.js";
import { HttpTransport } from "../../../src/http/transport.js";
import { translateSendError } from "../../../src/http/transport-errors.js";
import type { AWSPreparedRequest } from "../../../src/http/types.js";
import { REPO_ROOT } from "../../support/paths.js";
import { startHttpServer } from "./support/local-server.js";

const get = (url: string): AWSPreparedRequest => ({
  method: "GET",
  url,
  headers: {},
  body: undefined,
  stream_output: false,
  context: {},
});

describe("connect timeout", () => {
  test("undici's connect timeout becomes botocore's ConnectTimeoutError", () => {
    const url = "https://dynamodb.us-east-1.amazonaws.com/";
    const error = translateSendError(new undiciErrors.ConnectTimeoutError(), url, "connect");
    assert.ok(error instanceof ConnectTimeoutError);
    assert.equal(error.message, `Connect timeout on endpoint URL: "${url}"`);
    assert.ok(error.cause instanceof undiciErrors.ConnectTimeoutError);
    assert.ok(translateSendError(new undiciErrors.HeadersTimeoutError(), url, "exchange") instanceof ReadTimeoutError);
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    assert.ok(translateSendError(refused, url, "connect") instanceof EndpointConnectionError);
  });

  test("a listener whose accept queue is full times the connection out", async () => {
    // A socket that listens with the smallest backlog and never accepts: once
    // its queue is full the kernel drops further SYNs, so connecting hangs
    // until the timeout, all on 127.0.0.1.
    const listener = spawn(
      "python3",
      ["-c", "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()"],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const fillers: Socket[] = [];
    const transport = new HttpTransport({ connect_timeout: 0.3 });
    try {
      const port = await new Promise<number>((resolve) => listener.stdout!.once("data", (d) => resolve(Number(String(d).trim()))));
      for (let i = 0; i < 8; i++) {
        const socket = connect(port, "127.0.0.1");
        socket.on("error", () => undefined);
        fillers.push(socket);
        const connected = await Promise.race([
          new Promise<boolean>((resolve) => socket.once("connect", () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
        ]);
        if (!connected) break;
      }
      const url = `http://127.0.0.1:${port}/slow-connect`;
      const started = Date.now();
      const error = await transport.send(get(url)).catch((e: unknown) => e);
      assert.ok(error instanceof ConnectTimeoutError, String(error));
      assert.equal((error as Error).message, `Connect timeout on endpoint URL: "${url}"`);
      // undici's connect timer ticks every ~0.5 s, so 0.3 s fires within about a second.
      assert.ok(Date.now() - started < 3000);
    } finally {
      for (const socket of fillers) socket.destroy();
      listener.stdin!.end();
      await transport.destroy();
    }
  });
});

describe("TLS", () => {
  let dir: string;
  let server: ReturnType<typeof createHttpsServer>;
  let url: string;
  let peerCertificates: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "boto3ts-tls-"));
    const made = spawnSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { cwd: dir, encoding: "utf8" },
    );
    assert.equal(made.status, 0, made.stderr);
    writeFileSync(join(dir, "both.pem"), readFileSync(join(dir, "cert.pem"), "utf8") + readFileSync(join(dir, "key.pem"), "utf8"));
    peerCertificates = [];
    server = createHttpsServer(
      {
        key: readFileSync(join(dir, "key.pem")),
        cert: readFileSync(join(dir, "cert.pem")),
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        peerCertificates.push(String(peer.subject?.CN ?? ""));
        res.end("secure");
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test("an untrusted certificate is an SSLError", async () => {
    const transport = new HttpTransport();
    try {
      const error = await transport.send(get(url)).catch((e: unknown) => e);
      assert.ok(error instanceof SSLError, String(error));
      assert.ok((error as Error).message.startsWith(`SSL validation failed for ${url} `));
    } finally {
      await transport.destroy();
    }
  });

  test("verify: false skips the check; verify: <CA bundle> trusts that bundle", async () => {
    for (const verify of [false, join(dir, "cert.pem")]) {
      const transport = new HttpTransport({ verify });
      try {
        const response = await transport.send(get(url));
        assert.equal(Buffer.from(response.content!).toString(), "secure");
      } finally {
        await transport.destroy();
      }
    }
  });

  test("a CA bundle that does not exist fails the first request with an HTTPClientError", async () => {
    const transport = new HttpTransport({ verify: join(dir, "missing.pem") });
    const error = await transport.send(get(url)).catch((e: unknown) => e);
    assert.ok(error instanceof HTTPClientError, String(error));
    assert.equal(((error as Error).cause as { code?: string }).code, "ENOENT");
  });

  test("client_cert presents a certificate, from one file or a [cert, key] pair", async () => {
    peerCertificates.length = 0;
    for (const client_cert of [join(dir, "both.pem"), [join(dir, "cert.pem"), join(dir, "key.pem")] as const]) {
      const transport = new HttpTransport({ verify: false, client_cert });
      try {
        await transport.send(get(url));
      } finally {
        await transport.destroy();
      }
    }
    assert.deepEqual(peerCertificates, ["127.0.0.1", "127.0.0.1"]);
  });
});

describe("process lifetime", () => {
  test("idle pooled connections do not keep the process alive", async () => {
    const server = await startHttpServer((_req, res) => {
      res.end("ok");
    });
    const dir = mkdtempSync(join(tmpdir(), "boto3ts-exit-"));
    try {
      const transportModule = pathToFileURL(join(REPO_ROOT, "dist", "src", "http", "transport.js")).href;
      const script = join(dir, "client.mjs");
      writeFileSync(
        script,
        `import { getTransport } from ${JSON.stringify(transportModule)};\n` +
          `const t = getTransport();\n` +
          `for (let i = 0; i < 3; i++) await t.send({ method: "GET", url: ${JSON.stringify(`${server.url}/`)}, headers: {}, body: undefined, stream_output: false, context: {} });\n` +
          `console.log("sent");\n`,
      );
      const started = Date.now();
      const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      assert.equal(code, 0);
      assert.equal(output.trim(), "sent");
      // undici would otherwise hold an idle socket for its 4 s keep-alive.
      assert.ok(Date.now() - started < 2500, `exited after ${Date.now() - started} ms`);
      assert.equal(server.connections, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});
