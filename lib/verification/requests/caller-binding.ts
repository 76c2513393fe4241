import { randomInt, timingSafeEqual } from "node:crypto";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud over a bad line and to type back.
const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const MAX_BINDING_ATTEMPTS = 3;
/** The caller is on the phone while the agent waits for the code: a code older than this is refused. */
export const BINDING_CODE_LIFETIME_MINUTES = 10;

export function bindingCodeExpiry(now: Date = new Date()): Date {
  return new Date(now.getTime() + BINDING_CODE_LIFETIME_MINUTES * 60_000);
}

/** A 6-character read-back code, e.g. "K7Q-M4P" (about 29 bits). */
export function generateBindingCode(): string {
  const characters = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${characters.slice(0, 3).join("")}-${characters.slice(3).join("")}`;
}

export function sealBindingCode(verificationId: string, code: string): string {
  return sealSecret(code, `caller-binding:${verificationId}`);
}

type BindingCodeHolder = { id: string; sealedBindingCode: string | null; bindingCodeExpiresAt: Date | null };

/** Whether a read-back code is still usable: issued, not burnt or used, not expired. */
export function bindingCodeLive(verification: Omit<BindingCodeHolder, "id">, now: Date = new Date()): boolean {
  return verification.sealedBindingCode !== null && verification.bindingCodeExpiresAt !== null && verification.bindingCodeExpiresAt > now;
}

/** The code to show on the employee's screen, while the agent has not confirmed it yet and it has not expired. */
export function openBindingCode(verification: BindingCodeHolder): string | null {
  return verification.sealedBindingCode && bindingCodeLive(verification) ? openSecret(verification.sealedBindingCode, `caller-binding:${verification.id}`) : null;
}

function normalise(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export type BindingResult = { ok: true } | { ok: false; attemptsLeft: number };

/**
 * The agent types what the caller reads from their screen: proof that the person on the phone is the one who
 * just verified. The attempt is reserved first, in one conditional UPDATE that counts it only while the code is
 * live and attempts are left, so a parallel burst is compared at most MAX_BINDING_ATTEMPTS times; the success is
 * conditional too (single use). Constant-time comparison; three wrong codes burn the code, ten minutes expire it
 * (the employee must verify again).
 */
export async function confirmCallerBinding(id: string, typed: string, actor: AuditActor & { type: "CONSOLE_USER" | "API_KEY" }, request?: { ip?: string; userAgent?: string }): Promise<BindingResult> {
  const verification = await db().verificationRequest.findUnique({ where: { id }, include: { employee: { select: { login: true } } } });
  if (!verification || verification.status !== "VERIFIED") throw new AppError("conflict", "Only a verified request can be bound to the caller.");
  // The read-back proves who is on this agent's call: nobody else may consume it (assertMayActOnVerification too).
  // Through the API, the key that started it stands for the agent (a ticketing tool on the agent's screen).
  const started = actor.type === "CONSOLE_USER" ? verification.initiatorType === "CONSOLE_USER" && verification.initiatedById === actor.id : verification.initiatorType === "API_CLIENT" && verification.initiatedByApiKeyId === actor.id;
  if (!started) throw new AppError("forbidden", actor.type === "CONSOLE_USER" ? "Only the agent who started this verification can confirm the caller." : "Only the API key that started this verification can confirm the caller.");
  if (verification.bindingConfirmedAt) throw new AppError("conflict", "The caller was already confirmed.");
  const target = { type: "verification_request", id, label: verification.employee?.login };

  const [reserved] = await db().verificationRequest.updateManyAndReturn({
    where: { id, status: "VERIFIED", bindingConfirmedAt: null, sealedBindingCode: { not: null }, bindingCodeExpiresAt: { gt: new Date() }, bindingFailedAttempts: { lt: MAX_BINDING_ATTEMPTS } },
    data: { bindingFailedAttempts: { increment: 1 } },
    select: { bindingFailedAttempts: true, sealedBindingCode: true },
  });
  if (!reserved?.sealedBindingCode) throw await refusal(id);
  const sealed = reserved.sealedBindingCode;
  const expected = openSecret(sealed, `caller-binding:${id}`);
  const a = Buffer.from(normalise(expected));
  const b = Buffer.from(normalise(typed));
  const matches = a.length === b.length && timingSafeEqual(a, b);

  return db().$transaction(async (tx) => {
    if (matches) {
      // The reserved attempt is given back: a right code is not a failure.
      const bound = await tx.verificationRequest.updateMany({
        where: { id, bindingConfirmedAt: null, sealedBindingCode: sealed },
        data: { bindingConfirmedAt: new Date(), bindingConfirmedById: actor.type === "CONSOLE_USER" ? actor.id : null, sealedBindingCode: null, bindingFailedAttempts: { decrement: 1 } },
      });
      if (bound.count !== 1) throw new AppError("conflict", "The caller was already confirmed.");
      await recordAuditEvent(tx, { actor, action: "verification.caller_bound", target, request });
      return { ok: true } as const;
    }
    const attempts = reserved.bindingFailedAttempts;
    if (attempts >= MAX_BINDING_ATTEMPTS) await tx.verificationRequest.updateMany({ where: { id, bindingConfirmedAt: null }, data: { sealedBindingCode: null } });
    await recordAuditEvent(tx, { actor, action: "verification.caller_binding_failed", target, request, details: { attempt: attempts } });
    return { ok: false, attemptsLeft: Math.max(0, MAX_BINDING_ATTEMPTS - attempts) } as const;
  });
}

/** Why no attempt could be reserved, in words for the agent. */
async function refusal(id: string): Promise<AppError> {
  const row = await db().verificationRequest.findUnique({ where: { id }, select: { bindingConfirmedAt: true, sealedBindingCode: true, bindingCodeExpiresAt: true, bindingFailedAttempts: true } });
  if (row?.bindingConfirmedAt) return new AppError("conflict", "The caller was already confirmed.");
  if (row && row.sealedBindingCode !== null && row.bindingFailedAttempts < MAX_BINDING_ATTEMPTS && !bindingCodeLive(row)) {
    return new AppError("conflict", `The read-back code has expired (it lasts ${BINDING_CODE_LIFETIME_MINUTES} minutes). Send a new verification.`);
  }
  return new AppError("conflict", "No read-back code is left: too many wrong codes. Send a new verification.");
}
