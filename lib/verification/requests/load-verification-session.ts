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
  const latest = session.evidence[0];
  const documentPending = session.policy.requireIdDocument && !(latest?.readable && !latest.expired);
  if (session.initiatorType === "SELF_SERVE") {
    // Evidence first, possession last: nothing about the address (not even a masked phone) shows before a match.
    if (documentPending) return "DOCUMENT";
    return session.evidenceMatchedAt ? "CODE" : "DETAILS";
  }
  if (session.policy.requirePossessionCode && !session.codeVerifiedAt) return "CODE";
  if (documentPending) return "DOCUMENT";
  return "DETAILS";
}

/** The steps in the order this verification asks for them (progress indicator). */
export function verificationSteps(session: VerificationSession): { id: VerificationStep; label: string }[] {
  const code = session.policy.requirePossessionCode ? [{ id: "CODE" as const, label: "Code" }] : [];
  const document = session.policy.requireIdDocument ? [{ id: "DOCUMENT" as const, label: "ID document" }] : [];
  const details = [{ id: "DETAILS" as const, label: "Details" }];
  return session.initiatorType === "SELF_SERVE" ? [...document, ...details, ...code] : [...code, ...document, ...details];
}
