import { createHash, randomUUID } from "node:crypto";
import { X509Certificate } from "node:crypto";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import selfsigned from "selfsigned";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";

const CALLBACK = "http://localhost:3000/api/iam/entra/consent/callback";
let sandbox: TestSandbox;
let certificate: { pem: string; key: string; x5tS256: string; x5t: string };

async function makeCertificate() {
  const generated = await selfsigned.generate([{ name: "commonName", value: "verifyd-test-app" }], { keySize: 2048, algorithm: "sha256" });
  const raw = new X509Certificate(generated.cert).raw;
  return { pem: generated.cert, key: generated.private, x5tS256: createHash("sha256").update(raw).digest("base64url"), x5t: createHash("sha1").update(raw).digest("base64url") };
}

async function assertion(options: { key?: string; header?: Record<string, string>; aud?: string; iss?: string; sub?: string; exp?: number; alg?: string } = {}) {
  const alg = options.alg ?? "PS256";
  const key = await importPKCS8(options.key ?? certificate.key, alg);
  const clientId = sandbox.connection.clientId;
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg, typ: "JWT", ...(options.header ?? { "x5t#S256": certificate.x5tS256 }) })
    .setIssuer(options.iss ?? clientId)
    .setSubject(options.sub ?? clientId)
    .setAudience(options.aud ?? sandbox.tokenUrl)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key);
}

async function requestToken(fields: Record<string, string>) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: sandbox.connection.clientId, scope: "https://graph.microsoft.com/.default", ...fields });
  return sandbox.call(sandbox.tokenUrl, { method: "POST", body: form });
}

const identityErrorSchema = z.object({ error: z.string(), error_description: z.string(), error_codes: z.array(z.number()), timestamp: z.string(), trace_id: z.string(), correlation_id: z.string() });

function aadsts(body: unknown): number | undefined {
  return identityErrorSchema.parse(body).error_codes[0];
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ userCount: 50 });
  certificate = await makeCertificate();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call("/_sandbox/reset", { method: "POST" });
});

describe("admin consent", () => {
  it("shows the app and its permissions with Approve and Deny (v2 and v1)", async () => {
    const { clientId, tenantId, tenantDomain } = sandbox.connection;
    const v2 = await sandbox.call(`/${tenantId}/v2.0/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=https://graph.microsoft.com/.default&state=abc`);
    expect(v2.status).toBe(200);
    expect(String(v2.body)).toContain("verifyd (sandbox)");
    expect(String(v2.body)).toContain("UserAuthenticationMethod.ReadWrite.All");
    expect(String(v2.body)).toMatch(/value="approve">Approve<\/button>/);
    expect(String(v2.body)).toMatch(/value="deny">Deny<\/button>/);
    const v1 = await sandbox.call(`/${tenantDomain}/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=abc`);
    expect(v1.status).toBe(200);
    const organizations = await sandbox.call(`/organizations/v2.0/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=https://graph.microsoft.com/.default`);
    expect(organizations.status).toBe(200);
  });

  it("refuses `common`, unknown apps and unregistered redirect URIs with an error page, never a redirect", async () => {
    const { clientId, tenantId } = sandbox.connection;
    const common = await sandbox.call(`/common/v2.0/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=x`);
    expect(common.status).toBe(400);
    const unknown = await sandbox.call(`/${tenantId}/v2.0/adminconsent?client_id=${randomUUID()}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=x`);
    expect(unknown.status).toBe(400);
    expect(String(unknown.body)).toContain("AADSTS700016");
    const evil = await sandbox.call(`/${tenantId}/v2.0/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}&scope=x&state=s`);
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
    expect(String(evil.body)).toContain("AADSTS50011");
    // The form target re-checks: a forged POST cannot redirect elsewhere either.
    const forged = await sandbox.call(`/${tenantId}/adminconsent/decision`, { method: "POST", body: new URLSearchParams({ version: "v2", client_id: clientId, redirect_uri: "https://evil.example/cb", scope: "x", state: "s", decision: "approve" }) });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("location")).toBeNull();
  });

  it("Approve redirects with admin_consent=True, tenant, scope and state, and grants the app roles", async () => {
    const { clientId, tenantId, tenantDomain } = sandbox.connection;
    expect(aadsts((await requestToken({ client_secret: sandbox.connection.clientSecret })).body)).toBe(65001);
    const form = new URLSearchParams({ version: "v2", client_id: clientId, redirect_uri: CALLBACK, scope: "https://graph.microsoft.com/.default", state: "xyz", decision: "approve" });
    const response = await sandbox.call(`/${tenantDomain}/adminconsent/decision`, { method: "POST", body: form });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(location.searchParams)).toEqual({ admin_consent: "True", tenant: tenantId, scope: "https://graph.microsoft.com/.default", state: "xyz" });
    const token = await sandbox.tokenWithSecret();
    const claims = z.object({ aud: z.string(), tid: z.string(), appid: z.string(), roles: z.array(z.string()), iat: z.number(), exp: z.number() }).parse(decodeJwt(token));
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", tid: tenantId, appid: clientId });
    expect(claims.roles).toEqual(expect.arrayContaining(["GroupMember.Read.All", "User.Read.All", "UserAuthenticationMethod.ReadWrite.All"]));
    expect(claims.exp - claims.iat).toBe(3599);
  });

  it("Deny redirects with the configured error, AADSTS65004 and state", async () => {
    const { clientId, tenantId } = sandbox.connection;
    const deny = (version: string) =>
      sandbox.call(`/${tenantId}/adminconsent/decision`, { method: "POST", body: new URLSearchParams({ version, client_id: clientId, redirect_uri: CALLBACK, scope: version === "v2" ? "https://graph.microsoft.com/.default" : "", state: "st", decision: "deny" }) });
    const denied = new URL((await deny("v2")).headers.get("location") ?? "");
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("error_description")).toMatch(/^AADSTS65004: /);
    expect(denied.searchParams.get("state")).toBe("st");
    expect((await sandbox.call("/_sandbox/consent-refusal", { method: "PUT", json: { error: "permission_denied" } })).status).toBe(200);
    expect(new URL((await deny("v1")).headers.get("location") ?? "").searchParams.get("error")).toBe("permission_denied");
    expect((await sandbox.call("/_sandbox/consent-refusal", { method: "PUT", json: { error: "nope" } })).status).toBe(400);
    expect(aadsts((await requestToken({ client_secret: sandbox.connection.clientSecret })).body)).toBe(65001);
  });

  it("accepts redirect URIs registered at run time", async () => {
    const { clientId, tenantId } = sandbox.connection;
    await sandbox.call(`/_sandbox/apps/${clientId}/redirect-uris`, { method: "PUT", json: { redirectUris: ["https://verifyd.example.com/cb"] } });
    const response = await sandbox.call(`/${tenantId}/adminconsent/decision`, { method: "POST", body: new URLSearchParams({ version: "v1", client_id: clientId, redirect_uri: "https://verifyd.example.com/cb", state: "", decision: "approve" }) });
    expect(response.headers.get("location")).toBe(`https://verifyd.example.com/cb?admin_consent=True&tenant=${tenantId}`);
  });
});

