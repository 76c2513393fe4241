"use server";

import { z } from "zod";
import { revealResetSecret } from "@/lib/credential-reset/reveal-reset-secret";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { publicAction } from "@/lib/verification/requests/public-action";

const RESET_LIMIT = { name: "verify:reset:ip", limit: 20, windowSeconds: 900 };
const REVEAL_LIMIT = { name: "verify:reveal:ip", limit: 60, windowSeconds: 900 };

/** The verified employee starts a reset from their own verification session (the cookie is the credential). */
export const startResetAction = publicAction(
  { limit: RESET_LIMIT, session: "verified", schema: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]), invalidMessage: "Choose what to reset." },
  async (action, { session, request }) => {
    await startCredentialReset({ requestId: session.id, action }, { type: "EMPLOYEE" }, request);
    return null;
  },
);

/** Shows the temporary password / TAP / reset link once, only to the session that verified. */
export const revealSecretAction = publicAction(
  { limit: REVEAL_LIMIT, session: "verified", schema: z.uuid(), invalidMessage: "Unknown reset." },
  async (resetId, { session, request }) => {
    const owned = await db().credentialReset.findFirst({ where: { id: resetId, requestId: session.id }, select: { id: true } });
    if (!owned) throw new AppError("not_found", "Unknown reset.");
    const secret = await revealResetSecret(owned.id, request);
    if (!secret) throw new AppError("conflict", "This was already shown once, or it has lapsed. If you did not note it, contact your IT service desk.");
    return secret;
  },
);
