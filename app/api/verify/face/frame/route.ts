import { z } from "zod";
import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { WorkQueueFullError } from "@/lib/documents";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { MultipartError, readMultipartFile } from "@/lib/http/read-multipart-file";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { defaultFaceCheckDeps } from "@/lib/verification/face/face-check-deps";
import { FACE_FRAME_LIMITS } from "@/lib/verification/face/face-frame-limits";
import { submitFaceFrame } from "@/lib/verification/face/submit-face-frame";
import { advanceVerification, nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";

// Four frames per challenge, three challenges per verification: generous for a shared office network, tight for a flood.
const FRAME_LIMIT = { name: "verify:face-frame:ip", limit: 120, windowSeconds: 900 };

const fieldsSchema = z.object({ nonce: z.string().regex(/^[A-Za-z0-9_-]{43}$/), index: z.coerce.number().int().min(0).max(3) });

function refuse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const RESTART = "The picture could not be read. Start the face check again.";

/** The one mapping of this route's typed errors to HTTP. */
function refusalFor(error: unknown): Response | null {
  if (error instanceof MultipartError) return refuse(error.reason === "too_large" ? 413 : 400, RESTART);
  if (error instanceof WorkQueueFullError) return refuse(503, "Many face checks are running right now. Try again in a moment.", { "Retry-After": String(error.retryAfterSeconds) });
  if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
  return null;
}

/** One selfie frame of the open face challenge; the last one is evaluated and the verification moves on. */
export async function POST(request: Request): Promise<Response> {
  const context = await getRequestContext();
  const session = (await hitRateLimit(FRAME_LIMIT, context.ip)).limited ? "limited" : await currentVerificationSession();
  if (session === "limited" || !session || session.status !== "IN_PROGRESS") {
    request.body?.cancel().catch(() => undefined);
    return session === "limited" ? refuse(429, "Too many uploads from this network. Wait a few minutes and try again.") : refuse(401, "This verification session has ended. Open the link from your e-mail again.");
  }
  try {
    const { file, fields } = await readMultipartFile(request, FACE_FRAME_LIMITS);
    const parsed = fieldsSchema.safeParse(Object.fromEntries(fields));
    if (!parsed.success) return refuse(400, RESTART);
    const outcome = await submitFaceFrame(session, { ...parsed.data, bytes: file.bytes }, await defaultFaceCheckDeps(), context);
    if (outcome.status === "refused") return Response.json({ ok: false, error: outcome.message, attemptsLeft: outcome.attemptsLeft }, { status: 422, headers: { "Cache-Control": "no-store" } });
    if (outcome.status === "accepted") return Response.json({ ok: true, nextIndex: outcome.nextIndex }, { headers: { "Cache-Control": "no-store" } });
    // Only verified / not verified reaches the employee; the reasons and scores are the agent's.
    const refreshed = await reloadVerificationSession(session);
    const step = refreshed ? (nextVerificationStep(refreshed) === "FACE" ? "FACE" : await advanceVerification(refreshed, { request: context })) : "DONE";
    return Response.json({ ok: true, passed: outcome.passed, attemptsLeft: outcome.attemptsLeft, step }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const refused = refusalFor(error);
    if (refused) return refused;
    throw error;
  }
}