describe("client credentials token endpoint", () => {
  beforeEach(async () => {
    await sandbox.approveConsent();
    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/certificates`, { method: "POST", json: { pem: certificate.pem } });
  });

  it("issues a Graph token for the client secret", async () => {
    const response = await requestToken({ client_secret: sandbox.connection.clientSecret });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
  });

  it("answers the documented AADSTS errors in the documented body", async () => {
    const bad = await requestToken({ client_secret: "wrong" });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(identityErrorSchema.parse(bad.body).error_description).toMatch(/^AADSTS7000215: /);

    const expired = await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/secrets`, { method: "POST", json: { expiresInSeconds: -60 } });
    const expiredSecret = z.object({ secretText: z.string() }).parse(expired.body).secretText;
    expect(aadsts((await requestToken({ client_secret: expiredSecret })).body)).toBe(7000222);
    expect(aadsts((await requestToken({ client_id: randomUUID(), client_secret: "x" })).body)).toBe(700016);
    const otherTenant = await sandbox.call(`${sandbox.url}/${randomUUID()}/oauth2/v2.0/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials" }) });
    expect(aadsts(otherTenant.body)).toBe(90002);
    expect(aadsts((await requestToken({ client_secret: sandbox.connection.clientSecret, scope: "User.Read" })).body)).toBe(1002012);
  });

  it("accepts a certificate-signed client assertion (PS256 with x5t#S256, RS256 with legacy x5t)", async () => {
    const type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    expect((await requestToken({ client_assertion_type: type, client_assertion: await assertion() })).status).toBe(200);
    const legacy = await assertion({ alg: "RS256", header: { x5t: certificate.x5t } });
    expect((await requestToken({ client_assertion_type: type, client_assertion: legacy })).status).toBe(200);
  });

  it("rejects wrong audience, expired assertions, unknown certificates, bad signatures and iss/sub mismatches", async () => {
    const type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    const code = async (clientAssertion: string) => aadsts((await requestToken({ client_assertion_type: type, client_assertion: clientAssertion })).body);
    expect(await code(await assertion({ aud: "https://login.microsoftonline.com/other/oauth2/v2.0/token" }))).toBe(700023);
    expect(await code(await assertion({ exp: Math.floor(Date.now() / 1000) - 600 }))).toBe(700024);
    const stranger = await makeCertificate();
    expect(await code(await assertion({ key: stranger.key, header: { "x5t#S256": stranger.x5tS256 } }))).toBe(700027);
    // Right thumbprint, wrong key: the signature does not verify.
    expect(await code(await assertion({ key: stranger.key }))).toBe(700027);
    expect(await code(await assertion({ iss: randomUUID() }))).toBe(700021);
  });
});
