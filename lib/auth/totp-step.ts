import { timingSafeEqual } from "node:crypto";
import { generateSync } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;

/**
 * The 30-second step a 6-digit code belongs to, accepting the current step and one either side (clock drift),
 * or null. The caller reserves the step so no code is accepted twice.
 */
export function matchTotpStep(secret: string, code: string, now: Date = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const currentStep = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
  for (const step of [currentStep - 1, currentStep, currentStep + 1]) {
    const expected = generateSync({ secret, epoch: step * TOTP_PERIOD_SECONDS });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
  }
  return null;
}

/** The sealing context of a user's TOTP secret (binds the ciphertext to its owner). */
export function totpSealContext(userId: string): string {
  return `console-totp:${userId}`;
}
