import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { finishPasskeyEnrolment, startPasskeyEnrolment } from "@/lib/auth/enrol-passkey";
import { removePasskey } from "@/lib/auth/remove-passkey";
import { resetSecondFactors } from "@/lib/auth/reset-second-factors";
import { finishPasskeyAssertion, startPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { db } from "@/lib/db/prisma";
import { createSoftwareAuthenticator } from "@/lib/testing/software-authenticator";

// APP_URL is http://localhost:3000 in tests (lib/testing/vitest-setup.ts): the relying party the server expects.
const RP = { origin: "http://localhost:3000", rpId: "localhost" };
const request = { ip: "203.0.113.7", userAgent: "vitest" };

async function createAdmin() {
  const user = await db().consoleUser.create({
    data: { email: `admin-${randomUUID()}@example.com`, name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false },
  });
  return { ...user, ...(await newSession(user.id)) };
}

/** A password-only session of `userId` (what the Credentials sign-in creates). */
async function newSession(userId: string) {
  const session = await db().consoleSession.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { sessionId: session.id, secondFactorAt: null, hasSecondFactor: false };
}

async function eventCount(actorId: string, action: string) {
  return db().auditEvent.count({ where: { actorId, action } });
}

/** An admin with one enrolled passkey, and the authenticator holding it. */
async function enrolledAdmin() {
  const admin = await createAdmin();
  const authenticator = createSoftwareAuthenticator(RP);
  const options = await startPasskeyEnrolment(admin);
  await finishPasskeyEnrolment(admin, { name: "Laptop", response: authenticator.register(options) }, request);
  return { admin, authenticator };
}

describe("passkey enrolment", () => {
  it("stores the passkey, marks the session as second-factor proved, and audits it in one go", async () => {
    const { admin, authenticator } = await enrolledAdmin();
    const passkeys = await db().consolePasskey.findMany({ where: { userId: admin.id } });
    expect(passkeys).toMatchObject([{ name: "Laptop", credentialId: authenticator.credentialId }]);
    expect((await db().consoleSession.findUniqueOrThrow({ where: { id: admin.sessionId } })).secondFactorAt).toBeInstanceOf(Date);
    expect(await eventCount(admin.id, "auth.passkey_enrolled")).toBe(1);
    // Only a hash of the challenge was kept, and it is gone once used.
    expect(await db().consoleWebauthnChallenge.count({ where: { sessionId: admin.sessionId } })).toBe(0);
  });

  it("refuses a replayed registration answer and an expired challenge, storing nothing", async () => {
    const admin = await createAdmin();
    const authenticator = createSoftwareAuthenticator(RP);
    const options = await startPasskeyEnrolment(admin);
    const answer = authenticator.register(options);
    await finishPasskeyEnrolment(admin, { name: "First", response: answer }, request);
    const fresh = { ...admin, ...(await newSession(admin.id)) };
    await expect(finishPasskeyEnrolment(fresh, { name: "Replay", response: answer }, request)).rejects.toThrow(/expired or was already used/);

    const other = await createAdmin();
    const otherOptions = await startPasskeyEnrolment(other);
    await db().consoleWebauthnChallenge.updateMany({ where: { sessionId: other.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(finishPasskeyEnrolment(other, { name: "Late", response: createSoftwareAuthenticator(RP).register(otherOptions) }, request)).rejects.toThrow(/expired or was already used/);
    expect(await db().consolePasskey.count({ where: { userId: { in: [admin.id, other.id] } } })).toBe(1);
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: other.sessionId } })).toMatchObject({ secondFactorAt: null });
  });

  it("refuses an answer made for another origin or another RP ID (a phishing site)", async () => {
    const admin = await createAdmin();
    for (const override of [{ origin: "https://evil.example" }, { rpId: "evil.example" }]) {
      const options = await startPasskeyEnrolment(admin);
      const answer = createSoftwareAuthenticator(RP).register(options, override);
      await expect(finishPasskeyEnrolment(admin, { name: "Phished", response: answer }, request)).rejects.toThrow(/could not be verified/);
    }
    expect(await db().consolePasskey.count({ where: { userId: admin.id } })).toBe(0);
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: admin.sessionId } })).toMatchObject({ secondFactorAt: null });
    expect(await eventCount(admin.id, "auth.second_factor_failed")).toBe(2);
  });
});

