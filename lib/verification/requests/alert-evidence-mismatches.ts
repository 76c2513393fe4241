import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { deliverOutboxMessage, queueEmail } from "@/lib/notifications";
import { evidenceMismatchAlertEmail } from "@/lib/notifications/evidence-mismatch-alert-email";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";

/**
 * Failed decisions for one employee (whoever started them: self-service or an agent's link) before the desk is
 * told. Three in an hour is more than a genuine employee fumbling a photo produces, and few enough that an attacker
 * trying printed documents or other faces trips it before running out of tries.
 */
export const EVIDENCE_MISMATCH_ALERT: RateLimitRule = { name: "verification:failed:employee", limit: 3, windowSeconds: 60 * 60 };

/**
 * Counts a FAILED decision for `employee` and, on the failure that reaches the limit, raises one `security.alert`
 * with an e-mail to every active admin and helpdesk agent. The count is one atomic upsert, so in a parallel burst
 * exactly one caller sees the count equal the limit and alerts: once per window, never twice, never skipped. The
 * audit event and the e-mails commit together; delivery follows the commit. Refuses nobody.
 */
export async function alertEvidenceMismatches(employee: { id: string; login: string }, verificationId: string, request?: { ip?: string; userAgent?: string }): Promise<boolean> {
  const hit = await hitRateLimit(EVIDENCE_MISMATCH_ALERT, employee.id);
  if (hit.count !== EVIDENCE_MISMATCH_ALERT.limit) return false;
  const windowMinutes = EVIDENCE_MISMATCH_ALERT.windowSeconds / 60;
  const messageIds = await db().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "verification watch" },
      action: "security.alert",
      target: { type: "employee", id: employee.id, label: employee.login },
      request,
      details: { kind: "repeated_verification_failures", failures: EVIDENCE_MISMATCH_ALERT.limit, windowMinutes, lastVerificationId: verificationId, effect: "the service desk was e-mailed; nobody is locked out" },
    });
    const desk = await tx.consoleUser.findMany({ where: { status: "ACTIVE", role: { in: ["ADMIN", "HELPDESK"] } }, select: { email: true }, orderBy: { email: "asc" } });
    const ids: string[] = [];
    for (const member of desk) {
      const email = evidenceMismatchAlertEmail({ login: employee.login, employeeId: employee.id, failures: EVIDENCE_MISMATCH_ALERT.limit, windowMinutes });
      ids.push(await queueEmail(tx, { to: member.email, ...email, related: { type: "employee", id: employee.id } }));
    }
    return ids;
  });
  for (const id of messageIds) await deliverOutboxMessage(id);
  return true;
}

/** The newest such alert for an employee in the last day, for the console's employee page; null when none. */
export async function recentVerificationAlert(employeeId: string): Promise<{ occurredAt: Date } | null> {
  return db().auditEvent.findFirst({
    where: { action: "security.alert", targetType: "employee", targetId: employeeId, occurredAt: { gte: new Date(Date.now() - 24 * 60 * 60_000) } },
    orderBy: { occurredAt: "desc" },
    select: { occurredAt: true },
  });
}
