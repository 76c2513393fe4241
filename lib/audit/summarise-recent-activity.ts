import { db } from "@/lib/db/prisma";

/**
 * Counts for the dashboard: sign-in activity and security alerts (throttles passing an account's or address's
 * ceiling) over the last 24 hours, and console users by status.
 */
export async function summariseRecentActivity() {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const [signIns, failedSignIns, rateLimited, securityAlerts, activeUsers, disabledUsers] = await Promise.all([
    db().auditEvent.count({ where: { action: "auth.sign_in", occurredAt: { gte: since } } }),
    db().auditEvent.count({ where: { action: "auth.sign_in_failed", occurredAt: { gte: since } } }),
    db().auditEvent.count({ where: { action: "auth.sign_in_rate_limited", occurredAt: { gte: since } } }),
    db().auditEvent.count({ where: { action: "security.alert", occurredAt: { gte: since } } }),
    db().consoleUser.count({ where: { status: "ACTIVE" } }),
    db().consoleUser.count({ where: { status: "DISABLED" } }),
  ]);
  return { signIns, failedSignIns, rateLimited, securityAlerts, activeUsers, disabledUsers };
}
