import { mkdtemp, rm } from "node:fs/promises";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { rootCertificates } from "node:tls";
import { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { trustExtraCaCertificate } from "@/lib/iam/outbound/outbound-agents";
import { type RunningEntraSandbox, startEntraSandbox } from "@/lib/sandbox/entra/start-entra-sandbox";

const UNDICI_GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/**
 * Makes this process's global `fetch` (Node's bundled undici, which the Graph SDK calls) trust the sandbox CA.
 * NODE_EXTRA_CA_CERTS is read only at process start and the `undici` package is not installed, so we build a
 * second instance of Node's own dispatcher class (`Agent`) with the extra CA and install it under the symbol
 * undici reserves for the global dispatcher (the same thing `undici.setGlobalDispatcher` does).
 */
export async function trustCaForFetch(caCert: string): Promise<void> {
  await fetch("data:,").catch(() => undefined); // makes Node create its default dispatcher
  const current: unknown = Reflect.get(globalThis, UNDICI_GLOBAL_DISPATCHER);
  const AgentClass: unknown = typeof current === "object" && current !== null ? current.constructor : undefined;
  if (typeof AgentClass !== "function") throw new Error("Node's global fetch dispatcher was not found; set NODE_EXTRA_CA_CERTS instead.");
  Reflect.set(globalThis, UNDICI_GLOBAL_DISPATCHER, Reflect.construct(AgentClass, [{ connect: { ca: [...rootCertificates, caCert] } }]));
  // The adapters do not use global fetch (lib/iam/outbound): their agents take the CA separately.
  trustExtraCaCertificate(caCert);
}

const tokenSchema = z.object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number() });

export type TestSandbox = RunningEntraSandbox & {
  tokenUrl: string;
  /** A JSON call to the sandbox (any path), returning status, headers and parsed body. */
  call(pathOrUrl: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** A token by client secret (default app) via the real token endpoint. */
  tokenWithSecret(secret?: string): Promise<string>;
  /** Approves admin consent through the consent page's Approve form, as an administrator would. */
  approveConsent(): Promise<void>;
  /** The official Graph SDK pointed at the sandbox, authenticated by `getToken`. */
  graphClient(getToken?: () => Promise<string>): Client;
  stop(): Promise<void>;
};

export async function startTestSandbox(options: { userCount: number; seed?: string }): Promise<TestSandbox> {
  const tlsDir = await mkdtemp(path.join(os.tmpdir(), "verifyd-entra-test-"));
  const running = await startEntraSandbox({ tlsDir, port: 0, userCount: options.userCount, seed: options.seed ?? "entra-tests" });
  await trustCaForFetch(await readFile(running.caFile, "utf8"));
  const tokenUrl = `${running.url}/${running.connection.tenantId}/oauth2/v2.0/token`;

  const call: TestSandbox["call"] = async (pathOrUrl, init = {}) => {
    const { json, token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set("content-type", "application/json");
    if (token) headers.set("authorization", `Bearer ${token}`);
    const response = await fetch(pathOrUrl.startsWith("http") ? pathOrUrl : `${running.url}${pathOrUrl}`, { redirect: "manual", ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // HTML pages stay text.
    }
    return { status: response.status, headers: response.headers, body };
  };

  const tokenWithSecret = async (secret = running.connection.clientSecret) => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: running.connection.clientId, client_secret: secret, scope: "https://graph.microsoft.com/.default" });
    const response = await call(tokenUrl, { method: "POST", body: form });
    return tokenSchema.parse(response.body).access_token;
  };

  const approveConsent = async () => {
    const form = new URLSearchParams({ version: "v2", client_id: running.connection.clientId, redirect_uri: "http://localhost:3000/api/iam/entra/consent/callback", scope: "https://graph.microsoft.com/.default", state: "s", decision: "approve" });
    const response = await call(`/${running.connection.tenantId}/adminconsent/decision`, { method: "POST", body: form });
    if (response.status !== 302) throw new Error(`consent approval answered ${response.status}`);
  };

  const graphClient = (getToken?: () => Promise<string>) => {
    // Like a real auth provider, the default one caches its token instead of calling the token endpoint per request.
    let cached: Promise<string> | undefined;
    const provide = getToken ?? (() => (cached ??= tokenWithSecret()));
    return Client.init({
      baseUrl: `${running.url}/`,
      customHosts: new Set(["localhost"]),
      authProvider: (done) => {
        provide().then((token) => done(null, token), (error: unknown) => done(error, null));
      },
    });
  };

  return {
    ...running,
    get connection() {
      return running.connection;
    },
    tokenUrl,
    call,
    tokenWithSecret,
    approveConsent,
    graphClient,
    stop: async () => {
      await running.close();
      await rm(tlsDir, { recursive: true, force: true });
    },
  };
}
