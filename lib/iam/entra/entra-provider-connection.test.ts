import { createHash, randomUUID, X509Certificate } from "node:crypto";
import selfsigned from "selfsigned";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { DIRECTORY_ROLES } from "@/lib/sandbox/entra/entra-roles";
import { toBase64UrlThumbprint } from "@/lib/iam/entra/sign-entra-client-assertion";

let tenant: EntraTestTenant;

beforeAll(async () => {
  tenant = await startEntraTestTenant({ userCount: 60, seed: "entra-adapter-connection" });
});
afterAll(() => tenant.stop());
beforeEach(async () => {
  tenant.sandbox.reset();
  await tenant.approveConsent();
});

async function generateCertificate(): Promise<{ pem: string; privateKeyPem: string; thumbprintSha256: string }> {
  const generated = await selfsigned.generate([{ name: "commonName", value: "verifyd test app" }], { keySize: 2048, algorithm: "sha256" });
  const thumbprintSha256 = createHash("sha256").update(new X509Certificate(generated.cert).raw).digest("base64url");
  return { pem: generated.cert, privateKeyPem: generated.private, thumbprintSha256 };
}

const setPermissions = (permissions: string[] | null) =>
  tenant.call(`/_sandbox/apps/${tenant.connection.clientId}/granted-permissions`, { method: "PUT", json: { permissions } });

describe("Entra adapter: test connection", () => {
  it("gets a token with the client secret and reads one member with its profile", async () => {
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: true, memberSample: { login: expect.stringContaining("@") } });
  });

  it("authenticates with a registered certificate (PS256 assertion, x5t#S256), hex thumbprints too", async () => {
    const certificate = await generateCertificate();
    expect((await tenant.call(`/_sandbox/apps/${tenant.connection.clientId}/certificates`, { method: "POST", json: { pem: certificate.pem } })).status).toBe(201);
    expect(await tenant.provider({ certificate }).testConnection()).toMatchObject({ ok: true });
    const hex = Buffer.from(certificate.thumbprintSha256, "base64url").toString("hex").toUpperCase();
    expect(toBase64UrlThumbprint(hex)).toBe(certificate.thumbprintSha256);
    expect(await tenant.provider({ certificate: { ...certificate, thumbprintSha256: hex } }).testConnection()).toMatchObject({ ok: true });
  });

  it("a certificate that was never uploaded: invalid_credentials", async () => {
    const result = await tenant.provider({ certificate: await generateCertificate() }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "invalid_credentials" });
    if (!result.ok) expect(result.message).toMatch(/certificate/i);
  });

  it("wrong client id: invalid_client", async () => {
    const result = await tenant.provider({ clientId: randomUUID() }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "invalid_client" });
    if (!result.ok) expect(result.message).toContain("AADSTS700016");
  });

  it("wrong secret: invalid_credentials, explaining value vs secret id", async () => {
    const result = await tenant.provider({ clientSecret: "not-the-secret" }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "invalid_credentials" });
    if (!result.ok) expect(result.message).toMatch(/Value.*Secret ID/);
  });

  it("consent not granted: consent_required", async () => {
    expect((await setPermissions(null)).status).toBe(200);
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: false, problem: "consent_required" });
    if (!result.ok) expect(result.message).toContain("AADSTS65001");
  });

  it("missing GroupMember.Read.All: missing_permission (Graph 403)", async () => {
    expect((await setPermissions(["User.Read.All"])).status).toBe(200);
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: false, problem: "missing_permission" });
    if (!result.ok) expect(result.message).toContain("GroupMember.Read.All");
  });

  it("missing User.Read.All: missing_permission (members listed without profiles)", async () => {
    expect((await setPermissions(["GroupMember.Read.All"])).status).toBe(200);
    const result = await tenant.provider().testConnection();
    expect(result).toMatchObject({ ok: false, problem: "missing_permission" });
    if (!result.ok) expect(result.message).toContain("User.Read.All");
  });

  it("unknown group: group_not_found", async () => {
    expect(await tenant.provider({ groupId: randomUUID() }).testConnection()).toMatchObject({ ok: false, problem: "group_not_found" });
  });

  it("tokens revoked mid-way: one retry with a fresh token, then success", async () => {
    const provider = tenant.provider();
    expect(await provider.testConnection()).toMatchObject({ ok: true });
    expect((await tenant.call("/_sandbox/faults/expire-tokens", { method: "POST" })).status).toBe(200);
    expect(await provider.testConnection()).toMatchObject({ ok: true });
    const events = z.object({ events: z.array(z.object({ type: z.string() })) }).parse((await tenant.call("/_sandbox/events")).body).events;
    expect(events.filter((event) => event.type === "token.issued")).toHaveLength(2);
  });

  it("reads a user's directory roles", async () => {
    const provider = tenant.entraProvider();
    const people = [...Array(tenant.sandbox.tenant.indexLimit).keys()].map((index) => ({ index, person: tenant.sandbox.tenant.personAt(index) }));
    const admin = people.find(({ person }) => person && person.privilege !== "none");
    if (!admin?.person || admin.person.privilege === "none") throw new Error("the seed has no admin in 60 users");
    expect(await provider.fetchAdminRoles(tenant.sandbox.tenant.userId(admin.index))).toEqual([DIRECTORY_ROLES[admin.person.privilege].displayName]);
    const plain = [...Array(tenant.sandbox.tenant.indexLimit).keys()].find((index) => tenant.sandbox.tenant.personAt(index)?.privilege === "none");
    expect(await provider.fetchAdminRoles(tenant.sandbox.tenant.userId(plain ?? 0))).toEqual([]);
  });
});
