import { createHash } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import { documentReadQueue, encodeEvidenceImage, inspectImage } from "@/lib/documents";
import type { FrontTextMatch } from "@/lib/documents/front/match-front-text";
import { AppError } from "@/lib/errors";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { checkDocumentFront, type FrontCheck, frontExpectationOf } from "@/lib/verification/requests/check-document-front";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { MAX_DOCUMENT_BYTES } from "@/lib/verification/requests/submit-identity-document";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";

type RequestInfo = { ip?: string; userAgent?: string };

export type FrontSubmission = { ok: true } | { ok: false; message: string; attemptsLeft: number; ended: boolean };

const REFUSAL_MESSAGES: Record<Exclude<FrontCheck, { accepted: true }>["reason"], string> = {
  NO_PORTRAIT: "We couldn't find your photo in this picture. Photograph the front of the card, the side with your photo, flat and in good light.",
  OTHER_CARD:
    "We couldn't match this side to the card you photographed: its number and date of birth must be readable on it. Photograph the front of the same card straight on, without glare on the printed details.",
  UNDECODABLE: "This file isn't a photo we can open. Upload a JPEG, PNG, WebP or HEIC photo of the front of your card.",
};

/** Which values were found, never the values themselves (the audit log holds no document data). */
function foundOf(match: FrontTextMatch | null): Record<string, boolean> {
  return { documentNumber: match?.documentNumber ?? false, dateOfBirth: match?.dateOfBirth ?? false, surname: match?.surname ?? false };
}

/** Spends one front attempt before the photo is read, in one conditional UPDATE (a parallel burst gets no more). */
async function reserveFrontAttempt(session: VerificationSession): Promise<number | null> {
  const [row] = await db().verificationRequest.updateManyAndReturn({
    where: { id: session.id, status: "IN_PROGRESS", frontAttempts: { lt: session.policy.maxAttempts } },
    data: { frontAttempts: { increment: 1 } },
    select: { frontAttempts: true },
  });
  return row?.frontAttempts ?? null;
}

/** Keeps the accepted front beside the read it belongs to (sealed like it, deleted with it), with its audit event. */
async function recordAcceptedFront(session: VerificationSession, evidenceId: string, image: Uint8Array, match: FrontTextMatch, request?: RequestInfo): Promise<void> {
  const imageSha256 = createHash("sha256").update(image).digest("hex");
  const kept = await encodeEvidenceImage(image);
  const frontSealedImage = Buffer.from(sealSecret(kept.toString("base64"), `evidence-front:${evidenceId}`), "utf8");
  await db().$transaction(async (tx) => {
    // A no-op write that locks the row: a parallel failVerification waits for this transaction, or this one sees it.
    const open = await tx.verificationRequest.updateMany({ where: { id: session.id, status: "IN_PROGRESS" }, data: { frontAttempts: { increment: 0 } } });
    if (open.count !== 1) throw new AppError("conflict", "This verification is no longer in progress.");
    const stored = await tx.verificationEvidence.updateMany({
      where: { id: evidenceId, requestId: session.id, readable: true, frontAcceptedAt: null },
      data: { frontSealedImage, frontImageSha256: imageSha256, frontAcceptedAt: new Date(), frontCheck: toJson(foundOf(match)) },
    });
    if (stored.count !== 1) throw new AppError("conflict", "The front of this card was already accepted.");
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.document_front_accepted",
      target: verificationTarget(session),
      request,
      details: { evidenceId, imageSha256, found: foundOf(match) },
    });
  });
}

/**
 * The front of the card read at the document step (a licence's photo side, an ID card's), when the live face is
 * compared with the portrait printed there. Refused from its header alone it costs nothing; otherwise it spends
 * a front attempt and is checked (checkDocumentFront). Accepted, it is kept beside the read; refused, nothing is
 * kept and the audit log says which of the card's values were found. The last attempt failing ends the
 * verification: a front that does not match its back, again and again, is what mixing two cards looks like.
 */
export async function submitDocumentFront(session: VerificationSession, image: Uint8Array, request?: RequestInfo): Promise<FrontSubmission> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  if (nextVerificationStep(session) !== "DOCUMENT_FRONT") throw new AppError("conflict", "This verification is not waiting for the front of a card.");
  if (image.byteLength === 0) throw new AppError("invalid_input", "Choose a photo of the front of your card.");
  if (image.byteLength > MAX_DOCUMENT_BYTES) throw new AppError("invalid_input", "That file is larger than 12 MB. Take a new photo or choose a smaller file.");
  await inspectImage(image);
  const read = session.evidence[0];
  const expected = read ? frontExpectationOf(read.extracted) : null;
  if (!read || !expected) throw new AppError("conflict", "No card was read to match this side with. Reload the page.");

  return documentReadQueue.run(async () => {
    const used = await reserveFrontAttempt(session);
    if (used === null) throw new AppError("conflict", "No attempts are left for this verification, or another photo is still being read. Reload the page.");
    const check = await checkDocumentFront(image, expected);
    if (check.accepted) {
      await recordAcceptedFront(session, read.id, image, check.match, request);
      return { ok: true };
    }
    await db().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: verificationActor(session),
        action: "verification.document_front_refused",
        target: verificationTarget(session),
        request,
        details: { evidenceId: read.id, reason: check.reason, found: foundOf(check.match), imageSha256: createHash("sha256").update(image).digest("hex") },
      }),
    );
    const attemptsLeft = Math.max(0, session.policy.maxAttempts - used);
    const message = REFUSAL_MESSAGES[check.reason];
    if (attemptsLeft > 0) return { ok: false, message, attemptsLeft, ended: false };
    await failVerification(session, "The front of the card did not match the card read, or showed no portrait, after the allowed attempts.", request);
    return { ok: false, message, attemptsLeft, ended: true };
  });
}
