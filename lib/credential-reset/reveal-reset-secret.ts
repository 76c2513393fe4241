import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { secretContext } from "@/lib/credential-reset/pending-reset-secret";
import { SECRET_KINDS, type SecretKind } from "@/lib/credential-reset/reset-steps";

export type RevealedSecret = { kind: SecretKind; value: string; expiresAt: Date | null };

/**
 * Hands the temporary password / Temporary Access Pass / reset link to the employee ONCE: the sealed value is
 * cleared in the same conditional UPDATE that reads it, so two tabs (or a replayed request) cannot both get it.
 * Null when already shown, lapsed, or there is none.
 */
export async function revealResetSecret(resetId: string, request?: { ip?: string; userAgent?: string }): Promise<RevealedSecret | null> {
  return db().$transaction(async (tx) => {
    const [taken] = await tx.$queryRaw<{ sealedSecret: string; secretKind: string; secretExpiresAt: Date | null }[]>`
      UPDATE "credential_reset" AS fresh SET "sealedSecret" = NULL, "secretRevealedAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM (SELECT "id", "sealedSecret", "secretKind", "secretExpiresAt" FROM "credential_reset" WHERE "id" = ${resetId}::uuid FOR UPDATE) AS old
      WHERE fresh."id" = old."id" AND old."sealedSecret" IS NOT NULL AND fresh."status" = 'SUCCEEDED'
        AND (old."secretExpiresAt" IS NULL OR old."secretExpiresAt" > (now() AT TIME ZONE 'UTC'))
      RETURNING old."sealedSecret", old."secretKind", old."secretExpiresAt"`;
    if (!taken) return null;
    const kind = SECRET_KINDS.find((candidate) => candidate === taken.secretKind);
    if (!kind) return null;
    const reset = await tx.credentialReset.findUniqueOrThrow({ where: { id: resetId }, select: { employee: { select: { id: true, login: true } } } });
    await recordAuditEvent(tx, {
      actor: { type: "EMPLOYEE", id: reset.employee.id, label: reset.employee.login },
      action: "credential_reset.secret_shown",
      target: { type: "credential_reset", id: resetId, label: reset.employee.login },
      request,
      details: { kind },
    });
    return { kind, value: openSecret(taken.sealedSecret, secretContext(resetId)), expiresAt: taken.secretExpiresAt };
  });
}
