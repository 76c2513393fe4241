import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { getCurrentPolicy } from "@/lib/verification/policy/get-current-policy";
import { listPolicyVersions } from "@/lib/verification/policy/list-policy-versions";
import { saveVerificationPolicy } from "@/lib/verification/policy/save-verification-policy";
import { simulatePolicy } from "@/lib/verification/policy/simulate-policy";

const request = { ip: "192.0.2.30", userAgent: "vitest" };

async function counts() {
  return { policies: await db().verificationPolicy.count(), events: await db().auditEvent.count() };
}

describe("verification policy versions", () => {
  let admin: { id: string; email: string };

  beforeAll(async () => {
    // Own database: version numbers and audit counts are global to the table.
    await useFreshDatabase("verification_policy");
    admin = await db().consoleUser.create({
      data: { email: "policy-admin@example.com", name: "Policy Admin", role: "ADMIN", passwordHash: await hashPassword("admin password 1"), mustChangePassword: false },
    });
  });

  it("creates the default version 1 exactly once, even when asked concurrently", async () => {
    const policies = await Promise.all(Array.from({ length: 8 }, () => getCurrentPolicy()));
    expect(new Set(policies.map((policy) => policy.id)).size).toBe(1);
    expect(policies[0]).toMatchObject({ ...DEFAULT_POLICY, version: 1, createdBy: null });
    expect(await db().verificationPolicy.count()).toBe(1);
  });

  it("saves version 2 with an audit event listing each change, old → new", async () => {
    const input = { ...DEFAULT_POLICY, claims: { ...DEFAULT_POLICY.claims, dateOfBirth: "REQUIRED" as const }, linkLifetimeMinutes: 60, expectedVersion: 1 };
    const result = await saveVerificationPolicy(admin, input, request);
    expect(result.version).toBe(2);

    const current = await getCurrentPolicy();
    expect(current).toMatchObject({ version: 2, linkLifetimeMinutes: 60, createdBy: { id: admin.id, email: admin.email } });
    expect(current.claims.dateOfBirth).toBe("REQUIRED");

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "verification_policy.updated" } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "verification_policy", targetId: current.id, targetLabel: "Version 2", ip: request.ip });
    expect(event.details).toEqual({
      fromVersion: 1,
      toVersion: 2,
      changes: { "claims.dateOfBirth": { from: "OFF", to: "REQUIRED" }, linkLifetimeMinutes: { from: 1440, to: 60 } },
      summary: "Date of birth: Off → Required; Link lifetime: 24 hours → 1 hour",
    });
  });

  it("refuses a save based on a stale version and writes nothing", async () => {
    const before = await counts();
    const attempt = saveVerificationPolicy(admin, { ...DEFAULT_POLICY, maxAttempts: 3, expectedVersion: 1 }, request);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Someone else changed/) });
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two concurrent saves on the same version succeed", async () => {
    const current = await getCurrentPolicy();
    const results = await Promise.allSettled([
      saveVerificationPolicy(admin, { ...current, maxAttempts: 3, expectedVersion: current.version }, request),
      saveVerificationPolicy(admin, { ...current, maxAttempts: 7, expectedVersion: current.version }, request),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "conflict" });
    expect((await getCurrentPolicy()).version).toBe(current.version + 1);
    expect(await db().auditEvent.count({ where: { action: "verification_policy.updated" } })).toBe(2);
  });

  it("writes nothing when the save changes nothing", async () => {
    const current = await getCurrentPolicy();
    const before = await counts();
    const result = await saveVerificationPolicy(admin, { ...current, expectedVersion: current.version }, request);
    expect(result).toEqual({ version: current.version, changes: [] });
    expect(await counts()).toEqual(before);
  });

  it("refuses invalid policies with field errors and writes nothing", async () => {
    const before = await counts();
    const allOptional = Object.fromEntries(Object.keys(DEFAULT_POLICY.claims).map((claim) => [claim, "OPTIONAL"]));
    await expect(saveVerificationPolicy(admin, { ...DEFAULT_POLICY, claims: { ...DEFAULT_POLICY.claims, ...allOptional }, linkLifetimeMinutes: 5 }, request)).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { claims: [expect.stringMatching(/at least one claim Required/)], linkLifetimeMinutes: [expect.stringMatching(/at least 10 minutes/)] },
    });
    await expect(saveVerificationPolicy(admin, { ...DEFAULT_POLICY, requirePossessionCode: false, requireIdDocument: false }, request)).rejects.toMatchObject({
      fieldErrors: { requireIdDocument: [expect.stringMatching(/anyone who knows the employee's details/)] },
    });
    await expect(saveVerificationPolicy(admin, { ...DEFAULT_POLICY, claims: { ...DEFAULT_POLICY.claims, lastName: "OFF" } }, request)).rejects.toMatchObject({
      fieldErrors: { "claims.lastName": [expect.stringMatching(/ties the document to the employee/)] },
    });
    expect(await counts()).toEqual(before);
  });

  it("lists versions newest first with what each changed", async () => {
    const versions = await listPolicyVersions(2);
    expect(versions.map((version) => version.version)).toEqual([3, 2]);
    expect(versions[0]?.changes).toEqual([expect.stringMatching(/^Attempts: 5 → [37]$/)]);
    expect(versions[1]).toMatchObject({ createdBy: admin.email, changes: ["Date of birth: Off → Required", "Link lifetime: 24 hours → 1 hour"] });
    expect((await listPolicyVersions(10)).at(-1)).toMatchObject({ version: 1, createdBy: null, changes: ["Initial policy"] });
  });

  it("saves changes of the self-service and reset settings as a new version, with the diff audited", async () => {
    const current = await getCurrentPolicy();
    const input = { ...current, selfServiceEnabled: false, allowAccountUnlock: false, oktaPasswordResetMethod: "RESET_LINK" as const, expectedVersion: current.version };
    const result = await saveVerificationPolicy(admin, input, request);
    expect(result.version).toBe(current.version + 1);

    const saved = await getCurrentPolicy();
    expect(saved).toMatchObject({ version: result.version, selfServiceEnabled: false, allowPasswordReset: true, allowMfaReset: true, allowAccountUnlock: false, issueTemporaryAccessPass: true, oktaPasswordResetMethod: "RESET_LINK" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "verification_policy.updated", targetId: saved.id } });
    expect(event.details).toEqual({
      fromVersion: current.version,
      toVersion: result.version,
      changes: {
        selfServiceEnabled: { from: true, to: false },
        allowAccountUnlock: { from: true, to: false },
        oktaPasswordResetMethod: { from: "TEMPORARY_PASSWORD", to: "RESET_LINK" },
      },
      summary: "Self-service portal: on → off; Account unlock: allowed → not allowed; Okta password reset: Temporary password shown once → Okta reset link",
    });
    expect((await listPolicyVersions(1))[0]?.changes).toEqual([
      "Self-service portal: on → off",
      "Account unlock: allowed → not allowed",
      "Okta password reset: Temporary password shown once → Okta reset link",
    ]);

    // The same settings again: nothing to save.
    const before = await counts();
    expect(await saveVerificationPolicy(admin, { ...saved, expectedVersion: saved.version }, request)).toEqual({ version: saved.version, changes: [] });
    expect(await counts()).toEqual(before);
  });

  it("refuses self-service without the ID document check, or with no action allowed, and writes nothing", async () => {
    const current = await getCurrentPolicy();
    const before = await counts();
    await expect(saveVerificationPolicy(admin, { ...current, selfServiceEnabled: true, requireIdDocument: false, expectedVersion: current.version }, request)).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { selfServiceEnabled: ["Self-service needs the ID document check: without it, anyone who knows an employee's address and phone could reset their account."] },
    });
    const noActions = { allowPasswordReset: false, allowMfaReset: false, allowAccountUnlock: false };
    await expect(saveVerificationPolicy(admin, { ...current, ...noActions, selfServiceEnabled: true, expectedVersion: current.version }, request)).rejects.toMatchObject({
      fieldErrors: { selfServiceEnabled: [expect.stringMatching(/at least one action after verification/)] },
    });
    expect(await counts()).toEqual(before);

    // With self-service off, a helpdesk-only policy may go without the document (the possession code stays on).
    const helpdeskOnly = await saveVerificationPolicy(admin, { ...current, selfServiceEnabled: false, requireIdDocument: false, expectedVersion: current.version }, request);
    expect(helpdeskOnly.changes.map((change) => change.description)).toEqual(["ID document: on → off"]);
  });

  it("is refused by the database when a stored version is edited or deleted", async () => {
    const current = await getCurrentPolicy();
    await expect(db().verificationPolicy.update({ where: { id: current.id }, data: { maxAttempts: 9 } })).rejects.toThrow(/immutable/);
    await expect(db().$executeRaw`UPDATE verification_policy SET claims = '{}'::jsonb WHERE id = ${current.id}::uuid`).rejects.toThrow(/immutable/);
    await expect(db().verificationPolicy.delete({ where: { id: current.id } })).rejects.toThrow(/immutable/);
    expect((await getCurrentPolicy()).maxAttempts).toBe(current.maxAttempts);
  });
});

