import { createHash, randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { deleteEvidenceImages, KEEPS_AN_IMAGE } from "@/lib/verification/requests/evidence-retention";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
import { walletDocumentEvidence, walletEvidenceOf } from "@/lib/wallet/presentations/wallet-evidence";
import { openWalletSecrets, requestedElementsSchema } from "@/lib/wallet/presentations/wallet-presentation-secrets";
import { type DigitalCredentialResponse, openWalletResponse, WalletResponseError } from "@/lib/wallet/protocol/open-wallet-response";
import { loadTrustAnchors } from "@/lib/wallet/trust/load-trust-anchors";
import type { WalletCheck } from "@/lib/verification/decision/wallet-checks";
import { type VerifiedWalletDocument, verifyDeviceResponse } from "@/lib/wallet/verify/verify-device-response";

export type WalletSubmission = { ok: true; evidenceId: string } | { ok: false; message: string; attemptsLeft: number };

type RequestInfo = { ip?: string; userAgent?: string };
/** Once answered, a request's one-time keys serve nothing: they are dropped with its outcome. */
const SPENT = "";
type SpentPresentation = { id: string; origin: string; requested: unknown; sealedSecrets: string };

/**
 * Spends the request in one conditional UPDATE before anything is opened: of a replay, a double post or a parallel
 * burst only one answer is ever examined. The request must be this verification's, issued to this browser
 * session, unanswered and unexpired; anything else is refused without saying which.
 */
async function spendPresentation(session: VerificationSession, presentationId: string): Promise<SpentPresentation> {
  const [spent] = await db().walletPresentation.updateManyAndReturn({
    where: { id: presentationId, requestId: session.id, sessionTokenHash: session.sessionTokenHash ?? "-", usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
    select: { id: true, origin: true, requested: true, sealedSecrets: true },
  });
  if (!spent) throw new AppError("conflict", "This wallet request was already answered or has expired. Try the wallet again.");
  return spent;
}

async function refuse(session: VerificationSession, presentationId: string, reason: string, checks: WalletCheck[], request?: RequestInfo): Promise<WalletSubmission> {
  await db().$transaction(async (tx) => {
    await tx.walletPresentation.update({ where: { id: presentationId }, data: { outcome: "REFUSED", refusalReason: reason, sealedSecrets: SPENT } });
    await recordAuditEvent(tx, { actor: verificationActor(session), action: "verification.wallet_refused", target: verificationTarget(session), request, details: { presentationId, reason, failedChecks: checks.filter((check) => !check.passed).map((check) => check.check) } });
  });
  const row = await db().verificationRequest.findUnique({ where: { id: session.id }, select: { walletAttempts: true } });
  return { ok: false, message: reason, attemptsLeft: Math.max(0, session.policy.maxAttempts - (row?.walletAttempts ?? session.policy.maxAttempts)) };
}

/**
 * The verified wallet ID as this verification's document evidence, in one transaction with its audit event: the
 * claims it carries, what was checked, the issuer and the trust anchor. No image is kept but the issuer-signed
 * portrait, sealed, and only while a live face still has to be compared with it (the decision deletes it).
 */
async function recordWalletEvidence(session: VerificationSession, presentationId: string, verified: VerifiedWalletDocument, protocol: string, deviceResponse: Uint8Array, request?: RequestInfo): Promise<string> {
  const evidenceId = randomUUID();
  const document = walletDocumentEvidence(verified);
  const wallet = walletEvidenceOf(verified, protocol);
  const sealedPortrait = verified.portrait ? Buffer.from(sealSecret(Buffer.from(verified.portrait).toString("base64"), `evidence:${evidenceId}`), "utf8") : null;
  const now = new Date();
  await db().$transaction(async (tx) => {
    const open = await tx.verificationRequest.updateMany({ where: { id: session.id, status: "IN_PROGRESS" }, data: { walletAttempts: { increment: 0 } } });
    if (open.count !== 1) throw new AppError("conflict", "This verification is no longer in progress.");
    await tx.verificationEvidence.updateMany({ where: { requestId: session.id, ...KEEPS_AN_IMAGE }, data: deleteEvidenceImages(now) });
    await tx.verificationEvidence.create({
      data: {
        id: evidenceId,
        requestId: session.id,
        // The evidence hash: SHA-256 of the DeviceResponse as the wallet signed it.
        imageSha256: createHash("sha256").update(deviceResponse).digest("hex"),
        imageBytes: deviceResponse.byteLength,
        sealedImage: sealedPortrait,
        imageDeletedAt: sealedPortrait ? null : now,
        readable: true,
        documentKind: "MDOC",
        documentType: verified.doctype.doctype,
        issuingCountry: document.issuingCountry,
        expired: false,
        consistent: true,
        extracted: toJson({ document, problems: [], wallet }),
        readSidePortrait: sealedPortrait !== null,
      },
    });
    await tx.walletPresentation.update({ where: { id: presentationId }, data: { outcome: "ACCEPTED", sealedSecrets: SPENT } });
    await recordAuditEvent(tx, {
      actor: verificationActor(session),
      action: "verification.wallet_verified",
      target: verificationTarget(session),
      request,
      details: { evidenceId, presentationId, protocol, doctype: wallet.doctype, issuer: wallet.issuer.commonName, trustAnchorFingerprint: wallet.trustAnchor.fingerprint, elements: wallet.elementsUsed },
    });
  });
  return evidenceId;
}

/**
 * Examines a wallet's answer to the request `presentationId`: decrypts it with that request's one-time key,
 * verifies it fully (lib/wallet/verify) against the trust list, and keeps it as the verification's document when
 * every check passed. A refusal says why and changes nothing but the spent request (and its audit event); the
 * employee may try the wallet again while attempts are left, or photograph the document instead.
 */
export async function submitWalletPresentation(session: VerificationSession, input: { presentationId: string; credential: DigitalCredentialResponse }, request?: RequestInfo): Promise<WalletSubmission> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  if (nextVerificationStep(session) !== "DOCUMENT") throw new AppError("conflict", "This verification is not waiting for an ID document.");
  const presentation = await spendPresentation(session, input.presentationId);
  const secrets = openWalletSecrets(presentation.id, presentation.sealedSecrets);
  const requested = requestedElementsSchema.parse(presentation.requested);
  let opened;
  try {
    opened = await openWalletResponse(input.credential, secrets, presentation.origin);
  } catch (error) {
    if (error instanceof WalletResponseError) return refuse(session, presentation.id, error.message, [], request);
    throw error;
  }
  const verified = await verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: await loadTrustAnchors(), requested });
  if (!verified.ok) return refuse(session, presentation.id, verified.reason, verified.checks, request);
  return { ok: true, evidenceId: await recordWalletEvidence(session, presentation.id, verified, opened.protocol, opened.deviceResponse, request) };
}
