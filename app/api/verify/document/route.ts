import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { ImageRefusedError, TOO_MANY_PIXELS, WorkQueueFullError } from "@/lib/documents";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { MultipartError, readMultipartFile } from "@/lib/http/read-multipart-file";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { advanceVerification, nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { DOCUMENT_UPLOAD_LIMITS, submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";

const UPLOAD_LIMIT = { name: "verify:document:ip", limit: 30, windowSeconds: 900 };

function refuse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** An upload refused before its body was read: the body is dropped, not pulled in. */
function refuseUnread(request: Request, status: number, error: string): Response {
  request.body?.cancel().catch(() => undefined);
  return refuse(status, error);
}

const CHOOSE_A_PHOTO = "Choose a photo of your document.";
const MULTIPART_REFUSAL: Record<MultipartError["reason"], [status: number, message: string]> = {
  too_large: [413, "That file is larger than 12 MB. Take a new photo or choose a smaller file."],
  not_multipart: [415, CHOOSE_A_PHOTO],
  malformed: [400, CHOOSE_A_PHOTO],
  no_file: [400, CHOOSE_A_PHOTO],
  too_many_files: [400, "Upload one photo at a time."],
  too_many_parts: [400, CHOOSE_A_PHOTO],
  field_too_large: [400, CHOOSE_A_PHOTO],
};

/** The one mapping of this route's typed errors to HTTP. */
function refusalFor(error: unknown): Response | null {
  if (error instanceof MultipartError) return refuse(...MULTIPART_REFUSAL[error.reason]);
  if (error instanceof ImageRefusedError && error.reason === "too_many_pixels") return refuse(422, TOO_MANY_PIXELS);
  // The format is sniffed from the bytes: a declared image/jpeg that is an SVG is refused here.
  if (error instanceof ImageRefusedError) return refuse(415, "This file isn't a photo we can open. Upload a JPEG, PNG, WebP or HEIC photo of your document.");
  if (error instanceof WorkQueueFullError) {
    return refuse(503, "Many documents are being read right now. Try again in a moment.", { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
  return null;
}

/** Upload of the ID document photo for the verification in this browser's session cookie. */
export async function POST(request: Request): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(UPLOAD_LIMIT, context.ip)).limited) return refuseUnread(request, 429, "Too many uploads from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuseUnread(request, 401, "This verification session has ended. Open the link from your e-mail again.");
  // Checked before the body is read, so a photo sent at the wrong step costs neither memory nor an attempt.
  if (nextVerificationStep(session) !== "DOCUMENT") return refuseUnread(request, 409, "This verification is not waiting for a document photo. Reload the page.");

  try {
    const { file } = await readMultipartFile(request, DOCUMENT_UPLOAD_LIMITS);
    const result = await submitIdentityDocument(session, file.bytes, context);
    if (!result.ok) return Response.json({ ok: false, error: result.message, attemptsLeft: result.attemptsLeft, ended: result.ended }, { status: 422 });
    // The one rule for what follows (lib/verification/requests/advance-verification): the details, the code, or
    // a decision when nothing else is needed.
    const refreshed = await reloadVerificationSession(session);
    const step = refreshed ? await advanceVerification(refreshed, { request: context }) : "DONE";
    return Response.json({ ok: true, step }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const refused = refusalFor(error);
    if (refused) return refused;
    throw error;
  }
}
