import { createServer as createHttpsServer } from "node:https";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { LocalTls } from "@/lib/sandbox/shared/local-tls";

export type RunningSandbox = { url: string; port: number; close(): Promise<void> };

/** Serves a sandbox's Hono app on loopback (https when `tls` is given); port 0 picks a free one. */
export async function serveSandboxApp(app: Hono, options: { port?: number; tls?: LocalTls; hostname?: string }): Promise<RunningSandbox> {
  const hostname = options.hostname ?? "127.0.0.1";
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 0,
        hostname,
        ...(options.tls ? { createServer: createHttpsServer, serverOptions: { key: options.tls.key, cert: options.tls.cert } } : {}),
      },
      (info) => resolve(info.port),
    );
    server.once("error", reject);
  });
  // The Graph SDK only trusts https on a host name, so https sandboxes are addressed as localhost.
  const host = options.tls ? "localhost" : hostname;
  return {
    url: `${options.tls ? "https" : "http"}://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
