import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { createSandboxEmployee, createVerifiedRequest } from "@/lib/credential-reset/testing/reset-fixtures";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { createOktaSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { AppError } from "@/lib/errors";
import { oktaConnectionInputSchemaFor } from "@/lib/connections/connection-schemas";
import { generateOktaKey } from "@/lib/iam/okta/generate-okta-key";
import { confirmOktaCustomDomain } from "@/lib/connections/confirm-okta-custom-domain";
import { addOktaKey, promoteOktaKey } from "@/lib/connections/rotate-okta-key";
import { createIdentityProvider } from "@/lib/iam/create-identity-provider";
import { saveEntraConnection } from "@/lib/connections/save-entra-connection";
import { saveOktaConnection } from "@/lib/connections/save-okta-connection";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";
import { oktaCredentialsSchema, oktaSettingsSchema } from "@/lib/iam/okta/okta-settings";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

/**
 * Finding 18: a save over an INCOMPLETE/ERROR connection updates it in place (it used to delete the row, and the
 * cascade took every employee, verification and reset with it); key changes apply only to the key set the admin saw.
 */

const request = { ip: "192.0.2.44", userAgent: "vitest" };
const ORG = "https://acme.okta.com";
const parse = (input: { orgUrl: string; clientId: string; groupId: string; customDomainConfirmed?: boolean }) => oktaConnectionInputSchemaFor(() => []).parse(input);
let admin: { id: string; email: string; sessionId: string };

beforeAll(async () => {
  // Own database: the table holds one connection per installation.
  await useFreshDatabase("okta_connection_resave");
  const user = await db().consoleUser.create({
    data: { email: "resave-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: await hashPassword("admin password 1"), mustChangePassword: false },
  });
  admin = { id: user.id, email: user.email, sessionId: "session-1" };
});

/** An Okta connection in `status` (as after a failed sync), with one employee, a VERIFIED verification and a reset. */
async function oktaConnectionWithHistory(status: "INCOMPLETE" | "ERROR", provider: "OKTA" | "ENTRA" = "OKTA") {
  await db().iamConnection.deleteMany({});
  const key = await generateOktaKey();
  const settings =
    provider === "OKTA"
      ? { orgUrl: ORG, clientId: "0oa1service", keys: [{ kid: key.kid, publicJwk: key.publicJwk, status: "active", createdAt: new Date().toISOString() }] }
      : { tenant: "contoso.onmicrosoft.com", clientId: "11111111-2222-4333-8444-555555555555", credentialType: "client_secret" };
  const connection = await db().iamConnection.create({ data: { provider, status, statusReason: "The last sync failed.", groupId: "00g1old", settings: toJson(settings) } });
  const credentials = provider === "OKTA" ? { privateJwks: { [key.kid]: key.privateJwk } } : { type: "client_secret", clientSecret: "s" };
  await db().iamConnection.update({ where: { id: connection.id }, data: { sealedCredentials: sealSecret(JSON.stringify(credentials), `iam-connection:${connection.id}`) } });
  const employee = await createSandboxEmployee(connection.id, { id: "00u1employee", login: "ana@example.com" });
  const verification = await createVerifiedRequest(employee.id);
  const reset = await db().credentialReset.create({ data: { requestId: verification.id, employeeId: employee.id, action: "PASSWORD_RESET", initiatorType: "SELF_SERVE" } });
  return { connection, employee, verification, reset, kid: key.kid };
}

async function stillThere(history: Awaited<ReturnType<typeof oktaConnectionWithHistory>>) {
  return {
    employee: await db().employee.count({ where: { id: history.employee.id } }),
    verification: await db().verificationRequest.count({ where: { id: history.verification.id } }),
    reset: await db().credentialReset.count({ where: { id: history.reset.id } }),
  };
}

describe("re-saving a connection keeps what was synced and decided", () => {
  it.each(["ERROR", "INCOMPLETE"] as const)("an Okta connection in %s is updated in place: employees, verifications and resets stay", async (status) => {
    const history = await oktaConnectionWithHistory(status);
    const result = await saveOktaConnection(parse({ orgUrl: ORG, clientId: "0oa1service", groupId: "00g1new" }), admin, request);

    expect(result.connectionId).toBe(history.connection.id);
    expect(await stillThere(history)).toEqual({ employee: 1, verification: 1, reset: 1 });
    const row = await db().iamConnection.findUniqueOrThrow({ where: { id: history.connection.id } });
    expect(row).toMatchObject({ status: "INCOMPLETE", groupId: "00g1new", keyVersion: 1 });
    // Same org and service app: the key the admin may already have registered stays.
    const settings = oktaSettingsSchema.parse(row.settings);
    expect(settings.keys.map((key) => key.kid)).toEqual([history.kid]);
    const credentials = oktaCredentialsSchema.parse(JSON.parse(openSecret(row.sealedCredentials ?? "", `iam-connection:${row.id}`)));
    expect(Object.keys(credentials.privateJwks)).toEqual([history.kid]);
    const saved = await db().auditEvent.findFirstOrThrow({ where: { action: "iam.connection_saved", targetId: row.id }, orderBy: { id: "desc" } });
    expect(saved.details).toMatchObject({ updated: true, signingPairReused: true });
  });

  it("another service app gets a fresh key, still on the same row", async () => {
    const history = await oktaConnectionWithHistory("ERROR");
    await saveOktaConnection(parse({ orgUrl: ORG, clientId: "0oa2otherapp", groupId: "00g1old" }), admin, request);
    const row = await db().iamConnection.findUniqueOrThrow({ where: { id: history.connection.id } });
    const settings = oktaSettingsSchema.parse(row.settings);
    expect(settings.clientId).toBe("0oa2otherapp");
    expect(settings.keys).toHaveLength(1);
    expect(settings.keys[0]?.kid).not.toBe(history.kid);
    expect(await stillThere(history)).toEqual({ employee: 1, verification: 1, reset: 1 });
  });

  it("a save for the other provider is refused and changes nothing (deleting is its own action)", async () => {
    const okta = await oktaConnectionWithHistory("ERROR");
    const entraInput = { tenant: "contoso.onmicrosoft.com", clientId: "11111111-2222-4333-8444-555555555555", groupId: "66666666-7777-4888-8999-000000000000", credentialType: "client_secret" as const, clientSecret: "s", authorityHost: undefined, graphBaseUrl: undefined };
    await expect(saveEntraConnection(entraInput, admin, request)).rejects.toMatchObject({ code: "conflict" });
    expect(await stillThere(okta)).toEqual({ employee: 1, verification: 1, reset: 1 });
    expect(await db().iamConnection.findUniqueOrThrow({ where: { id: okta.connection.id } })).toMatchObject({ provider: "OKTA", status: "ERROR" });

    const entra = await oktaConnectionWithHistory("INCOMPLETE", "ENTRA");
    await expect(saveOktaConnection(parse({ orgUrl: ORG, clientId: "0oa1service", groupId: "00g1" }), admin, request)).rejects.toMatchObject({ code: "conflict" });
    expect(await stillThere(entra)).toEqual({ employee: 1, verification: 1, reset: 1 });
  });

  it("an Entra connection in ERROR is updated in place too", async () => {
    const history = await oktaConnectionWithHistory("ERROR", "ENTRA");
    const input = { tenant: "contoso.onmicrosoft.com", clientId: "11111111-2222-4333-8444-555555555555", groupId: "66666666-7777-4888-8999-000000000000", credentialType: "client_secret" as const, clientSecret: "new", authorityHost: undefined, graphBaseUrl: undefined };
    await saveEntraConnection(input, admin, request);
    expect(await stillThere(history)).toEqual({ employee: 1, verification: 1, reset: 1 });
    expect(await db().iamConnection.findUniqueOrThrow({ where: { id: history.connection.id } })).toMatchObject({ status: "INCOMPLETE", keyVersion: 1 });
  });
});

describe("key rotation applies only to the key set the admin saw", () => {
  beforeEach(async () => {
    await oktaConnectionWithHistory("ERROR");
    await db().iamConnection.updateMany({ data: { status: "ACTIVE" } });
  });

  it("of concurrent rotations from the same page, exactly one wins; the others change nothing", async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => addOktaKey({ expectedKeyVersion: 0 }, admin, request)));
    const won = attempts.filter((attempt) => attempt.status === "fulfilled");
    const lost = attempts.filter((attempt) => attempt.status === "rejected");
    expect(won).toHaveLength(1);
    for (const attempt of lost) expect(attempt.reason).toMatchObject({ code: "conflict" });
    expect(lost.every((attempt) => attempt.reason instanceof AppError)).toBe(true);

    const row = await db().iamConnection.findUniqueOrThrow({ where: { singleton: true } });
    const settings = oktaSettingsSchema.parse(row.settings);
    const next = settings.keys.filter((key) => key.status === "next");
    expect(next.map((key) => key.kid)).toEqual([won[0]?.status === "fulfilled" ? won[0].value.kid : "?"]);
    // The winner's private key is the one sealed: a loser never overwrote it.
    const credentials = oktaCredentialsSchema.parse(JSON.parse(openSecret(row.sealedCredentials ?? "", `iam-connection:${row.id}`)));
    expect(Object.keys(credentials.privateJwks).sort()).toEqual(settings.keys.map((key) => key.kid).sort());
    expect(row.keyVersion).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "iam.key_added", targetId: row.id } })).toBe(1);
  });

  it("a stale page gets a clear conflict and nothing changes", async () => {
    await addOktaKey({ expectedKeyVersion: 0 }, admin, request);
    const before = await db().iamConnection.findUniqueOrThrow({ where: { singleton: true } });
    await expect(promoteOktaKey({ expectedKeyVersion: 0 }, admin, request)).rejects.toThrow(/keys changed since this page was loaded/);
    const after = await db().iamConnection.findUniqueOrThrow({ where: { singleton: true } });
    expect(after).toMatchObject({ settings: before.settings, sealedCredentials: before.sealedCredentials, keyVersion: 1 });
    expect(await db().auditEvent.count({ where: { action: "iam.key_promoted" } })).toBe(0);
  });
});

