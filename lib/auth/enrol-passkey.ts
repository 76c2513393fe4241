import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { consumeWebauthnChallenge, CHALLENGE_TTL_MS, storeWebauthnChallenge } from "@/lib/auth/webauthn-challenge";
import { relyingParty } from "@/lib/auth/webauthn-relying-party";
import { enrolPasskeyInputSchema } from "@/lib/auth/webauthn-schemas";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

type Enroller = Pick<CurrentConsoleUser, "id" | "email" | "name" | "sessionId" | "secondFactorAt" | "hasSecondFactor">;

/**
 * A first passkey may be added right after the password (that is the enrolment on first sign-in); adding one
 * more to an account that already has a factor is a security change and needs a fresh second factor.
 */
function assertMayEnrol(user: Enroller): void {
  if (user.hasSecondFactor) requireRecentSecondFactor(user);
}

/** Registration options for a new passkey of `user`; the challenge is kept (hashed) for this session only. */
export async function startPasskeyEnrolment(user: Enroller): Promise<PublicKeyCredentialCreationOptionsJSON> {
  assertMayEnrol(user);
  const rp = relyingParty();
  const existing = await db().consolePasskey.findMany({ where: { userId: user.id }, select: { credentialId: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await db().$transaction((tx) => storeWebauthnChallenge(tx, user.sessionId, "registration", options.challenge));
  return options;
}

/**
 * Verifies the browser's registration answer (challenge of this session, single use; origin and RP ID from
 * APP_URL; user verification) and stores the passkey. The session counts as having proved a second factor.
 */
export async function finishPasskeyEnrolment(user: Enroller, rawInput: unknown, request: RequestContext): Promise<{ id: string }> {
  assertMayEnrol(user);
  const input = enrolPasskeyInputSchema.parse(rawInput);
  const challenge = await consumeWebauthnChallenge(user.sessionId, "registration", input.response.response.clientDataJSON);
  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: { ...input.response, clientExtensionResults: {} },
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified || !verification.registrationInfo) {
    await recordAuditEvent(db(), { actor: consoleUserActor(user), action: "auth.second_factor_failed", request, details: { purpose: "enrolment" } });
    throw new AppError("invalid_input", "The passkey could not be verified. Try again.");
  }
  const { credential } = verification.registrationInfo;
  return db().$transaction(async (tx) => {
    const passkey = await tx.consolePasskey.create({
      data: {
        userId: user.id,
        credentialId: credential.id,
        publicKey: credential.publicKey,
        signCount: credential.counter,
        transports: credential.transports ?? [],
        name: input.name,
      },
    });
    await tx.consoleSession.update({ where: { id: user.sessionId }, data: { secondFactorAt: new Date() } });
    await recordAuditEvent(tx, {
      actor: consoleUserActor(user),
      action: "auth.passkey_enrolled",
      target: { type: "console_user", id: user.id, label: user.email },
      request,
      details: { passkeyId: passkey.id, name: passkey.name },
    });
    return { id: passkey.id };
  });
}
