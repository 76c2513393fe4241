import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { evidenceUploadRefusal, refuseUnreadUpload } from "@/lib/http/evidence-upload-refusals";
import { readMultipartFile } from "@/lib/http/read-multipart-file";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { advanceVerification, nextVerificationStep, type VerificationStep } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession, type VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { DOCUMENT_UPLOAD_LIMITS } from "@/lib/verification/requests/submit-identity-document";

type Submission = { ok: true } | { ok: false; message: string; attemptsLeft: number; ended: boolean };

type EvidenceUpload = {
  limit: { name: string; limit: number; windowSeconds: number };
  /** The step the verification must be at for this photo. */
  step: VerificationStep;
  wrongStep: string;
  submit: (session: VerificationSession, image: Uint8Array, request: { ip?: string; userAgent?: string }) => Promise<Submission>;
};

/**
 * One photo for the verification in this browser's session cookie (the document read, or a card's front):
 * rate-limited per network, refused before the body is read when the session or the step is wrong (so a photo
 * sent at the wrong step costs neither memory nor an attempt), submitted, then the verification advanced by the
 * one rule for what follows (lib/verification/requests/advance-verification).
 */
export async function handleEvidenceUpload(request: Request, upload: EvidenceUpload): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(upload.limit, context.ip)).limited) return refuseUnreadUpload(request, 429, "Too many uploads from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuseUnreadUpload(request, 401, "This verification session has ended. Open the link from your e-mail again.");
  if (nextVerificationStep(session) !== upload.step) return refuseUnreadUpload(request, 409, upload.wrongStep);

  try {
    const { file } = await readMultipartFile(request, DOCUMENT_UPLOAD_LIMITS);
    const result = await upload.submit(session, file.bytes, context);
    if (!result.ok) return Response.json({ ok: false, error: result.message, attemptsLeft: result.attemptsLeft, ended: result.ended }, { status: 422 });
    const refreshed = await reloadVerificationSession(session);
    const step = refreshed ? await advanceVerification(refreshed, { request: context }) : "DONE";
    return Response.json({ ok: true, step }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const refused = evidenceUploadRefusal(error);
    if (refused) return refused;
    throw error;
  }
}
