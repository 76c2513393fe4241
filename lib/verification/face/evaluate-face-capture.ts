import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openSecret } from "@/lib/crypto/server-keyring";
import { BoundedWorkQueue } from "@/lib/documents/bounded-work-queue";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import type { FaceAnalysis, FaceEngine, FaceEvidence } from "@/lib/face/face-analysis";
import { faceChallengeSchema } from "@/lib/verification/face/face-challenge";
import { judgeFaceCapture, type FaceThresholds } from "@/lib/verification/face/judge-face-capture";
import { loadDocumentPortrait } from "@/lib/verification/face/load-document-portrait";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

/** What a face check needs from the engine: injectable, so the rules are tested without the models too. */
export type FaceCheckDeps = { engine: FaceEngine; similarity: (a: readonly number[], b: readonly number[]) => number; thresholds: FaceThresholds };

/**
 * One check analyses the portrait and 3-4 frames (~1 s each on one core): one check at a time per core, a few
 * waiting, the rest refused with a retry hint instead of piling decoded images up in memory.
 */
export const faceCheckQueue = new BoundedWorkQueue({ name: "face checks", concurrency: 2, maxWaiting: 4, secondsPerTask: 5 });

type RequestInfo = { ip?: string; userAgent?: string };

/** Records an attempt's outcome once (only an ISSUED attempt), with its audit event: pass/fail only, no scores. */
export async function recordFaceOutcome(session: VerificationSession, attemptId: string, evidence: FaceEvidence, request?: RequestInfo): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const updated = await tx.faceCaptureAttempt.updateMany({
      where: { id: attemptId, status: "ISSUED" },
      data: { status: evidence.passed ? "PASSED" : "FAILED", evaluatedAt: new Date(), evidence: toJson(evidence) },
    });
    if (updated.count !== 1) return false;
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.face_checked",
      target: verificationTarget(session),
      request,
      details: { attemptId, passed: evidence.passed, challengePassed: evidence.challengePassed, portraitSource: evidence.portraitSource },
    });
    return true;
  });
}

/** A failed outcome that never reached the engine (refused frame, timing): nothing was measured. */
export function refusedFaceEvidence(reason: string): FaceEvidence {
  return { portraitSource: "PASSPORT_PHOTO_PAGE", similarity: 0, threshold: 0, antispoofScore: 0, livenessScore: 0, challengePassed: false, passed: false, reasons: [reason] };
}

/**
 * Evaluates a complete attempt: the accepted document's portrait and every frame through the engine, the rules
 * (judgeFaceCapture), and the outcome recorded. Descriptors exist only in this function's memory. The caller
 * holds a faceCheckQueue slot.
 */
export async function evaluateFaceCapture(session: VerificationSession, attemptId: string, deps: FaceCheckDeps, request?: RequestInfo): Promise<FaceEvidence> {
  const attempt = await db().faceCaptureAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { frames: { orderBy: { index: "asc" } } } });
  const moves = faceChallengeSchema.parse(attempt.challenge);
  const evidence = await (async () => {
    const portrait = loadDocumentPortrait(session.evidence[0]);
    const frames: FaceAnalysis[] = [];
    for (const frame of attempt.frames) {
      if (!frame.sealedImage) throw new Error("A selfie frame was deleted before its attempt was evaluated.");
      const image = Buffer.from(openSecret(Buffer.from(frame.sealedImage).toString("utf8"), `face-frame:${frame.id}`), "base64");
      frames.push(await deps.engine.analyze(image));
    }
    const portraitAnalysis = portrait ? await deps.engine.analyze(portrait.image) : null;
    const hashes = attempt.frames.map((frame) => frame.sha256);
    return judgeFaceCapture({
      moves,
      frames,
      portrait: portrait && portraitAnalysis ? { source: portrait.source, analysis: portraitAnalysis } : null,
      identicalFrames: new Set(hashes).size < hashes.length,
      similarity: deps.similarity,
      // The policy the verification runs under sets the portrait match; the rest are the engine's.
      thresholds: { ...deps.thresholds, match: session.policy.faceMatchThreshold },
    });
  })().catch((error: unknown) => {
    // An image the engine cannot read fails this attempt (the employee may start another), never the process.
    console.warn("face check: analysis failed", error instanceof Error ? error.message : error);
    return refusedFaceEvidence("The selfie could not be analysed.");
  });
  await recordFaceOutcome(session, attemptId, evidence, request);
  return evidence;
}
