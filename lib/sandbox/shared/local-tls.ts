import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import selfsigned from "selfsigned";

export type LocalTls = {
  /** PEM of the throwaway CA: trust it with NODE_EXTRA_CA_CERTS (before Node starts) or a fetch dispatcher. */
  caCert: string;
  caFile: string;
  key: string;
  cert: string;
};

/**
 * A throwaway CA and a `localhost` / 127.0.0.1 server certificate signed by it, kept in `dir` so that the CA
 * path stays stable across restarts (NODE_EXTRA_CA_CERTS is read once, when Node starts). The Graph SDK only
 * speaks https, so the Entra sandbox must serve TLS.
 */
export async function loadOrCreateLocalTls(dir: string): Promise<LocalTls> {
  const caFile = path.join(dir, "sandbox-ca.pem");
  const keyFile = path.join(dir, "sandbox-localhost-key.pem");
  const certFile = path.join(dir, "sandbox-localhost-cert.pem");
  if (existsSync(caFile) && existsSync(keyFile) && existsSync(certFile)) {
    return { caCert: await readFile(caFile, "utf8"), caFile, key: await readFile(keyFile, "utf8"), cert: await readFile(certFile, "utf8") };
  }
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 5 * 365 * 86_400_000);
  const ca = await selfsigned.generate([{ name: "commonName", value: "verifyd sandbox CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(caFile, ca.cert, { mode: 0o644 });
  await writeFile(keyFile, server.private, { mode: 0o600 });
  await writeFile(certFile, server.cert, { mode: 0o644 });
  return { caCert: ca.cert, caFile, key: server.private, cert: server.cert };
}
