import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { PossessionChannel } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { deliverOutboxMessage, possessionCodeEmail, possessionCodeSms, queueEmail, queueSms } from "@/lib/notifications";
import { normaliseCountry } from "@/lib/verification/matching";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
import { generatePossessionCode, hashPossessionCode, possessionCodeMatches } from "@/lib/verification/requests/verification-secrets";

export const CODE_LIFETIME_MINUTES = 10;
export const MAX_CODE_SENDS = 3;
export const RESEND_COOLDOWN_SECONDS = 30;

/** The employee's mobile number in E.164, when the directory has one that parses. */
export function mobileOnRecord(employee: { mobilePhone: string | null; country: string | null }): string | null {
  if (!employee.mobilePhone) return null;
  const country = (employee.country && normaliseCountry(employee.country)) || undefined;
  const parsed = parsePhoneNumberFromString(employee.mobilePhone, country as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/** "j•••@example.com" / "•••• 0100": enough for the employee to recognise, too little to harvest. */
export function maskDestination(channel: PossessionChannel, destination: string): string {
  if (channel === "SMS") return `•••• ${destination.slice(-4)}`;
  const [local = "", domain = ""] = destination.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** How self-service names the destination: never any digits of it (issue 14). */
export const SELF_SERVICE_MOBILE_LABEL = "the mobile on record";

/**
 * Where a code may go. Self-service never uses the work mailbox (the employee may be locked out of it), only
 * offers the mobile on record once the evidence has matched, and even then never shows any of its digits: whoever
 * typed the address has proved nothing about the phone yet, and the last digits are what a SIM-swap needs.
 */
export function codeDestinations(session: VerificationSession): { channel: PossessionChannel; masked: string }[] {
  const { employee } = session;
  if (!employee) return [];
  const mobile = mobileOnRecord(employee);
  if (session.initiatorType === "SELF_SERVE") return session.evidenceMatchedAt && mobile ? [{ channel: "SMS", masked: SELF_SERVICE_MOBILE_LABEL }] : [];
  const destinations: { channel: PossessionChannel; masked: string }[] = [];
  if (employee.email) destinations.push({ channel: "EMAIL", masked: maskDestination("EMAIL", employee.email) });
  if (mobile) destinations.push({ channel: "SMS", masked: maskDestination("SMS", mobile) });
  return destinations;
}

/**
 * Sends a fresh code (a resend replaces the previous one) to an address on record. Limited to MAX_CODE_SENDS
 * per verification with a cooldown, so the link cannot be used to spam the employee.
 */
export async function sendPossessionCode(session: VerificationSession, channel: PossessionChannel, request?: { ip?: string; userAgent?: string }): Promise<void> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  if (session.codeVerifiedAt) throw new AppError("conflict", "Your code was already confirmed.");
  const destination = codeDestinations(session).some((option) => option.channel === channel) && session.employee ? (channel === "EMAIL" ? session.employee.email : mobileOnRecord(session.employee)) : null;
  if (!destination) throw new AppError("invalid_input", "That option is not available.");
  if (session.codeSendCount >= MAX_CODE_SENDS) throw new AppError("rate_limited", "You have asked for too many codes. Ask for a new verification link.");
  if (session.codeSentAt && Date.now() - session.codeSentAt.getTime() < RESEND_COOLDOWN_SECONDS * 1000) {
    throw new AppError("rate_limited", `Wait ${RESEND_COOLDOWN_SECONDS} seconds before asking for another code.`);
  }
  const code = generatePossessionCode();
  const messageId = await db().$transaction(async (tx) => {
    const updated = await tx.verificationRequest.updateMany({
      where: { id: session.id, status: "IN_PROGRESS", codeSendCount: session.codeSendCount },
      data: {
        codeHash: hashPossessionCode(session.id, code),
        codeChannel: channel,
        codeSentAt: new Date(),
        codeExpiresAt: new Date(Date.now() + CODE_LIFETIME_MINUTES * 60_000),
        codeSendCount: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("conflict", "A code was just sent. Check your messages.");
    const related = { type: "verification_request", id: session.id };
    const id =
      channel === "EMAIL"
        ? await queueEmail(tx, { to: destination, ...possessionCodeEmail({ code, expiresInMinutes: CODE_LIFETIME_MINUTES }), related })
        : await queueSms(tx, { to: destination, text: possessionCodeSms({ code, expiresInMinutes: CODE_LIFETIME_MINUTES }), related });
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.code_sent",
      target: verificationTarget(session),
      request,
      details: { channel, sendNumber: session.codeSendCount + 1 },
    });
    return id;
  });
  await deliverOutboxMessage(messageId);
}

export type CodeCheck = { ok: true } | { ok: false; attemptsLeft: number; message: string };

const TOO_MANY = "Too many wrong codes. This verification has ended.";

/**
 * Checks a typed code in constant time. The attempt is reserved before the comparison, in one conditional
 * UPDATE that only counts it while attempts are left and a live, unused code exists; so a parallel burst is
 * compared at most `maxAttempts` times, and once they are spent even the right code is never compared. The
 * success is a conditional UPDATE too (single use: one success however many requests carry the right code).
 * Using the last attempt on a wrong code fails the verification.
 */
export async function confirmPossessionCode(session: VerificationSession, typed: string, request?: { ip?: string; userAgent?: string }): Promise<CodeCheck> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  const { maxAttempts } = session.policy;
  if (!session.codeHash || !session.codeExpiresAt) return { ok: false, attemptsLeft: Math.max(0, maxAttempts - session.codeFailedAttempts), message: "Ask for a code first." };
  const actor = verificationActor(session);
  const target = verificationTarget(session);
  // The attempt counts as a failure until the comparison proves otherwise; the hash compared is the one this
  // statement saw, not the session's copy (a resend may have replaced it since the session was loaded).
  const [reserved] = await db().verificationRequest.updateManyAndReturn({
    where: { id: session.id, status: "IN_PROGRESS", codeVerifiedAt: null, codeHash: { not: null }, codeExpiresAt: { gt: new Date() }, codeFailedAttempts: { lt: maxAttempts } },
    data: { codeFailedAttempts: { increment: 1 } },
    select: { codeFailedAttempts: true, codeHash: true },
  });
  if (!reserved?.codeHash) return refusedAttempt(session, request);

  if (/^\d{6}$/.test(typed) && possessionCodeMatches(session.id, typed, reserved.codeHash)) {
    const codeHash = reserved.codeHash;
    await db().$transaction(async (tx) => {
      // The reserved attempt is given back: a right code is not a failure.
      const confirmed = await tx.verificationRequest.updateMany({
        where: { id: session.id, status: "IN_PROGRESS", codeHash, codeVerifiedAt: null },
        data: { codeVerifiedAt: new Date(), codeHash: null, codeFailedAttempts: { decrement: 1 } },
      });
      if (confirmed.count !== 1) throw new AppError("conflict", "This code was already used.");
      await recordAuditEvent(tx, { actor, action: "verification.code_verified", target, request, details: { channel: session.codeChannel } });
    });
    return { ok: true };
  }
  const attempts = reserved.codeFailedAttempts;
  await recordAuditEvent(db(), { actor, action: "verification.code_failed", target, request, details: { expired: false, attempt: attempts } });
  const attemptsLeft = Math.max(0, maxAttempts - attempts);
  if (attemptsLeft === 0) {
    await failVerification(session, "Too many wrong possession codes.", request);
    return { ok: false, attemptsLeft, message: TOO_MANY };
  }
  return { ok: false, attemptsLeft, message: "That code is not right." };
}

/** Why no attempt could be reserved: spent attempts, an expired or already used code, or a verification that ended. */
async function refusedAttempt(session: VerificationSession, request?: { ip?: string; userAgent?: string }): Promise<CodeCheck> {
  const row = await db().verificationRequest.findUnique({
    where: { id: session.id },
    select: { status: true, codeFailedAttempts: true, codeVerifiedAt: true, codeHash: true, codeExpiresAt: true },
  });
  if (!row || row.status !== "IN_PROGRESS") return { ok: false, attemptsLeft: 0, message: "This verification has ended." };
  if (row.codeVerifiedAt) throw new AppError("conflict", "This code was already used.");
  const attemptsLeft = Math.max(0, session.policy.maxAttempts - row.codeFailedAttempts);
  if (attemptsLeft === 0) {
    // A request of the same burst may get here before the one that used the last try has failed the verification;
    // failing is conditional (only while IN_PROGRESS), so doing it twice is harmless.
    await failVerification(session, "Too many wrong possession codes.", request);
    return { ok: false, attemptsLeft, message: TOO_MANY };
  }
  if (!row.codeHash) return { ok: false, attemptsLeft, message: "Ask for a code first." };
  await recordAuditEvent(db(), { actor: verificationActor(session), action: "verification.code_failed", target: verificationTarget(session), request, details: { expired: true, attempt: null } });
  return { ok: false, attemptsLeft, message: "That code has expired. Ask for a new one." };
}
