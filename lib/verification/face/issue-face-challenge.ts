import { createHash, randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { drawFaceChallenge, FACE_MOVE_PROMPTS, MAX_FACE_ATTEMPTS, type FaceMove } from "@/lib/verification/face/face-challenge";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

export type IssuedFaceChallenge = {
  /** Sent back with every frame; only its hash is stored. */
  nonce: string;
  steps: { move: FaceMove; prompt: string }[];
  /** Milliseconds after the browser received this at which to take each frame (frame 0: straight ahead). */
  schedule: number[];
  attemptsLeft: number;
};

export function hashFaceNonce(nonce: string): string {
  return createHash("sha256").update(nonce, "utf8").digest("base64url");
}

/**
 * Issues a live-face challenge for the verification in this browser session. The attempt is reserved and the
 * challenge created in one transaction whose first write is the conditional increment: of a parallel burst only
 * as many get a challenge as attempts are left. A newer challenge abandons any open one (one camera, one check).
 * The issue time is taken just before the row is written, so the browser, which starts its timers when the
 * answer arrives, can only be later than the server's schedule, never earlier.
 */
export async function issueFaceChallenge(session: VerificationSession, request?: { ip?: string; userAgent?: string }): Promise<IssuedFaceChallenge> {
  if (session.status !== "IN_PROGRESS" || nextVerificationStep(session) !== "FACE") throw new AppError("conflict", "This verification is not waiting for a face check. Reload the page.");
  const sessionTokenHash = session.sessionTokenHash;
  if (!sessionTokenHash) throw new AppError("unauthenticated", "This verification session has ended.");
  const { moves, schedule } = drawFaceChallenge();
  const nonce = randomBytes(32).toString("base64url");

  const used = await db().$transaction(async (tx) => {
    const [reserved] = await tx.verificationRequest.updateManyAndReturn({
      where: { id: session.id, status: "IN_PROGRESS", faceAttempts: { lt: MAX_FACE_ATTEMPTS } },
      data: { faceAttempts: { increment: 1 } },
      select: { faceAttempts: true },
    });
    if (!reserved) return null;
    await tx.faceCaptureAttempt.updateMany({ where: { requestId: session.id, status: "ISSUED" }, data: { status: "ABANDONED" } });
    const attempt = await tx.faceCaptureAttempt.create({
      data: { requestId: session.id, issuedAt: new Date(), nonceHash: hashFaceNonce(nonce), sessionTokenHash, challenge: moves, schedule },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.face_challenge_issued",
      target: verificationTarget(session),
      request,
      details: { attemptId: attempt.id, attempt: reserved.faceAttempts, steps: moves.length },
    });
    return reserved.faceAttempts;
  });
  if (used === null) throw new AppError("rate_limited", "No face check attempts are left for this verification.");
  return { nonce, steps: moves.map((move) => ({ move, prompt: FACE_MOVE_PROMPTS[move] })), schedule, attemptsLeft: MAX_FACE_ATTEMPTS - used };
}
