import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { codeFrom, createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { inspectVerificationLink } from "@/lib/verification/requests/inspect-verification-link";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { hashToken } from "@/lib/verification/requests/verification-secrets";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const helpdesk = () => ({ type: "CONSOLE_USER" as const, user: world.agent });

async function auditActions(verificationId: string): Promise<string[]> {
  const events = await db().auditEvent.findMany({ where: { targetId: verificationId }, orderBy: { id: "asc" } });
  return events.map((event) => event.action);
}

async function startedSession() {
  const employee = await world.createEmployee();
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK" }, helpdesk());
  const token = tokenFrom(await latestMessageText(created.id));
  const { sessionToken } = await startVerification(token);
  return { created, token, sessionToken, employee };
}

describe("verification requests", () => {
  beforeAll(async () => {
    await useFreshDatabase("verification_lifecycle");
    world = await createVerificationWorld("life");
  });

  it("e-mails a single-use link whose token the database keeps only as a hash", async () => {
    const employee = await world.createEmployee({ firstName: "Noor" });
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET", reasonNote: "You called at 10:40" }, helpdesk());
    const text = await latestMessageText(created.id);
    const token = tokenFrom(text);
    expect(text).toContain("Noor");
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.linkTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.status).toBe("PENDING");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(24 * 3600_000, -4);

    const view = await inspectVerificationLink(token);
    expect(view).toMatchObject({ state: "READY", employeeFirstName: "Noor", purpose: "PASSWORD_RESET", reasonNote: "You called at 10:40" });
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("OPENED");
    expect(await auditActions(created.id)).toEqual(["verification.created", "verification.opened"]);
  });

  it("refuses unknown and malformed tokens without telling them apart", async () => {
    expect(await inspectVerificationLink("A".repeat(43))).toEqual({ state: "NOT_FOUND" });
    expect(await inspectVerificationLink("../../etc/passwd")).toEqual({ state: "NOT_FOUND" });
    await expect(startVerification("short")).rejects.toBeInstanceOf(AppError);
  });

  it("spends the link on start: a replay (or a racing second tab) is refused and the page says it was used", async () => {
    const employee = await world.createEmployee();
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK" }, helpdesk());
    const token = tokenFrom(await latestMessageText(created.id));
    const results = await Promise.allSettled([startVerification(token), startVerification(token), startVerification(token)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await inspectVerificationLink(token)).toEqual({ state: "USED" });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.status).toBe("IN_PROGRESS");
    expect(await auditActions(created.id)).toContain("verification.link_refused");
  });

  it("expires links past their lifetime: clear page, no start, status EXPIRED", async () => {
    const employee = await world.createEmployee();
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK" }, helpdesk());
    const token = tokenFrom(await latestMessageText(created.id));
    await db().verificationRequest.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectVerificationLink(token)).toEqual({ state: "EXPIRED" });
    await expect(startVerification(token)).rejects.toThrow(/no longer be used/);
    expect((await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("EXPIRED");
  });

  it("supersedes an employee's open link for the same purpose", async () => {
    const employee = await world.createEmployee();
    const first = await createVerificationRequest({ employeeId: employee.id, purpose: "MFA_RESET" }, helpdesk());
    const firstToken = tokenFrom(await latestMessageText(first.id));
    await createVerificationRequest({ employeeId: employee.id, purpose: "MFA_RESET" }, helpdesk());
    expect(await inspectVerificationLink(firstToken)).toEqual({ state: "CANCELLED" });
  });

  it("refuses employees who left the group or have no e-mail, and writes nothing", async () => {
    const gone = await world.createEmployee();
    await db().employee.update({ where: { id: gone.id }, data: { membership: "INACTIVE" } });
    const noMail = await world.createEmployee({ email: null });
    const before = await db().verificationRequest.count();
    await expect(createVerificationRequest({ employeeId: gone.id, purpose: "HELPDESK_CHECK" }, helpdesk())).rejects.toThrow(/not in the synced employee group/);
    await expect(createVerificationRequest({ employeeId: noMail.id, purpose: "HELPDESK_CHECK" }, helpdesk())).rejects.toThrow(/no work e-mail/);
    await expect(createVerificationRequest({ employeeId: "not-a-uuid", purpose: "HELPDESK_CHECK" }, helpdesk())).rejects.toThrow();
    expect(await db().verificationRequest.count()).toBe(before);
  });

  it("confirms the right possession code once, and it cannot be replayed", async () => {
    const { sessionToken, created } = await startedSession();
    let session = await loadVerificationSession(sessionToken);
    expect(session && nextVerificationStep(session)).toBe("CODE");
    await sendPossessionCode(session!, "EMAIL");
    const code = codeFrom(await latestMessageText(created.id));
    session = await loadVerificationSession(sessionToken);
    expect(await confirmPossessionCode(session!, code)).toEqual({ ok: true });
    session = await loadVerificationSession(sessionToken);
    expect(nextVerificationStep(session!)).toBe("DOCUMENT");
    expect(session!.codeHash).toBeNull();
  });

  it("ends the verification after too many wrong codes", async () => {
    const { sessionToken, created } = await startedSession();
    await sendPossessionCode((await loadVerificationSession(sessionToken))!, "EMAIL");
    const right = codeFrom(await latestMessageText(created.id));
    const wrong = right === "000000" ? "111111" : "000000";
    const results = [];
    for (let attempt = 0; attempt < 5; attempt += 1) results.push(await confirmPossessionCode((await loadVerificationSession(sessionToken))!, wrong));
    expect(results.map((result) => (result.ok ? "ok" : result.attemptsLeft))).toEqual([4, 3, 2, 1, 0]);
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ status: "FAILED", failureReason: "Too many wrong possession codes.", codeHash: null });
    // The session only shows the outcome now; the right code no longer helps.
    const ended = (await loadVerificationSession(sessionToken))!;
    expect(nextVerificationStep(ended)).toBe("DONE");
    await expect(confirmPossessionCode(ended, right)).rejects.toThrow(/no longer in progress/);
    expect(await auditActions(created.id)).toEqual(expect.arrayContaining(["verification.code_failed", "verification.failed"]));
  });

  it("limits resends with a cooldown", async () => {
    const { sessionToken } = await startedSession();
    await sendPossessionCode((await loadVerificationSession(sessionToken))!, "EMAIL");
    await expect(sendPossessionCode((await loadVerificationSession(sessionToken))!, "EMAIL")).rejects.toThrow(/Wait 30 seconds/);
  });
});
