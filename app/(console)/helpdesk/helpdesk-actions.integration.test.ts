import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelVerificationAction,
  confirmCallerBindingAction,
  resendVerificationLinkAction,
  showVerificationLinkAction,
  startResetForCallerAction,
} from "@/app/(console)/helpdesk/actions";
import { hashPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { confirmCallerBinding, openBindingCode } from "@/lib/verification/requests/caller-binding";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { createVerificationWorld, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);
// The signed-in console user, switched per call: the actions re-check it on the server like any request.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: ConsoleRole; mustChangePassword: boolean; sessionVersion: number; sessionId: string; secondFactor: "verified"; secondFactorAt: Date; hasSecondFactor: boolean } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentConsoleUser: async () => signedIn.user }));

type Person = { id: string; email: string; name: string; role: ConsoleRole };
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let agentB: Person;
let admin: Person;

function as(person: Person) {
  signedIn.user = { ...person, mustChangePassword: false, sessionVersion: 1, sessionId: "00000000-0000-4000-8000-000000000000", secondFactor: "verified", secondFactorAt: new Date(), hasSecondFactor: true };
}

async function consoleUser(email: string, role: ConsoleRole): Promise<Person> {
  const user = await db().consoleUser.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword("a password 123"), mustChangePassword: false } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Agent A's verification, decided VERIFIED (document and code are not what this file tests). */
async function verifiedByAgentA(purpose: "HELPDESK_CHECK" | "PASSWORD_RESET") {
  const employee = await world.createEmployee();
  const created = await createVerificationRequest({ employeeId: employee.id, purpose, channel: "IN_PERSON" }, { type: "CONSOLE_USER", user: world.agent });
  const { sessionToken } = await startVerification(tokenFrom(created.link));
  const session = (await loadVerificationSession(sessionToken))!;
  await db().verificationRequest.update({ where: { id: created.id }, data: { codeVerifiedAt: new Date(), codeChannel: "EMAIL" } });
  await decideVerification({ ...session, codeVerifiedAt: new Date(), codeChannel: "EMAIL", policy: { ...session.policy, requireIdDocument: false } }, { firstName: "Alex", lastName: "Doe" });
  const code = openBindingCode((await loadVerificationSession(sessionToken))!)!;
  return { id: created.id, code };
}

async function pendingOfAgentA(channel: "EMAIL" | "IN_PERSON" = "EMAIL") {
  const employee = await world.createEmployee();
  return createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel }, { type: "CONSOLE_USER", user: world.agent });
}

const events = (action: string, targetId: string) => db().auditEvent.findMany({ where: { action, targetId }, orderBy: { id: "asc" } });