describe("passkey sign-in assertion", () => {
  it("proves the second factor once; the same assertion replayed, another session's challenge and a wrong origin are refused", async () => {
    const { admin, authenticator } = await enrolledAdmin();
    const session = { ...admin, ...(await newSession(admin.id)) };
    const options = await startPasskeyAssertion(session);
    const assertion = authenticator.assert(options);
    await finishPasskeyAssertion(session, assertion, "sign_in", request);
    const row = await db().consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row.secondFactorAt).toBeInstanceOf(Date);
    expect(await eventCount(admin.id, "auth.second_factor_verified")).toBe(1);

    await expect(finishPasskeyAssertion(session, assertion, "sign_in", request)).rejects.toThrow(/expired or was already used/);

    const sessionA = { ...admin, ...(await newSession(admin.id)) };
    const sessionB = { ...admin, ...(await newSession(admin.id)) };
    const optionsA = await startPasskeyAssertion(sessionA);
    await expect(finishPasskeyAssertion(sessionB, authenticator.assert(optionsA), "sign_in", request)).rejects.toThrow(/expired or was already used/);

    const phished = await startPasskeyAssertion(sessionB);
    await expect(finishPasskeyAssertion(sessionB, authenticator.assert(phished, { origin: "https://evil.example" }), "sign_in", request)).rejects.toThrow(/could not be verified/);
    const sessions = await db().consoleSession.findMany({ where: { id: { in: [sessionA.sessionId, sessionB.sessionId] } } });
    expect(sessions.map((candidate) => candidate.secondFactorAt)).toEqual([null, null]);
  });

  it("refuses an assertion whose signature counter did not grow (a cloned authenticator)", async () => {
    const { admin, authenticator } = await enrolledAdmin();
    const first = { ...admin, ...(await newSession(admin.id)) };
    await finishPasskeyAssertion(first, authenticator.assert(await startPasskeyAssertion(first)), "sign_in", request);
    const stored = await db().consolePasskey.findFirstOrThrow({ where: { userId: admin.id } });
    expect(stored.signCount).toBe(1n);

    authenticator.setCounter(0);
    const clone = { ...admin, ...(await newSession(admin.id)) };
    await expect(finishPasskeyAssertion(clone, authenticator.assert(await startPasskeyAssertion(clone)), "sign_in", request)).rejects.toThrow(/could not be verified/);
    expect(await db().consoleSession.findUniqueOrThrow({ where: { id: clone.sessionId } })).toMatchObject({ secondFactorAt: null });
    expect((await db().consolePasskey.findFirstOrThrow({ where: { userId: admin.id } })).signCount).toBe(1n);
  });
});

describe("removing passkeys and recovery", () => {
  it("an admin cannot remove their last passkey; with two, one goes and the removal is audited", async () => {
    const { admin } = await enrolledAdmin();
    const fresh = { ...admin, secondFactorAt: new Date(), hasSecondFactor: true };
    const only = await db().consolePasskey.findFirstOrThrow({ where: { userId: admin.id } });
    await expect(removePasskey(fresh, only.id, request)).rejects.toThrow(/must keep a passkey/);
    expect(await db().consolePasskey.count({ where: { userId: admin.id } })).toBe(1);
    expect(await eventCount(admin.id, "auth.passkey_removed")).toBe(0);

    const second = createSoftwareAuthenticator(RP);
    const options = await startPasskeyEnrolment(fresh);
    await finishPasskeyEnrolment(fresh, { name: "Key", response: second.register(options) }, request);
    await removePasskey(fresh, only.id, request);
    expect(await db().consolePasskey.findMany({ where: { userId: admin.id }, select: { name: true } })).toEqual([{ name: "Key" }]);
    expect(await eventCount(admin.id, "auth.passkey_removed")).toBe(1);
  });

  it("removing a passkey or adding another needs a fresh second factor; refused, nothing changes", async () => {
    const { admin } = await enrolledAdmin();
    const stale = { ...admin, secondFactorAt: new Date(Date.now() - 11 * 60_000), hasSecondFactor: true };
    const only = await db().consolePasskey.findFirstOrThrow({ where: { userId: admin.id } });
    await expect(removePasskey(stale, only.id, request)).rejects.toMatchObject({ code: "step_up_required" });
    await expect(startPasskeyEnrolment(stale)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await db().consolePasskey.count({ where: { userId: admin.id } })).toBe(1);
  });

  it("another admin resets a user's passkeys and ends their sessions; nobody resets their own", async () => {
    const { admin: target } = await enrolledAdmin();
    const other = await createAdmin();
    await expect(resetSecondFactors(target, target.id, request)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db().consolePasskey.count({ where: { userId: target.id } })).toBe(1);
    await resetSecondFactors(other, target.id, request);
    expect(await db().consolePasskey.count({ where: { userId: target.id } })).toBe(0);
    expect((await db().consoleUser.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion).toBe(target.sessionVersion + 1);
    expect(await eventCount(other.id, "console_user.second_factors_reset")).toBe(1);
  });
});
