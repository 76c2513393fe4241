import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { issueFaceChallenge } from "@/lib/verification/face/issue-face-challenge";

const CHALLENGE_LIMIT = { name: "verify:face-challenge:ip", limit: 20, windowSeconds: 900 };

function refuse(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Issues a live-face challenge (nonce, prompts, capture schedule) to the verification in this browser's session cookie. */
export async function POST(): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(CHALLENGE_LIMIT, context.ip)).limited) return refuse(429, "Too many attempts from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuse(401, "This verification session has ended. Open the link from your e-mail again.");
  try {
    const challenge = await issueFaceChallenge(session, context);
    return Response.json({ ok: true, ...challenge }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
    throw error;
  }
}
