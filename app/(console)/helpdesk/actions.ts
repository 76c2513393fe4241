"use server";

import { z } from "zod";
import { consoleUserActor } from "@/lib/audit/record-audit-event";
import { protectedAction } from "@/lib/auth/guards";
import { cancelVerification } from "@/lib/verification/requests/cancel-verification";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { createVerificationInputSchema } from "@/lib/verification/requests/create-verification-schema";

export const sendVerificationLinkAction = protectedAction("helpdesk:verify", createVerificationInputSchema, async (input, { user, request }) => {
  const created = await createVerificationRequest(input, { type: "CONSOLE_USER", user }, request);
  return { id: created.id };
});

export const cancelVerificationAction = protectedAction("helpdesk:verify", z.object({ id: z.uuid() }), async ({ id }, { user, request }) => {
  await cancelVerification(id, consoleUserActor(user), request);
  return null;
});