describe("who may act on a verification (issue 12, finding 11)", () => {
  beforeAll(async () => {
    await useFreshDatabase("helpdesk_actions");
    world = await createVerificationWorld("scope");
    agentB = await consoleUser("agent-b@example.com", "HELPDESK");
    admin = await consoleUser("admin@example.com", "ADMIN");
  });
  beforeEach(() => fakeBrowser.reset());

  it("shows the link only to the agent who started it, and audits every display once", async () => {
    const created = await pendingOfAgentA("IN_PERSON");
    for (const other of [agentB, admin]) {
      as(other);
      expect(await showVerificationLinkAction({ id: created.id })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await events("verification.link_viewed", created.id)).toHaveLength(0);
    expect((await events("access.denied", created.id)).map((event) => event.actorId)).toEqual([agentB.id, admin.id]);

    as(world.agent);
    for (let display = 1; display <= 2; display += 1) {
      const shown = await showVerificationLinkAction({ id: created.id });
      expect(shown).toMatchObject({ ok: true, data: { link: created.link, svg: expect.stringContaining("<svg") } });
      const viewed = await events("verification.link_viewed", created.id);
      expect(viewed).toHaveLength(display);
      expect(viewed.at(-1)).toMatchObject({ actorId: world.agent.id, ip: fakeBrowser.ip, details: { channel: "IN_PERSON" } });
    }
    // Once started, there is nothing to show and nothing is recorded.
    await startVerification(tokenFrom(created.link));
    expect(await showVerificationLinkAction({ id: created.id })).toEqual({ ok: true, data: null });
    expect(await events("verification.link_viewed", created.id)).toHaveLength(2);
  });

  it("never shows a self-service link to anyone in the console, nor lets an agent cancel it", async () => {
    const employee = await world.createEmployee();
    const started = await startSelfServiceVerification(employee.login);
    const row = await db().verificationRequest.findFirstOrThrow({ where: { employeeId: employee.id, initiatorType: "SELF_SERVE" } });
    expect(row.sealedLinkToken).not.toBeNull();
    for (const person of [world.agent, agentB, admin]) {
      as(person);
      const result = await showVerificationLinkAction({ id: row.id });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      expect(JSON.stringify(result)).not.toContain(started.token);
    }
    expect(await events("verification.link_viewed", row.id)).toHaveLength(0);
    as(agentB);
    expect(await cancelVerificationAction({ id: row.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "PENDING" });
  });

  it("lets only the initiating agent confirm the caller", async () => {
    const { id, code } = await verifiedByAgentA("HELPDESK_CHECK");
    for (const other of [agentB, admin]) {
      as(other);
      expect(await confirmCallerBindingAction({ id, code })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ bindingConfirmedAt: null, bindingFailedAttempts: 0 });
    expect(await events("verification.caller_bound", id)).toHaveLength(0);
    as(world.agent);
    expect(await confirmCallerBindingAction({ id, code })).toEqual({ ok: true, data: { ok: true } });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ bindingConfirmedById: world.agent.id });
  });

  it("refuses the same read-back from another agent in the domain function too", async () => {
    const { id, code } = await verifiedByAgentA("HELPDESK_CHECK");
    await expect(confirmCallerBinding(id, code, { type: "CONSOLE_USER", id: agentB.id, label: agentB.email })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ bindingConfirmedAt: null });
  });

  it("lets only the initiating agent start a reset, even after the caller was confirmed", async () => {
    const { id, code } = await verifiedByAgentA("PASSWORD_RESET");
    as(world.agent);
    expect(await confirmCallerBindingAction({ id, code })).toEqual({ ok: true, data: { ok: true } });
    for (const other of [agentB, admin]) {
      as(other);
      expect(await startResetForCallerAction({ requestId: id, action: "PASSWORD_RESET" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db().credentialReset.count({ where: { requestId: id } })).toBe(0);
    expect(await events("credential_reset.requested", id)).toHaveLength(0);
  });

  it("lets only the initiating agent send the link again", async () => {
    const created = await pendingOfAgentA("EMAIL");
    const before = await db().outboxMessage.count({ where: { relatedId: created.id } });
    for (const other of [agentB, admin]) {
      as(other);
      expect(await resendVerificationLinkAction({ id: created.id })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db().outboxMessage.count({ where: { relatedId: created.id } })).toBe(before);
    as(world.agent);
    expect(await resendVerificationLinkAction({ id: created.id })).toEqual({ ok: true, data: null });
    expect(await db().outboxMessage.count({ where: { relatedId: created.id } })).toBe(before + 1);
  });

  it("lets another agent not cancel; an admin may, and the log names it a take-over", async () => {
    const created = await pendingOfAgentA();
    as(agentB);
    expect(await cancelVerificationAction({ id: created.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "PENDING" });
    as(admin);
    expect(await cancelVerificationAction({ id: created.id })).toEqual({ ok: true, data: null });
    expect(await events("verification.cancelled", created.id)).toMatchObject([{ actorId: admin.id, details: { takeOver: true, initiatedById: world.agent.id } }]);

    const own = await pendingOfAgentA();
    as(world.agent);
    expect(await cancelVerificationAction({ id: own.id })).toEqual({ ok: true, data: null });
    const ownCancel = await events("verification.cancelled", own.id);
    expect(ownCancel).toMatchObject([{ actorId: world.agent.id }]);
    expect(ownCancel[0]?.details).toEqual({});
  });

  it("answers an unknown verification as not found", async () => {
    as(world.agent);
    expect(await showVerificationLinkAction({ id: "4f1c2a7e-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, code: "not_found" });
  });
});
