"use server";

import { z } from "zod";
import { finishPasskeyEnrolment, startPasskeyEnrolment } from "@/lib/auth/enrol-passkey";
import { pendingSessionAction } from "@/lib/auth/guards";
import { finishPasskeyAssertion, startPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { verifyTotpCode } from "@/lib/auth/verify-totp-code";
import { enrolPasskeyInputSchema } from "@/lib/auth/webauthn-schemas";

// The sign-in's second step: open to a session that has its password right and owes the second factor.
export const startSignInPasskeyAction = pendingSessionAction(z.undefined(), (_input, { user }) => startPasskeyAssertion(user));

export const finishSignInPasskeyAction = pendingSessionAction(z.unknown(), async (response, { user, request }) => {
  await finishPasskeyAssertion(user, response, "sign_in", request);
  return null;
});

export const verifySignInTotpAction = pendingSessionAction(z.object({ code: z.string().max(12) }), async ({ code }, { user, request }) => {
  await verifyTotpCode(user, code, "sign_in", request);
  return null;
});

export const startPasskeyEnrolmentAction = pendingSessionAction(z.undefined(), (_input, { user }) => startPasskeyEnrolment(user));

export const finishPasskeyEnrolmentAction = pendingSessionAction(enrolPasskeyInputSchema, async (input, { user, request }) => {
  await finishPasskeyEnrolment(user, input, request);
  return null;
});
