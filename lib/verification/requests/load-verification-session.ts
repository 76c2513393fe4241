import { db } from "@/lib/db/prisma";
import { faceCheckRequired, portraitOnFront } from "@/lib/verification/face/face-check-required";
import type { EmployeeStep } from "@/lib/verification/requests/plan-verification-step";
import { expireIfDue } from "@/lib/verification/requests/expire-verification";
import { hasSessionEnded } from "@/lib/verification/requests/verification-session-lifetime";
import { hashToken, isWellFormedToken } from "@/lib/verification/requests/verification-secrets";

export const VERIFICATION_SESSION_COOKIE = "verifyd_verification";


const SESSION_INCLUDE = {
  employee: true,
  policy: true,
  evidence: { orderBy: { createdAt: "desc" }, take: 1 },
  // The latest live-face attempt: the step plan and the decision read its status and FaceEvidence.
  faceCaptures: { orderBy: { createdAt: "desc" }, take: 1 },
} as const;

async function findBySessionToken(sessionToken: string) {
  if (!isWellFormedToken(sessionToken)) return null;
  return db().verificationRequest.findUnique({ where: { sessionTokenHash: hashToken(sessionToken) }, include: SESSION_INCLUDE });
}

export type VerificationSession = NonNullable<Awaited<ReturnType<typeof findBySessionToken>>>;

/**
 * The verification behind a browser session cookie, or null when there is none or it is no longer usable: a
 * decided verification's session ends server-side at `sessionExpiresAt`, whatever the cookie says.
 */
export async function loadVerificationSession(sessionToken: string | undefined): Promise<VerificationSession | null> {
  if (!sessionToken) return null;
  const session = await findBySessionToken(sessionToken);
  if (!session || hasSessionEnded(session)) return null;
  const { status } = await expireIfDue(session);
  return { ...session, status };
}

/** The same verification read again after a step changed it (its caller already holds the session). */
export async function reloadVerificationSession(session: { id: string }): Promise<VerificationSession | null> {
  const fresh = await db().verificationRequest.findUnique({ where: { id: session.id }, include: SESSION_INCLUDE });
  if (!fresh || hasSessionEnded(fresh)) return null;
  const { status } = await expireIfDue(fresh);
  return { ...fresh, status };
}

/** The steps in the order this verification asks for them (progress indicator). */
export function verificationSteps(session: VerificationSession): { id: EmployeeStep; label: string }[] {
  const code = session.policy.requirePossessionCode ? [{ id: "CODE" as const, label: "Code" }] : [];
  const document = session.policy.requireIdDocument ? [{ id: "DOCUMENT" as const, label: "ID document" }] : [];
  const faceRequired = faceCheckRequired(session);
  // Shown once the card read turns out to carry its portrait on the other side (a licence, most ID cards).
  const front = faceRequired && portraitOnFront(session.evidence[0]) ? [{ id: "DOCUMENT_FRONT" as const, label: "Card front" }] : [];
  const face = faceRequired ? [{ id: "FACE" as const, label: "Live face" }] : [];
  const details = [{ id: "DETAILS" as const, label: "Details" }];
  return session.initiatorType === "SELF_SERVE" ? [...document, ...front, ...face, ...details, ...code] : [...code, ...document, ...front, ...face, ...details];
}
