import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { confirmCallerBinding, openBindingCode } from "@/lib/verification/requests/caller-binding";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { getVerificationDetail } from "@/lib/verification/requests/get-verification-detail";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { resendVerificationLink } from "@/lib/verification/requests/resend-verification-link";
import { showVerificationLink } from "@/lib/verification/requests/show-verification-link";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const agentActor = () => ({ type: "CONSOLE_USER" as const, id: world.agent.id, label: world.agent.email });
const helpdesk = () => ({ type: "CONSOLE_USER" as const, user: world.agent });

/** A verification decided VERIFIED without document or code (policy checks are not what this file tests). */
async function verifiedRequest() {
  const employee = await world.createEmployee();
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "IN_PERSON" }, helpdesk());
  const { sessionToken } = await startVerification(tokenFrom(created.link));
  const session = (await loadVerificationSession(sessionToken))!;
  // Stand-in for a finished employee flow: the code confirmed, names typed correctly.
  await db().verificationRequest.update({ where: { id: created.id }, data: { codeVerifiedAt: new Date(), codeChannel: "EMAIL" } });
  await decideVerification({ ...session, codeVerifiedAt: new Date(), codeChannel: "EMAIL", policy: { ...session.policy, requireIdDocument: false } }, { firstName: "Alex", lastName: "Doe" });
  return { created, sessionToken };
}

describe("helpdesk hand-over: channels, QR link, resend, caller binding", () => {
  beforeAll(async () => {
    await useFreshDatabase("helpdesk_hand_over");
    world = await createVerificationWorld("hand");
  });

  it("texts the link to the mobile on record, and refuses SMS without one", async () => {
    const employee = await world.createEmployee({ mobilePhone: "(415) 555-0134", country: "US" });
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "MFA_RESET", channel: "SMS" }, helpdesk());
    const message = await db().outboxMessage.findFirstOrThrow({ where: { relatedId: created.id } });
    expect(message).toMatchObject({ channel: "SMS", recipient: "+14155550134" });
    expect(tokenFrom(await latestMessageText(created.id))).toBe(tokenFrom(created.link));
    const noMobile = await world.createEmployee({ mobilePhone: null });
    await expect(createVerificationRequest({ employeeId: noMobile.id, purpose: "MFA_RESET", channel: "SMS" }, helpdesk())).rejects.toThrow(/no valid mobile/);
  });

  it("hands the link over in person: nothing sent, the agent's page shows it until it is started", async () => {
    const employee = await world.createEmployee({ email: null });
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "IN_PERSON" }, helpdesk());
    expect(await db().outboxMessage.count({ where: { relatedId: created.id } })).toBe(0);
    expect(await showVerificationLink(world.agent, created.id)).toBe(created.link);
    await expect(resendVerificationLink(created.id, agentActor(), "Dana")).rejects.toThrow(/handed over in person/);
    await startVerification(tokenFrom(created.link));
    const detail = await getVerificationDetail(created.id);
    expect(detail?.linkLive).toBe(false);
    expect(await showVerificationLink(world.agent, created.id)).toBeNull();
    expect(JSON.stringify(detail)).not.toContain(tokenFrom(created.link));
  });

  it("sends the same link again, at most 3 times an hour", async () => {
    const employee = await world.createEmployee();
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK" }, helpdesk());
    for (let resend = 0; resend < 3; resend += 1) await resendVerificationLink(created.id, agentActor(), "Dana");
    await expect(resendVerificationLink(created.id, agentActor(), "Dana")).rejects.toThrow(/3 times/);
    const messages = await db().outboxMessage.count({ where: { relatedId: created.id } });
    expect(messages).toBe(4);
    expect(tokenFrom(await latestMessageText(created.id))).toBe(tokenFrom(created.link));
  });

  it("binds the caller with the code on the employee's screen, once", async () => {
    const { created, sessionToken } = await verifiedRequest();
    const shown = openBindingCode((await loadVerificationSession(sessionToken))!);
    expect(shown).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect(await confirmCallerBinding(created.id, shown!.toLowerCase().replace("-", " "), agentActor())).toEqual({ ok: true });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ sealedBindingCode: null, bindingConfirmedById: world.agent.id });
    expect(row.bindingConfirmedAt).not.toBeNull();
    await expect(confirmCallerBinding(created.id, shown!, agentActor())).rejects.toThrow(/already confirmed/);
  });

  it("burns the code after three wrong read-backs", async () => {
    const { created, sessionToken } = await verifiedRequest();
    const shown = openBindingCode((await loadVerificationSession(sessionToken))!)!;
    const wrong = shown === "AAA-AAA" ? "CCC-CCC" : "AAA-AAA";
    expect(await confirmCallerBinding(created.id, wrong, agentActor())).toEqual({ ok: false, attemptsLeft: 2 });
    expect(await confirmCallerBinding(created.id, wrong, agentActor())).toEqual({ ok: false, attemptsLeft: 1 });
    expect(await confirmCallerBinding(created.id, wrong, agentActor())).toEqual({ ok: false, attemptsLeft: 0 });
    await expect(confirmCallerBinding(created.id, shown, agentActor())).rejects.toThrow(/too many wrong codes/);
    expect((await getVerificationDetail(created.id))?.bindingPending).toBe(false);
    expect(await db().auditEvent.count({ where: { targetId: created.id, action: "verification.caller_binding_failed" } })).toBe(3);
  });
});
