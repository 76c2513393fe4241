import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateOktaKey } from "@/lib/iam/okta/generate-okta-key";
import { createIdentityProvider as createAdapter } from "@/lib/iam/create-identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import { trustExtraCaCertificate } from "@/lib/iam/outbound/outbound-agents";
import type { Resolve } from "@/lib/iam/outbound/outbound-policy";
import { declareSandboxConnections, SANDBOX_CONNECTIONS_ENV, sandboxOrigins } from "@/lib/sandbox/run/sandbox-connections";
import { loadOrCreateLocalTls } from "@/lib/sandbox/shared/local-tls";

/** As lib/connections builds adapters: the sandbox tenants this process declared (none while it is off) are allowed. */
function createIdentityProvider(...[connection, outbound = {}]: Parameters<typeof createAdapter>) {
  return createAdapter(connection, { ...outbound, sandboxOrigins: sandboxOrigins() });
}

/**
 * Finding 6 (SSRF): the adapters call only the vendors' clouds, refuse non-public addresses at connect time (the
 * resolver is injected, so "acme.okta.com" can resolve to 127.0.0.1 without touching /etc/hosts), reach the
 * sandbox only while it runs, and give up on a peer that never answers.
 */

let oktaKey: Awaited<ReturnType<typeof generateOktaKey>>;
beforeAll(async () => {
  oktaKey = await generateOktaKey();
});
beforeEach(() => {
  delete process.env[SANDBOX_CONNECTIONS_ENV]; // the sandbox is off unless a test turns it on
});

function oktaConnection(orgUrl: string, extra: { customDomainConfirmed?: boolean } = {}) {
  return {
    provider: "OKTA" as const,
    groupId: "00g1employees",
    settings: { orgUrl, ...extra, clientId: "0oa1service", keys: [{ kid: oktaKey.kid, publicJwk: oktaKey.publicJwk, status: "active", createdAt: new Date().toISOString() }] },
    credentials: { privateJwks: { [oktaKey.kid]: oktaKey.privateJwk } },
  };
}

function entraConnection(endpoints: { authorityHost?: string; graphBaseUrl?: string } = {}) {
  return {
    provider: "ENTRA" as const,
    groupId: "66666666-7777-4888-8999-000000000000",
    settings: { tenant: "contoso.onmicrosoft.com", tenantId: "11111111-0000-4000-8000-000000000000", clientId: "11111111-2222-4333-8444-555555555555", credentialType: "client_secret", ...endpoints },
    credentials: { type: "client_secret", clientSecret: "secret" },
  };
}

/** A resolver that answers `addresses` for every name and remembers what it was asked. */
function resolver(addresses: string[]): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    return addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error: unknown = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** Servers started by a test, with their sockets, so that a hung connection never outlives it. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
async function listen(server: net.Server): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, connections: () => connections };
}

