import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { EVIDENCE_MISMATCH_ALERT } from "@/lib/verification/requests/alert-evidence-mismatches";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

/** Self-service verifications for `login`, started and ready to decide (the details are what this file varies). */
async function openSessions(login: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { sessionToken } = await startVerification((await startSelfServiceVerification(login)).token);
      const session = (await loadVerificationSession(sessionToken))!;
      // Possession and document are not what this file tests: the typed name alone decides.
      return { ...session, policy: { ...session.policy, requireIdDocument: false, requirePossessionCode: false, minimumAssurance: null } };
    }),
  );
}

async function alertsFor(employeeId: string) {
  return db().auditEvent.findMany({ where: { action: "security.alert", targetId: employeeId } });
}

describe("repeated failed verifications for one employee alert the desk (issue 14)", () => {
  beforeAll(async () => {
    await useFreshDatabase("evidence_mismatch_alert");
    world = await createVerificationWorld("mismatch");
    await db().consoleUser.create({ data: { email: "desk-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    await db().consoleUser.create({ data: { email: "gone@example.com", name: "Gone", role: "HELPDESK", status: "DISABLED", passwordHash: "x", mustChangePassword: false } });
  });

  it("a parallel burst of wrong details raises exactly one alert, e-mailed to every active admin and agent", async () => {
    const employee = await world.createEmployee();
    const sessions = await openSessions(employee.login, 8);
    const decisions = await Promise.all(sessions.map((session) => decideVerification(session, { firstName: "Mallory", lastName: "Impostor" })));
    expect(decisions.every((decision) => decision.outcome === "FAILED")).toBe(true);
    const alerts = await alertsFor(employee.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ actorType: "SYSTEM", targetLabel: employee.login, details: expect.objectContaining({ kind: "repeated_verification_failures", failures: EVIDENCE_MISMATCH_ALERT.limit }) });
    const mails = await db().outboxMessage.findMany({ where: { relatedType: "employee", relatedId: employee.id } });
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(["agent-mismatch@example.com", "desk-admin@example.com"]);
    expect(mails[0]?.subject).toBe(`Security alert: ${EVIDENCE_MISMATCH_ALERT.limit} failed verifications for ${employee.login}`);
  });

  it("fewer failures than the limit, or failures spread over employees, alert nobody", async () => {
    const [first, second] = [await world.createEmployee(), await world.createEmployee()];
    for (const employee of [first, second]) {
      const sessions = await openSessions(employee.login, EVIDENCE_MISMATCH_ALERT.limit - 1);
      await Promise.all(sessions.map((session) => decideVerification(session, { firstName: "Mallory", lastName: "Impostor" })));
      expect(await alertsFor(employee.id)).toHaveLength(0);
    }
  });

  it("only failures count: a pass in between neither alerts nor resets the count", async () => {
    const employee = await world.createEmployee();
    const sessions = await openSessions(employee.login, EVIDENCE_MISMATCH_ALERT.limit + 1);
    const [passing, ...failing] = sessions;
    for (const session of failing.slice(0, -1)) await decideVerification(session, { firstName: "Mallory", lastName: "Impostor" });
    // A helpdesk check with a confirmed code reaches its minimum (possession): VERIFIED, not counted.
    const verified = await decideVerification({ ...passing!, purpose: "HELPDESK_CHECK", codeVerifiedAt: new Date(), codeChannel: "SMS" }, { firstName: "Alex", lastName: "Doe" });
    expect(verified.outcome).toBe("VERIFIED");
    expect(await alertsFor(employee.id)).toHaveLength(0);
    await decideVerification(failing.at(-1)!, { firstName: "Mallory", lastName: "Impostor" });
    expect(await alertsFor(employee.id)).toHaveLength(1);
  });
});
