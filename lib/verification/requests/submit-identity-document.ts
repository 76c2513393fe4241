import { createHash, randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { deleteEvidenceImages, KEEPS_AN_IMAGE } from "@/lib/verification/requests/evidence-retention";
import { AppError } from "@/lib/errors";
import { documentReadQueue, encodeEvidenceImage, inspectImage, MAX_IMAGE_BYTES, readIdentityDocument, type DocumentReadResult } from "@/lib/documents";
import type { MultipartLimits } from "@/lib/http/read-multipart-file";
import { describeReadFailure } from "@/lib/documents/describe-read-failure";
import { documentShowsPortrait } from "@/lib/verification/face/document-shows-portrait";
import { faceCheckRequired } from "@/lib/verification/face/face-check-required";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import { reserveDocumentAttempt } from "@/lib/verification/requests/reserve-document-attempt";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

/** The reader's own ceiling: one limit for the upload route, this check and the reader. */
export const MAX_DOCUMENT_BYTES = MAX_IMAGE_BYTES;

/** The upload form: one photo, a few small fields at most, and room for the multipart framing. */
export const DOCUMENT_UPLOAD_LIMITS: MultipartLimits = {
  fileField: "document",
  maxFileBytes: MAX_DOCUMENT_BYTES,
  maxParts: 4,
  maxFieldBytes: 1024,
  maxHeaderBytes: 2048,
  overheadBytes: 16 * 1024,
};

export type DocumentSubmission =
  | { ok: true; evidenceId: string }
  | { ok: false; message: string; attemptsLeft: number; ended: boolean };

/** The reader's result as stored JSON (a round trip: the document's interfaces are plain data, and Prisma needs JSON values). */
function toJson(value: object): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(value));
}

type RequestInfo = { ip?: string; userAgent?: string };

const NO_ATTEMPTS_LEFT = "No attempts are left for this verification, or another photo is still being read. Reload the page.";

/**
 * Stores what was read, in one transaction with its audit event: a new evidence row, and the upload's
 * downsized copy as the verification's only kept image (earlier images are deleted, not piled up).
 */
async function recordEvidence(session: VerificationSession, image: Uint8Array, { result, readSidePortrait }: CheckedRead, request?: RequestInfo): Promise<string> {
  const evidenceId = randomUUID();
  const imageSha256 = createHash("sha256").update(image).digest("hex");
  // A result that could not be decoded keeps no image at all (there is nothing to look at).
  const kept = result.ok || result.failure.reason !== "UNSUPPORTED" ? await encodeEvidenceImage(image).catch(() => null) : null;
  const sealedImage = kept ? Buffer.from(sealSecret(kept.toString("base64"), `evidence:${evidenceId}`), "utf8") : null;
  const actor = verificationActor(session);
  const target = verificationTarget(session);
  await db().$transaction(async (tx) => {
    // A no-op write that locks the row: a parallel failVerification waits for this transaction, or this one sees it.
    const open = await tx.verificationRequest.updateMany({ where: { id: session.id, status: "IN_PROGRESS" }, data: { documentAttempts: { increment: 0 } } });
    if (open.count !== 1) throw new AppError("conflict", "This verification is no longer in progress.");
    const now = new Date();
    await tx.verificationEvidence.updateMany({ where: { requestId: session.id, ...KEEPS_AN_IMAGE }, data: deleteEvidenceImages(now) });
    // imageSha256 and imageBytes describe the upload as received; the sealed copy is the downsized JPEG.
    const base = { id: evidenceId, requestId: session.id, imageSha256, imageBytes: image.byteLength, sealedImage, imageDeletedAt: sealedImage ? null : now };
    if (result.ok) {
      const { document } = result;
      await tx.verificationEvidence.create({
        data: {
          ...base,
          readable: true,
          documentKind: document.kind,
          documentType: document.documentType,
          issuingCountry: document.issuingCountry,
          expired: result.expired,
          consistent: result.consistent,
          extracted: toJson({ document, problems: result.problems }),
          readSidePortrait,
        },
      });
      const details = { evidenceId, kind: document.kind, issuingCountry: document.issuingCountry, expired: result.expired, consistent: result.consistent, imageSha256 };
      await recordAuditEvent(tx, { actor, action: "verification.document_read", target, request, details });
    } else {
      await tx.verificationEvidence.create({ data: { ...base, readable: false, failureHint: result.failure.hint } });
      await recordAuditEvent(tx, { actor, action: "verification.document_unreadable", target, request, details: { evidenceId, hint: result.failure.hint, imageSha256 } });
    }
  });
  return evidenceId;
}

