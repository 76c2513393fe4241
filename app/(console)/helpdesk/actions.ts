"use server";

import QRCode from "qrcode";
import { z } from "zod";
import { consoleUserActor } from "@/lib/audit/record-audit-event";
import { protectedAction } from "@/lib/auth/guards";
import { requireRecentSecondFactor } from "@/lib/auth/require-recent-second-factor";
import { startCredentialReset, startCredentialResetSchema } from "@/lib/credential-reset/start-credential-reset";
import { confirmCallerBinding } from "@/lib/verification/requests/caller-binding";
import { cancelVerification } from "@/lib/verification/requests/cancel-verification";
import { resendVerificationLink } from "@/lib/verification/requests/resend-verification-link";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { createVerificationInputSchema } from "@/lib/verification/requests/create-verification-schema";
import { showVerificationLink } from "@/lib/verification/requests/show-verification-link";
import { assertMayActOnVerification } from "@/lib/verification/requests/verification-access";

export const sendVerificationLinkAction = protectedAction("helpdesk:verify", createVerificationInputSchema, async (input, { user, request }) => {
  const created = await createVerificationRequest(input, { type: "CONSOLE_USER", user }, request);
  return { id: created.id };
});

/** The initiating agent's link, with its QR code; each call is one audited display. */
export const showVerificationLinkAction = protectedAction("helpdesk:verify", z.object({ id: z.uuid() }), async ({ id }, { user, request }) => {
  const link = await showVerificationLink(user, id, request);
  return link ? { link, svg: await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) } : null;
});

export const cancelVerificationAction = protectedAction("helpdesk:verify", z.object({ id: z.uuid() }), async ({ id }, { user, request }) => {
  const access = await assertMayActOnVerification(user, id, "cancel", request);
  await cancelVerification(id, consoleUserActor(user), request, access.ownVerification ? undefined : { initiatedById: access.initiatedById });
  return null;
});

export const resendVerificationLinkAction = protectedAction("helpdesk:verify", z.object({ id: z.uuid() }), async ({ id }, { user, request }) => {
  await assertMayActOnVerification(user, id, "resend_link", request);
  await resendVerificationLink(id, { type: "CONSOLE_USER", id: user.id, label: user.email }, user.name, request);
  return null;
});

export const confirmCallerBindingAction = protectedAction(
  "helpdesk:verify",
  z.object({ id: z.uuid(), code: z.string().trim().min(1, "Type the code the caller reads to you.").max(20) }),
  async ({ id, code }, { user, request }) => {
    await assertMayActOnVerification(user, id, "confirm_binding", request);
    return confirmCallerBinding(id, code, { type: "CONSOLE_USER", id: user.id, label: user.email }, request);
  },
);

/** The agent starts a reset for a caller who verified and read back their code; the secret goes to the caller's screen only. */
export const startResetForCallerAction = protectedAction("helpdesk:reset", startCredentialResetSchema, async (input, { user, request }) => {
  requireRecentSecondFactor(user);
  await assertMayActOnVerification(user, input.requestId, "start_reset", request);
  const started = await startCredentialReset(input, { type: "CONSOLE_USER", user }, request);
  return { id: started.id };
});
