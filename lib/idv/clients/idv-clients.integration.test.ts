import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createIdvClientAction,
  revokeIdvClientAction,
  rotateIdvClientSecretAction,
  updateIdvClientAction,
} from "@/app/(console)/settings/identity-verification/actions";
import type { ActionResult } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { authenticateIdvClient, findIdvClient } from "@/lib/idv/clients/find-idv-client";
import { hashIdvClientSecret } from "@/lib/idv/clients/idv-client-secrets";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: ConsoleRole; mustChangePassword: boolean; sessionVersion: number; sessionId: string; secondFactor: "verified"; secondFactorAt: Date; hasSecondFactor: boolean } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentConsoleUser: async () => signedIn.user }));

// When set, the next audit write inside a transaction fails the way a refused insert does (the table's CHECK on
// the action), as in lib/audit/record-audit-event.integration.test.ts: the change it belongs to must roll back.
const auditFault = vi.hoisted(() => ({ failNextWrite: false }));
vi.mock("@/lib/audit/record-audit-event", async (actual: () => Promise<typeof import("@/lib/audit/record-audit-event")>) => {
  const real = await actual();
  return {
    ...real,
    recordAuditEvent: async (...args: Parameters<typeof real.recordAuditEvent>) => {
      if (auditFault.failNextWrite) {
        auditFault.failNextWrite = false;
        await args[0].auditEvent.create({ data: { actorType: "SYSTEM", action: "Not A Valid Action" } });
      }
      return real.recordAuditEvent(...args);
    },
  };
});

const OKTA_CALLBACK = "https://acme.okta.com/idp/identity-verification/callback";
const fields = { name: "Acme production", redirectUris: `${OKTA_CALLBACK}\n`, allowedClaims: ["firstName", "lastName", "dateOfBirth"] };

let ownerUrl: string;

async function signInAs(role: ConsoleRole) {
  const email = `${role.toLowerCase()}-${randomUUID()}@example.com`;
  const user = await db().consoleUser.create({ data: { email, name: email, role, passwordHash: await hashPassword("a password 123"), mustChangePassword: false } });
  signedIn.user = { id: user.id, email, name: email, role, mustChangePassword: false, sessionVersion: 1, sessionId: "00000000-0000-4000-8000-000000000000", secondFactor: "verified", secondFactorAt: new Date(), hasSecondFactor: true };
  return user;
}

function dataOf<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.code}: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}

async function register(overrides: Partial<typeof fields> = {}) {
  return dataOf(await createIdvClientAction({ ...fields, ...overrides }));
}

/** Tables (of this file's own database) where `needle` appears anywhere in any column of any row. */
async function tablesContaining(needle: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const hits = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name.replaceAll('"', '""')}" t WHERE strpos(t::text, $1) > 0`, [needle]);
      if ((hits.rows[0]?.n ?? 0) > 0) found.push(name);
    }
    return found;
  } finally {
    await client.end();
  }
}

const counts = async () => ({ clients: await db().idvClient.count(), events: await db().auditEvent.count() });
const eventsFor = (id: string) => db().auditEvent.findMany({ where: { targetId: id }, orderBy: { chainSeq: "asc" } });