/** A read, and whether the photo read shows the holder's portrait (null when no live face is asked for). */
type CheckedRead = { result: DocumentReadResult; readSidePortrait: boolean | null };

/**
 * When the verification compares a live face with the document's portrait, it must know where that portrait is.
 * A passport photo page must show it: one without (cropped to the MRZ) is refused like an unreadable photo (the
 * attempt counts), with what to photograph instead. A licence's barcode side never shows it, and most ID cards'
 * MRZ side does not: their front is asked for next and bound to what was read (submit-document-front).
 */
async function withPortraitCheck(session: VerificationSession, image: Uint8Array, result: DocumentReadResult): Promise<CheckedRead> {
  if (!result.ok || result.expired || !faceCheckRequired(session)) return { result, readSidePortrait: null };
  if (result.document.kind === "AAMVA") return { result, readSidePortrait: false };
  const portrait = await documentShowsPortrait(image);
  if (portrait || result.document.kind !== "MRZ_TD3") return { result, readSidePortrait: portrait };
  return { result: { ok: false, failure: describeReadFailure("NOT_FOUND", "no_portrait") }, readSidePortrait: null };
}

/**
 * Reads an uploaded document photo and keeps it as evidence. Refused from its header alone (format outside
 * the allowlist, more than 40 MP: ImageRefusedError) it costs no attempt; otherwise it waits for a slot among
 * the document readers (WorkQueueFullError when there is none), spends an attempt (every upload counts, so a
 * parallel burst cannot read more photos than the policy allows), and is read. The last attempt failing ends
 * the verification unless a parallel upload was accepted.
 */
export async function submitIdentityDocument(session: VerificationSession, image: Uint8Array, request?: RequestInfo): Promise<DocumentSubmission> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  // The one step rule decides (an agent-sent link asks for the code first; self-service proves possession last).
  if (nextVerificationStep(session) !== "DOCUMENT") throw new AppError("conflict", "This verification is not waiting for a document photo.");
  if (image.byteLength === 0) throw new AppError("invalid_input", "Choose a photo of your document.");
  if (image.byteLength > MAX_DOCUMENT_BYTES) throw new AppError("invalid_input", "That file is larger than 12 MB. Take a new photo or choose a smaller file.");
  await inspectImage(image);

  return documentReadQueue.run(async () => {
    const used = await reserveDocumentAttempt(session);
    if (used === null) throw new AppError("conflict", NO_ATTEMPTS_LEFT);
    const checked = await withPortraitCheck(session, image, await readIdentityDocument(image));
    const { result } = checked;
    const evidenceId = await recordEvidence(session, image, checked, request);
    if (result.ok && !result.expired) return { ok: true, evidenceId };

    const attemptsLeft = Math.max(0, session.policy.maxAttempts - used);
    const message = result.ok ? "This document has expired. Use a document that is still valid." : result.failure.message;
    if (attemptsLeft > 0) return { ok: false, message, attemptsLeft, ended: false };
    const accepted = await db().verificationEvidence.count({ where: { requestId: session.id, readable: true, expired: false } });
    if (accepted > 0) return { ok: false, message, attemptsLeft, ended: false };
    await failVerification(session, result.ok ? "Only expired identity documents were presented." : "No readable identity document after the allowed attempts.", request);
    return { ok: false, message, attemptsLeft, ended: true };
  });
}