describe("policy simulation", () => {
  let connectionId: string;

  beforeAll(async () => {
    connectionId = await createTestConnection();
    const employee = (login: string, fields: Record<string, string | null>, membership: "ACTIVE" | "INACTIVE" = "ACTIVE") => ({
      connectionId,
      externalId: login,
      login,
      accountStatus: "ACTIVE",
      lastSyncedAt: new Date(),
      membership,
      firstName: "Ann",
      lastName: "Lee",
      email: `${login}@example.com`,
      ...fields,
    });
    await db().employee.createMany({
      data: [
        employee("a.complete", { birthday: "1990-01-02", mobilePhone: "+15555550100" }),
        employee("b.nobirthday", { mobilePhone: "+15555550101" }),
        employee("c.blankname", { firstName: "  ", birthday: "1985-05-05" }),
        employee("d.nolastname", { lastName: null }),
        employee("e.left", { firstName: null, lastName: null }, "INACTIVE"),
      ],
    });
  });

  it("counts who can pass under unsaved claims, and lists who cannot with what they lack", async () => {
    const simulation = await simulatePolicy({ claims: { ...DEFAULT_POLICY.claims, dateOfBirth: "REQUIRED" } }, { connectionId });
    expect(simulation).toMatchObject({ totalActive: 4, canPass: 1, cannotPass: 3 });
    expect(simulation.missingByClaim).toMatchObject({ firstName: 1, lastName: 1, dateOfBirth: 2, mobilePhone: 2, email: 0, street: 4 });
    expect(simulation.blocked).toEqual([
      { employeeId: expect.any(String), login: "b.nobirthday", name: "Ann Lee", missing: ["dateOfBirth"] },
      { employeeId: expect.any(String), login: "c.blankname", name: "Lee", missing: ["firstName"] },
      { employeeId: expect.any(String), login: "d.nolastname", name: "Ann", missing: ["lastName", "dateOfBirth"] },
    ]);
  });

  it("counts Optional and Off claims as missing, but not as blocking", async () => {
    const simulation = await simulatePolicy({ claims: { ...DEFAULT_POLICY.claims, firstName: "OPTIONAL", lastName: "OFF", email: "REQUIRED" } }, { connectionId });
    expect(simulation).toMatchObject({ totalActive: 4, canPass: 4, cannotPass: 0, blocked: [] });
    expect(simulation.missingByClaim.lastName).toBe(1);
  });
});
