import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { hashToken, isWellFormedToken } from "@/lib/verification/requests/verification-secrets";

/**
 * Spends the single-use link and opens a browser session for the steps that follow. The swap is one
 * conditional UPDATE: two tabs (or a replayed link) racing for the same token cannot both win.
 */
export async function startVerification(
  token: string,
  request?: { ip?: string; userAgent?: string },
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const refused = new AppError("not_found", "This link can no longer be used. Ask for a new one.");
  if (!isWellFormedToken(token)) throw refused;
  const sessionToken = randomBytes(32).toString("base64url");
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    const [started] = await tx.verificationRequest.updateManyAndReturn({
      where: { linkTokenHash: hashToken(token), linkConsumedAt: null, status: { in: ["PENDING", "OPENED"] }, expiresAt: { gt: now } },
      data: { linkConsumedAt: now, sessionTokenHash: hashToken(sessionToken), sealedLinkToken: null, status: "IN_PROGRESS", startedAt: now },
      select: { id: true, employeeId: true, expiresAt: true },
    });
    if (!started) return null;
    await recordAuditEvent(tx, {
      actor: started.employeeId ? { type: "EMPLOYEE", id: started.employeeId, label: "employee" } : { type: "ANONYMOUS", label: "self-service (address matched nobody)" },
      action: "verification.started",
      target: { type: "verification_request", id: started.id },
      request,
    });
    return { sessionToken, expiresAt: started.expiresAt };
  });
  if (result) return result;
  // Outside the (empty) transaction: a refused replay of a real link is worth a trace of its own.
  const known = await db().verificationRequest.findUnique({ where: { linkTokenHash: hashToken(token) }, select: { id: true } });
  if (known) {
    await recordAuditEvent(db(), {
      actor: { type: "ANONYMOUS" },
      action: "verification.link_refused",
      target: { type: "verification_request", id: known.id },
      request,
      details: { reason: "link already used, expired or cancelled" },
    });
  }
  throw refused;
}
