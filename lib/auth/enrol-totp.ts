import "server-only";
import { generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { readConsoleSecuritySettings } from "@/lib/auth/second-factor-policy";
import { matchTotpStep, totpSealContext } from "@/lib/auth/totp-step";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

type Owner = Pick<CurrentConsoleUser, "id" | "email" | "secondFactorAt" | "hasSecondFactor">;

async function assertTotpAllowed(): Promise<void> {
  if (!(await readConsoleSecuritySettings(db())).totpAllowed) throw new AppError("forbidden", "An admin has not allowed authenticator apps.");
}

/**
 * Starts TOTP enrolment for an account that already has a passkey (after a fresh second factor): a new secret,
 * sealed at rest, not enabled until a code from the app confirms it. The secret and QR code are returned once.
 */
export async function startTotpEnrolment(user: Owner): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  await assertTotpAllowed();
  requireRecentSecondFactor(user);
  const secret = generateSecret();
  const sealedSecret = sealSecret(secret, totpSealContext(user.id));
  await db().consoleTotp.upsert({
    where: { userId: user.id },
    create: { userId: user.id, sealedSecret },
    update: { sealedSecret, enabledAt: null, lastUsedStep: null },
  });
  const uri = generateURI({ issuer: "verifyd", label: user.email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 2, width: 200 }) };
}

/** Confirms enrolment with a first code (which counts as used) and enables TOTP; audited in the same transaction. */
export async function confirmTotpEnrolment(user: Owner, code: string, request: RequestContext): Promise<void> {
  await assertTotpAllowed();
  requireRecentSecondFactor(user);
  const pending = await db().consoleTotp.findUnique({ where: { userId: user.id } });
  if (!pending || pending.enabledAt) throw new AppError("conflict", "Start again: show a new QR code first.");
  const step = matchTotpStep(openSecret(pending.sealedSecret, totpSealContext(user.id)), code.trim());
  if (step === null) throw new AppError("invalid_input", "That code is not right. Check the app's clock and try the next one.");
  await db().$transaction(async (tx) => {
    const enabled = await tx.consoleTotp.updateMany({ where: { userId: user.id, enabledAt: null, sealedSecret: pending.sealedSecret }, data: { enabledAt: new Date(), lastUsedStep: step } });
    if (enabled.count !== 1) throw new AppError("conflict", "Start again: show a new QR code first.");
    await recordAuditEvent(tx, { actor: consoleUserActor(user), action: "auth.totp_enabled", target: { type: "console_user", id: user.id, label: user.email }, request });
  });
}

/** Removes the account's TOTP (after a fresh second factor); audited in the same transaction. */
export async function disableTotp(user: Owner, request: RequestContext): Promise<void> {
  requireRecentSecondFactor(user);
  await db().$transaction(async (tx) => {
    const removed = await tx.consoleTotp.deleteMany({ where: { userId: user.id } });
    if (removed.count === 0) throw new AppError("not_found", "No authenticator app is set up.");
    await recordAuditEvent(tx, { actor: consoleUserActor(user), action: "auth.totp_disabled", target: { type: "console_user", id: user.id, label: user.email }, request });
  });
}
