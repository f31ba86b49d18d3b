/**
 * TLS material and a TLS front for tests: a private CA (made with openssl in
 * a temporary directory), a server certificate for 127.0.0.1 / localhost
 * and a client certificate it signed, and a TLS terminator that forwards
 * each connection's plaintext to a loopback port (to put HTTPS in front of
 * moto or the fault server).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";

/** Paths and contents of the certificates made for one test file. */
export interface TestCertificates {
  readonly dir: string;
  /** The CA certificate (a CA bundle that trusts the server and client certificates). */
  readonly caPath: string;
  /** Server certificate and key (CN and SAN 127.0.0.1, localhost). */
  readonly serverCertPath: string;
  readonly serverKeyPath: string;
  /** Client certificate (CN boto3-ts-client) and key; `clientBothPath` holds both in one PEM. */
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
  readonly clientBothPath: string;
  read(path: string): Buffer;
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  const made = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl ${args[0]} failed: ${made.stderr}`);
}

/** Makes a CA, a server certificate and a client certificate in a fresh temporary directory. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "boto3ts-certs-"));
  openssl(dir, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=boto3-ts test CA"]);
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
  openssl(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
  openssl(dir, ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"]);
  writeFileSync(join(dir, "client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  openssl(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=boto3-ts-client"]);
  openssl(dir, ["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "2", "-extfile", "client.ext"]);
  writeFileSync(join(dir, "client-both.pem"), readFileSync(join(dir, "client.pem"), "utf8") + readFileSync(join(dir, "client.key"), "utf8"));
  return {
    dir,
    caPath: join(dir, "ca.pem"),
    serverCertPath: join(dir, "server.pem"),
    serverKeyPath: join(dir, "server.key"),
    clientCertPath: join(dir, "client.pem"),
    clientKeyPath: join(dir, "client.key"),
    clientBothPath: join(dir, "client-both.pem"),
    read: (path) => readFileSync(path),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A TLS listener on 127.0.0.1 that pipes each connection to a loopback port. */
export interface TlsTerminator {
  /** `https://127.0.0.1:port` */
  readonly url: string;
  readonly port: number;
  /** Client certificate subjects (CN) presented so far. */
  readonly peerNames: string[];
  close(): Promise<void>;
}

/** Puts TLS (the test server certificate) in front of `targetPort`. */
export async function startTlsTerminator(certs: TestCertificates, targetPort: number): Promise<TlsTerminator> {
  const sockets = new Set<Socket>();
  const peerNames: string[] = [];
  const server = createTlsServer(
    {
      key: certs.read(certs.serverKeyPath),
      cert: certs.read(certs.serverCertPath),
      ca: certs.read(certs.caPath),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket: TLSSocket) => {
      const cn = socket.getPeerCertificate()?.subject?.CN;
      if (cn !== undefined) peerNames.push(String(cn));
      const upstream = connect(targetPort, "127.0.0.1");
      sockets.add(socket);
      sockets.add(upstream);
      socket.on("close", () => sockets.delete(socket));
      upstream.on("close", () => sockets.delete(upstream));
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    },
  );
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    peerNames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
