import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import path from "node:path";
import next from "next";
import { CLIENT_IP_SECRET_ENV, resolveClientIp, stampClientIp } from "@/lib/server/client-ip";
import { buildContentSecurityPolicy } from "@/lib/server/content-security-policy";
import { strictTransportSecurity } from "@/lib/server/strict-transport-security";

type StartServerOptions = {
  dev: boolean;
  port: number;
  hostname: string;
  trustedProxyCount: number;
  /** The app's public URL: https turns on Strict-Transport-Security. */
  appUrl: string;
};

/**
 * Serves the Next.js app from our own HTTP server. We need the socket's peer address, which App Router code
 * cannot see: Next only fills X-Forwarded-For when the client did not send one, so a forged header would
 * otherwise defeat per-IP rate limits. The resolved address travels in CLIENT_IP_HEADER with this process's
 * secret beside it, so app code can tell it from a header a client sent to a bare `next start`. It also sets
 * a fresh CSP nonce per request, and HSTS when the app is served over https.
 */
export async function startServer(options: StartServerOptions): Promise<{ server: Server; close(): Promise<void> }> {
  // New for every start and never configured: only code in this process can know it.
  const clientIpSecret = randomBytes(32).toString("base64url");
  process.env[CLIENT_IP_SECRET_ENV] = clientIpSecret;
  const hsts = strictTransportSecurity(options.appUrl, options.dev);
  const app = next({
    dev: options.dev,
    dir: path.resolve(import.meta.dirname, "../.."),
    hostname: options.hostname,
    port: options.port,
  });
  const handle = app.getRequestHandler();
  await app.prepare();
  const upgrade = options.dev ? app.getUpgradeHandler() : undefined;

  const server = createServer((request, response) => {
    stampClientIp(request.headers, resolveClientIp(request, options.trustedProxyCount), clientIpSecret);
    if (hsts) response.setHeader("Strict-Transport-Security", hsts);
    // Next.js takes the script nonce from the request's CSP header (as if a middleware had set it).
    const policy = buildContentSecurityPolicy(randomBytes(16).toString("base64"), options.dev);
    request.headers["content-security-policy"] = policy;
    response.setHeader("Content-Security-Policy", policy);
    void handle(request, response);
  });
  if (upgrade) server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, resolve);
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
