import { createHash, randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { checkFrameTiming } from "@/lib/verification/face/check-frame-timing";
import { evaluateFaceCapture, type FaceCheckDeps, faceCheckQueue, refusedFaceEvidence } from "@/lib/verification/face/evaluate-face-capture";
import { faceScheduleSchema, MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";
import { FRAME_REFUSAL_MESSAGES, type FrameRefusal, inspectFaceFrame, MAX_FRAME_BYTES } from "@/lib/verification/face/inspect-face-frame";
import { hashFaceNonce } from "@/lib/verification/face/issue-face-challenge";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

export type FrameRefusalReason = FrameRefusal | "replayed" | "timing";

export type FrameOutcome =
  | { status: "accepted"; nextIndex: number }
  | { status: "refused"; reason: FrameRefusalReason; message: string; attemptsLeft: number }
  | { status: "checked"; passed: boolean; attemptsLeft: number };

type RequestInfo = { ip?: string; userAgent?: string };
type Attempt = { id: string; requestId: string };

function attemptsLeft(session: VerificationSession): number {
  return Math.max(0, MAX_FACE_ATTEMPTS - session.faceAttempts);
}

/** A refused frame ends its attempt (the employee starts a new challenge), with its audit event, in one transaction. */
async function refuseFrame(session: VerificationSession, attempt: Attempt, index: number, reason: FrameRefusalReason, request?: RequestInfo): Promise<FrameOutcome> {
  const message = FRAME_REFUSAL_MESSAGES[reason];
  await db().$transaction(async (tx) => {
    const ended = await tx.faceCaptureAttempt.updateMany({
      where: { id: attempt.id, status: "ISSUED" },
      data: { status: "FAILED", evaluatedAt: new Date(), evidence: toJson(refusedFaceEvidence(`A selfie frame was refused (${reason}).`)) },
    });
    if (ended.count !== 1) return;
    await recordAuditEvent(tx, { actor: verificationActor(session), action: "verification.face_frame_refused", target: verificationTarget(session), request, details: { attemptId: attempt.id, index, reason } });
  });
  return { status: "refused", reason, message, attemptsLeft: attemptsLeft(session) };
}

/**
 * Accepts frame `index` of the open challenge whose nonce this browser holds. Refused, ending the attempt: a
 * frame out of order or outside its window on the server's clock, a frame whose bytes were not made by the page
 * (inspectFaceFrame), or one byte-identical to a frame of any earlier attempt. The last frame triggers the
 * evaluation. The nonce only opens an attempt of this verification issued to this same session cookie: a nonce
 * carried to another browser or verification is "not found".
 */
export async function submitFaceFrame(
  session: VerificationSession,
  frame: { nonce: string; index: number; bytes: Buffer },
  deps: FaceCheckDeps,
  request?: RequestInfo,
): Promise<FrameOutcome> {
  const receivedAt = new Date();
  if (session.status !== "IN_PROGRESS" || !session.sessionTokenHash) throw new AppError("conflict", "This verification is no longer in progress.");
  if (frame.bytes.byteLength === 0 || frame.bytes.byteLength > MAX_FRAME_BYTES) throw new AppError("invalid_input", "The picture could not be read. Start the face check again.");
  const attempt = await db().faceCaptureAttempt.findFirst({
    where: { nonceHash: hashFaceNonce(frame.nonce), requestId: session.id, sessionTokenHash: session.sessionTokenHash },
  });
  if (!attempt) throw new AppError("not_found", "This face check is not open. Start it again.");
  if (attempt.status !== "ISSUED") throw new AppError("conflict", "This face check is over. Start it again.");
  const schedule = faceScheduleSchema.parse(attempt.schedule);

  const timing = checkFrameTiming({ issuedAt: attempt.issuedAt, schedule, index: frame.index, framesReceived: attempt.framesReceived, receivedAt });
  if (!timing.ok) return refuseFrame(session, attempt, frame.index, "timing", request);
  const inspection = inspectFaceFrame(frame.bytes);
  if (!inspection.ok) return refuseFrame(session, attempt, frame.index, inspection.reason, request);
  const sha256 = createHash("sha256").update(frame.bytes).digest("hex");
  // A camera never yields the same JPEG bytes twice: the same bytes in another attempt (of any verification) are a replay.
  const replayed = await db().faceCaptureFrame.findFirst({ where: { sha256, attemptId: { not: attempt.id } }, select: { id: true } });
  if (replayed) return refuseFrame(session, attempt, frame.index, "replayed", request);

  const last = frame.index === schedule.length - 1;
  const store = () => db().$transaction(async (tx) => {
    // Conditional on the count, so two parallel uploads of one index cannot both land.
    const advanced = await tx.faceCaptureAttempt.updateMany({ where: { id: attempt.id, status: "ISSUED", framesReceived: frame.index }, data: { framesReceived: { increment: 1 } } });
    if (advanced.count !== 1) return false;
    const id = randomUUID();
    const sealedImage = Buffer.from(sealSecret(frame.bytes.toString("base64"), `face-frame:${id}`), "utf8");
    await tx.faceCaptureFrame.create({ data: { id, attemptId: attempt.id, index: frame.index, receivedAt, sha256, bytes: frame.bytes.byteLength, sealedImage } });
    return true;
  });
  const alreadyReceived = new AppError("conflict", "This picture was already received. Start the face check again.");
  if (!last) {
    if (!(await store())) throw alreadyReceived;
    return { status: "accepted", nextIndex: frame.index + 1 };
  }
  // The last frame takes a slot among the face checks before it is stored: when none is free it is refused
  // (WorkQueueFullError, 503) unstored, and the browser may send it again inside its window.
  return faceCheckQueue.run(async () => {
    if (!(await store())) throw alreadyReceived;
    const evidence = await evaluateFaceCapture(session, attempt.id, deps, request);
    return { status: "checked", passed: evidence.passed, attemptsLeft: attemptsLeft(session) };
  });
}