describe("promotion races against the real sandbox org", () => {
  let tenant: OktaTestTenant;
  beforeAll(async () => {
    tenant = await startOktaTestTenant({ userCount: 5, seed: "okta-key-version" });
  });
  afterAll(() => tenant.close());

  it("two promotions from the same page: one applies, the other is refused after its probe", async () => {
    const connectionId = await createOktaSandboxConnection(tenant);
    await addOktaKey({ expectedKeyVersion: 0 }, admin, request);
    const settings = oktaSettingsSchema.parse((await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } })).settings);
    tenant.sandbox.registerPublicKeys(tenant.connection.clientId, { keys: settings.keys.map((key) => key.publicJwk) });

    const attempts = await Promise.allSettled([promoteOktaKey({ expectedKeyVersion: 1 }, admin, request), promoteOktaKey({ expectedKeyVersion: 1 }, admin, request)]);
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual(["fulfilled", "rejected"]);
    const row = await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const promoted = oktaSettingsSchema.parse(row.settings);
    expect(promoted.keys.filter((key) => key.status === "active")).toHaveLength(1);
    expect(row.keyVersion).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "iam.key_promoted", targetId: connectionId } })).toBe(1);
  });
});

describe("an Okta custom URL domain is called only once an admin confirmed it (audited)", () => {
  it("saving with the confirmation records it on the connection and in the audit log", async () => {
    await db().iamConnection.deleteMany({});
    const { connectionId } = await saveOktaConnection(parse({ orgUrl: "https://login.acme.example", clientId: "0oa1service", groupId: "00g1", customDomainConfirmed: true }), admin, request);
    const row = await db().iamConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(oktaSettingsSchema.parse(row.settings)).toMatchObject({ orgUrl: "https://login.acme.example", customDomainConfirmed: true });
    expect(await db().auditEvent.findFirst({ where: { action: "iam.custom_domain_confirmed", targetId: connectionId } })).toMatchObject({ actorId: admin.id, details: { orgUrl: "https://login.acme.example" } });
  });

  it("a connection saved before the check is refused until confirmed, then confirmed once", async () => {
    const history = await oktaConnectionWithHistory("ERROR");
    const row = await db().iamConnection.findUniqueOrThrow({ where: { id: history.connection.id } });
    const legacy = { ...oktaSettingsSchema.parse(row.settings), orgUrl: "https://login.acme.example" };
    await db().iamConnection.update({ where: { id: row.id }, data: { status: "ACTIVE", settings: toJson({ ...legacy, customDomainConfirmed: undefined }) } });
    const credentials = JSON.parse(openSecret(row.sealedCredentials ?? "", `iam-connection:${row.id}`));
    const before = await createIdentityProvider({ provider: "OKTA", groupId: "00g1old", settings: (await db().iamConnection.findUniqueOrThrow({ where: { id: row.id } })).settings, credentials }).testConnection();
    expect(before).toMatchObject({ ok: false, problem: "endpoint_not_allowed" });
    if (!before.ok) expect(before.message).toMatch(/custom URL domain/);

    await confirmOktaCustomDomain({ expectedKeyVersion: 0 }, admin, request);
    const confirmed = await db().iamConnection.findUniqueOrThrow({ where: { id: row.id } });
    expect(oktaSettingsSchema.parse(confirmed.settings).customDomainConfirmed).toBe(true);
    expect(confirmed).toMatchObject({ status: "ACTIVE", keyVersion: 1 });
    expect(await stillThere(history)).toEqual({ employee: 1, verification: 1, reset: 1 });
    expect(await db().auditEvent.count({ where: { action: "iam.custom_domain_confirmed", targetId: row.id } })).toBe(1);
    await expect(confirmOktaCustomDomain({ expectedKeyVersion: 1 }, admin, request)).rejects.toMatchObject({ code: "conflict" });
  });
});