describe("connect-time address guard (sandbox off)", () => {
  it("an Okta org whose name resolves to 127.0.0.1 is refused when the socket would connect", async () => {
    const resolve = resolver(["127.0.0.1"]);
    const result = await createIdentityProvider(oktaConnection("https://acme.okta.com"), { resolve }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    if (!result.ok) expect(result.message).toContain("127.0.0.1");
    expect(resolve.asked).toContain("acme.okta.com");
  });

  it("Microsoft's identity platform resolving to the metadata address 169.254.169.254 is refused", async () => {
    const resolve = resolver(["169.254.169.254"]);
    const error = await rejection(createIdentityProvider(entraConnection(), { resolve }).fetchMembersPage({ mode: "full", cursor: null }));
    expect(error.options).toMatchObject({ retryable: false, problem: "endpoint_not_allowed" });
    expect(error.message).toContain("169.254.169.254");
    expect(resolve.asked).toEqual(["login.microsoftonline.com"]);
  });

  it("a name with one public and one private address is refused (no address is tried)", async () => {
    const resolve = resolver(["20.190.128.1", "10.0.0.7"]);
    const result = await createIdentityProvider(oktaConnection("https://acme.okta.com"), { resolve }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
  });

  it("a confirmed custom domain is still held to public addresses", async () => {
    const resolve = resolver(["fd00:ec2::254"]);
    const result = await createIdentityProvider(oktaConnection("https://login.acme.example", { customDomainConfirmed: true }), { resolve }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    expect(resolve.asked).toEqual(["login.acme.example"]);
  });

  it("stored endpoints outside the vendors' clouds (saved before the check) are refused without a lookup", async () => {
    const resolve = resolver(["20.190.128.1"]);
    for (const endpoints of [{ authorityHost: "http://169.254.169.254" }, { graphBaseUrl: "file:///etc/passwd" }, { authorityHost: "https://10.0.0.1" }]) {
      const result = await createIdentityProvider(entraConnection(endpoints), { resolve }).testConnection();
      expect(result).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    }
    for (const orgUrl of ["https://evil.example", "http://acme.okta.com", "https://[::1]"]) {
      expect(await createIdentityProvider(oktaConnection(orgUrl), { resolve }).testConnection()).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    }
    expect(resolve.asked).toEqual([]);
  });

  it("a loopback org is refused while the sandbox is off, and reached once it runs", async () => {
    const server = await listen(http.createServer((_request, response) => response.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}')));
    const orgUrl = `http://127.0.0.1:${server.port}`;
    expect(await createIdentityProvider(oktaConnection(orgUrl)).testConnection()).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    expect(server.connections()).toBe(0);

    declareSandboxConnections({ okta: { url: orgUrl, orgUrl, clientId: "0oa1service", groupId: "00g1employees" } });
    expect(await createIdentityProvider(oktaConnection(orgUrl)).testConnection()).toMatchObject({ ok: false, problem: "invalid_client" });
    expect(server.connections()).toBeGreaterThan(0);
  });

  it("a redirect from the (sandbox) org to the metadata address is not followed", async () => {
    const server = await listen(http.createServer((_request, response) => response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" }).end()));
    const orgUrl = `http://127.0.0.1:${server.port}`;
    declareSandboxConnections({ okta: { url: orgUrl, orgUrl, clientId: "0oa1service", groupId: "00g1employees" } });
    const result = await createIdentityProvider(oktaConnection(orgUrl)).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
  });
});

describe("deadlines on every outbound call", () => {
  /** Accepts connections and never answers (not even the TLS handshake). */
  const silentServer = () => listen(net.createServer(() => undefined));

  it("Okta: a token request to an org that never answers rejects with a timeout", async () => {
    const server = await silentServer();
    const orgUrl = `http://127.0.0.1:${server.port}`;
    declareSandboxConnections({ okta: { url: orgUrl, orgUrl, clientId: "0oa1service", groupId: "00g1employees" } });
    const error = await rejection(createIdentityProvider(oktaConnection(orgUrl), { timeoutMs: 300 }).fetchMembersPage({ mode: "full", cursor: null }));
    expect(error.message).toMatch(/did not answer in time/);
    expect(error.options).toMatchObject({ retryable: true, problem: "unreachable" });
  });

  it("Entra: a token request to an identity platform that never answers rejects with a timeout", async () => {
    const server = await silentServer();
    const url = `https://localhost:${server.port}`;
    declareSandboxConnections({ entra: { url, tenantId: "t", tenantDomain: "d", clientId: "c", clientSecret: "s", groupId: "g" } });
    const error = await rejection(createIdentityProvider(entraConnection({ authorityHost: url, graphBaseUrl: url }), { timeoutMs: 300 }).fetchMembersPage({ mode: "full", cursor: null }));
    expect(error.message).toMatch(/identity platform did not answer in time/);
  });

  it("Entra: a Graph call that never answers (after a token) rejects with a timeout", async () => {
    const tlsDir = await mkdtemp(path.join(os.tmpdir(), "verifyd-outbound-"));
    cleanups.push(() => rm(tlsDir, { recursive: true, force: true }));
    const tls = await loadOrCreateLocalTls(tlsDir);
    trustExtraCaCertificate(tls.caCert);
    const server = await listen(
      https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
        if (request.method === "POST" && request.url?.endsWith("/oauth2/v2.0/token")) {
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token_type: "Bearer", expires_in: 3599, access_token: "token" }));
        }
        // Graph: headers never come.
      }),
    );
    const url = `https://localhost:${server.port}`;
    declareSandboxConnections({ entra: { url, tenantId: "t", tenantDomain: "d", clientId: "c", clientSecret: "s", groupId: "g" } });
    const error = await rejection(createIdentityProvider(entraConnection({ authorityHost: url, graphBaseUrl: url }), { timeoutMs: 500 }).fetchMembersPage({ mode: "full", cursor: null }));
    expect(error.message).toMatch(/Microsoft Graph did not answer in time/);
    expect(error.options).toMatchObject({ retryable: true, problem: "unreachable" });
  });
});
