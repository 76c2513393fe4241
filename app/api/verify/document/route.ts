import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { MAX_DOCUMENT_BYTES, submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";

const UPLOAD_LIMIT = { name: "verify:document:ip", limit: 30, windowSeconds: 900 };
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"];

function refuse(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Upload of the ID document photo for the verification in this browser's session cookie. */
export async function POST(request: Request): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(UPLOAD_LIMIT, context.ip)).limited) return refuse(429, "Too many uploads from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuse(401, "This verification session has ended. Open the link from your e-mail again.");
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_DOCUMENT_BYTES + 64 * 1024) return refuse(413, "That file is larger than 12 MB. Take a new photo or choose a smaller file.");

  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("document");
  } catch {
    return refuse(400, "Choose a photo of your document.");
  }
  if (!(file instanceof File) || file.size === 0) return refuse(400, "Choose a photo of your document.");
  if (file.type && !ACCEPTED_TYPES.includes(file.type)) return refuse(415, "Use a JPEG, PNG, WebP or HEIC photo.");

  try {
    const result = await submitIdentityDocument(session, new Uint8Array(await file.arrayBuffer()), context);
    if (!result.ok) return Response.json({ ok: false, error: result.message, attemptsLeft: result.attemptsLeft, ended: result.ended }, { status: 422 });
    // The one rule for what follows (lib/verification/requests/advance-verification): the details, the code, or
    // a decision when nothing else is needed.
    const refreshed = await reloadVerificationSession(session);
    const step = refreshed ? await advanceVerification(refreshed, { request: context }) : "DONE";
    return Response.json({ ok: true, step }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
    throw error;
  }
}
