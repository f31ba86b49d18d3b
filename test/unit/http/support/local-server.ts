// Local servers on 127.0.0.1 for the transport tests: an HTTP server whose
// behaviour each test supplies, and a raw TCP server for answers no HTTP
// server would give (truncated bodies, resets).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A running HTTP server and what it has seen. */
export interface LocalHttpServer {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Requests being handled right now, and the most seen at once. */
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

/** Starts an HTTP server on a free loopback port. */
export async function startHttpServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<LocalHttpServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, inFlight: 0, maxInFlight: 0 };
  const server: Server = createServer((req, res) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on("close", () => {
      state.inFlight -= 1;
    });
    void Promise.resolve(handle(req, res)).catch((err: unknown) => {
      res.destroy(err as Error);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that hands each connection's first request bytes to `onRequest`. */
export async function startRawServer(
  onRequest: (socket: Socket, request: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let seen = "";
    const onData = (data: Buffer): void => {
      seen += data.toString("latin1");
      if (seen.includes("\r\n\r\n")) {
        socket.off("data", onData);
        onRequest(socket, seen);
      }
    };
    socket.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a request's whole body. */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
