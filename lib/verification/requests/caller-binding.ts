import { randomInt, timingSafeEqual } from "node:crypto";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud over a bad line and to type back.
const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const MAX_BINDING_ATTEMPTS = 3;

/** A 6-character read-back code, e.g. "K7Q-M4P" (about 29 bits). */
export function generateBindingCode(): string {
  const characters = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${characters.slice(0, 3).join("")}-${characters.slice(3).join("")}`;
}

export function sealBindingCode(verificationId: string, code: string): string {
  return sealSecret(code, `caller-binding:${verificationId}`);
}

/** The code to show on the employee's screen, while the agent has not confirmed it yet. */
export function openBindingCode(verification: { id: string; sealedBindingCode: string | null }): string | null {
  return verification.sealedBindingCode ? openSecret(verification.sealedBindingCode, `caller-binding:${verification.id}`) : null;
}

function normalise(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export type BindingResult = { ok: true } | { ok: false; attemptsLeft: number };

/**
 * The agent types what the caller reads from their screen: proof that the person on the phone is the one who
 * just verified. Constant-time comparison; three wrong codes burn the code (the employee must verify again).
 */
export async function confirmCallerBinding(id: string, typed: string, actor: AuditActor & { type: "CONSOLE_USER" }, request?: { ip?: string; userAgent?: string }): Promise<BindingResult> {
  const verification = await db().verificationRequest.findUnique({ where: { id }, include: { employee: { select: { login: true } } } });
  if (!verification || verification.status !== "VERIFIED") throw new AppError("conflict", "Only a verified request can be bound to the caller.");
  // The read-back proves who is on this agent's call: nobody else may consume it (assertMayActOnVerification too).
  if (verification.initiatorType !== "CONSOLE_USER" || verification.initiatedById !== actor.id) throw new AppError("forbidden", "Only the agent who started this verification can confirm the caller.");
  if (verification.bindingConfirmedAt) throw new AppError("conflict", "The caller was already confirmed.");
  const expected = openBindingCode(verification);
  if (!expected) throw new AppError("conflict", "No read-back code is left: too many wrong codes. Send a new verification.");
  const target = { type: "verification_request", id, label: verification.employee?.login };
  const matches = (() => {
    const a = Buffer.from(normalise(expected));
    const b = Buffer.from(normalise(typed));
    return a.length === b.length && timingSafeEqual(a, b);
  })();
  return db().$transaction(async (tx) => {
    if (matches) {
      const bound = await tx.verificationRequest.updateMany({
        where: { id, bindingConfirmedAt: null, sealedBindingCode: verification.sealedBindingCode },
        data: { bindingConfirmedAt: new Date(), bindingConfirmedById: actor.id, sealedBindingCode: null },
      });
      if (bound.count !== 1) throw new AppError("conflict", "The caller was already confirmed.");
      await recordAuditEvent(tx, { actor, action: "verification.caller_bound", target, request });
      return { ok: true } as const;
    }
    const [row] = await tx.verificationRequest.updateManyAndReturn({
      where: { id, bindingConfirmedAt: null },
      data: { bindingFailedAttempts: { increment: 1 } },
      select: { bindingFailedAttempts: true },
    });
    const attempts = row?.bindingFailedAttempts ?? MAX_BINDING_ATTEMPTS;
    if (attempts >= MAX_BINDING_ATTEMPTS) await tx.verificationRequest.update({ where: { id }, data: { sealedBindingCode: null } });
    await recordAuditEvent(tx, { actor, action: "verification.caller_binding_failed", target, request, details: { attempt: attempts } });
    return { ok: false, attemptsLeft: Math.max(0, MAX_BINDING_ATTEMPTS - attempts) } as const;
  });
}
