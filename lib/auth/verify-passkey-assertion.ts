import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { AuthenticatorTransportFuture, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { consumeWebauthnChallenge, CHALLENGE_TTL_MS, storeWebauthnChallenge } from "@/lib/auth/webauthn-challenge";
import { relyingParty } from "@/lib/auth/webauthn-relying-party";
import { authenticationResponseSchema } from "@/lib/auth/webauthn-schemas";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/** `sign_in`: the second step of signing in; `step_up`: a fresh proof before a sensitive action. */
export type AssertionPurpose = "sign_in" | "step_up";

type Asserter = Pick<CurrentConsoleUser, "id" | "email" | "sessionId">;

const storedTransportsSchema = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]).catch("internal"));

/** Authentication options listing `user`'s passkeys; the challenge is kept (hashed) for this session only. */
export async function startPasskeyAssertion(user: Asserter): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await db().consolePasskey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError("invalid_input", "This account has no passkey yet.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: storedTransportsSchema.parse(passkey.transports) satisfies AuthenticatorTransportFuture[],
    })),
  });
  await db().$transaction((tx) => storeWebauthnChallenge(tx, user.sessionId, "authentication", options.challenge));
  return options;
}

/**
 * Verifies a passkey assertion for `user`'s session: the challenge is consumed first (single use, 5 minutes,
 * this session only), then origin, RP ID, user verification, the signature and a growing counter are checked.
 * On success the passkey's counter and the session's `secondFactorAt` move in one transaction with the audit event.
 */
export async function finishPasskeyAssertion(user: Asserter, rawResponse: unknown, purpose: AssertionPurpose, request: RequestContext): Promise<void> {
  const response = authenticationResponseSchema.parse(rawResponse);
  const challenge = await consumeWebauthnChallenge(user.sessionId, "authentication", response.response.clientDataJSON);
  const passkey = await db().consolePasskey.findFirst({ where: { userId: user.id, credentialId: response.id } });
  const rp = relyingParty();
  const verification = passkey
    ? await verifyAuthenticationResponse({
        response: { ...response, clientExtensionResults: {} },
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
        credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.signCount) },
      }).catch(() => null)
    : null;
  if (!passkey || !verification?.verified) {
    await recordAuditEvent(db(), {
      actor: consoleUserActor(user),
      action: "auth.second_factor_failed",
      request,
      details: { purpose, method: "passkey", reason: passkey ? "assertion_refused" : "unknown_passkey" },
    });
    throw new AppError("invalid_input", "The passkey could not be verified. Try again.");
  }
  await db().$transaction(async (tx) => {
    // Conditional on the counter we verified against: two parallel uses of one assertion cannot both move it.
    const moved = await tx.consolePasskey.updateMany({
      where: { id: passkey.id, signCount: passkey.signCount },
      data: { signCount: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
    });
    const session = await tx.consoleSession.updateMany({ where: { id: user.sessionId, revokedAt: null }, data: { secondFactorAt: new Date() } });
    if (moved.count !== 1 || session.count !== 1) throw new AppError("conflict", "The passkey was used twice at once. Try again.");
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: purpose === "step_up" ? "auth.step_up" : "auth.second_factor_verified",
      request,
      details: { method: "passkey", passkeyId: passkey.id, sessionId: user.sessionId },
    });
  });
}
