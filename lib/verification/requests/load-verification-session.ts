import { db } from "@/lib/db/prisma";
import { expireIfDue } from "@/lib/verification/requests/expire-verification";
import { hashToken, isWellFormedToken } from "@/lib/verification/requests/verification-secrets";

export const VERIFICATION_SESSION_COOKIE = "verifyd_verification";

export type VerificationStep = "CODE" | "DOCUMENT" | "DETAILS" | "DONE";

async function findBySessionToken(sessionToken: string) {
  if (!isWellFormedToken(sessionToken)) return null;
  return db().verificationRequest.findUnique({
    where: { sessionTokenHash: hashToken(sessionToken) },
    include: {
      employee: true,
      policy: true,
      evidence: { orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
}

export type VerificationSession = NonNullable<Awaited<ReturnType<typeof findBySessionToken>>>;

/** The verification behind a browser session cookie, or null when there is none (or it is no longer usable). */
export async function loadVerificationSession(sessionToken: string | undefined): Promise<VerificationSession | null> {
  if (!sessionToken) return null;
  const session = await findBySessionToken(sessionToken);
  if (!session) return null;
  const { status } = await expireIfDue(session);
  return { ...session, status };
}

/** The next thing the employee has to do, from what the policy needs and what is already done. */
export function nextVerificationStep(session: VerificationSession): VerificationStep {
  if (session.status !== "IN_PROGRESS") return "DONE";
  if (session.policy.requirePossessionCode && !session.codeVerifiedAt) return "CODE";
  const latest = session.evidence[0];
  if (session.policy.requireIdDocument && !(latest?.readable && !latest.expired)) return "DOCUMENT";
  return "DETAILS";
}
