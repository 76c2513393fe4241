"use server";

import { z } from "zod";
import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { revealResetSecret, type RevealedSecret } from "@/lib/credential-reset/reveal-reset-secret";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";

type Result<T = undefined> = { ok: true; data: T } | { ok: false; error: string };

const RESET_LIMIT = { name: "verify:reset:ip", limit: 20, windowSeconds: 900 };
const ENDED = "This verification session has ended. Start again from the link or the self-service portal.";

async function verifiedSession() {
  const session = await currentVerificationSession();
  return session?.status === "VERIFIED" && session.employeeId ? session : null;
}

/** The verified employee starts a reset from their own verification session (the cookie is the credential). */
export async function startResetAction(action: unknown): Promise<Result> {
  const parsed = z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]).safeParse(action);
  if (!parsed.success) return { ok: false, error: "Choose what to reset." };
  const request = await getRequestContext();
  if ((await hitRateLimit(RESET_LIMIT, request.ip)).limited) return { ok: false, error: "Too many attempts from this network. Wait a few minutes." };
  const session = await verifiedSession();
  if (!session) return { ok: false, error: ENDED };
  try {
    await startCredentialReset({ requestId: session.id, action: parsed.data }, { type: "EMPLOYEE" }, request);
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Shows the temporary password / TAP / reset link once, only to the session that verified. */
export async function revealSecretAction(resetId: unknown): Promise<Result<RevealedSecret>> {
  const parsed = z.uuid().safeParse(resetId);
  if (!parsed.success) return { ok: false, error: "Unknown reset." };
  const session = await verifiedSession();
  if (!session) return { ok: false, error: ENDED };
  const owned = await db().credentialReset.findFirst({ where: { id: parsed.data, requestId: session.id }, select: { id: true } });
  if (!owned) return { ok: false, error: "Unknown reset." };
  const secret = await revealResetSecret(owned.id, await getRequestContext());
  return secret ? { ok: true, data: secret } : { ok: false, error: "This was already shown once, or it has lapsed. If you did not note it, contact your IT service desk." };
}
