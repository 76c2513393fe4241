"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from "@/lib/auth/enrol-totp";
import { finishPasskeyEnrolment, startPasskeyEnrolment } from "@/lib/auth/enrol-passkey";
import { protectedAction } from "@/lib/auth/guards";
import { removePasskey } from "@/lib/auth/remove-passkey";
import { enrolPasskeyInputSchema } from "@/lib/auth/webauthn-schemas";

const PAGE = "/account/security";

// Each user manages their own factors; the lib functions ask for a fresh second factor (step-up) themselves.
export const startAddPasskeyAction = protectedAction("dashboard:view", z.undefined(), (_input, { user }) => startPasskeyEnrolment(user));

export const finishAddPasskeyAction = protectedAction("dashboard:view", enrolPasskeyInputSchema, async (input, { user, request }) => {
  await finishPasskeyEnrolment(user, input, request);
  revalidatePath(PAGE);
  return null;
});

export const removePasskeyAction = protectedAction("dashboard:view", z.object({ passkeyId: z.uuid() }), async ({ passkeyId }, { user, request }) => {
  await removePasskey(user, passkeyId, request);
  revalidatePath(PAGE);
  return null;
});

export const startTotpEnrolmentAction = protectedAction("dashboard:view", z.undefined(), (_input, { user }) => startTotpEnrolment(user));

export const confirmTotpEnrolmentAction = protectedAction("dashboard:view", z.object({ code: z.string().max(12) }), async ({ code }, { user, request }) => {
  await confirmTotpEnrolment(user, code, request);
  revalidatePath(PAGE);
  return null;
});

export const disableTotpAction = protectedAction("dashboard:view", z.undefined(), async (_input, { user, request }) => {
  await disableTotp(user, request);
  revalidatePath(PAGE);
  return null;
});
