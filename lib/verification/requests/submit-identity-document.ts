import { createHash, randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { AppError } from "@/lib/errors";
import { MAX_IMAGE_BYTES, readIdentityDocument } from "@/lib/documents";
import type { MultipartLimits } from "@/lib/http/read-multipart-file";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { failVerification } from "@/lib/verification/requests/fail-verification";
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

/**
 * Reads an uploaded document photo and keeps it as evidence: the image sealed (deleted later per the
 * retention policy), its SHA-256, and what was read. Unreadable and expired documents are refused with a
 * hint and count as an attempt; a readable one moves the verification on to the decision.
 */
export async function submitIdentityDocument(
  session: VerificationSession,
  image: Uint8Array,
  request?: { ip?: string; userAgent?: string },
): Promise<DocumentSubmission> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  // The one step rule decides (an agent-sent link asks for the code first; self-service proves possession last).
  if (nextVerificationStep(session) !== "DOCUMENT") throw new AppError("conflict", "This verification is not waiting for a document photo.");
  if (image.byteLength === 0) throw new AppError("invalid_input", "Choose a photo of your document.");
  if (image.byteLength > MAX_DOCUMENT_BYTES) throw new AppError("invalid_input", "That file is larger than 12 MB. Take a new photo or choose a smaller file.");

  const result = await readIdentityDocument(image);
  const evidenceId = randomUUID();
  const imageSha256 = createHash("sha256").update(image).digest("hex");
  const sealedImage = Buffer.from(sealSecret(Buffer.from(image).toString("base64"), `evidence:${evidenceId}`), "utf8");
  const accepted = result.ok && !result.expired;
  const actor = verificationActor(session);
  const target = verificationTarget(session);

  const attempts = await db().$transaction(async (tx) => {
    const base = { id: evidenceId, requestId: session.id, imageSha256, imageBytes: image.byteLength, sealedImage };
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
          extracted: { document, problems: result.problems } as unknown as Prisma.InputJsonObject,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: "verification.document_read",
        target,
        request,
        details: { evidenceId, kind: document.kind, issuingCountry: document.issuingCountry, expired: result.expired, consistent: result.consistent, imageSha256 },
      });
    } else {
      await tx.verificationEvidence.create({ data: { ...base, readable: false, failureHint: result.failure.hint } });
      await recordAuditEvent(tx, { actor, action: "verification.document_unreadable", target, request, details: { evidenceId, hint: result.failure.hint, imageSha256 } });
    }
    if (accepted) return session.documentAttempts;
    const [row] = await tx.verificationRequest.updateManyAndReturn({
      where: { id: session.id, status: "IN_PROGRESS" },
      data: { documentAttempts: { increment: 1 } },
      select: { documentAttempts: true },
    });
    return row?.documentAttempts ?? session.policy.maxAttempts;
  });

  if (accepted) return { ok: true, evidenceId };
  const attemptsLeft = Math.max(0, session.policy.maxAttempts - attempts);
  const message = result.ok ? "This document has expired. Use a document that is still valid." : result.failure.message;
  if (attemptsLeft === 0) {
    await failVerification(session, result.ok ? "Only expired identity documents were presented." : "No readable identity document after the allowed attempts.", request);
    return { ok: false, message, attemptsLeft, ended: true };
  }
  return { ok: false, message, attemptsLeft, ended: false };
}
