// Starts `python3 -m moto.server` on a free loopback port and waits until it answers.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { request } from "node:http";

/** Asks the kernel for a free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ping(url) {
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

/** Starts moto and resolves to `{ url, stop() }` once it is ready. */
export async function startMoto({ timeoutMs = 30000 } = {}) {
  const port = await freePort();
  const python = process.env.BOTO3TS_PYTHON || "python3";
  const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", MOTO_ALLOW_NONEXISTENT_REGION: "true" };
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`moto exited early: ${stderr.trim().split("\n").pop() ?? ""}`);
    if (await ping(url)) {
      return {
        url,
        port,
        stop: () =>
          new Promise((resolve) => {
            if (exited) return resolve();
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