describe("identity verification clients", () => {
  beforeAll(async () => {
    // Own database: the tests count rows across whole tables and search every table for the secret.
    ownerUrl = await useFreshDatabase("idv_clients");
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await signInAs("ADMIN");
  });

  it("registers a client and returns its secret once: only the hash is stored, the audit names neither", async () => {
    const issued = await register();
    expect(issued.clientId).toMatch(/^idv_/);
    const stored = await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored).toMatchObject({ name: "Acme production", redirectUris: [OKTA_CALLBACK], allowedClaims: ["firstName", "lastName", "dateOfBirth"], createdById: signedIn.user?.id, revokedAt: null });
    expect(stored.secretHash).toBe(hashIdvClientSecret(issued.clientSecret));
    expect(await tablesContaining(issued.clientSecret)).toEqual([]);
    expect(await tablesContaining(stored.secretHash)).toEqual(["idv_client"]);
    expect(await authenticateIdvClient(issued.clientId, issued.clientSecret)).toMatchObject({ id: issued.id });

    const [event, ...others] = await eventsFor(issued.id);
    expect(others).toEqual([]);
    expect(event).toMatchObject({ action: "idv_client.created", actorId: signedIn.user?.id, targetLabel: "Acme production" });
    expect(event?.details).toEqual({ clientId: issued.clientId, redirectUriHosts: ["acme.okta.com"], allowedClaims: ["firstName", "lastName", "dateOfBirth"] });
  });

  it("refuses invalid input with a message for the field, and writes nothing", async () => {
    const before = await counts();
    const refusals = [
      { input: { redirectUris: "acme.okta.com/callback" }, field: "redirectUris", message: /is not a full URL/ },
      { input: { redirectUris: `${OKTA_CALLBACK}#done` }, field: "redirectUris", message: /cannot have a fragment/ },
      { input: { redirectUris: "http://acme.okta.com/idp/identity-verification/callback" }, field: "redirectUris", message: /must start with https:\/\// },
      { input: { redirectUris: "https://admin:pw@acme.okta.com/callback" }, field: "redirectUris", message: /user name or password/ },
      { input: { redirectUris: `${OKTA_CALLBACK}\n${OKTA_CALLBACK}` }, field: "redirectUris", message: /listed twice/ },
      { input: { redirectUris: " \n " }, field: "redirectUris", message: /at least one redirect URI/ },
      { input: { allowedClaims: ["lastName", "dateOfBirth"] }, field: "allowedClaims", message: /Include first name/ },
      { input: { name: "  " }, field: "name", message: /Enter a name/ },
    ];
    for (const refusal of refusals) {
      const result = await createIdvClientAction({ ...fields, ...refusal.input });
      expect(result, JSON.stringify(refusal.input)).toMatchObject({ ok: false, code: "invalid_input" });
      if (result.ok) continue;
      expect(result.fieldErrors?.[refusal.field]?.join(" ")).toMatch(refusal.message);
    }
    expect(await counts()).toEqual(before);
  });

  it("changes name, redirect URIs and claims, audited with what changed; an unchanged save writes nothing", async () => {
    const issued = await register({ name: "Acme staging" });
    const sandbox = "http://127.0.0.1:4100/idp/identity-verification/callback";
    dataOf(await updateIdvClientAction({ id: issued.id, name: "Acme preview", redirectUris: [OKTA_CALLBACK, sandbox], allowedClaims: ["lastName", "firstName", "country"] }));
    const stored = await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored).toMatchObject({ name: "Acme preview", redirectUris: [OKTA_CALLBACK, sandbox], allowedClaims: ["firstName", "lastName", "country"] });
    expect(stored.secretHash).toBe(hashIdvClientSecret(issued.clientSecret));

    const updated = (await eventsFor(issued.id)).filter((event) => event.action === "idv_client.updated");
    expect(updated.map((event) => event.details)).toEqual([
      {
        clientId: issued.clientId,
        changed: ["name", "redirectUris", "allowedClaims"],
        previousName: "Acme staging",
        redirectUriHosts: ["acme.okta.com", "127.0.0.1:4100"],
        redirectUriCount: 2,
        claimsAdded: ["country"],
        claimsRemoved: ["dateOfBirth"],
      },
    ]);
    const before = await counts();
    dataOf(await updateIdvClientAction({ id: issued.id, name: "Acme preview", redirectUris: `${OKTA_CALLBACK}\n${sandbox}`, allowedClaims: ["firstName", "lastName", "country"] }));
    expect(await counts()).toEqual(before);
    expect(await updateIdvClientAction({ id: randomUUID(), ...fields })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("replaces the secret: the old one stops working at once, the new one is shown once", async () => {
    const issued = await register({ name: "Acme rotation" });
    const replaced = dataOf(await rotateIdvClientSecretAction({ id: issued.id }));
    expect(replaced).toMatchObject({ id: issued.id, clientId: issued.clientId });
    expect(replaced.clientSecret).not.toBe(issued.clientSecret);
    const stored = await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.secretHash).toBe(hashIdvClientSecret(replaced.clientSecret));
    expect(stored.secretRotatedAt).toBeInstanceOf(Date);
    expect(await authenticateIdvClient(issued.clientId, issued.clientSecret)).toBeNull();
    expect(await authenticateIdvClient(issued.clientId, replaced.clientSecret)).toMatchObject({ id: issued.id });
    expect(await tablesContaining(replaced.clientSecret)).toEqual([]);
    const events = await eventsFor(issued.id);
    expect(events.map((event) => event.action)).toEqual(["idv_client.created", "idv_client.secret_rotated"]);
    expect(events[1]?.details).toEqual({ clientId: issued.clientId });
  });

  it("revokes for good: audited, open authorizations spent, a second revoke and any later change refused", async () => {
    const issued = await register({ name: "Acme revoked" });
    const spentEarlier = new Date("2026-01-01T00:00:00.000Z");
    const authorization = (overrides: Record<string, Date | string | null>) => ({
      clientId: issued.id,
      requestUriHash: randomBytes(16).toString("hex"),
      requestUriExpiresAt: new Date(Date.now() + 60_000),
      redirectUri: OKTA_CALLBACK,
      scope: "openid profile identity_assurance",
      codeChallenge: randomBytes(32).toString("base64url"),
      ...overrides,
    });
    const pushed = await db().idvAuthorization.create({ data: authorization({}) });
    const codeIssued = await db().idvAuthorization.create({ data: authorization({ requestUriUsedAt: spentEarlier, codeHash: randomBytes(16).toString("hex"), codeExpiresAt: new Date(Date.now() + 60_000) }) });
    const finished = await db().idvAuthorization.create({ data: authorization({ requestUriUsedAt: spentEarlier, codeUsedAt: spentEarlier }) });

    dataOf(await revokeIdvClientAction({ id: issued.id }));
    expect((await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } })).revokedAt).toBeInstanceOf(Date);
    expect(await findIdvClient(issued.clientId)).toBeNull();
    expect(await authenticateIdvClient(issued.clientId, issued.clientSecret)).toBeNull();
    const rows = await db().idvAuthorization.findMany({ where: { clientId: issued.id } });
    for (const row of rows) {
      expect(row.requestUriUsedAt).toBeInstanceOf(Date);
      expect(row.codeUsedAt).toBeInstanceOf(Date);
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(codeIssued.id)?.requestUriUsedAt).toEqual(spentEarlier);
    expect(byId.get(finished.id)).toMatchObject({ requestUriUsedAt: spentEarlier, codeUsedAt: spentEarlier });
    expect(byId.get(pushed.id)?.requestUriUsedAt?.getTime()).toBeGreaterThan(spentEarlier.getTime());

    const revoked = (await eventsFor(issued.id)).filter((event) => event.action === "idv_client.revoked");
    expect(revoked.map((event) => event.details)).toEqual([{ clientId: issued.clientId, pendingAuthorizationsClosed: 2 }]);

    const before = await counts();
    expect(await revokeIdvClientAction({ id: issued.id })).toMatchObject({ ok: false, code: "conflict", error: "This client is already revoked." });
    expect(await rotateIdvClientSecretAction({ id: issued.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await updateIdvClientAction({ id: issued.id, ...fields })).toMatchObject({ ok: false, code: "conflict" });
    expect(await revokeIdvClientAction({ id: randomUUID() })).toMatchObject({ ok: false, code: "not_found" });
    expect(await counts()).toEqual(before);
    expect((await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } })).secretHash).toBe(hashIdvClientSecret(issued.clientSecret));
  });

  it("writes nothing when the audit event cannot be written", async () => {
    const issued = await register({ name: "Acme audit fault" });
    const before = await counts();
    for (const attempt of [() => createIdvClientAction({ ...fields, name: "Never stored" }), () => rotateIdvClientSecretAction({ id: issued.id }), () => revokeIdvClientAction({ id: issued.id }), () => updateIdvClientAction({ id: issued.id, ...fields, name: "Never renamed" })]) {
      auditFault.failNextWrite = true;
      await expect(attempt()).rejects.toThrow();
      expect(auditFault.failNextWrite, "the refused audit write caused the failure").toBe(false);
    }
    expect(await counts()).toEqual(before);
    expect(await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } })).toMatchObject({ name: "Acme audit fault", revokedAt: null, secretRotatedAt: null, secretHash: hashIdvClientSecret(issued.clientSecret) });
  });

  it("refuses helpdesk agents and changes nothing", async () => {
    const issued = await register({ name: "Acme helpdesk" });
    await signInAs("HELPDESK");
    const before = await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } });
    for (const result of [await createIdvClientAction(fields), await rotateIdvClientSecretAction({ id: issued.id }), await revokeIdvClientAction({ id: issued.id }), await updateIdvClientAction({ id: issued.id, ...fields })]) {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db().idvClient.findUniqueOrThrow({ where: { id: issued.id } })).toEqual(before);
    expect(await db().idvClient.count({ where: { name: fields.name, createdById: signedIn.user?.id } })).toBe(0);
  });
});
