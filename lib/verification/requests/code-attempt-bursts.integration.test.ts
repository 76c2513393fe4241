import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { confirmCallerBinding, MAX_BINDING_ATTEMPTS, openBindingCode } from "@/lib/verification/requests/caller-binding";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { getVerificationDetail } from "@/lib/verification/requests/get-verification-detail";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { codeFrom, createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

// Issue 12, finding 4: attempts are reserved in one conditional UPDATE before any comparison, so a parallel burst
// is compared at most the limit's number of times and the right code cannot win after the limit is spent.

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const helpdesk = () => ({ type: "CONSOLE_USER" as const, user: world.agent });
const agentActor = () => ({ type: "CONSOLE_USER" as const, id: world.agent.id, label: world.agent.email });

async function countEvents(verificationId: string, action: string): Promise<number> {
  return db().auditEvent.count({ where: { targetId: verificationId, action } });
}

/** A started helpdesk verification with a code sent; returns the right code and a wrong one. */
async function sessionWithCode() {
  const employee = await world.createEmployee();
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK" }, helpdesk());
  const { sessionToken } = await startVerification(tokenFrom(await latestMessageText(created.id)));
  await sendPossessionCode((await loadVerificationSession(sessionToken))!, "EMAIL");
  const right = codeFrom(await latestMessageText(created.id));
  const session = (await loadVerificationSession(sessionToken))!;
  return { created, session, right, wrong: (index: number) => String((Number(right) + 1 + index) % 1_000_000).padStart(6, "0") };
}

/** A VERIFIED helpdesk verification with a read-back code on the employee's screen. */
async function verifiedWithBindingCode() {
  const employee = await world.createEmployee();
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "IN_PERSON" }, helpdesk());
  const { sessionToken } = await startVerification(tokenFrom(created.link));
  const session = (await loadVerificationSession(sessionToken))!;
  await db().verificationRequest.update({ where: { id: created.id }, data: { codeVerifiedAt: new Date(), codeChannel: "EMAIL" } });
  await decideVerification({ ...session, codeVerifiedAt: new Date(), codeChannel: "EMAIL", policy: { ...session.policy, requireIdDocument: false } }, { firstName: "Alex", lastName: "Doe" });
  const shown = openBindingCode((await loadVerificationSession(sessionToken))!)!;
  return { created, sessionToken, shown, wrong: shown === "AAA-AAA" ? "CCC-CCC" : "AAA-AAA" };
}

describe("code attempts under a parallel burst", () => {
  beforeAll(async () => {
    await useFreshDatabase("code_attempt_bursts");
    world = await createVerificationWorld("burst");
  });

  it("compares at most maxAttempts of 60 parallel wrong possession codes, then refuses the right one", async () => {
    const { created, session, right, wrong } = await sessionWithCode();
    const max = session.policy.maxAttempts;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, index) => confirmPossessionCode(session, wrong(index))));
    expect(results.filter((result) => result.status === "fulfilled" && result.value.ok)).toEqual([]);
    // One verification.code_failed per compared wrong code; the counter never runs past the limit.
    expect(await countEvents(created.id, "verification.code_failed")).toBeLessThanOrEqual(max);
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.codeFailedAttempts).toBeLessThanOrEqual(max);
    expect(row).toMatchObject({ status: "FAILED", codeVerifiedAt: null });
    // Even with the session as it was loaded before the burst (status IN_PROGRESS in memory), the right code fails.
    const late = await confirmPossessionCode(session, right).catch((error: unknown) => error);
    expect(late).not.toEqual({ ok: true });
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).codeVerifiedAt).toBeNull();
  });

  it("lets at most one request of a parallel burst succeed, and only within the limit", async () => {
    const { created, session, right, wrong } = await sessionWithCode();
    const max = session.policy.maxAttempts;
    const typed = [...Array.from({ length: 55 }, (_, index) => wrong(index)), ...Array.from({ length: 5 }, () => right)];
    const results = await Promise.allSettled(typed.map((code) => confirmPossessionCode(session, code)));
    const successes = results.filter((result) => result.status === "fulfilled" && result.value.ok).length;
    expect(successes).toBeLessThanOrEqual(1);
    expect(await countEvents(created.id, "verification.code_verified")).toBe(successes);
    // Compared = wrong codes counted + the success, never more than the policy allows.
    expect((await countEvents(created.id, "verification.code_failed")) + successes).toBeLessThanOrEqual(max);
  });

  it("compares at most three of 30 parallel wrong read-back codes, then refuses the right one", async () => {
    const { created, shown, wrong } = await verifiedWithBindingCode();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => confirmCallerBinding(created.id, wrong, agentActor())));
    expect(results.filter((result) => result.status === "fulfilled" && result.value.ok)).toEqual([]);
    expect(await countEvents(created.id, "verification.caller_binding_failed")).toBeLessThanOrEqual(MAX_BINDING_ATTEMPTS);
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).bindingFailedAttempts).toBeLessThanOrEqual(MAX_BINDING_ATTEMPTS);
    await expect(confirmCallerBinding(created.id, shown, agentActor())).rejects.toThrow(/too many wrong codes/);
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).bindingConfirmedAt).toBeNull();
  });

  it("binds the caller at most once from a parallel burst carrying the right read-back code", async () => {
    const { created, shown, wrong } = await verifiedWithBindingCode();
    const typed = [...Array.from({ length: 20 }, () => wrong), ...Array.from({ length: 5 }, () => shown)];
    const results = await Promise.allSettled(typed.map((code) => confirmCallerBinding(created.id, code, agentActor())));
    const successes = results.filter((result) => result.status === "fulfilled" && result.value.ok).length;
    expect(successes).toBeLessThanOrEqual(1);
    expect(await countEvents(created.id, "verification.caller_bound")).toBe(successes);
    expect((await countEvents(created.id, "verification.caller_binding_failed")) + successes).toBeLessThanOrEqual(MAX_BINDING_ATTEMPTS);
  });

  it("refuses a read-back code once it has expired, and stops showing it", async () => {
    const { created, sessionToken, shown } = await verifiedWithBindingCode();
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.bindingCodeExpiresAt!.getTime() - row.decidedAt!.getTime()).toBeCloseTo(10 * 60_000, -3);
    // Ten minutes later (moved back in the database instead of waiting).
    await db().verificationRequest.update({ where: { id: created.id }, data: { bindingCodeExpiresAt: new Date(Date.now() - 1000) } });
    await expect(confirmCallerBinding(created.id, shown, agentActor())).rejects.toThrow(/expired/);
    expect(openBindingCode((await loadVerificationSession(sessionToken))!)).toBeNull();
    expect(await getVerificationDetail(created.id)).toMatchObject({ bindingPending: false, bindingExpired: true });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ bindingConfirmedAt: null, bindingFailedAttempts: 0 });
  });
});
