/**
 * Starts `python3 -m moto.server` on a free loopback port and waits until it
 * answers. Used by the test runner, the integration tests and the tour.
 */
import { spawn } from "node:child_process";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";

/** A running moto server. */
export interface MotoServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ping(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/moto-api/`, { method: "GET", timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Starts moto and resolves once it is ready. */
export async function startMoto(options: { timeoutMs?: number } = {}): Promise<MotoServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const port = await freePort();
  const python = process.env.BOTO3TS_PYTHON || "python3";
  const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
    exited = true;
  });
  child.on("exit", () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      const last = stderr.trim().split("\n").pop() ?? "";
      throw new Error(`moto could not start: ${spawnError?.message ?? last}`);
    }
    if (await ping(url)) {
      child.unref();
      child.stderr.destroy();
      return {
        url,
        port,
        stop: () =>
          new Promise<void>((resolve) => {
            if (exited) return resolve();
            // Keep the process alive until moto has gone (the child is unref'd while it runs).
            child.ref();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 3000).unref();
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`moto did not answer within ${timeoutMs} ms`);
}
