"use server";

import { z } from "zod";
import { protectedAction } from "@/lib/auth/guards";
import { finishPasskeyAssertion, startPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { verifyTotpCode } from "@/lib/auth/verify-totp-code";

// Step-up: a fresh second factor inside a console session (every role may prove its own).
export const startStepUpAction = protectedAction("dashboard:view", z.undefined(), (_input, { user }) => startPasskeyAssertion(user));

export const finishStepUpAction = protectedAction("dashboard:view", z.unknown(), async (response, { user, request }) => {
  await finishPasskeyAssertion(user, response, "step_up", request);
  return null;
});

export const verifyStepUpTotpAction = protectedAction("dashboard:view", z.object({ code: z.string().max(12) }), async ({ code }, { user, request }) => {
  await verifyTotpCode(user, code, "step_up", request);
  return null;
});
